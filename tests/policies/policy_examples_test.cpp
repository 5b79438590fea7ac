// Every built-in rule documents itself and proves its examples: its failing
// example yields a finding of that rule, on the line the finding is about,
// and its passing example yields none. The examples are the ones printed in
// docs/rules.md, so the reference cannot drift from what the rules do.
#include <regex>
#include <set>

#include "policy_test_util.h"
#include "schemas/check/removed_apis.h"

namespace mast {
namespace {

using testing::Linter;
using testing::NotFindings;
using testing::OfRule;

// For every built-in rule: text that the line of its first finding on the
// failing example must contain. This is what "the finding points at the
// right line" means for each rule; a new rule needs an entry.
const std::map<std::string, std::string>& ExpectedLines() {
  static const std::map<std::string, std::string> kLines = {
      // probes
      {"probe-readiness-missing", "- name: web"},
      {"probe-liveness-missing", "- name: worker"},
      {"probe-liveness-equals-readiness", "livenessProbe:"},
      {"probe-port-undeclared", "port: 8080"},
      // resources
      {"resources-requests-missing", "limits: { memory: 512Mi }"},
      {"resources-memory-limit-missing", "requests: { cpu: 100m, memory: 256Mi }"},
      {"resources-cpu-limit-missing", "limits: { memory: 1Gi }"},
      {"resources-requests-exceed-limits", "cpu: 1500m"},
      // images
      {"image-latest-tag", "image: nginx:latest"},
      {"image-digest-missing", "image: nginx:1.27.2"},
      {"image-registry-not-allowed", "image: docker.io/library/nginx"},
      {"image-pull-policy-inconsistent", "imagePullPolicy: IfNotPresent"},
      // labels and metadata
      {"labels-required-missing", "labels: { team: storefront }"},
      {"labels-selector-mismatch", "matchLabels: { app: checkout }"},
      {"labels-invalid", "version: 1.0"},
      {"namespace-default", "namespace: default"},
  };
  return kLines;
}

// The default severities of issue 4's rule table ("off" = disabled by default).
const std::map<std::string, std::string>& DefaultSeverities() {
  static const std::map<std::string, std::string> kSeverities = {
      {"probe-readiness-missing", "warning"},
      {"probe-liveness-missing", "info"},
      {"probe-liveness-equals-readiness", "warning"},
      {"probe-port-undeclared", "error"},
      {"resources-requests-missing", "warning"},
      {"resources-memory-limit-missing", "warning"},
      {"resources-cpu-limit-missing", "off"},
      {"resources-requests-exceed-limits", "error"},
      {"image-latest-tag", "error"},
      {"image-digest-missing", "off"},
      {"image-registry-not-allowed", "off"},
      {"image-pull-policy-inconsistent", "info"},
      {"labels-required-missing", "warning"},
      {"labels-selector-mismatch", "error"},
      {"labels-invalid", "error"},
      {"namespace-default", "info"},
  };
  return kSeverities;
}

std::string SeverityText(const RuleInfo& rule) {
  if (!rule.definition.enabled_by_default) return "off";
  return std::string(SeverityName(rule.definition.severity));
}

std::string ExampleText(const RuleInfo& rule, std::string_view which) {
  const Value* text = rule.definition.examples.Find(which);
  return text && text->IsString() ? text->AsString() : std::string();
}

TEST_CASE("the built-in policies load without diagnostics", "[policies]") {
  Linter linter;
  INFO(linter.Describe(linter.load_diagnostics()));
  CHECK(linter.load_diagnostics().empty());
  CHECK(linter.engine().rules().size() >= ExpectedLines().size());
}

TEST_CASE("every built-in rule is documented", "[policies]") {
  Linter linter;
  const std::set<std::string> categories = {"probes",   "resources", "images",       "labels",     "security",
                                            "secrets",  "availability", "networking", "rbac",       "jobs",
                                            "env",      "api-lifecycle", "references"};
  const std::regex id_pattern("[a-z0-9]+(-[a-z0-9]+)*");
  for (const RuleInfo& rule : linter.engine().rules()) {
    const PolicyDefinition& d = rule.definition;
    INFO("rule " << d.id);
    CHECK(std::regex_match(d.id, id_pattern));
    CHECK(categories.count(d.category) == 1);
    CHECK(!d.description.empty());
    CHECK(!d.rationale.empty());
    CHECK(!d.remediation.empty());
    CHECK(d.description.back() != '.');
    CHECK(d.remediation.back() != '.');
    CHECK(!ExampleText(rule, "failing").empty());
    CHECK(!ExampleText(rule, "passing").empty());
    CHECK(ExpectedLines().count(d.id) == 1);
    if (auto it = DefaultSeverities().find(d.id); it != DefaultSeverities().end()) {
      CHECK(SeverityText(rule) == it->second);
    } else {
      FAIL_CHECK("no default severity listed for " << d.id);
    }
  }
}

TEST_CASE("every rule of the table exists", "[policies]") {
  Linter linter;
  for (const auto& [id, severity] : DefaultSeverities()) {
    INFO("rule " << id);
    CHECK(linter.engine().FindRule(id) != nullptr);
  }
}

TEST_CASE("failing examples fail and passing examples pass", "[policies]") {
  Linter all;
  std::vector<std::string> ids = all.RuleIds();
  for (const RuleInfo& rule : all.engine().rules()) {
    const std::string& id = rule.definition.id;
    DYNAMIC_SECTION(id) {
      std::unique_ptr<Linter> linter = Linter::ForRule(id, ids);

      std::vector<Diagnostic> failing = linter->Lint(ExampleText(rule, "failing"), id + "/failing.yaml");
      INFO("failing example of " << id << ":\n" << linter->Describe(failing));
      CHECK(NotFindings(failing).empty());
      std::vector<Diagnostic> found = OfRule(failing, id);
      REQUIRE(!found.empty());
      for (const Diagnostic& d : found) {
        CHECK(d.range.IsValid());
        CHECK(!d.message.empty());
        // Messages start in lower case (or with a `name`) and have no trailing period.
        CHECK((std::islower(static_cast<unsigned char>(d.message[0])) || d.message[0] == '`'));
        CHECK(d.message.back() != '.');
      }
      auto expected = ExpectedLines().find(id);
      if (expected != ExpectedLines().end()) {
        CHECK_THAT(linter->LineAt(found.front()), Catch::Matchers::Contains(expected->second));
      }

      std::vector<Diagnostic> passing = linter->Lint(ExampleText(rule, "passing"), id + "/passing.yaml");
      INFO("passing example of " << id << ":\n" << linter->Describe(passing));
      CHECK(NotFindings(passing).empty());
      CHECK(OfRule(passing, id).empty());
    }
  }
}

}  // namespace
}  // namespace mast
