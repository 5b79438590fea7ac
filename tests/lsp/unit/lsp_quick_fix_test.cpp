// The "add missing fields" quick fix never trades one error for another:
// for each fixture, every such fix is applied and the document analysed again
// with the same pipeline the editor runs; the fixed error is gone and no
// error appears that was not there before. Also: the values it picks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "lsp/analysis/analyze.h"
#include "lsp/features/features.h"
#include "lsp/features/placeholders.h"
#include "test_util.h"

namespace mast::lsp {
namespace {

using testing::EmptyWorkspace;

struct Analysed {
  std::vector<Diagnostic> diagnostics;
};

std::vector<Diagnostic> AnalyseText(Workspace& workspace, const std::string& path, int64_t version,
                                    const std::string& text) {
  AnalysisInput input;
  input.document = SourceText{path, version, std::make_shared<const std::string>(text)};
  input.language = LanguageOf(path);
  input.settings = workspace.SettingsFor(path);
  AnalysisResult result = Analyze(input);
  return result.diagnostics[path];
}

std::multiset<std::string> ErrorCodes(const std::vector<Diagnostic>& diagnostics) {
  std::multiset<std::string> codes;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == DiagnosticSeverity::kError) codes.insert(d.code);
  }
  return codes;
}

std::string Apply(const std::string& text, std::vector<TextEdit> edits) {
  SourceFile file("fix", text);
  std::sort(edits.begin(), edits.end(), [&](const TextEdit& a, const TextEdit& b) {
    return ToOffset(file, a.range.start) > ToOffset(file, b.range.start);
  });
  std::string out = text;
  for (const TextEdit& edit : edits) {
    uint32_t begin = ToOffset(file, edit.range.start);
    uint32_t end = ToOffset(file, edit.range.end);
    out.replace(begin, end - begin, edit.new_text);
  }
  return out;
}

bool IsAddFields(const CodeAction& action) { return action.title.rfind("Add ", 0) == 0 && action.title.find("missing") != std::string::npos; }

// Applies every add-missing-fields fix of `text`; returns how many it applied.
size_t CheckFixes(const std::string& name, const std::string& text) {
  Workspace workspace = EmptyWorkspace();
  const std::string path = "/tmp/mast-quick-fix-test/" + name;
  std::vector<Diagnostic> before = AnalyseText(workspace, path, 1, text);
  FeatureContext context;
  context.document = DocumentSnapshot{"file://" + path, path, LanguageOf(path), 1,
                                      std::make_shared<const std::string>(text)};
  context.workspace = &workspace;
  context.diagnostics = before;
  context.settings = workspace.SettingsFor(path);
  size_t applied = 0;
  for (const Diagnostic& d : before) {
    if (d.code != "E0503" && d.code != "E0303") continue;
    for (const CodeAction& action : CodeActions(context, d.range, {d})) {
      if (!IsAddFields(action)) continue;
      REQUIRE(action.edit.changes.size() == 1);
      std::string fixed = Apply(text, action.edit.changes[0].second);
      INFO(name << ": " << action.title << "\n--- fixed text ---\n" << fixed);
      std::multiset<std::string> expected = ErrorCodes(before);
      expected.erase(expected.find(d.code));
      std::vector<Diagnostic> after = AnalyseText(workspace, path, 2, fixed);
      std::multiset<std::string> codes = ErrorCodes(after);
      for (const Diagnostic& a : after) INFO(a.code << " " << a.message);
      std::vector<std::string> added;
      std::set_difference(codes.begin(), codes.end(), expected.begin(), expected.end(), std::back_inserter(added));
      CHECK(added.empty());
      ++applied;
    }
  }
  return applied;
}

TEST_CASE("missing-field fixes in Mast cause no new error", "[code_actions]") {
  CHECK(CheckFixes("deploy.mast", R"(import "k8s/apps/v1" as apps
emit apps.Deployment {
  metadata: { name: "web" }
  spec: {
    template: {
      metadata: { labels: { app: "web" } }
      spec: { containers: [{ image: "registry.example.com/team/Web_App:1.2", ports: [{ protocol: "TCP" }] }] }
    }
  }
}
)") == 3);  // selector, the container's name, the port's containerPort
  CHECK(CheckFixes("spread.mast", R"(import "k8s/core/v1" as core
emit core.Pod {
  metadata: { name: "p" }
  spec: {
    containers: [{ name: "c", image: "nginx:1.25", volumeMounts: [{ name: "data" }] }]
    volumes: [{ name: "data", emptyDir: {} }]
    topologySpreadConstraints: [{ labelSelector: { matchLabels: { app: "p" } } }]
  }
}
)") == 4);  // the mount's mountPath; the constraint's three fields, offered at each of its three errors
  CHECK(CheckFixes("schema.mast", R"(schema App { name: string, port: int(1024..65535), tier: "web" | "worker" }
let app = App { }
)") == 1);
}

TEST_CASE("missing-field fixes in YAML cause no new error", "[code_actions]") {
  CHECK(CheckFixes("deploy.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
    spec:
      containers:
      - image: nginx:1.25
        ports:
        - protocol: TCP
)") == 3);
}

TEST_CASE("a selector is added only when the template's labels are known", "[code_actions]") {
  CHECK(CheckFixes("nolabels.mast", R"(import "k8s/apps/v1" as apps
emit apps.Deployment {
  metadata: { name: "web" }
  spec: { template: { spec: { containers: [{ name: "web", image: "nginx:1.25" }] } } }
}
)") == 0);
}

TEST_CASE("names made from images are DNS labels", "[code_actions]") {
  CHECK(DnsLabelFrom("registry.example.com/team/Web_App:1.2") == "web-app");
  CHECK(DnsLabelFrom("nginx@sha256:abc") == "nginx");
  CHECK(DnsLabelFrom("9lives") == "lives");
  CHECK(DnsLabelFrom("___") == "");
  CHECK(DnsLabelFrom("Container") == "container");
}

}  // namespace
}  // namespace mast::lsp
