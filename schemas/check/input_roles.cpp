#include "schemas/check/input_roles.h"

#include <algorithm>
#include <filesystem>

namespace mast {

namespace {

namespace fs = std::filesystem;

bool IsYamlName(std::string_view name) { return name.ends_with(".yaml") || name.ends_with(".yml"); }

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string ParentDirectory(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? "." : slash == 0 ? "/" : std::string(path.substr(0, slash));
}

// Whether `path` lies in directory `name` at any depth ("a/.github/x").
bool InDirectory(std::string_view path, std::string_view name) {
  const std::string inner = "/" + std::string(name) + "/";
  return path.starts_with(std::string(name) + "/") || path.find(inner) != std::string_view::npos;
}

// A file under a `templates` directory whose parent is a chart.
bool IsHelmTemplate(std::string_view path) {
  fs::path directory = fs::path(std::string(path)).parent_path();
  for (int depth = 0; depth < 16 && !directory.empty(); ++depth) {
    if (directory.filename() == "templates") {
      const fs::path chart = directory.parent_path();
      return IsHelmChartDirectory(chart.empty() ? "." : chart.string());
    }
    const fs::path parent = directory.parent_path();
    if (parent == directory) break;
    directory = parent;
  }
  return false;
}

}  // namespace

InputRole ClassifyInputPath(std::string_view path) {
  const std::string_view name = BaseName(path);
  if (name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization") {
    return InputRole::kKustomization;
  }
  if (!IsYamlName(name)) return InputRole::kManifest;
  if (InDirectory(path, ".github/workflows")) return InputRole::kGithubWorkflow;
  if (InDirectory(path, ".github")) return InputRole::kGithubConfig;
  if (name.starts_with("docker-compose") || name.starts_with("compose.") || name.starts_with("compose-")) {
    return InputRole::kCompose;
  }
  if (name == ".pre-commit-config.yaml" || name == ".pre-commit-hooks.yaml") return InputRole::kPreCommit;
  if (name == "Chart.yaml") return InputRole::kHelmChart;
  // Only beside a Chart.yaml: elsewhere a `values-*.yaml` may be a real
  // manifest, and plain values files pass as documents that are not objects.
  if (name.starts_with("values") && IsHelmChartDirectory(ParentDirectory(path))) return InputRole::kHelmValues;
  if (InDirectory(path, "templates") && IsHelmTemplate(path)) return InputRole::kHelmTemplate;
  return InputRole::kManifest;
}

std::string_view DescribeInputRole(InputRole role) {
  switch (role) {
    case InputRole::kManifest: return "a Kubernetes manifest";
    case InputRole::kKustomization: return "a Kustomize kustomization";
    case InputRole::kGithubWorkflow: return "a GitHub Actions workflow";
    case InputRole::kGithubConfig: return "a GitHub configuration file";
    case InputRole::kCompose: return "a Compose file";
    case InputRole::kPreCommit: return "a pre-commit configuration";
    case InputRole::kHelmChart: return "a Helm chart's Chart.yaml";
    case InputRole::kHelmValues: return "Helm values";
    case InputRole::kHelmTemplate:
      return "a Helm template, which is YAML only once rendered; check the chart with `helm template CHART | mast check -`";
  }
  return "";
}

bool IsHelmChartDirectory(const std::string& directory) {
  std::error_code ec;
  return fs::is_regular_file(fs::path(directory) / "Chart.yaml", ec);
}

bool LooksLikeKubernetesObject(const Value& document) {
  if (document.IsList()) {
    // Objects written as a list instead of a stream: a mistake to report.
    return std::any_of(document.AsList().begin(), document.AsList().end(),
                       [](const Value& item) { return item.IsMap() && LooksLikeKubernetesObject(item); });
  }
  return document.IsMap() && (document.Find("apiVersion") != nullptr || document.Find("kind") != nullptr ||
                              document.Find("metadata") != nullptr);
}

}  // namespace mast
