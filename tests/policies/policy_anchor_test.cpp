// Where policy findings are anchored (policies/anchor.h): the smallest span
// that shows the problem, in YAML and in the Mast expression that produced
// the value. Each case marks the expected span `[[...]]` in its source; the
// first finding of the case's rule must cover exactly that span (line,
// column and end).
#include <catch2/catch.hpp>

#include <map>

#include "compiler/driver/compile.h"
#include "policies/anchor.h"
#include "policies/findings.h"
#include "policy_test_util.h"
#include "schemas/kube_catalog.h"

namespace mast {
namespace {

// Source text with one span marked `[[...]]`: the text without the marks,
// and the span's offsets.
struct MarkedSpan {
  std::string text;
  uint32_t begin = 0;
  uint32_t end = 0;
  explicit MarkedSpan(std::string marked) {
    const size_t open = marked.find("[[");
    REQUIRE(open != std::string::npos);
    marked.erase(open, 2);
    const size_t close = marked.find("]]", open);
    REQUIRE(close != std::string::npos);
    marked.erase(close, 2);
    text = std::move(marked);
    begin = static_cast<uint32_t>(open);
    end = static_cast<uint32_t>(close);
  }
};

std::string Show(const std::string& text, uint32_t begin, uint32_t end) {
  return text.substr(0, begin) + "[[" + text.substr(begin, end - begin) + "]]" + text.substr(end);
}

// Checks that the first `rule` finding in `file` of `findings` covers the span.
void CheckSpan(const SourceManager& sources, const std::vector<Diagnostic>& findings, const std::string& rule,
               const std::string& path, const MarkedSpan& expected) {
  const Diagnostic* found = nullptr;
  for (const Diagnostic& d : findings) {
    if (d.rule == rule && d.range.IsValid() && sources.Get(d.range.file).path() == path) {
      found = &d;
      break;
    }
  }
  std::string all;
  for (const Diagnostic& d : findings) all += std::string(d.id()) + ": " + d.message + "\n";
  INFO("findings:\n" << all);
  REQUIRE(found != nullptr);
  INFO("expected:\n" << Show(expected.text, expected.begin, expected.end) << "\nfound:\n"
                     << Show(expected.text, found->range.begin, std::max(found->range.begin, found->range.end)));
  CHECK(found->range.begin == expected.begin);
  CHECK(found->range.end == expected.end);
}

// Builds a Mast program as `mast build` does (the files are in memory) and
// checks where `rule`'s first finding in `marked_file` is.
void CheckMast(const std::string& rule, const std::map<std::string, std::string>& marked_files,
               const std::string& marked_file, const std::string& main = "app.mast") {
  const std::string root = "/mast-anchor-test/";
  SourceManager sources;
  CompileOptions options;
  options.external = &KubeCatalog::Embedded();
  options.project_root = "/mast-anchor-test";
  std::optional<MarkedSpan> expected;
  for (const auto& [name, text] : marked_files) {
    if (name == marked_file) {
      expected.emplace(text);
      options.overlays.emplace_back(root + name, expected->text);
    } else {
      options.overlays.emplace_back(root + name, text);
    }
  }
  REQUIRE(expected);
  CompileResult compiled = Compile(sources, {root + main}, options);
  std::string errors;
  for (const Diagnostic& d : compiled.diagnostics.diagnostics()) errors += std::string(d.id()) + ": " + d.message + "\n";
  INFO(errors);
  REQUIRE(!compiled.diagnostics.HasErrors());
  ProgramCheckSettings settings;
  Findings findings = CheckCompiledProgram(sources, compiled.documents, compiled.diagnostics.diagnostics(), settings);
  CheckSpan(sources, findings.diagnostics, rule, root + marked_file, *expected);
}

void CheckMast(const std::string& rule, const std::string& marked) { CheckMast(rule, {{"app.mast", marked}}, "app.mast"); }

void CheckYaml(const std::string& rule, const std::string& marked) {
  MarkedSpan expected(marked);
  testing::RuleLinter linter(rule);
  CheckSpan(linter.linter().sources(), linter.Findings(expected.text), rule, "input.yaml", expected);
}

constexpr const char* kMastImports = R"(import "k8s/core/v1" as core
)";

TEST_CASE("Mast: a field written as `key: value` is anchored on both", "[policies][anchor]") {
  CheckMast("image-latest-tag", std::string(kMastImports) + R"(emit core.Pod {
  metadata: { name: "web" }
  spec: { containers: [{ name: "web", [[image: "nginx:latest"]] }] }
}
)");
}

