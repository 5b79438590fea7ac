#include "diagnostics/render.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <thread>

namespace mast {
namespace {

const char* SeverityColor(Severity severity) {
  switch (severity) {
    case Severity::kError: return "\x1b[1;31m";
    case Severity::kWarning: return "\x1b[1;33m";
    case Severity::kInfo: return "\x1b[1;36m";
    case Severity::kNote: return "\x1b[1;34m";
  }
  return "";
}

// The decimal digits of `number`, written into `buffer`.
std::string_view Digits(uint32_t number, char (&buffer)[16]) {
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
  (void)error;
  return std::string_view(buffer, static_cast<size_t>(end - buffer));
}

void AppendNumber(uint32_t number, std::string& out) {
  char buffer[16];
  out += Digits(number, buffer);
}

// Appends the padding that lines a caret up under byte `bytes` of `line`:
// tabs are kept, every other character (multi-byte ones included) becomes
// one space.
void AppendPadding(std::string_view line, size_t bytes, std::string& out) {
  for (size_t i = 0; i < bytes && i < line.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    out += c == '\t' ? '\t' : ' ';
  }
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80;
  return width;
}

// "  12 | <line>" and "     | ^^^^" under the range's first line.
// `begin` is where the range begins.
void AppendSnippet(const SourceFile& file, SourceRange range, LineColumn begin, const TextRenderOptions& options,
                   const char* color, std::string& out) {
  LineColumn end = file.ToLineColumn(range.end, begin.line);
  std::string_view line = file.LineText(begin.line);
  char buffer[16];
  const std::string_view number = Digits(begin.line, buffer);
  const size_t gutter = std::max<size_t>(number.size(), 4);
  out.append(gutter - number.size(), ' ');
  out += number;
  out += " | ";
  out += line;
  out += '\n';
  size_t start = begin.column - 1;
  size_t stop = end.line == begin.line ? end.column - 1 : line.size();
  if (stop > line.size()) stop = line.size();
  size_t width = stop > start ? DisplayWidth(line.substr(start, stop - start)) : 1;
  out.append(gutter, ' ');
  out += " | ";
  AppendPadding(line, start, out);
  if (options.color) out += color;
  out.append(width, '^');
  if (options.color) out += "\x1b[0m";
  out += '\n';
}

// Files by id, remembering the last one: a long report is mostly about one
// file, and every lookup in the SourceManager takes its lock (which the
// threads rendering parts of a report would contend for).
class FileLookup {
 public:
  explicit FileLookup(const SourceManager& sources) : sources_(sources) {}
  const SourceFile* Of(SourceRange range) {
    if (!range.IsValid()) return nullptr;
    if (range.file != last_id_) {
      last_id_ = range.file;
      last_ = sources_.Has(range.file) ? &sources_.Get(range.file) : nullptr;
      last_line_ = 1;
    }
    return last_;
  }
  // Where `range` (in the file Of just returned) begins. Sorted reports
  // visit positions in order, so the line is looked for near the last one.
  LineColumn Begin(const SourceFile& file, SourceRange range) {
    LineColumn begin = file.ToLineColumn(range.begin, last_line_);
    last_line_ = begin.line;
    return begin;
  }

