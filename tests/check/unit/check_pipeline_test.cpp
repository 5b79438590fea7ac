// The check pipeline as a library: objects and their status, syntax-error
// recovery, determinism under -j, the removed-API table.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "schemas/check/check.h"
#include "schemas/check/removed_apis.h"
#include "schemas/kube_catalog.h"

namespace mast {
namespace {

ManifestCheckResult CheckText(const std::string& text) {
  ManifestCheckOptions options;
  options.paths = {"-"};
  options.stdin_text = text;
  return CheckManifests(options);
}

std::vector<std::string> Codes(const ManifestCheckResult& result) {
  std::vector<std::string> codes;
  for (const Diagnostic& d : result.diagnostics) codes.emplace_back(d.id());
  return codes;
}

TEST_CASE("objects are named and counted", "[check]") {
  const ManifestCheckResult result = CheckText(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: ns}\n---\n"
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: b-}\ndata: {x: 1}\n---\n"
      "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: c}\n---\n# only a comment\n---\n");
  REQUIRE(result.objects.size() == 3);
  CHECK(result.objects[0].DisplayName() == "ConfigMap ns/a");
  CHECK(result.objects[1].DisplayName() == "ConfigMap b-*");
  CHECK(result.objects[0].status == ObjectStatus::kValid);
  CHECK(result.objects[1].status == ObjectStatus::kInvalid);
  CHECK(result.objects[2].status == ObjectStatus::kInvalid);  // no schema for the custom resource
  CHECK(Codes(result) == std::vector<std::string>{"E0502", "E0506"});
  CHECK(result.diagnostic_objects == std::vector<uint32_t>{1, 2});
  CHECK(result.diagnostics[0].notes.back() == "in ConfigMap b-*");
  CHECK(result.inputs.size() == 1);
  CHECK(result.inputs[0].path == "<stdin>");
}

TEST_CASE("skip_unknown_kinds skips custom resources only", "[check]") {
  ManifestCheckOptions options;
  options.paths = {"-"};
  options.skip_unknown_kinds = true;
  options.stdin_text = "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: c}\n---\n"
                       "apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: d}\n";
  const ManifestCheckResult result = CheckManifests(options);
  REQUIRE(result.objects.size() == 2);
  CHECK(result.objects[0].status == ObjectStatus::kSkipped);
  CHECK(result.objects[1].status == ObjectStatus::kInvalid);
  CHECK(result.CountObjects(ObjectStatus::kSkipped) == 1);
}

TEST_CASE("documents after a syntax error are still checked", "[check]") {
  const ManifestCheckResult result = CheckText(
      "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: one}\n---\n"
      "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: two\n---\n"
      "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: three}\nbogus: 1\n---\n"
      "key: [unclosed\n---\n"
      "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: five}\n");
  REQUIRE(result.objects.size() == 3);
  CHECK(result.objects[0].name == "one");
  CHECK(result.objects[1].name == "three");
  CHECK(result.objects[2].name == "five");
  CHECK(Codes(result) == std::vector<std::string>{"E0601", "E0501", "E0601"});
  // Positions are those of the original text.
  const SourceFile& file = result.sources.Get(result.diagnostics[1].range.file);
  CHECK(file.ToLineColumn(result.diagnostics[1].range.begin).line == 12);
  CHECK(result.diagnostic_objects[0] == kNoObject);
}

TEST_CASE("kind: List items are objects", "[check]") {
  const ManifestCheckResult result = CheckText(
      "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ServiceAccount, metadata: {name: a}}\n"
      "- {apiVersion: v1, kind: ServiceAccount, metadata: {name: b}, x: 1}\n");
  REQUIRE(result.objects.size() == 2);
  CHECK(result.objects[1].status == ObjectStatus::kInvalid);
}

TEST_CASE("a duplicate key makes its object invalid", "[check]") {
  const ManifestCheckResult result =
      CheckText("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\nmetadata: {name: a}\n");
  REQUIRE(result.objects.size() == 1);
  CHECK(Codes(result) == std::vector<std::string>{"E0602"});
  CHECK(result.objects[0].status == ObjectStatus::kInvalid);
  CHECK(result.diagnostic_objects[0] == 0);
}

