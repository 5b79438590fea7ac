// Prints diagnostics to stderr in the requested format and counts errors.
#pragma once

#include <vector>

#include "cli/commands.h"
#include "compiler/diagnostics/diagnostic.h"

namespace mast::cli {

// Flushes and closes standard output. A write that failed (a full disk, a
// closed pipe, /dev/full) turns `exit_code` into kExitUsage with a message
// on stderr, whichever command wrote it and in whatever format.
int FinishStandardOutput(int exit_code);

// Renders the diagnostics to stderr, then the summary in the words every
// command uses (policies/findings.h): "mast: 1 error, 2 warnings, 3 suppressed".
// A long list is rendered on up to `jobs` threads (0: one per core).
void PrintDiagnostics(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                      const OutputOptions& options, size_t suppressed = 0, unsigned jobs = 1);

}  // namespace mast::cli
