// `.mast.yaml`: the project configuration of `mast check` and `mast build`.
//
//   rules:                        # per rule: a severity, or a record
//     image-latest-tag: off       #   error | warning | info | off
//     labels-required:
//       severity: error
//       params: { labels: ["app.kubernetes.io/name", "team"] }
//   policies: [policies/ours.mast] # custom policy files (relative to this file)
//   ignore: ["vendor/**"]          # path globs left out of checks
//   schema: specs/k8s-1.30.json    # OpenAPI document instead of the embedded one
//   kubernetesVersion: "1.33"      # target release, or a range "1.31..1.36"
//   failOn: error                  # error (default) | warning | info | never
//
// The file is found by walking up from an input's directory, or given with
// --config. An invalid file is an E1005 error at the offending line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "policies/engine.h"

namespace mast {

struct MastConfig {
  std::string path;  // the file it was read from; "" for the defaults
  PolicyOptions policies;
  std::vector<std::string> ignore;
  std::string schema;            // resolved against the config's directory
  // `kubernetesVersion`, as written ("" = the newest built-in release), and
  // where, for errors about it (the catalog checks it: schemas/catalog_choice.h).
  std::string kubernetes_version;
  SourceRange kubernetes_version_origin;
  std::string fail_on = "error";  // error | warning | info | never
  std::vector<std::string> crds;  // CRD files and directories, resolved against the config's directory
  // `rulesUri`: the rule reference that reports link to (forks host their
  // own); "" = kDefaultRulesUri (policies/engine.h).
  std::string rules_uri;
};

// Reads and validates a config file. Problems are reported to `sink` and the
// valid parts are kept; nullopt only when the file cannot be read at all.
std::optional<MastConfig> LoadConfig(const std::string& path, SourceManager& sources, DiagnosticSink& sink);

// The nearest `.mast.yaml` in `start` or its parents, or "".
std::string FindConfig(const std::string& start);

// Whether a diagnostic of `severity` fails the run under `fail_on`.
bool FailsRun(Severity severity, const std::string& fail_on);

}  // namespace mast
