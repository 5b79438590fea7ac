// Findings of the rules kept compact until they become diagnostics
// (policies/rule_findings.h).
#include "policies/rule_findings.h"
#include "policy_test_util.h"

namespace mast {
namespace {

using testing::AllRules;

// The rule numbers of two rules, and one with a remediation.
uint32_t NumberOf(const std::string& id) {
  const std::vector<RuleInfo>& rules = AllRules().engine().rules();
  for (uint32_t i = 0; i < rules.size(); ++i) {
    if (rules[i].definition.id == id) return i;
  }
  FAIL("no rule " << id);
  return 0;
}

std::vector<std::string> Describe(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) out.push_back(std::to_string(d.range.begin) + " " + d.rule + " " + d.message);
  return out;
}

TEST_CASE("findings become diagnostics with their rule's id, severity and fix note", "[policies][findings]") {
  const std::vector<RuleInfo>& rules = AllRules().engine().rules();
  const uint32_t latest = NumberOf("image-latest-tag");
  RuleFindings found;
  found.Add(latest, {3, 10, 20}, "uses `latest`");
  found.Add(latest, {3, 30, 40}, "also `latest`");
  std::vector<Diagnostic> out;
  found.MoveTo(out, rules);
  CHECK(found.empty());
  REQUIRE(out.size() == 2);
  CHECK(out[0].code == DiagnosticCode::W1001);
  CHECK(out[0].rule == "image-latest-tag");
  CHECK(out[0].severity == rules[latest].severity);
  CHECK(out[0].message == "uses `latest`");
  CHECK(out[0].range == SourceRange{3, 10, 20});
  REQUIRE(out[0].notes.size() == 1);
  CHECK(out[0].notes[0] == "fix: " + rules[latest].definition.remediation);
  CHECK(out[1].notes == out[0].notes);
}

TEST_CASE("findings of several runs are merged into report order", "[policies][findings]") {
  const uint32_t a = NumberOf("image-latest-tag");
  const uint32_t b = NumberOf("probe-liveness-missing");
  RuleFindings first;
  RuleFindings second;
  for (uint32_t at : {10u, 50u, 90u}) first.Add(a, {0, at, at + 1}, "m" + std::to_string(at));
  for (uint32_t at : {20u, 50u, 100u}) second.Add(b, {0, at, at + 1}, "m" + std::to_string(at));
  second.Add(a, {0, 5, 6}, "an object's finding placed before the others (a second run)");
  // The same findings, made diagnostics in input order and sorted.
  RuleFindings first_copy;
  RuleFindings second_copy;
  for (uint32_t at : {10u, 50u, 90u}) first_copy.Add(a, {0, at, at + 1}, "m" + std::to_string(at));
  for (uint32_t at : {20u, 50u, 100u}) second_copy.Add(b, {0, at, at + 1}, "m" + std::to_string(at));
  second_copy.Add(a, {0, 5, 6}, "an object's finding placed before the others (a second run)");
  std::vector<Diagnostic> sorted;
  first_copy.MoveTo(sorted, AllRules().engine().rules());
  second_copy.MoveTo(sorted, AllRules().engine().rules());
  SortDiagnostics(sorted);

  std::vector<Diagnostic> merged;
  RuleFindings::MoveSorted({&first, &second}, merged, AllRules().engine().rules());
  CHECK(first.empty());
  CHECK(second.empty());
  CHECK(Describe(merged) == Describe(sorted));
  CHECK(Describe(merged).front().rfind("5 ", 0) == 0);
}

TEST_CASE("findings in too many runs are appended as they are", "[policies][findings]") {
  const uint32_t a = NumberOf("image-latest-tag");
  RuleFindings found;
  for (uint32_t at = 200; at > 0; --at) found.Add(a, {0, at, at}, "m");  // 200 runs of one
  std::vector<Diagnostic> out;
  RuleFindings::MoveSorted({&found}, out, AllRules().engine().rules());
  REQUIRE(out.size() == 200);
  CHECK(out.front().range.begin == 200);
  SortDiagnostics(out);
  CHECK(out.front().range.begin == 1);
}

}  // namespace
}  // namespace mast
