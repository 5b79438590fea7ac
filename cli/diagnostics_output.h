// Prints diagnostics to stderr in the requested format and counts errors.
#pragma once

#include <vector>

#include "cli/commands.h"
#include "diagnostics/diagnostic.h"

namespace mast::cli {

void PrintDiagnostics(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                      const OutputOptions& options);

}  // namespace mast::cli