 private:
  const SourceManager& sources_;
  FileId last_id_ = kNoFile;
  const SourceFile* last_ = nullptr;
  uint32_t last_line_ = 1;
};

void AppendLocation(const SourceFile* file, LineColumn lc, std::string& out) {
  if (!file) {
    out += "mast";
    return;
  }
  out += file->path();
  out += ':';
  AppendNumber(lc.line, out);
  out += ':';
  AppendNumber(lc.column, out);
}

void AppendText(FileLookup& files, const Diagnostic& d, const TextRenderOptions& options, std::string& out) {
  const char* color = SeverityColor(d.severity);
  const char* bold = options.color ? "\x1b[1m" : "";
  const char* reset = options.color ? "\x1b[0m" : "";
  const SourceFile* file = files.Of(d.range);
  const LineColumn begin = file ? files.Begin(*file, d.range) : LineColumn{};
  out += bold;
  AppendLocation(file, begin, out);
  out += ':';
  out += reset;
  out += ' ';
  if (options.color) out += color;
  out += SeverityName(d.severity);
  out += '[';
  out += d.id();
  out += ']';
  out += reset;
  out += ": ";
  out += bold;
  out += d.message;
  out += reset;
  out += '\n';
  if (options.snippets && file) AppendSnippet(*file, d.range, begin, options, color, out);
  for (const Label& label : d.labels) {
    const SourceFile* label_file = files.Of(label.range);
    const LineColumn label_begin = label_file ? label_file->ToLineColumn(label.range.begin) : LineColumn{};
    AppendLocation(label_file, label_begin, out);
    out += ": note: ";
    out += label.message;
    out += '\n';
    if (options.snippets && label_file) {
      AppendSnippet(*label_file, label.range, label_begin, options, SeverityColor(Severity::kNote), out);
    }
  }
  for (const std::string& note : d.notes) {
    out += "  = note: ";
    out += note;
    out += '\n';
  }
  if (d.fix) {
    out += "  = fix: ";
    out += d.fix->title;
    out += '\n';
  }
}

}  // namespace

std::string LocationText(const SourceManager& sources, SourceRange range) {
  std::string out;
  FileLookup files(sources);
  const SourceFile* file = files.Of(range);
  AppendLocation(file, file ? file->ToLineColumn(range.begin) : LineColumn{}, out);
  return out;
}

std::string RenderText(const SourceManager& sources, const Diagnostic& d, const TextRenderOptions& options) {
  std::string out;
  FileLookup files(sources);
  AppendText(files, d, options, out);
  return out;
}

// Diagnostics are appended to a few long strings: a run with tens of
// thousands of findings spent more time building temporary strings than
// writing output.
void RenderTextTo(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                  const TextRenderOptions& options, const std::function<void(std::string_view)>& write) {
  // A long list is cut into one part per job. The first part is rendered on
  // the calling thread and handed to `write` in pieces as it goes (a report
  // of megabytes is never held whole); the others are rendered on threads
  // of their own meanwhile, and written after it in order. A part held
  // whole reserves its room once its first diagnostics show how long they
  // render.
  constexpr size_t kMinPerJob = 2048;
  constexpr size_t kSample = 256;
  constexpr size_t kPiece = size_t{256} << 10;
  const size_t jobs = std::max<size_t>(1, std::min<size_t>(options.jobs, diagnostics.size() / kMinPerJob));
  std::vector<std::string> parts(jobs);
  auto range_of = [&](size_t part) {
    return std::make_pair(diagnostics.size() * part / jobs, diagnostics.size() * (part + 1) / jobs);
  };
  auto render_whole = [&](size_t part) {
    const auto [begin, end] = range_of(part);
    std::string& out = parts[part];
    FileLookup files(sources);
    for (size_t i = begin; i < end; ++i) {
      if (i == begin + kSample) out.reserve((end - begin) * (out.size() / kSample + 1) * 9 / 8);
      AppendText(files, diagnostics[i], options, out);
    }
  };
  std::vector<std::thread> threads;
  for (size_t part = 1; part < jobs; ++part) threads.emplace_back(render_whole, part);
  {
    const auto [begin, end] = range_of(0);
    std::string piece;
    piece.reserve(kPiece + 4096);
    FileLookup files(sources);
    for (size_t i = begin; i < end; ++i) {
      AppendText(files, diagnostics[i], options, piece);
      if (piece.size() >= kPiece) {
        write(piece);
        piece.clear();
      }
    }
    if (!piece.empty()) write(piece);
  }
  for (size_t part = 1; part < jobs; ++part) {
    threads[part - 1].join();
    if (!parts[part].empty()) write(parts[part]);
  }
}

std::string RenderText(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                       const TextRenderOptions& options) {
  std::string out;
  RenderTextTo(sources, diagnostics, options, [&](std::string_view piece) { out += piece; });
  return out;
}

}  // namespace mast
