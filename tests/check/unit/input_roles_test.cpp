// Which YAML is not a manifest (schemas/check/input_roles.h), and the
// `# Source:` parts of helm template output (schemas/check/helm_output.h).
#include <catch2/catch.hpp>

#include "compiler/yaml/yaml_reader.h"
#include "schemas/check/helm_output.h"
#include "schemas/check/input_roles.h"

namespace mast {
namespace {

const std::string kRepo = std::string(MAST_SOURCE_DIR) + "/tests/check/repo/";

TEST_CASE("files are recognised by their path", "[inputs]") {
  struct Row {
    std::string path;
    InputRole role;
  };
  const std::vector<Row> rows = {
      {".github/workflows/ci.yml", InputRole::kGithubWorkflow},
      {"repo/.github/workflows/release.yaml", InputRole::kGithubWorkflow},
      {".github/dependabot.yml", InputRole::kGithubConfig},
      {"docker-compose.yml", InputRole::kCompose},
      {"deploy/docker-compose.prod.yaml", InputRole::kCompose},
      {"compose.yaml", InputRole::kCompose},
      {".pre-commit-config.yaml", InputRole::kPreCommit},
      {"chart/Chart.yaml", InputRole::kHelmChart},
      {kRepo + "chart/values.yaml", InputRole::kHelmValues},
      {kRepo + "chart/values-prod.yaml", InputRole::kHelmValues},
      {"base/kustomization.yaml", InputRole::kKustomization},
      {"base/kustomization.yml", InputRole::kKustomization},
      {"base/Kustomization", InputRole::kKustomization},
      {kRepo + "chart/templates/service.yaml", InputRole::kHelmTemplate},
      // Near misses are manifests.
      {"deploy/composer.yaml", InputRole::kManifest},
      {"deploy/workflows/job.yaml", InputRole::kManifest},
      {"deploy/chart.yaml", InputRole::kManifest},
      {"deploy/kustomization.yaml.bak", InputRole::kManifest},
      {"manifests/templates/deployment.yaml", InputRole::kManifest},  // no Chart.yaml above
      {"deployment.yaml", InputRole::kManifest},
      {"config/values-configmap.yaml", InputRole::kManifest},  // not beside a Chart.yaml
  };
  for (const Row& row : rows) {
    INFO(row.path);
    CHECK(ClassifyInputPath(row.path) == row.role);
  }
}

Value FirstDocument(const std::string& text) {
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = ReadYamlStream(0, text, sink);
  REQUIRE(documents.size() == 1);
  return documents.front().value;
}

TEST_CASE("documents that look like Kubernetes objects are checked, others skipped", "[inputs]") {
  CHECK(LooksLikeKubernetesObject(FirstDocument("apiVersion: v1\nkind: Pod\n")));
  CHECK(LooksLikeKubernetesObject(FirstDocument("apiVersion: v1\n")));
  CHECK(LooksLikeKubernetesObject(FirstDocument("kind: Pod\n")));
  CHECK(LooksLikeKubernetesObject(FirstDocument("metadata: {name: x}\nspec: {}\n")));
  CHECK(LooksLikeKubernetesObject(FirstDocument("- apiVersion: v1\n  kind: Pod\n")));
  CHECK_FALSE(LooksLikeKubernetesObject(FirstDocument("services:\n  web: {image: nginx}\n")));
  CHECK_FALSE(LooksLikeKubernetesObject(FirstDocument("- op: replace\n  path: /spec/replicas\n")));
  CHECK_FALSE(LooksLikeKubernetesObject(FirstDocument("just text\n")));
}

TEST_CASE("helm template output is split into parts by `# Source:` comments", "[helm]") {
  const std::string text =
      "---\n# Source: web/templates/a.yaml\nkind: A\n---\n# Source: web/templates/b.yaml\nkind: B\n---\nkind: C\n";
  const std::vector<SourceFile::RenderedPart> parts = FindHelmSources(text);
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].begin == 0);
  CHECK(parts[0].source == "web/templates/a.yaml");
  CHECK(parts[1].begin == text.find("---\n# Source: web/templates/b"));
  CHECK(parts[1].source == "web/templates/b.yaml");
  CHECK(parts[2].source.empty());  // no comment: not mapped

  SourceManager sources;
  const FileId file = sources.Add("<stdin>", text);
  sources.SetRenderedParts(file, parts);
  const SourceFile& source = sources.Get(file);
  REQUIRE(source.RenderedFrom(static_cast<uint32_t>(text.find("kind: A"))) != nullptr);
  CHECK(*source.RenderedFrom(static_cast<uint32_t>(text.find("kind: A"))) == "web/templates/a.yaml");
  CHECK(*source.RenderedFrom(static_cast<uint32_t>(text.find("kind: B"))) == "web/templates/b.yaml");
  CHECK(source.RenderedFrom(static_cast<uint32_t>(text.find("kind: C"))) == nullptr);
}

TEST_CASE("text without `# Source:` comments is not rendered text", "[helm]") {
  CHECK(FindHelmSources("apiVersion: v1\nkind: Pod\n---\nkind: B\n").empty());
  CHECK(FindHelmSources("# Source: \nkind: A\n").empty());
  // A comment in the middle of a document (not after `---`) still names it.
  CHECK(FindHelmSources("kind: A\n# Source: x.yaml\n").size() == 1);
}

}  // namespace
}  // namespace mast
