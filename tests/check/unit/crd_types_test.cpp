// CustomResourceTypes: the version a `crd:` import types a kind with, the
// types it hands the compiler, re-imports of changed files, and use from
// several threads (the language server shares one wrapper).
#include <catch2/catch.hpp>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "schemas/check/crd_types.h"

namespace mast {
namespace {

namespace fs = std::filesystem;

// A CRD of kind `kind` with the given `versions:` list (YAML, indented 4).
std::string Crd(const std::string& kind, const std::string& versions) {
  return "apiVersion: apiextensions.k8s.io/v1\n"
         "kind: CustomResourceDefinition\n"
         "metadata: {name: x.example.com}\n"
         "spec:\n"
         "  group: example.com\n"
         "  scope: Namespaced\n"
         "  names: {kind: " + kind + ", plural: x}\n"
         "  versions:\n" + versions;
}

std::string Version(const std::string& name, bool served, bool storage, const std::string& field) {
  return "    - name: " + name + "\n      served: " + (served ? "true" : "false") +
         "\n      storage: " + (storage ? "true" : "false") +
         "\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n"
         "            spec:\n              description: The spec.\n              type: object\n"
         "              properties:\n                " + field + ": {x-kubernetes-int-or-string: true, "
         "description: Only in " + name + ".}\n";
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("mast-crd-test-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

struct Imported {
  std::string module;
  DiagnosticSink sink;
};

Imported Import(const CustomResourceTypes& types, const std::string& path) {
  Imported out;
  std::optional<std::string> module = types.ImportCustomResources(path, "crd:test", {}, out.sink);
  if (module) out.module = *module;
  return out;
}

TEST_CASE("a kind is typed with its storage version, else the newest served one") {
  TempDir dir;
  const CustomResourceTypes types(KubeCatalog::Embedded());
  const std::string stored = dir.Write(
      "stored.yaml", Crd("Stored", Version("v1", true, false, "inV1") + Version("v1beta1", true, true, "inBeta")));
  Imported a = Import(types, stored);
  REQUIRE(a.sink.empty());
  std::optional<ExternalTypeId> kind = types.FindMember(a.module, "Stored");
  REQUIRE(kind);
  CHECK(types.ResourceKind(*kind)->api_version == "example.com/v1beta1");

  const std::string newest = dir.Write(
      "newest.yaml", Crd("Newest", Version("v1alpha1", true, false, "inAlpha") + Version("v1beta2", true, false, "inBeta") +
                                       Version("v2", false, false, "inV2")));
  Imported b = Import(types, newest);
  REQUIRE(b.sink.empty());
  kind = types.FindMember(b.module, "Newest");
  REQUIRE(kind);
  CHECK(types.ResourceKind(*kind)->api_version == "example.com/v1beta2");
  const std::optional<ExternalField> spec = types.FindField(*kind, "spec");
  REQUIRE(spec);
  CHECK(types.FindField(spec->type, "inBeta"));
  CHECK(types.FindField(spec->type, "inV2") == std::nullopt);
}

TEST_CASE("a custom kind has apiVersion, kind, an ObjectMeta and its schema's typed fields") {
  TempDir dir;
  const CustomResourceTypes types(KubeCatalog::Embedded());
  Imported imported = Import(types, dir.Write("w.yaml", Crd("Widget", Version("v1", true, true, "port"))));
  const ExternalTypeId widget = *types.FindMember(imported.module, "Widget");
  CHECK(types.KindOf(widget) == ExternalKind::kObject);
  std::vector<std::string> names;
  for (const ExternalField& field : types.Fields(widget)) names.emplace_back(field.name);
  CHECK(names == std::vector<std::string>{"apiVersion", "kind", "metadata", "spec"});
  CHECK(types.FindField(widget, "metadata")->type == *KubeCatalog::Embedded().FindMember("k8s/meta/v1", "ObjectMeta"));
  const ExternalTypeId spec = types.FindField(widget, "spec")->type;
  CHECK(types.Description(spec) == "The spec.");
  CHECK(types.KindOf(types.FindField(spec, "port")->type) == ExternalKind::kIntOrString);
  CHECK(types.FieldDescription(spec, "port") == "Only in v1.");
  // The built-in types answer as before, through the wrapper.
  const ExternalTypeId deployment = *types.FindMember("k8s/apps/v1", "Deployment");
  CHECK(deployment == *KubeCatalog::Embedded().FindMember("k8s/apps/v1", "Deployment"));
  CHECK(types.ResourceKind(deployment)->kind == "Deployment");
}

TEST_CASE("a re-import reads changed files again and keeps unchanged ones") {
  TempDir dir;
  const CustomResourceTypes types(KubeCatalog::Embedded());
  const std::string path = dir.Write("c.yaml", Crd("First", Version("v1", true, true, "a")));
  Imported first = Import(types, path);
  const ExternalTypeId id = *types.FindMember(first.module, "First");
  Imported again = Import(types, path);
  CHECK(again.module == first.module);
  CHECK(*types.FindMember(again.module, "First") == id);

  dir.Write("c.yaml", Crd("Second", Version("v1", true, true, "a")));
  Imported changed = Import(types, path);
  CHECK(changed.module == first.module);
  CHECK(types.FindMember(changed.module, "First") == std::nullopt);
  REQUIRE(types.FindMember(changed.module, "Second"));
  // Ids handed out before stay valid.
  CHECK(types.ResourceKind(id)->kind == "First");
}

TEST_CASE("problems are reported at the import on every import") {
  TempDir dir;
  const CustomResourceTypes types(KubeCatalog::Embedded());
  const std::string path = dir.Write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
  const SourceRange where{3, 10, 20};
  for (int round = 0; round < 2; ++round) {
    DiagnosticSink sink;
    CHECK(types.ImportCustomResources(path, "crd:cm.yaml", where, sink) == std::nullopt);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0210);
    CHECK(sink.diagnostics()[0].range == where);
    CHECK(sink.diagnostics()[0].notes.at(0) == "at cm.yaml:1:1: the first document is a `v1` `ConfigMap`");
  }
}

TEST_CASE("imports and lookups from several threads") {
  TempDir dir;
  const CustomResourceTypes types(KubeCatalog::Embedded());
  std::vector<std::string> paths;
  for (int i = 0; i < 4; ++i) {
    paths.push_back(dir.Write("k" + std::to_string(i) + ".yaml", Crd("Kind" + std::to_string(i), Version("v1", true, true, "f"))));
  }
  std::vector<std::thread> threads;
  std::atomic<int> found{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        const std::string& path = paths[(t + round) % paths.size()];
        Imported imported = Import(types, path);
        for (const std::string& member : types.ModuleMembers(imported.module)) {
          if (std::optional<ExternalTypeId> id = types.FindMember(imported.module, member)) {
            if (types.FindField(types.FindField(*id, "spec")->type, "f")) ++found;
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(found == 80);
}

}  // namespace
}  // namespace mast
