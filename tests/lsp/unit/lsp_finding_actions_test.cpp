// Code actions on policy findings, now that findings are anchored on the
// smallest span that shows the problem (policies/anchor.h): a container's
// `name`, a field's `key: value`, a block's key.
//  - The templates (a probe, resources) still find the record the finding
//    is about, and applying one removes the finding without a new error.
//  - "Pin the image" replaces the image, not the `image:` key before it.
//  - The menu at a cursor offers "ignore" only for the findings at the
//    cursor, one per rule and line, whatever the client sends as context.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "lsp/analysis/analyze.h"
#include "lsp/features/features.h"
#include "test_util.h"

namespace mast::lsp {
namespace {

using testing::EmptyWorkspace;
using testing::Marked;

constexpr std::string_view kIgnorePrefix = "Ignore `";

class Document {
 public:
  Document(std::string name, const std::string& marked)
      : workspace_(EmptyWorkspace()), path_("/tmp/mast-finding-actions-test/" + std::move(name)) {
    Marked cursor(marked);
    text_ = cursor.text;
    cursor_ = cursor.offset;
    diagnostics_ = Analyse(text_, 1);
  }

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  const std::string& text() const { return text_; }

  // Re-analyses `text` as a new version of this document.
  std::vector<Diagnostic> Analyse(const std::string& text, int64_t version) {
    AnalysisInput input;
    input.document = SourceText{path_, version, std::make_shared<const std::string>(text)};
    input.language = LanguageOf(path_);
    input.settings = workspace_.SettingsFor(path_);
    return Analyze(input).diagnostics[path_];
  }

  Position Cursor() const { return ToPosition(SourceFile(path_, text_), cursor_); }

  // The actions at the cursor, the client sending `sent` as its context.
  std::vector<CodeAction> ActionsAtCursor(const std::vector<Diagnostic>& sent) {
    return ActionsIn(Range{Cursor(), Cursor()}, sent);
  }

  std::vector<CodeAction> ActionsIn(const Range& range, const std::vector<Diagnostic>& sent) {
    FeatureContext context;
    context.document = DocumentSnapshot{"file://" + path_, path_, LanguageOf(path_), 1,
                                        std::make_shared<const std::string>(text_)};
    context.workspace = &workspace_;
    context.diagnostics = diagnostics_;
    context.settings = workspace_.SettingsFor(path_);
    return CodeActions(context, range, sent);
  }

  // The actions for the finding of `rule` at the cursor, the client sending it alone.
  std::vector<CodeAction> ActionsFor(const std::string& rule) {
    std::vector<Diagnostic> sent;
    for (const Diagnostic& d : diagnostics_) {
      if (d.code == rule && Contains(d.range, Cursor())) sent.push_back(d);
    }
    INFO("no `" << rule << "` finding at the cursor:\n" << Describe());
    REQUIRE(sent.size() == 1);
    return ActionsAtCursor(sent);
  }

  std::string Describe() const {
    std::string out;
    for (const Diagnostic& d : diagnostics_) {
      out += d.code + " " + std::to_string(d.range.start.line) + ":" + std::to_string(d.range.start.character) + "-" +
             std::to_string(d.range.end.line) + ":" + std::to_string(d.range.end.character) + "\n";
    }
    return out;
  }

  // The text with one action's edits applied.
  std::string Apply(const CodeAction& action) const {
    REQUIRE(action.edit.changes.size() == 1);
    SourceFile file(path_, text_);
    std::vector<TextEdit> edits = action.edit.changes[0].second;
    std::sort(edits.begin(), edits.end(), [&](const TextEdit& a, const TextEdit& b) {
      return ToOffset(file, a.range.start) > ToOffset(file, b.range.start);
    });
    std::string out = text_;
    for (const TextEdit& edit : edits) {
      const uint32_t begin = ToOffset(file, edit.range.start);
      out.replace(begin, ToOffset(file, edit.range.end) - begin, edit.new_text);
    }
    return out;
  }

  static bool Contains(const Range& range, const Position& at) { return !(at < range.start) && !(range.end < at); }