TEST_CASE("the result does not depend on the number of jobs", "[check]") {
  namespace fs = std::filesystem;
  std::vector<std::string> paths;
  for (const char* dir : {"structure", "yaml", "crd", "list", "json", "realworld"}) {
    paths.push_back(std::string(MAST_SOURCE_DIR) + "/tests/check/" + dir);
  }
  auto run = [&](unsigned jobs) {
    ManifestCheckOptions options;
    options.paths = paths;
    options.jobs = jobs;
    ManifestCheckResult result = CheckManifests(options);
    std::vector<std::string> out;
    for (size_t i = 0; i < result.diagnostics.size(); ++i) {
      const Diagnostic& d = result.diagnostics[i];
      out.push_back(std::to_string(d.range.file) + ":" + std::to_string(d.range.begin) + " " + std::string(d.id()) +
                    " " + d.message + " #" + std::to_string(result.diagnostic_objects[i]));
    }
    for (const CheckedObject& object : result.objects) out.push_back(object.DisplayName());
    return out;
  };
  const std::vector<std::string> one = run(1);
  CHECK(one.size() > 100);
  CHECK(run(3) == one);
  CHECK(run(8) == one);
}

TEST_CASE("removed API versions are not served by the embedded catalog", "[check]") {
  const RemovedApi* removed = FindRemovedApi("extensions/v1beta1", "Deployment");
  REQUIRE(removed != nullptr);
  CHECK(removed->replacement == "apps/v1");
  CHECK(removed->removed_in == "1.16");
  CHECK(FindRemovedApi("apps/v1", "Deployment") == nullptr);
  // The embedded spec is Kubernetes 1.27: everything removed up to 1.27 is
  // unknown to it, and the replacements of those removals are known.
  const KubeCatalog& catalog = KubeCatalog::Embedded();
  for (const char* api : {"extensions/v1beta1", "apps/v1beta1", "apps/v1beta2", "networking.k8s.io/v1beta1",
                          "batch/v1beta1", "policy/v1beta1", "autoscaling/v2beta2", "storage.k8s.io/v1beta1"}) {
    for (const char* kind : {"Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Ingress", "CronJob",
                             "PodDisruptionBudget", "PodSecurityPolicy", "HorizontalPodAutoscaler", "CSIStorageCapacity"}) {
      const RemovedApi* row = FindRemovedApi(api, kind);
      if (row == nullptr) continue;
      INFO(api << " " << kind);
      CHECK_FALSE(catalog.FindResource(api, kind).has_value());
      if (!row->replacement.empty() && row->replacement != "policy/v1beta1") {
        CHECK(catalog.FindResource(row->replacement, kind).has_value());
      }
    }
  }
}

TEST_CASE(".mast inputs are compiled, then checked", "[check]") {
  ManifestCheckOptions options;
  options.paths = {std::string(MAST_SOURCE_DIR) + "/samples/webapp/webapp.mast"};
  const ManifestCheckResult result = CheckManifests(options);
  CHECK(result.ErrorCount() == 0);
  REQUIRE_FALSE(result.objects.empty());
  CHECK(result.inputs[0].compiled);
  // Objects point into the .mast source.
  const SourceRange range = result.objects[0].range;
  REQUIRE(range.IsValid());
  CHECK(result.sources.Get(range.file).path().find(".mast") != std::string::npos);
}

TEST_CASE("directories are searched; ignores apply", "[check]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("mast-check-test-" + std::to_string(::getpid()));
  fs::create_directories(dir / "sub" / ".git");
  fs::create_directories(dir / "skip");
  auto write = [&](const fs::path& path, const std::string& text) { std::ofstream(path) << text; };
  const std::string sa = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n";
  write(dir / "b.yaml", sa);
  write(dir / "a.yml", sa);
  write(dir / "sub" / "c.json", "{\"apiVersion\": \"v1\", \"kind\": \"ServiceAccount\", \"metadata\": {\"name\": \"c\"}}");
  write(dir / "sub" / ".git" / "config.yaml", "not: a manifest");
  write(dir / "skip" / "d.yaml", "not: a manifest");
  write(dir / "README.md", "# not yaml");
  ManifestCheckOptions options;
  options.paths = {dir.string()};
  options.ignore = {"skip"};
  const ManifestCheckResult result = CheckManifests(options);
  fs::remove_all(dir);
  REQUIRE(result.inputs.size() == 3);
  CHECK(fs::path(result.inputs[0].path).filename() == "a.yml");
  CHECK(fs::path(result.inputs[1].path).filename() == "b.yaml");
  CHECK(fs::path(result.inputs[2].path).filename() == "c.json");
  CHECK(result.ErrorCount() == 0);
  CHECK(result.objects.size() == 3);
}

}  // namespace
}  // namespace mast

