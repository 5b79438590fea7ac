#include "compiler/diagnostics/render.h"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
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

// Lines longer than this are shown clipped around the range.
constexpr size_t kMaxExcerptBytes = 240;
constexpr size_t kExcerptContext = 80;  // bytes kept before the range

// Moves `at` back to the start of a UTF-8 sequence.
size_t CodePointStart(std::string_view text, size_t at) {
  while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return at;
}

// "  12 | <line>" and "     | ^^^^" under the range's first line. A long
// line (a minified file, a 2 MB literal) is clipped to a window around the
// range, with `...` where it was cut and a note saying so: a report never
// grows by the size of a line.
void AppendSnippet(const SourceFile& file, SourceRange range, LineColumn begin, const TextRenderOptions& options,
                   const char* color, std::string& out) {
  LineColumn end = file.ToLineColumn(range.end, begin.line);
  std::string_view line = file.LineText(begin.line);
  size_t start = begin.column - 1;
  size_t stop = end.line == begin.line ? end.column - 1 : line.size();
  if (stop > line.size()) stop = line.size();
  const size_t full_size = line.size();
  bool clipped_before = false;
  bool clipped_after = false;
  if (line.size() > kMaxExcerptBytes) {
    size_t window_begin = CodePointStart(line, start > kExcerptContext ? start - kExcerptContext : 0);
    size_t window_end = CodePointStart(line, std::min(line.size(), window_begin + kMaxExcerptBytes));
    if (window_end <= window_begin) window_end = std::min(line.size(), window_begin + kMaxExcerptBytes);
    clipped_before = window_begin > 0;
    clipped_after = window_end < line.size();
    line = line.substr(window_begin, window_end - window_begin);
    start = std::min(start - std::min(start, window_begin), line.size());
    stop = std::min(stop - std::min(stop, window_begin), line.size());
  }
  const std::string_view ellipsis = clipped_before ? "..." : "";
  char buffer[16];
  const std::string_view number = Digits(begin.line, buffer);
  const size_t gutter = std::max<size_t>(number.size(), 4);
  out.append(gutter - number.size(), ' ');
  out += number;
  out += " | ";
  out += ellipsis;
  out += line;
  if (clipped_after) out += "...";
  out += '\n';
  size_t width = stop > start ? DisplayWidth(line.substr(start, stop - start)) : 1;
  out.append(gutter, ' ');
  out += " | ";
  out.append(ellipsis.size(), ' ');
  AppendPadding(line, start, out);
  if (options.color) out += color;
  out.append(width, '^');
  if (options.color) out += "\x1b[0m";
  if (clipped_before || clipped_after) {
    out += " (line ";
    AppendNumber(begin.line, out);
    out += " is ";
    out += std::to_string(full_size);
    out += " bytes long; the excerpt is clipped)";
  }
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

// `path:line:col`, or for text rendered from a template (helm template
// output) `template (rendered, path:line:col)`.
void AppendLocation(const SourceFile* file, LineColumn lc, uint32_t offset, std::string& out) {
  if (!file) {
    out += "mast";
    return;
  }
  const std::string* rendered_from = file->RenderedFrom(offset);
  if (rendered_from != nullptr) {
    out += *rendered_from;
    out += " (rendered, ";
  }
  out += file->path();
  out += ':';
  AppendNumber(lc.line, out);
  out += ':';
  AppendNumber(lc.column, out);
  if (rendered_from != nullptr) out += ')';
}

void AppendText(FileLookup& files, const Diagnostic& d, const TextRenderOptions& options, std::string& out) {
  const char* color = SeverityColor(d.severity);
  const char* bold = options.color ? "\x1b[1m" : "";
  const char* reset = options.color ? "\x1b[0m" : "";
  const SourceFile* file = files.Of(d.range);
  const LineColumn begin = file ? files.Begin(*file, d.range) : LineColumn{};
  out += bold;
  AppendLocation(file, begin, d.range.begin, out);
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
    AppendLocation(label_file, label_begin, label.range.begin, out);
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
  AppendLocation(file, file ? file->ToLineColumn(range.begin) : LineColumn{}, range.begin, out);
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
  // A long list is cut into slices. This thread renders slices 0, n, 2n, ...
  // and hands every slice to `write` in order; n - 1 helpers render the
  // others meanwhile, each a slice or two ahead, into two buffers that go
  // back and forth (a report of megabytes is never held whole, and its
  // memory is reused rather than newly mapped).
  constexpr size_t kSlice = 2048;
  constexpr size_t kPiece = size_t{256} << 10;
  const size_t slices = (diagnostics.size() + kSlice - 1) / kSlice;
  const size_t lanes = std::max<size_t>(1, std::min<size_t>(options.jobs, slices));
  auto render = [&](size_t slice, std::string& out, const std::function<void(std::string&)>& flush) {
    FileLookup files(sources);
    const size_t end = std::min(diagnostics.size(), (slice + 1) * kSlice);
    for (size_t i = slice * kSlice; i < end; ++i) {
      AppendText(files, diagnostics[i], options, out);
      if (flush && out.size() >= kPiece) flush(out);
    }
  };
  struct Helper {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::string> ready;  // rendered slices, in order
    std::vector<std::string> spare{2};
    bool stop = false;
  };
  std::vector<Helper> helpers(lanes - 1);
  auto help = [&](size_t lane) {
    Helper& helper = helpers[lane - 1];
    for (size_t slice = lane; slice < slices; slice += lanes) {
      std::string out;
      {
        std::unique_lock<std::mutex> lock(helper.mutex);
        helper.changed.wait(lock, [&] { return helper.stop || !helper.spare.empty(); });
        if (helper.stop) return;
        out = std::move(helper.spare.back());
        helper.spare.pop_back();
      }
      out.clear();
      render(slice, out, nullptr);
      std::lock_guard<std::mutex> lock(helper.mutex);
      helper.ready.push_back(std::move(out));
      helper.changed.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (size_t lane = 1; lane < lanes; ++lane) threads.emplace_back(help, lane);
  struct Join {
    std::vector<Helper>& helpers;
    std::vector<std::thread>& threads;
    ~Join() {
      for (Helper& helper : helpers) {
        std::lock_guard<std::mutex> lock(helper.mutex);
        helper.stop = true;
        helper.changed.notify_all();
      }
      for (std::thread& thread : threads) thread.join();
    }
  } join{helpers, threads};
  std::string piece;
  piece.reserve(kPiece + 4096);
  auto flush = [&](std::string& out) {
    write(out);
    out.clear();
  };
  for (size_t slice = 0; slice < slices; ++slice) {
    if (slice % lanes == 0) {
      render(slice, piece, flush);
      continue;
    }
    if (!piece.empty()) flush(piece);
    Helper& helper = helpers[slice % lanes - 1];
    std::string out;
    {
      std::unique_lock<std::mutex> lock(helper.mutex);
      helper.changed.wait(lock, [&] { return !helper.ready.empty(); });
      out = std::move(helper.ready.front());
      helper.ready.pop_front();
    }
    write(out);
    std::lock_guard<std::mutex> lock(helper.mutex);
    helper.spare.push_back(std::move(out));
    helper.changed.notify_all();
  }
  if (!piece.empty()) write(piece);
}

std::string RenderText(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                       const TextRenderOptions& options) {
  std::string out;
  RenderTextTo(sources, diagnostics, options, [&](std::string_view piece) { out += piece; });
  return out;
}

}  // namespace mast
