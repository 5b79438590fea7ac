// Splitting manifest text into chunks of whole documents, and reading one
// chunk with syntax-error recovery. See chunks.h.
#include "schemas/check/chunks.h"

#include <algorithm>

namespace mast {

// The offset of the first document marker (`---` at the start of a line,
// followed by a space, a line break or the end) at or after `from`, or npos.
size_t NextDocumentMarker(std::string_view text, size_t from) {
  for (size_t at = text.find("---", from); at != std::string_view::npos; at = text.find("---", at + 1)) {
    const bool line_start = at == 0 || text[at - 1] == '\n';
    const bool ends = at + 3 == text.size() || text[at + 3] == ' ' || text[at + 3] == '\t' || text[at + 3] == '\n' ||
                      text[at + 3] == '\r';
    if (line_start && ends) return at;
  }
  return std::string_view::npos;
}

// Splits `text` before `---` markers into chunks of about `chunk_bytes`. A
// marker right after a directive line (`%YAML`) is not a split point: the
// directive belongs to the document it starts.
std::vector<Chunk> SplitIntoChunks(std::string_view text, size_t chunk_bytes) {
  std::vector<Chunk> chunks;
  size_t begin = 0;
  chunk_bytes = std::max<size_t>(chunk_bytes, 1);
  while (text.size() - begin > chunk_bytes) {
    size_t marker = NextDocumentMarker(text, begin + chunk_bytes);
    while (marker != std::string_view::npos && marker >= 2) {
      const size_t previous_line = text.rfind('\n', marker - 2);
      const size_t previous_start = previous_line == std::string_view::npos ? 0 : previous_line + 1;
      if (text[previous_start] != '%') break;
      marker = NextDocumentMarker(text, marker + 3);
    }
    if (marker == std::string_view::npos) break;
    chunks.push_back({begin, marker});
    begin = marker;
  }
  chunks.push_back({begin, text.size()});
  return chunks;
}

// Reads one chunk's documents. The reader stops at a syntax error; the
// documents after it are still checked by reading again from the next `---`
// marker (a marker at the start of a line always begins a document, even in
// the middle of a broken one). The text before that marker is blanked out,
// line breaks kept, so that offsets and line numbers do not move.
ParsedChunk ParseChunk(FileId file, std::string_view text, const YamlReadOptions& reader) {
  ParsedChunk parsed;
  std::string blanked;
  size_t resumed_at = 0;
  // Each restart rereads the blanked prefix; bound the restarts so that a
  // file full of broken documents stays linear in practice.
  constexpr int kMaxRestarts = 100;
  for (int restart = 0; restart <= kMaxRestarts; ++restart) {
    DiagnosticSink sink;
    std::vector<YamlDocument> documents =
        ReadYamlStream(file, blanked.empty() ? text : std::string_view(blanked), sink, reader);
    // The error that stopped the stream lies after every returned document
    // (some syntax problems, such as a complex key, do not stop it).
    uint32_t read_up_to = static_cast<uint32_t>(resumed_at);
    for (const YamlDocument& document : documents) read_up_to = std::max(read_up_to, document.range.end);
    size_t stop = std::string::npos;
    for (const Diagnostic& d : sink.diagnostics()) {
      if (d.code == DiagnosticCode::E0601 && d.range.begin >= read_up_to) {
        stop = d.range.begin;
        break;
      }
    }
    for (YamlDocument& document : documents) parsed.documents.push_back(std::move(document));
    for (Diagnostic& d : sink.mutable_diagnostics()) parsed.diagnostics.push_back(std::move(d));
    if (stop == std::string::npos || stop >= text.size()) break;
    // Resume at the next marker after the error's line, or at the error
    // itself when it is reported at the marker that ends the broken document.
    const size_t from = text.compare(stop, 3, "---") == 0 ? stop : text.find('\n', stop);
    const size_t marker = from == std::string_view::npos ? std::string_view::npos : NextDocumentMarker(text, from);
    if (marker == std::string_view::npos || marker <= resumed_at) break;
    if (blanked.empty()) blanked = std::string(text);
    for (size_t i = resumed_at; i < marker; ++i) {
      if (blanked[i] != '\n') blanked[i] = ' ';
    }
    resumed_at = marker;
  }
  return parsed;
}

void ShiftRange(SourceRange& range, uint32_t base) {
  if (range.IsValid()) {
    range.begin += base;
    range.end += base;
  }
}

void ShiftDiagnostic(Diagnostic& d, uint32_t base) {
  if (base == 0) return;
  ShiftRange(d.range, base);
  for (Label& label : d.labels) ShiftRange(label.range, base);
  if (d.fix) {
    for (TextEdit& edit : d.fix->edits) ShiftRange(edit.range, base);
  }
}

}  // namespace mast
