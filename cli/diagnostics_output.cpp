#include "cli/diagnostics_output.h"

#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "compiler/base/jobs.h"
#include "compiler/diagnostics/render.h"
#include "policies/findings.h"

namespace mast::cli {

int FinishStandardOutput(int exit_code) {
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  const int flush_error = errno;
  const bool clean = flushed && !std::ferror(stdout);
  const bool closed = std::fclose(stdout) == 0;
  if (clean && closed) return exit_code;
  const int reason = flush_error != 0 ? flush_error : errno;
  std::string text = reason != 0 ? std::strerror(reason) : "write error";
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  std::fprintf(stderr, "mast: error[E0901]: cannot write to standard output: %s; the output is incomplete\n",
               text.c_str());
  return kExitUsage;
}

void PrintDiagnostics(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                      const OutputOptions& options, size_t suppressed, unsigned jobs) {
  std::string text;
  if (options.diagnostics_format == "json") {
    text = RenderJson(sources, diagnostics);
  } else {
    TextRenderOptions render;
    render.jobs = ResolveJobs(jobs);
    render.color = options.color == ColorMode::kAlways ||
                   (options.color == ColorMode::kAuto && isatty(STDERR_FILENO) && !std::getenv("NO_COLOR"));
    text = RenderText(sources, diagnostics, render);
    const FindingCounts counts = CountFindings(diagnostics);
    if (counts.errors + counts.warnings + counts.infos + suppressed > 0) {
      text += "mast: " + FindingsSummary(counts, suppressed, 0) + "\n";
    }
  }
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace mast::cli
