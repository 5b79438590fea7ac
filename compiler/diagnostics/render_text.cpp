#include "diagnostics/render.h"

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

// Padding that lines a caret up under byte `column` of `line`: tabs are kept,
// every other character (multi-byte ones included) becomes one space.
std::string Padding(std::string_view line, size_t bytes) {
  std::string pad;
  for (size_t i = 0; i < bytes && i < line.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    pad += c == '\t' ? '\t' : ' ';
  }
  return pad;
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80;
  return width;
}

void AppendSnippet(const SourceManager& sources, SourceRange range, const TextRenderOptions& options,
                   const char* color, std::string& out) {
  if (!range.IsValid() || !sources.Has(range.file)) return;
  const SourceFile& file = sources.Get(range.file);
  LineColumn begin = file.ToLineColumn(range.begin);
  LineColumn end = file.ToLineColumn(range.end);
  std::string_view line = file.LineText(begin.line);
  std::string number = std::to_string(begin.line);
  std::string gutter(std::max<size_t>(number.size(), 4), ' ');
  out += gutter.substr(number.size()) + number + " | " + std::string(line) + "\n";
  size_t start = begin.column - 1;
  size_t stop = end.line == begin.line ? end.column - 1 : line.size();
  if (stop > line.size()) stop = line.size();
  size_t width = stop > start ? DisplayWidth(line.substr(start, stop - start)) : 1;
  out += gutter + " | " + Padding(line, start);
  if (options.color) out += color;
  out += std::string(width, '^');
  if (options.color) out += "\x1b[0m";
  out += "\n";
}

}  // namespace

std::string LocationText(const SourceManager& sources, SourceRange range) {
  if (!range.IsValid() || !sources.Has(range.file)) return "mast";
  const SourceFile& file = sources.Get(range.file);
  LineColumn lc = file.ToLineColumn(range.begin);
  return file.path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

std::string RenderText(const SourceManager& sources, const Diagnostic& d, const TextRenderOptions& options) {
  std::string out;
  const char* color = SeverityColor(d.severity);
  const char* bold = options.color ? "\x1b[1m" : "";
  const char* reset = options.color ? "\x1b[0m" : "";
  out += std::string(bold) + LocationText(sources, d.range) + ":" + reset + " ";
  if (options.color) out += color;
  out += std::string(SeverityName(d.severity)) + "[" + std::string(d.id()) + "]";
  out += std::string(reset) + ": " + bold + d.message + reset + "\n";
  if (options.snippets) AppendSnippet(sources, d.range, options, color, out);
  for (const Label& label : d.labels) {
    out += LocationText(sources, label.range) + ": note: " + label.message + "\n";
    if (options.snippets) AppendSnippet(sources, label.range, options, SeverityColor(Severity::kNote), out);
  }
  for (const std::string& note : d.notes) out += "  = note: " + note + "\n";
  if (d.fix) out += "  = fix: " + d.fix->title + "\n";
  return out;
}

std::string RenderText(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                       const TextRenderOptions& options) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += RenderText(sources, d, options);
  return out;
}

}  // namespace mast
