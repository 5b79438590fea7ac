// `mast fmt`: format Mast files in place, check them, or format stdin.
#include <unistd.h>

#include <cstdio>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include "compiler/base/file_io.h"
#include "compiler/base/output_file.h"
#include "compiler/format/format.h"

namespace mast::cli {

namespace {

// Files and standard input alike stop at this size.
constexpr size_t kMaxSourceBytes = size_t{8} << 20;

}  // namespace

int RunFmt(const FmtOptions& options) {
  SourceManager sources;
  bool unformatted = false;
  bool failed = false;
  std::vector<Diagnostic> diagnostics;
  for (const std::string& path : options.files) {
    std::string text;
    std::string error;
    const bool read = path == "-" ? ReadDescriptorToString(STDIN_FILENO, "<stdin>", &text, &error, kMaxSourceBytes)
                                  : ReadFileToString(path, &text, &error, kMaxSourceBytes);
    if (!read && IsTooLargeError(error)) {
      // A diagnostic at the start of the input, like the compiler's E0103.
      Diagnostic d;
      d.code = DiagnosticCode::E0103;
      d.severity = Severity::kError;
      d.range = {sources.Add(path == "-" ? "<stdin>" : path, ""), 0, 0};
      d.message = (path == "-" ? std::string("standard input") : "`" + path + "`") + " is larger than the limit of " +
                  std::to_string(kMaxSourceBytes) + " bytes; split it into files that import each other";
      PrintDiagnostics(sources, {d}, options.output_options);
      return kExitUsage;
    }
    if (!read) {
      std::fprintf(stderr, "mast: error[E0901]: %s\n", error.c_str());
      return kExitUsage;
    }
    FileId file = sources.Add(path == "-" ? "<stdin>" : path, text);
    FormatResult result = FormatMast(sources.Get(file), file);
    if (!result.ok) {
      failed = true;
      diagnostics.insert(diagnostics.end(), result.diagnostics.diagnostics().begin(),
                         result.diagnostics.diagnostics().end());
      continue;
    }
    if (path == "-") {
      std::fwrite(result.text.data(), 1, result.text.size(), stdout);
      continue;
    }
    if (result.text == text) continue;
    unformatted = true;
    if (options.check) {
      std::fprintf(stderr, "%s: not formatted; run `mast fmt %s`\n", path.c_str(), path.c_str());
    } else if (!WriteOutputFile(path, result.text, &error)) {  // a link: its target is formatted
      std::fprintf(stderr, "mast: error[E0901]: %s\n", error.c_str());
      return kExitUsage;
    }
  }
  PrintDiagnostics(sources, diagnostics, options.output_options);
  if (failed) return kExitFindings;
  return options.check && unformatted ? kExitFindings : kExitClean;
}

}  // namespace mast::cli
