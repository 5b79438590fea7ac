// What a YAML file in a repository is, when it is not a Kubernetes
// manifest. Repositories hold workflows, compose files, Helm charts and
// Kustomize files beside their manifests; `mast check` (and so the
// pre-commit hook, and the language server) recognise them here, in one
// place, and skip them instead of reporting "missing required field
// apiVersion". `--strict-inputs` turns all of this off.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "compiler/value/value.h"

namespace mast {

enum class InputRole : uint8_t {
  kManifest,        // Kubernetes objects (the default)
  kKustomization,   // kustomization.yaml: validated against its own schema (kustomization.h)
  kGithubWorkflow,  // .github/workflows/*.yml
  kGithubConfig,    // other files under .github/ (dependabot, issue forms, actions)
  kCompose,         // docker-compose*.yml, compose*.yaml
  kPreCommit,       // .pre-commit-config.yaml, .pre-commit-hooks.yaml
  kHelmChart,       // Chart.yaml
  kHelmValues,      // values*.yaml beside a Chart.yaml
  kHelmTemplate,    // a file under a chart's templates/ (Go templates, not YAML)
};

// The role of a file from its path alone, except for the chart's files:
// values files and templates are recognised when the file system shows the
// chart's Chart.yaml (beside the values, above `templates/`).
InputRole ClassifyInputPath(std::string_view path);

// "a GitHub Actions workflow": what the --verbose note says a skipped file is.
std::string_view DescribeInputRole(InputRole role);

// Whether `directory` is a Helm chart: it holds Chart.yaml.
bool IsHelmChartDirectory(const std::string& directory);

// Whether a YAML document is meant as a Kubernetes object: a mapping with
// `apiVersion`, `kind` or `metadata` at the top, or a list holding such a
// mapping (objects written as a list by mistake). One with only some of
// these is still checked (and its missing fields reported); anything else
// (a scalar, a mapping of other keys) is some other tool's YAML.
bool LooksLikeKubernetesObject(const Value& document);

}  // namespace mast