TEST_CASE("Mast: a value computed elsewhere is anchored where it was computed", "[policies][anchor]") {
  CheckMast("image-latest-tag", std::string(kMastImports) + R"(let image = [["nginx:latest"]]
emit core.Pod {
  metadata: { name: "web" }
  spec: { containers: [{ name: "web", image: image }] }
}
)");
}

TEST_CASE("Mast: a container that lacks a field is anchored on its name", "[policies][anchor]") {
  CheckMast("probe-liveness-missing", std::string(kMastImports) + R"(emit core.Pod {
  metadata: { name: "web" }
  spec: {
    containers: [{
      [[name: "web"]]
      image: "nginx:1.27.2"
    }]
  }
}
)");
}

TEST_CASE("Mast: a record built by a function is anchored in the function", "[policies][anchor]") {
  const std::string library = R"(import "k8s/core/v1" as core
fn container(name: string): core.Container = {
  [[name]]: name
  image: "nginx:1.27.2"
}
)";
  const std::string app = R"(import "k8s/core/v1" as core
import "lib.mast" as lib
emit core.Pod { metadata: { name: "web" }, spec: { containers: [lib.container("web")] } }
)";
  CheckMast("probe-liveness-missing", {{"lib.mast", library}, {"app.mast", app}}, "lib.mast");
}

TEST_CASE("Mast: a block that lacks a field is anchored on its key", "[policies][anchor]") {
  CheckMast("security-privilege-escalation", std::string(kMastImports) + R"(emit core.Pod {
  metadata: { name: "web" }
  spec: {
    containers: [{
      name: "web"
      image: "nginx:1.27.2"
      [[securityContext]]: {
        runAsNonRoot: true
      }
    }]
  }
}
)");
}

TEST_CASE("Mast: an object-level finding is anchored on the object's name", "[policies][anchor]") {
  CheckMast("network-policy-missing", std::string(kMastImports) + R"(emit core.Pod {
  metadata: {
    [[name: "web"]]
  }
  spec: { containers: [{ name: "web", image: "nginx:1.27.2" }] }
}
)");
}

TEST_CASE("YAML: a flow container is anchored on its name", "[policies][anchor]") {
  CheckYaml("probe-liveness-missing", R"(apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - { [[name: web]], image: nginx:1.27.2 }
)");
}

TEST_CASE("YAML: JSON's quoted keys are part of the field", "[policies][anchor]") {
  CheckYaml("image-latest-tag", R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
 "spec": {"containers": [{"name": "web",
   [["image": "nginx:latest"]]}]}}
)");
}

// A Pod up to its container's image; a case adds the container's next lines.
constexpr const char* kYamlPodHead = R"(apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - name: web
      image: nginx:1.27.2
)";

TEST_CASE("YAML: a field whose value spans lines is anchored on its key", "[policies][anchor]") {
  CheckYaml("security-capabilities-not-dropped", std::string(kYamlPodHead) + R"(      securityContext:
        capabilities:
          [[drop]]:
            - MKNOD
)");
}

TEST_CASE("YAML: a list item is anchored on itself", "[policies][anchor]") {
  CheckYaml("security-capabilities-dangerous", std::string(kYamlPodHead) + R"(      securityContext: { capabilities: { add: [NET_BIND_SERVICE, [[SYS_ADMIN]]] } }
)");
}

TEST_CASE("a range that is no value of the object is kept", "[policies][anchor]") {
  SourceManager sources;
  const FileId file = sources.Add("x.yaml", "a: 1\n");
  Value object = Value::Map({{"a", {file, 0, 1}, Value::Int(1, {file, 3, 4})}}, {file, 0, 4});
  const SourceRange elsewhere{file, 1, 2};
  CHECK(AnchorFinding(object, elsewhere, sources) == elsewhere);
  CHECK(AnchorFinding(object, SourceRange{}, sources) == SourceRange{});
  CHECK(AnchorFinding(object, {file, 3, 4}, sources) == SourceRange{file, 0, 4});  // `a: 1`
}

}  // namespace
}  // namespace mast