 private:
  Workspace workspace_;
  std::string path_;
  std::string text_;
  uint32_t cursor_ = 0;
  std::vector<Diagnostic> diagnostics_;
};

const CodeAction* Titled(const std::vector<CodeAction>& actions, const std::string& title) {
  auto it = std::find_if(actions.begin(), actions.end(), [&](const CodeAction& a) { return a.title == title; });
  return it == actions.end() ? nullptr : &*it;
}

std::multiset<std::string> Codes(const std::vector<Diagnostic>& diagnostics, DiagnosticSeverity severity) {
  std::multiset<std::string> codes;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == severity) codes.insert(d.code);
  }
  return codes;
}

// The codes of `before` less one `rule`.
std::multiset<std::string> Without(std::multiset<std::string> before, const std::string& rule) {
  if (auto it = before.find(rule); it != before.end()) before.erase(it);
  return before;
}

// Applies the action titled `title` offered for `rule` at the cursor: the
// finding is gone, and no error appears.
void CheckTemplate(Document& document, const std::string& rule, const std::string& title) {
  std::vector<CodeAction> actions = document.ActionsFor(rule);
  const CodeAction* action = Titled(actions, title);
  INFO(rule << ": no action \"" << title << "\"");
  REQUIRE(action != nullptr);
  const std::string fixed = document.Apply(*action);
  INFO("--- fixed text ---\n" << fixed);
  std::vector<Diagnostic> after = document.Analyse(fixed, 2);
  for (const Diagnostic& d : after) INFO(d.code << " " << d.message);
  CHECK(std::none_of(after.begin(), after.end(), [&](const Diagnostic& d) { return d.code == rule; }));
  CHECK(Codes(after, DiagnosticSeverity::kError) == Without(Codes(document.diagnostics(), DiagnosticSeverity::kError), rule));
}

constexpr const char* kService = R"(---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
)";

std::string Deployment(const std::string& containers) {
  return R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
)" + containers + kService;
}

TEST_CASE("YAML templates find the container a finding is anchored in", "[code_actions]") {
  SECTION("a block container") {
    Document document("block.yaml", Deployment("        - <|>name: web\n          image: nginx:1.27.2\n"));
    CheckTemplate(document, "probe-readiness-missing", "Add a readiness probe");
  }
  SECTION("a flow container") {
    Document document("flow.yaml", Deployment("        - { <|>name: web, image: nginx:1.27.2 }\n"));
    CheckTemplate(document, "probe-readiness-missing", "Add a readiness probe");
    CheckTemplate(document, "resources-requests-missing", "Add resource requests and a memory limit");
  }
  SECTION("`resources` without requests: the finding is on its key") {
    Document document("resources.yaml", Deployment("        - name: web\n          image: nginx:1.27.2\n"
                                                   "          <|>resources:\n            limits: { memory: 128Mi }\n"));
    CheckTemplate(document, "resources-requests-missing", "Add resource requests");
  }
}

TEST_CASE("Mast templates find the record a finding is anchored in", "[code_actions]") {
  const std::string program = R"(import "k8s/apps/v1" as apps
import "k8s/core/v1" as core
emit apps.Deployment {
  metadata: { name: "web" }
  spec: {
    selector: { matchLabels: { app: "web" } }
    template: {
      metadata: { labels: { app: "web" } }
      spec: {
        containers: [{
          <|>name: "web"
          image: "nginx:1.27.2"
          resources: { limits: { memory: "128Mi" } }
        }]
      }
    }
  }
}
emit core.Service { metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } }
)";
  SECTION("the container, at its `name`") {
    Document document("probe.mast", program);
    CheckTemplate(document, "probe-readiness-missing", "Add a readiness probe");
  }
  SECTION("the `resources` record, at its key") {
    std::string at_resources = program;
    at_resources.erase(at_resources.find("<|>"), 3);
    at_resources.insert(at_resources.find("resources:"), "<|>");
    Document document("resources.mast", at_resources);
    CheckTemplate(document, "resources-requests-missing", "Add resource requests");
  }
}

