// `mast fmt`: format Mast files in place, check them, or format stdin.
#include <cstdio>
#include <iostream>
#include <iterator>

#include "base/file_io.h"
#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include "format/format.h"

namespace mast::cli {

int RunFmt(const FmtOptions& options) {
  SourceManager sources;
  bool unformatted = false;
  bool failed = false;
  std::vector<Diagnostic> diagnostics;
  for (const std::string& path : options.files) {
    std::string text;
    std::string error;
    if (path == "-") {
      text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else if (!ReadFileToString(path, &text, &error, 8u << 20)) {
      std::fprintf(stderr, "mast: error[E0901]: cannot read %s: %s\n", path.c_str(), error.c_str());
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
    } else if (!WriteFileAtomically(path, result.text, &error)) {
      std::fprintf(stderr, "mast: error[E0901]: cannot write %s: %s\n", path.c_str(), error.c_str());
      return kExitUsage;
    }
  }
  PrintDiagnostics(sources, diagnostics, options.output_options);
  if (failed) return kExitFindings;
  return options.check && unformatted ? kExitFindings : kExitClean;
}

}  // namespace mast::cli
