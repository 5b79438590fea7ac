// Configuration, suppressions and baselines of the policy linter.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "compiler/yaml/yaml_reader.h"
#include "policies/baseline.h"
#include "policies/config.h"
#include "policies/engine.h"
#include "policies/suppressions.h"

using namespace mast;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("mast-policy-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string Write(const std::string& name, const std::string& text) const {
    fs::path file = path / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file.string();
  }
  static inline int counter = 0;
};

std::vector<Value> ReadObjects(SourceManager& sources, const std::string& name, const std::string& text) {
  FileId file = sources.Add(name, text);
  DiagnosticSink sink;
  std::vector<Value> out;
  for (YamlDocument& document : ReadYamlStream(file, sources.Get(file).text(), sink)) out.push_back(document.value);
  REQUIRE(sink.empty());
  return out;
}

const char* kPod = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    mast.dev/ignore: "probe-liveness-missing: the process exits when unhealthy"
spec:
  containers:
  - name: web
    image: nginx:1.27
)";

size_t CountRuleIn(const std::vector<std::string>& lines, std::string_view rule) {
  size_t count = 0;
  for (const std::string& line : lines) count += line.rfind(std::string(rule) + " ", 0) == 0;
  return count;
}

size_t CountRule(const DiagnosticSink& sink, std::string_view rule) {
  return static_cast<size_t>(std::count_if(sink.diagnostics().begin(), sink.diagnostics().end(),
                                           [&](const Diagnostic& d) { return d.rule == rule; }));
}

}  // namespace

TEST_CASE("a valid configuration sets severities, params, paths and failOn", "[config]") {
  TempDir dir;
  std::string path = dir.Write(".mast.yaml", R"(rules:
  probe-liveness-missing: error
  image-latest-tag: off
  probe-readiness-missing:
    severity: info
    params: { threshold: 2 }
policies: [rules/ours.mast]
ignore: ["vendor/**"]
schema: specs/k8s.json
failOn: warning
)");
  SourceManager sources;
  DiagnosticSink sink;
  std::optional<MastConfig> config = LoadConfig(path, sources, sink);
  REQUIRE(config);
  CHECK(sink.empty());
  CHECK(config->policies.severity.at("probe-liveness-missing") == "error");
  CHECK(config->policies.severity.at("image-latest-tag") == "off");
  CHECK(config->policies.severity.at("probe-readiness-missing") == "info");
  CHECK(config->policies.params.at("probe-readiness-missing").Find("threshold")->AsInt() == 2);
  CHECK(config->policies.policy_files.at(0) == (dir.path / "rules/ours.mast").string());
  CHECK(config->schema == (dir.path / "specs/k8s.json").string());
  CHECK(config->ignore.at(0) == "vendor/**");
  CHECK(config->fail_on == "warning");
}

TEST_CASE("configuration errors point at the offending line with a suggestion", "[config]") {
  TempDir dir;
  std::string path = dir.Write(".mast.yaml", "rules:\n  a: loud\nfailon: error\n");
  SourceManager sources;
  DiagnosticSink sink;
  REQUIRE(LoadConfig(path, sources, sink));
  REQUIRE(sink.diagnostics().size() == 2);
  const SourceFile& file = sources.Get(sink.diagnostics()[0].range.file);
  CHECK(file.ToLineColumn(sink.diagnostics()[0].range.begin).line == 2);
  CHECK(sink.diagnostics()[1].message == "unknown setting `failon`; did you mean `failOn`?");
  CHECK(sink.diagnostics()[1].code == DiagnosticCode::E1005);
}

TEST_CASE("the nearest .mast.yaml is found from a nested directory", "[config]") {
  TempDir dir;
  std::string config = dir.Write(".mast.yaml", "failOn: error\n");
  std::string nested = dir.Write("a/b/app.yaml", "");
  CHECK(FindConfig(nested) == config);
  CHECK(FailsRun(Severity::kWarning, "warning"));
  CHECK_FALSE(FailsRun(Severity::kWarning, "error"));
  CHECK_FALSE(FailsRun(Severity::kError, "never"));
}

TEST_CASE("an annotation with a reason suppresses its rule and is counted", "[suppress]") {
  SourceManager sources;
  std::vector<Value> objects = ReadObjects(sources, "pod.yaml", kPod);
  DiagnosticSink load;
  auto engine = PolicyEngine::Load(sources, {}, nullptr, load);
  DiagnosticSink findings;
  PolicyEngine::LintStats stats = engine->Lint(objects, findings);
  CHECK(CountRule(findings, "probe-liveness-missing") == 0);
  CHECK(CountRule(findings, "resources-requests-missing") == 1);  // not suppressed
  CHECK(stats.suppressed == 1);

  DiagnosticSink audit;
  engine->Lint(objects, audit, PolicyEngine::LintOptions{false});  // --no-suppressions
  CHECK(CountRule(audit, "probe-liveness-missing") == 1);
}

