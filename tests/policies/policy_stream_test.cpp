// The policy stream of `mast check` (policies/findings.h): single-object
// rules run as each object is read and cross-object rules at the end, and
// the findings are the same as when every rule runs after the check.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "policies/findings.h"
#include "policy_test_util.h"
#include "schemas/kube_catalog.h"

namespace mast {
namespace {

using testing::AllRules;

bool ReadsOtherObjects(const PolicyEngine& engine, const std::string& id) {
  const RuleInfo* rule = engine.FindRule(id);
  REQUIRE(rule != nullptr);
  return rule->definition.reads_other_objects;
}

TEST_CASE("rules that use their context beyond params are cross-object", "[policies][stream]") {
  const PolicyEngine& engine = AllRules().engine();
  CHECK(ReadsOtherObjects(engine, "network-policy-missing"));       // context.objects
  CHECK(ReadsOtherObjects(engine, "reference-config-map-missing"));  // the context passed to a helper
  CHECK_FALSE(ReadsOtherObjects(engine, "labels-required-missing"));  // context.params only
  CHECK_FALSE(ReadsOtherObjects(engine, "image-latest-tag"));         // no context

  const std::string file = testing::WriteTestFile("custom.mast", R"(policy "uses-params" {
  description: "reads its parameters only"
  violations(object, ctx): if ctx.params?.on ?? false then ["on"] else []
}
policy "counts-objects" {
  description: "reads the other objects"
  violations(object, ctx): if len(ctx.objects) > 1 then ["many"] else []
}
policy "shadows" {
  description: "a comprehension variable named like the context counts as a use"
  violations(object, ctx): [for ctx in []: ctx]
}
)");
  PolicyOptions options;
  options.builtin = false;
  options.policy_files = {file};
  testing::Linter custom(options);
  INFO(custom.Describe(custom.load_diagnostics()));
  CHECK(custom.load_diagnostics().empty());
  CHECK_FALSE(ReadsOtherObjects(custom.engine(), "uses-params"));
  CHECK(ReadsOtherObjects(custom.engine(), "counts-objects"));
  CHECK(ReadsOtherObjects(custom.engine(), "shadows"));
}

// A Deployment whose Service comes later (a cross-object rule must see it),
// an annotation that suppresses a rule, and one without a reason (W1003).
std::string Manifests(int copies) {
  std::string text;
  for (int i = 0; i < copies; ++i) {
    const std::string n = std::to_string(i);
    text += "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-" + n + "\n  annotations:\n" +
            "    mast.dev/ignore: \"" + (i % 2 ? "image-latest-tag: pinned by the release job" : "image-latest-tag") +
            "\"\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web-" + n + "}}\n  template:\n" +
            "    metadata: {labels: {app: web-" + n + "}}\n    spec:\n      containers:\n      - name: web\n" +
            "        image: nginx\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web-" + n + "}\nspec:\n" +
            "  selector: {app: web-" + n + "}\n  ports: [{port: 80}]\n---\n";
  }
  return text;
}

struct Run {
  std::vector<std::string> findings;
  size_t suppressed = 0;
  size_t kept_values = 0;
};

// `index_from_bytes`: FindingsOptions's; 0 packs what the cross-object rules
// read however small the input.
Run Check(const std::string& text, const PolicyOptions& policies, bool stream, unsigned jobs,
          size_t index_from_bytes = 0) {
  ManifestCheckOptions check;
  check.paths = {"-"};
  check.stdin_text = text;
  check.keep_values = true;
  check.jobs = jobs;
  check.chunk_bytes = 2048;  // many chunks, spread over the workers
  FindingsOptions options;
  options.jobs = jobs;
  options.index_from_bytes = index_from_bytes;
  PolicyStream observer(policies, &KubeCatalog::Embedded(), options, nullptr);
  if (stream) check.observer = &observer;
  ManifestCheckResult result;
  CheckManifests(check, result);
  if (stream) options.stream = &observer;
  Findings findings = CollectFindings(result.sources, std::move(result.diagnostics), result.objects, policies,
                                      &KubeCatalog::Embedded(), options);
  Run run;
  for (const Diagnostic& d : findings.diagnostics) {
    run.findings.push_back(std::string(d.id()) + " " + std::to_string(d.range.begin) + " " + d.message);
  }
  run.suppressed = findings.suppressed;
  for (const CheckedObject& object : result.objects) run.kept_values += object.value.IsMap() ? 1 : 0;
  return run;
}

TEST_CASE("the stream finds what linting after the check finds", "[policies][stream]") {
  const std::string text = Manifests(300);
  PolicyOptions defaults;
  const Run after = Check(text, defaults, false, 1);
  REQUIRE(after.suppressed == 300);  // a suppression without a reason suppresses too (and is a W1003)
  auto has = [&](const std::string& prefix) {
    return std::any_of(after.findings.begin(), after.findings.end(),
                       [&](const std::string& f) { return f.rfind(prefix, 0) == 0; });
  };
  REQUIRE(has("W1003"));
  REQUIRE(has("probe-readiness-missing"));  // needs the Service, which comes after the Deployment
  // Linting the kept values on two threads (in pieces that go to whichever
  // thread is free) finds the same, in the same order.
  const Run threads = Check(text, defaults, false, 2);
  CHECK(threads.findings == after.findings);
  CHECK(threads.suppressed == after.suppressed);
  for (unsigned jobs : {1u, 2u}) {
    const Run streamed = Check(text, defaults, true, jobs);
    CHECK(streamed.findings == after.findings);
    CHECK(streamed.suppressed == after.suppressed);
    CHECK(streamed.kept_values == 0);  // what the cross-object rules read is kept, packed
  }
  // A small input keeps its values rather than packing what the rules read
  // (working that out costs more than the memory it saves): the same findings.
  const Run small = Check(text, defaults, true, 2, text.size() + 1);
  CHECK(small.findings == after.findings);
  CHECK(small.suppressed == after.suppressed);
  CHECK(small.kept_values == 600);
  // Without cross-object rules, no value outlives its chunk.
  PolicyOptions single;
  for (const RuleInfo& rule : AllRules().engine().rules()) {
    if (rule.definition.reads_other_objects) single.severity[rule.definition.id] = "off";
  }
  const Run single_after = Check(text, single, false, 2);
  const Run single_streamed = Check(text, single, true, 2);
  CHECK(single_streamed.findings == single_after.findings);
  CHECK(single_streamed.suppressed == single_after.suppressed);
  CHECK(single_streamed.kept_values == 0);
}

// Every rule's failing and passing examples in one stream.
std::string EveryExample() {
  std::string text;
  for (const RuleInfo& rule : AllRules().engine().rules()) {
    for (const char* which : {"failing", "passing"}) {
      const Value* example = rule.definition.examples.Find(which);
      if (!example || !example->IsString()) continue;
      const std::string& yaml = example->AsString();
      text += yaml + (yaml.empty() || yaml.back() == '\n' ? "" : "\n") + "---\n";
    }
  }
  return text;
}

TEST_CASE("the cross-object rules find on the packed objects what they find on whole values", "[policies][stream]") {
  PolicyOptions every;
  for (const std::string& id : AllRules().RuleIds()) every.severity[id] = "warning";
  const std::string text = EveryExample() + Manifests(20);
  const Run after = Check(text, every, false, 1);
  REQUIRE(after.findings.size() > 200);
  for (unsigned jobs : {1u, 2u}) {
    const Run streamed = Check(text, every, true, jobs);
    CHECK(streamed.findings == after.findings);
    CHECK(streamed.suppressed == after.suppressed);
    CHECK(streamed.kept_values == 0);
  }
}

TEST_CASE("the stream keeps whole values for cross-object rules whose reads are not known", "[policies][stream]") {
  const std::string file = testing::WriteTestFile("counting.mast", R"(policy "counts-objects" {
  description: "reads the other objects themselves"
  kinds: ["Service"]
  violations(object, ctx): if len(ctx.objects) > 1 then [violation(object.metadata, "one of ${len(ctx.objects)}")] else []
}
)");
  PolicyOptions policies;
  policies.policy_files = {file};
  const std::string text = Manifests(30);
  const Run after = Check(text, policies, false, 2);
  const Run streamed = Check(text, policies, true, 2);
  CHECK(streamed.findings == after.findings);
  CHECK(streamed.suppressed == after.suppressed);
  CHECK(streamed.kept_values == 60);
}

}  // namespace
}  // namespace mast
