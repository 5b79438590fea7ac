#include "cli/diagnostics_output.h"

#include <unistd.h>

#include <cstdio>

#include "diagnostics/render.h"

namespace mast::cli {

void PrintDiagnostics(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                      const OutputOptions& options) {
  std::string text;
  if (options.diagnostics_format == "json") {
    text = RenderJson(sources, diagnostics);
  } else {
    TextRenderOptions render;
    render.color = options.color == ColorMode::kAlways ||
                   (options.color == ColorMode::kAuto && isatty(STDERR_FILENO) && !std::getenv("NO_COLOR"));
    text = RenderText(sources, diagnostics, render);
    size_t errors = 0;
    size_t warnings = 0;
    for (const Diagnostic& d : diagnostics) {
      errors += d.severity == Severity::kError;
      warnings += d.severity == Severity::kWarning;
    }
    if (errors || warnings) {
      text += "mast: " + std::to_string(errors) + " error" + (errors == 1 ? "" : "s") + ", " +
              std::to_string(warnings) + " warning" + (warnings == 1 ? "" : "s") + "\n";
    }
  }
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace mast::cli
