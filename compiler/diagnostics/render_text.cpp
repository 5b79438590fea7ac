#include "diagnostics/render.h"

#include <algorithm>
#include <charconv>
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

void AppendNumber(uint32_t number, std::string& out) {
  char digits[16];
  auto [end, error] = std::to_chars(digits, digits + sizeof digits, number);
  (void)error;
  out.append(digits, end);
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
void AppendSnippet(const SourceFile& file, SourceRange range, const TextRenderOptions& options, const char* color,
                   std::string& out) {
  LineColumn begin = file.ToLineColumn(range.begin);
  LineColumn end = file.ToLineColumn(range.end);
  std::string_view line = file.LineText(begin.line);
  char digits[16];
  auto [digits_end, error] = std::to_chars(digits, digits + sizeof digits, begin.line);
  (void)error;
  const size_t number_width = static_cast<size_t>(digits_end - digits);
  const size_t gutter = std::max<size_t>(number_width, 4);
  out.append(gutter - number_width, ' ');
  out.append(digits, digits_end);
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
    }
    return last_;
  }

 private:
  const SourceManager& sources_;
  FileId last_id_ = kNoFile;
  const SourceFile* last_ = nullptr;
};

void AppendLocation(const SourceFile* file, SourceRange range, std::string& out) {
  if (!file) {
    out += "mast";
    return;
  }
  LineColumn lc = file->ToLineColumn(range.begin);
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
  out += bold;
  AppendLocation(file, d.range, out);
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
  if (options.snippets && file) AppendSnippet(*file, d.range, options, color, out);
  for (const Label& label : d.labels) {
    const SourceFile* label_file = files.Of(label.range);
    AppendLocation(label_file, label.range, out);
    out += ": note: ";
    out += label.message;
    out += '\n';
    if (options.snippets && label_file) {
      AppendSnippet(*label_file, label.range, options, SeverityColor(Severity::kNote), out);
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
  AppendLocation(files.Of(range), range, out);
  return out;
}

std::string RenderText(const SourceManager& sources, const Diagnostic& d, const TextRenderOptions& options) {
  std::string out;
  FileLookup files(sources);
  AppendText(files, d, options, out);
  return out;
}

// Everything is appended to one string: a run with tens of thousands of
// findings spent more time building temporary strings than writing output.
std::string RenderText(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                       const TextRenderOptions& options) {
  // A long list is cut into one part per job; each is rendered on its own
  // thread, the first one straight into the result. Each part reserves its
  // room once its first diagnostics show how long they render: growing a
  // report of megabytes by doubling copied it again and again.
  constexpr size_t kMinPerJob = 2048;
  constexpr size_t kSample = 256;
  const size_t jobs = std::max<size_t>(1, std::min<size_t>(options.jobs, diagnostics.size() / kMinPerJob));
  std::vector<std::string> parts(jobs);
  auto render = [&](size_t part) {
    const size_t begin = diagnostics.size() * part / jobs;
    const size_t end = diagnostics.size() * (part + 1) / jobs;
    std::string& out = parts[part];
    FileLookup files(sources);
    for (size_t i = begin; i < end; ++i) {
      if (i == begin + kSample) {
        const size_t all = jobs == 1 ? end - begin : diagnostics.size();
        out.reserve((part == 0 ? all : end - begin) * (out.size() / kSample + 1) * 9 / 8);
      }
      AppendText(files, diagnostics[i], options, out);
    }
  };
  std::vector<std::thread> threads;
  for (size_t part = 1; part < jobs; ++part) threads.emplace_back(render, part);
  render(0);
  for (std::thread& thread : threads) thread.join();
  std::string out = std::move(parts[0]);
  for (size_t part = 1; part < jobs; ++part) out += parts[part];
  return out;
}

}  // namespace mast
