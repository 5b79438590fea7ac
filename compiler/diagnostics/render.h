// Renderers: consumers of Diagnostic values. Text is compiler-style
// (`file:line:col: error[E0401]: ...`, the source line, carets); JSON is the
// same data for tools.
#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace mast {

struct TextRenderOptions {
  bool color = false;     // ANSI colours (the CLI turns this on for a TTY)
  bool snippets = true;   // source lines with carets
};

std::string RenderText(const SourceManager& sources, const Diagnostic& diagnostic, const TextRenderOptions& options = {});
std::string RenderText(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                       const TextRenderOptions& options = {});
// A JSON array; each element has code, severity, message, file, line,
// column, endLine, endColumn (1-based, byte columns), labels, notes and fix.
std::string RenderJson(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics);

// "file:line:col" of a range's start ("<unknown>" when it has no file).
std::string LocationText(const SourceManager& sources, SourceRange range);

}  // namespace mast
