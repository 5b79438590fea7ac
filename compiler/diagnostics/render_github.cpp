// GitHub Actions workflow commands: each line becomes an annotation on the
// pull request's diff.
#include "compiler/diagnostics/render.h"

namespace mast {
namespace {

// The runner's escaping: %, CR and LF in data; also `:` and `,` in
// property values.
std::string Escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view Command(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    default: return "notice";
  }
}

}  // namespace

std::string RenderGithub(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    std::string properties;
    std::string rendered;  // helm template output: the annotation goes on the template file
    if (d.range.IsValid() && sources.Has(d.range.file) && sources.Get(d.range.file).RenderedFrom(d.range.begin)) {
      const SourceFile& file = sources.Get(d.range.file);
      const LineColumn begin = file.ToLineColumn(d.range.begin);
      properties = "file=" + Escape(*file.RenderedFrom(d.range.begin), true) + ",";
      rendered = "\nrendered, " + file.path() + ":" + std::to_string(begin.line) + ":" + std::to_string(begin.column);
    } else if (d.range.IsValid() && sources.Has(d.range.file)) {
      const SourceFile& file = sources.Get(d.range.file);
      const LineColumn begin = file.ToLineColumn(d.range.begin);
      const LineColumn end = file.ToLineColumn(d.range.end);
      properties = "file=" + Escape(file.path(), true) + ",line=" + std::to_string(begin.line) +
                   ",col=" + std::to_string(begin.column) + ",endLine=" + std::to_string(end.line);
      // GitHub takes endColumn only on single-line annotations.
      if (end.line == begin.line) properties += ",endColumn=" + std::to_string(end.column);
      properties += ",";
    }
    properties += "title=" + Escape(std::string(d.id()), true);
    std::string message = d.message;
    for (const std::string& note : d.notes) message += "\n" + note;
    message += rendered;
    out += "::" + std::string(Command(d.severity)) + " " + properties + "::" + Escape(message, false) + "\n";
  }
  return out;
}

}  // namespace mast