TEST_CASE("an annotation with a placeholder for a reason suppresses nothing", "[suppress]") {
  SourceManager sources;
  std::string text = kPod;
  text.replace(text.find("the process exits when unhealthy"), std::string("the process exits when unhealthy").size(),
               std::string(kPlaceholderReason));
  std::vector<Value> objects = ReadObjects(sources, "pod.yaml", text);
  DiagnosticSink load;
  auto engine = PolicyEngine::Load(sources, {}, nullptr, load);
  DiagnosticSink findings;
  PolicyEngine::LintStats stats = engine->Lint(objects, findings);
  CHECK(CountRule(findings, "probe-liveness-missing") == 1);
  CHECK(stats.suppressed == 0);
  auto w1003 = std::find_if(findings.diagnostics().begin(), findings.diagnostics().end(),
                            [](const Diagnostic& d) { return d.code == DiagnosticCode::W1003; });
  REQUIRE(w1003 != findings.diagnostics().end());
  CHECK_THAT(w1003->message, Catch::Matchers::Contains("placeholder instead of a reason, so it suppresses nothing"));
}

TEST_CASE("comments suppress findings on their line or the line below", "[suppress]") {
  SourceManager sources;
  std::string text = "a: 1 # mast:ignore rule-a -- known\n# mast:ignore rule-b -- fine here\nb: 2\nc: 3 # mast:ignore rule-c\n";
  FileId file = sources.Add("x.yaml", text);
  auto finding = [&](std::string rule, std::string_view at) {
    Diagnostic d{DiagnosticCode::W1001, Severity::kWarning, {file, static_cast<uint32_t>(text.find(at)), 0}, "m", {}, {}, {}, {}};
    d.rule = std::move(rule);
    return d;
  };
  std::vector<Diagnostic> list = {finding("rule-a", "a: 1"), finding("rule-b", "b: 2"), finding("rule-c", "c: 3"),
                                  finding("rule-a", "b: 2")};
  SuppressionResult result = ApplyCommentSuppressions(list, sources, [](std::string_view id) { return id != "rule-c"; });
  CHECK(result.suppressed == 3);
  REQUIRE(list.size() == 1);
  CHECK(list[0].rule == "rule-a");  // rule-a on line 3 has no suppression there
  REQUIRE(result.problems.size() == 2);
  CHECK(result.problems[0].code == DiagnosticCode::W1003);  // no reason on line 4
  CHECK(result.problems[1].code == DiagnosticCode::W1004);  // rule-c is unknown
}

TEST_CASE("a placeholder is not a reason", "[suppress]") {
  CHECK(ClassifyReason("") == ReasonKind::kMissing);
  CHECK(ClassifyReason("   ") == ReasonKind::kMissing);
  CHECK(ClassifyReason("TODO") == ReasonKind::kPlaceholder);
  CHECK(ClassifyReason(" todo: ") == ReasonKind::kPlaceholder);
  CHECK(ClassifyReason("FIXME.") == ReasonKind::kPlaceholder);
  CHECK(ClassifyReason("TBD") == ReasonKind::kPlaceholder);
  CHECK(ClassifyReason(std::string(" ") + std::string(kPlaceholderReason)) == ReasonKind::kPlaceholder);
  CHECK(ClassifyReason("TODO: remove when the upstream chart pins its image") == ReasonKind::kGiven);
  CHECK(ClassifyReason("pinned by digest upstream") == ReasonKind::kGiven);

  // In a comment and in an annotation, a placeholder is reported like a
  // missing reason, and suppresses nothing: the finding stays.
  SourceManager sources;
  std::string text = "a: 1 # mast:ignore rule-a -- TODO\nb: 2 # mast:ignore rule-a -- checked by hand\n";
  FileId file = sources.Add("x.yaml", text);
  auto finding = [&](std::string_view at) {
    Diagnostic d{DiagnosticCode::W1001, Severity::kWarning, {file, static_cast<uint32_t>(text.find(at)), 0}, "m", {}, {}, {}, {}};
    d.rule = "rule-a";
    return d;
  };
  std::vector<Diagnostic> list = {finding("a: 1"), finding("b: 2")};
  SuppressionResult result = ApplyCommentSuppressions(list, sources, [](std::string_view) { return true; });
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].code == DiagnosticCode::W1003);
  CHECK(result.problems[0].range.begin == text.find("# mast:ignore rule-a -- TODO"));
  CHECK_THAT(result.problems[0].message, Catch::Matchers::Contains("placeholder"));
  CHECK_THAT(result.problems[0].message, Catch::Matchers::Contains("suppresses nothing"));
  REQUIRE(list.size() == 1);
  CHECK(list[0].range.begin == text.find("a: 1"));
  CHECK(result.suppressed == 1);

  Value pod = Value::Map({{"metadata", {}, Value::Map({{"annotations", {}, Value::Map({{std::string(kIgnoreAnnotation), {},
                                                                                         Value::String("rule-a: TODO")}})}})}});
  std::vector<AnnotationSuppression> annotations = ReadAnnotationSuppressions(pod);
  REQUIRE(annotations.size() == 1);
  CHECK(annotations[0].reason == ReasonKind::kPlaceholder);
}

