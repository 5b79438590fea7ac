// Reads a workspace's `.mast.yaml` into analysis settings. The policy
// linter's configuration file (issue 4) is not implemented in policies/ yet;
// until it is, the language server reads the subset it needs:
//
//   rules:
//     image-latest-tag: off              # off | error | warning | info
//     required-labels:
//       severity: warning
//       params: { labels: [app.kubernetes.io/name, team] }
//   policies: [policies/extra.mast]      # custom policy files, relative to the file
//
// Other top-level keys are left to the command line tools. Problems are
// E1005 diagnostics in the configuration file; what is valid still applies.
#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "lsp/analysis/analyze.h"

namespace mast::lsp {

struct ConfigResult {
  AnalysisSettings settings;
  std::vector<mast::Diagnostic> problems;  // ranges in file id 0 (the config text)
};

ConfigResult ReadConfig(const std::string& path, const std::string& text);

}  // namespace mast::lsp