namespace mast {
namespace {

std::vector<std::string> Flatten(const ManifestCheckResult& result) {
  std::vector<std::string> out;
  for (size_t i = 0; i < result.diagnostics.size(); ++i) {
    const Diagnostic& d = result.diagnostics[i];
    std::string line = std::to_string(d.range.file) + ":" + std::to_string(d.range.begin) + "-" +
                       std::to_string(d.range.end) + " " + std::string(d.id()) + " " + d.message + " #" +
                       std::to_string(result.diagnostic_objects[i]);
    for (const Label& label : d.labels) line += " label@" + std::to_string(label.range.begin);
    if (d.fix) line += " fix@" + std::to_string(d.fix->edits[0].range.begin);
    out.push_back(line);
  }
  for (const CheckedObject& object : result.objects) {
    out.push_back(object.DisplayName() + "@" + std::to_string(object.range.begin) + "-" +
                  std::to_string(object.range.end) + " " + std::to_string(static_cast<int>(object.status)));
  }
  return out;
}

TEST_CASE("reading in chunks gives the same result as reading whole files", "[check]") {
  std::vector<std::string> paths;
  for (const char* dir : {"structure", "yaml", "crd", "list", "json", "removed", "realworld"}) {
    paths.push_back(std::string(MAST_SOURCE_DIR) + "/tests/check/" + dir);
  }
  // Plus a stream with a directive before a marker, and a syntax error.
  std::string stream;
  for (int i = 0; i < 40; ++i) {
    stream += "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c" + std::to_string(i) + "}\ndata: {n: " +
              std::to_string(i) + "}\n";
    if (i == 17) stream += "---\nbroken: [\n";
    stream += i == 23 ? "...\n%YAML 1.1\n---\n" : "---\n";
  }
  auto run = [&](size_t chunk_bytes, unsigned jobs = 1) {
    ManifestCheckOptions options;
    options.jobs = jobs;
    options.paths = paths;
    options.paths.push_back("-");
    options.stdin_text = stream;
    options.chunk_bytes = chunk_bytes;
    return Flatten(CheckManifests(options));
  };
  const std::vector<std::string> whole = run(size_t{1} << 30);
  CHECK(whole.size() > 150);
  CHECK(run(1) == whole);
  CHECK(run(100) == whole);
  CHECK(run(1000) == whole);
  CHECK(run(100, 4) == whole);  // chunks of one file on several threads
}

// The policy linter reads the kept object values: their origins must be
// file offsets whichever chunk an object was read in, also where a YAML
// alias shares one node between two places.
TEST_CASE("kept values point into the file, whatever the chunking", "[check]") {
  std::string stream;
  for (int i = 0; i < 30; ++i) {
    stream += "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c" + std::to_string(i) +
              ", labels: &l" + std::to_string(i) + " {app: web}}\ndata: {n: \"" + std::to_string(i) +
              "\"}\nbinaryData: *l" + std::to_string(i) + "\n---\n";
  }
  for (size_t chunk_bytes : {size_t{1} << 30, size_t{1}, size_t{200}}) {
    ManifestCheckOptions options;
    options.paths = {"-"};
    options.stdin_text = stream;
    options.chunk_bytes = chunk_bytes;
    options.keep_values = true;
    const ManifestCheckResult result = CheckManifests(options);
    REQUIRE(result.objects.size() == 30);
    for (size_t i = 0; i < result.objects.size(); ++i) {
      const Value& object = result.objects[i].value;
      const Value* name = object.Find("metadata") ? object.Find("metadata")->Find("name") : nullptr;
      REQUIRE(name != nullptr);
      const SourceRange origin = name->origin();
      CHECK(stream.substr(origin.begin, origin.end - origin.begin) == "c" + std::to_string(i));
      const Value* aliased = object.Find("binaryData");
      REQUIRE(aliased != nullptr);
      const SourceRange alias_origin = aliased->Find("app")->origin();
      CHECK(stream.substr(alias_origin.begin, alias_origin.end - alias_origin.begin) == "web");
      CHECK(object.origin().begin == result.objects[i].range.begin);
    }
  }
}

}  // namespace
}  // namespace mast