TEST_CASE("a baseline hides recorded findings even when lines move", "[baseline]") {
  TempDir dir;
  SourceManager sources;
  std::string before = "a: 1\nb: 2\n";
  FileId first = sources.Add("m.yaml", before);
  Diagnostic d{DiagnosticCode::W1001, Severity::kWarning, {first, 5, 6}, "b is bad", {}, {}, {}, {}};
  d.rule = "rule-b";
  std::string baseline = dir.Write("baseline.json", WriteBaseline({d}, sources));

  SourceManager later;
  FileId moved = later.Add("m.yaml", "# new comment\na: 1\nb: 2\nc: 3\n");
  Diagnostic same = d;
  same.range = {moved, 19, 20};
  Diagnostic fresh = d;
  fresh.message = "c is bad";
  fresh.range = {moved, 24, 25};
  std::vector<Diagnostic> list = {same, fresh};
  BaselineResult result = ApplyBaseline(baseline, list, later);
  REQUIRE(result.ok);
  CHECK(result.matched == 1);
  REQUIRE(list.size() == 1);
  CHECK(list[0].message == "c is bad");

  std::string broken = dir.Write("broken.json", "{");
  CHECK_FALSE(ApplyBaseline(broken, list, later).ok);
}

TEST_CASE("linting on several threads finds exactly what one thread finds", "[lint][jobs]") {
  // 1,200 objects of a few shapes (enough for the engine to use 3 lanes),
  // with cross-object rules (Services select the Deployments) and one
  // suppression, so every lane sees findings, suppressions and lookups.
  std::string text;
  for (int i = 0; i < 400; ++i) {
    std::string name = "app" + std::to_string(i);
    text += "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name +
            "\n" + (i % 7 == 0 ? "  annotations:\n    mast.dev/ignore: \"image-latest-tag: pinned elsewhere\"\n" : "") +
            "spec:\n  replicas: " + std::to_string(i % 3 + 1) +
            "\n  selector: {matchLabels: {app: " + name + "}}\n  template:\n    metadata: {labels: {app: " + name +
            "}}\n    spec:\n      containers:\n      - name: c\n        image: nginx" + (i % 2 ? ":latest" : ":1.27") +
            "\n---\n";
    text += "apiVersion: v1\nkind: Service\nmetadata: {name: " + name + "}\nspec:\n  selector: {app: " +
            (i % 5 == 0 ? std::string("nothing") : name) + "}\n  ports: [{port: 80}]\n---\n";
    text += "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + "}\ndata: {password: hunter2}\n---\n";
  }
  text.resize(text.size() - 4);  // the last "---\n"
  SourceManager sources;
  std::vector<Value> objects = ReadObjects(sources, "many.yaml", text);
  REQUIRE(objects.size() == 1200);
  DiagnosticSink load;
  auto engine = PolicyEngine::Load(sources, {}, nullptr, load);
  REQUIRE_FALSE(load.HasErrors());

  auto lint = [&](size_t jobs, PolicyEngine::LintStats* stats) {
    DiagnosticSink findings;
    PolicyEngine::LintOptions options;
    options.jobs = jobs;
    *stats = engine->Lint(objects, findings, options);
    std::vector<Diagnostic> sorted = findings.diagnostics();
    SortDiagnostics(sorted);
    std::vector<std::string> out;
    for (const Diagnostic& d : sorted) out.push_back(d.rule + " " + std::to_string(d.range.begin) + " " + d.message);
    return out;
  };
  PolicyEngine::LintStats one;
  PolicyEngine::LintStats three;
  std::vector<std::string> alone = lint(1, &one);
  std::vector<std::string> parallel = lint(3, &three);
  CHECK(CountRuleIn(alone, "service-selector-no-match") == 80);
  CHECK(CountRuleIn(alone, "image-latest-tag") > 150);
  CHECK(one.suppressed > 0);
  CHECK(parallel == alone);
  CHECK(three.findings == one.findings);
  CHECK(three.suppressed == one.suppressed);
  // Linting again reuses the lanes and still agrees.
  PolicyEngine::LintStats again;
  CHECK(lint(3, &again) == alone);
}