TEST_CASE("pinning an image replaces the image, not its key", "[code_actions]") {
  SECTION("YAML") {
    Document document("pin.yaml", Deployment("        - name: web\n          <|>image: nginx:latest\n"));
    const std::vector<CodeAction> actions = document.ActionsFor("image-latest-tag");
    const CodeAction* pin = Titled(actions, "Pin the image to a version (fill in X.Y.Z)");
    REQUIRE(pin != nullptr);
    CHECK_THAT(document.Apply(*pin), Catch::Matchers::Contains("\n          image: nginx:X.Y.Z\n"));
  }
  SECTION("Mast") {
    Document document("pin.mast", R"(import "k8s/core/v1" as core
emit core.Pod { metadata: { name: "web" }, spec: { containers: [{ name: "web", <|>image: "nginx:latest" }] } }
)");
    const std::vector<CodeAction> actions = document.ActionsFor("image-latest-tag");
    const CodeAction* pin = Titled(actions, "Pin the image to a version (fill in X.Y.Z)");
    REQUIRE(pin != nullptr);
    CHECK_THAT(document.Apply(*pin), Catch::Matchers::Contains("image: \"nginx:X.Y.Z\" }"));
  }
}

std::vector<std::string> IgnoredRules(const std::vector<CodeAction>& actions) {
  std::vector<std::string> rules;
  for (const CodeAction& action : actions) {
    if (action.title.rfind(kIgnorePrefix, 0) != 0) continue;
    const size_t begin = kIgnorePrefix.size();
    rules.push_back(action.title.substr(begin, action.title.find('`', begin) - begin));
  }
  std::sort(rules.begin(), rules.end());
  return rules;
}

// A Pod up to its container's image; a test adds the container's next lines.
constexpr const char* kPodHead = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.2
)";

TEST_CASE("the menu at a cursor ignores only the findings at the cursor, once each", "[code_actions]") {
  // Seven findings on the line: three about the container's whole
  // `securityContext` (from its key to the end of the line), one about its
  // `capabilities`, three about the added capabilities (one rule). The
  // cursor is on the key: only the first three are there.
  Document document("caps.yaml", std::string(kPodHead) +
                                     "      <|>securityContext: { capabilities: { add: [SYS_ADMIN, NET_ADMIN, SYS_PTRACE] } }\n");
  std::vector<Diagnostic> line;
  for (const Diagnostic& d : document.diagnostics()) {
    if (d.range.start.line == document.Cursor().line) line.push_back(d);
  }
  INFO(document.Describe());
  REQUIRE(line.size() == 7);
  const std::vector<std::string> at_cursor = {"security-privilege-escalation", "security-read-only-root-filesystem",
                                              "security-run-as-root"};
  SECTION("the client sends every diagnostic of the line (Neovim does)") {
    CHECK(IgnoredRules(document.ActionsAtCursor(line)) == at_cursor);
  }
  SECTION("the client sends nothing: the published ones at the cursor") {
    CHECK(IgnoredRules(document.ActionsAtCursor({})) == at_cursor);
  }
  SECTION("a finding elsewhere on the line gets no action at the cursor") {
    std::vector<Diagnostic> others;
    for (const Diagnostic& d : line) {
      if (!Document::Contains(d.range, document.Cursor())) others.push_back(d);
    }
    REQUIRE(others.size() == 4);
    CHECK(IgnoredRules(document.ActionsAtCursor(others)).empty());
  }
}

TEST_CASE("two findings of one rule on one line get one ignore action", "[code_actions]") {
  Document document("caps.yaml", std::string(kPodHead) +
                                     "      securityContext: { capabilities: { add: [SYS_ADMIN, NET_ADMIN] } }\n");
  std::vector<Diagnostic> dangerous;
  for (const Diagnostic& d : document.diagnostics()) {
    if (d.code == "security-capabilities-dangerous") dangerous.push_back(d);
  }
  REQUIRE(dangerous.size() == 2);
  REQUIRE(dangerous[0].range.start.line == dangerous[1].range.start.line);
  // The client selects both and sends them.
  std::vector<std::string> rules = IgnoredRules(document.ActionsIn({dangerous[0].range.start, dangerous[1].range.end},
                                                                    dangerous));
  CHECK(rules == std::vector<std::string>{"security-capabilities-dangerous"});
}

}  // namespace
}  // namespace mast::lsp
