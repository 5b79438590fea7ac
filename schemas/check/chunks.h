// Big manifest files are read and checked in chunks of whole documents, so
// that only one chunk's Values are alive at a time: memory stays flat, and
// the allocator keeps reusing warm memory (bench/check/README.md). YAML
// anchors do not cross documents, so a chunk reads exactly as it would
// within the file. Chunks are also the unit of `-j` for one big file.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/yaml/yaml_reader.h"

namespace mast {

struct Chunk {
  size_t begin = 0;  // byte offsets in the file
  size_t end = 0;
};

// The offset of the first document marker (`---` at the start of a line,
// followed by a space, a tab, a line break or the end) at or after `from`,
// or npos.
size_t NextDocumentMarker(std::string_view text, size_t from);

// Splits `text` before `---` markers into chunks of about `chunk_bytes`
// (at least one chunk, even for empty text). A marker right after a
// directive line (`%YAML`) is not a split point: the directive belongs to the
// document it starts.
std::vector<Chunk> SplitIntoChunks(std::string_view text, size_t chunk_bytes);

struct ParsedChunk {
  std::vector<YamlDocument> documents;
  std::vector<Diagnostic> diagnostics;  // ranges relative to the chunk
};

// Reads one chunk's documents. libyaml stops at a syntax error; the
// documents after it are still read, from the next `---` marker (a marker
// at the start of a line always begins a document, even in the middle of a
// broken one), with the text before it blanked out so that offsets do not
// move. Restarts are bounded (100 per chunk).
ParsedChunk ParseChunk(FileId file, std::string_view text, const YamlReadOptions& reader);

// Moves a range, or every range of a diagnostic, by `base` bytes.
void ShiftRange(SourceRange& range, uint32_t base);
void ShiftDiagnostic(Diagnostic& d, uint32_t base);

}  // namespace mast
