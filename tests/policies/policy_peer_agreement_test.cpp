// How often Mast agrees with Polaris, kube-linter and kube-score where they
// mean the same thing. Each case under tests/policies/peers/<tool>/<check>/
// is a manifest written to reproduce one of the peer's own published test
// fixtures or documented examples; its header says the peer's verdict:
//
//   # peer: kube-linter run-as-non-root: fail
//   # source: stackrox/kube-linter tests/checks/run-as-non-root.yml, ...
//   # params: availability-replicas-low {minReplicas: 3}   (optional: rule parameters)
//   # differs: <why Mast deliberately decides otherwise>  (optional)
//
// Mast's verdict is "fail" when one of the rules the peer table
// (policies/peer_checks.cpp) maps the check to reports a finding on the
// case; every rule is enabled, also those off by default, since the case is
// about what the check means. Agreement per tool = agreeing cases / cases
// not marked `differs`; it must stay at 95% or more, and the figures must be
// the ones docs/rules.md prints (kPeerAgreement). A case marked `differs`
// must really differ, and the rule's rationale says why.
#include <iostream>
#include <regex>
#include <set>
#include <sstream>

#include "policies/peer_checks.h"
#include "policy_peer_cases.h"
#include "policy_test_util.h"

namespace mast {
namespace {

using testing::PeerCase;

// An engine with every built-in rule enabled, with `params` ("<rule>
// <flow YAML>", or empty) applied; one per distinct `params`.
testing::Linter& EngineFor(const std::string& params) {
  static std::map<std::string, std::unique_ptr<testing::Linter>> engines;
  auto found = engines.find(params);
  if (found != engines.end()) return *found->second;
  PolicyOptions options = testing::BuiltinPolicyOptions();
  for (const std::string& id : testing::AllRules().RuleIds()) options.severity[id] = "warning";
  if (!params.empty()) {
    const size_t space = params.find(' ');
    REQUIRE(space != std::string::npos);
    options.params[params.substr(0, space)] = testing::ReadFlowValue(params.substr(space + 1));
  }
  auto linter = std::make_unique<testing::Linter>(options);
  REQUIRE(linter->load_diagnostics().empty());
  return *engines.emplace(params, std::move(linter)).first->second;
}

struct Tally {
  size_t agree = 0;
  size_t deliberate = 0;
  std::vector<std::string> disagreements;
  std::set<std::string> checks;

  size_t compared() const { return agree + disagreements.size(); }
  double percent() const { return compared() == 0 ? 0.0 : 100.0 * double(agree) / double(compared()); }
};

// Mast's verdict on a case: does a mapped rule report anything?
bool MastFails(const PeerCase& c, const PeerCheck& check) {
  testing::Linter& linter = EngineFor(c.params);
  std::vector<Diagnostic> all = linter.Lint(c.yaml, c.path);
  INFO(c.path << "\n" << linter.Describe(all));
  CHECK(testing::NotFindings(all).empty());
  for (std::string_view rule : RulesOf(check)) {
    if (!testing::OfRule(all, rule).empty()) return true;
  }
  return false;
}

std::string Verdict(bool fails) { return fails ? "fail" : "pass"; }

TEST_CASE("Mast agrees with Polaris, kube-linter and kube-score on their own cases", "[policies][peers][agreement]") {
  const std::vector<PeerCase> cases = testing::LoadPeerCases(std::string(MAST_SOURCE_DIR) + "/tests/policies/peers");
  std::map<std::string, Tally> tallies;
  std::set<std::string> checks_with_pass;
  std::set<std::string> checks_with_fail;
  for (const PeerCase& c : cases) {
    INFO(c.path);
    const PeerCheck* check = FindPeerCheck(c.tool, c.check);
    REQUIRE(check != nullptr);
    REQUIRE_FALSE(check->rules.empty());
    const bool mast_fails = MastFails(c, *check);
    Tally& tally = tallies[c.tool];
    tally.checks.insert(c.check);
    (c.peer_fails ? checks_with_fail : checks_with_pass).insert(c.tool + " " + c.check);
    const std::string line = c.path + ": " + c.tool + " says " + Verdict(c.peer_fails) + ", Mast says " +
                             Verdict(mast_fails) + " (" + std::string(check->rules) + ")";
    if (!c.differs.empty()) {
      ++tally.deliberate;
      INFO("a case marked `differs` where Mast agrees with the peer: remove the marker\n" << line);
      CHECK(mast_fails != c.peer_fails);
    } else if (mast_fails == c.peer_fails) {
      ++tally.agree;
    } else {
      tally.disagreements.push_back(line);
    }
  }

  std::ostringstream report;
  for (const auto& [tool, tally] : tallies) {
    char percent[16];
    std::snprintf(percent, sizeof percent, "%.1f", tally.percent());
    report << tool << ": " << percent << "% agreement (" << tally.agree << " of " << tally.compared()
           << " cases, " << tally.checks.size() << " checks; " << tally.deliberate
           << " cases where Mast deliberately differs)\n";
    for (const std::string& line : tally.disagreements) report << "  disagrees: " << line << "\n";
  }
  std::cout << report.str();
  INFO(report.str());

  CHECK(tallies.size() == 3);
  size_t checks = 0;
  for (const auto& [tool, tally] : tallies) {
    INFO(tool);
    checks += tally.checks.size();
    CHECK(tally.percent() >= 95.0);
    // docs/rules.md prints these figures: keep them true.
    const PeerAgreement* recorded = FindPeerAgreement(tool);
    REQUIRE(recorded != nullptr);
    CHECK(recorded->checks == tally.checks.size());
    CHECK(recorded->cases == tally.compared());
    CHECK(recorded->agreeing == tally.agree);
    CHECK(recorded->deliberate == tally.deliberate);
  }
  CHECK(checks >= 60);
  // Every check is seen both passing and failing something.
  for (const std::string& check : checks_with_fail) {
    INFO(check << " has no case the peer passes");
    CHECK(checks_with_pass.count(check) == 1);
  }
  for (const std::string& check : checks_with_pass) {
    INFO(check << " has no case the peer fails");
    CHECK(checks_with_fail.count(check) == 1);
  }
}

// The rule ids after "see the rationale of" / "see the rationales of" in a
// `differs` reason.
std::vector<std::string> RationalesNamed(const std::string& differs) {
  std::vector<std::string> ids;
  const size_t at = differs.find("see the rationale");
  if (at == std::string::npos) return ids;
  const std::string tail = differs.substr(at);
  static const std::regex kId("[a-z][a-z0-9]*(-[a-z0-9]+)+");
  for (auto it = std::sregex_iterator(tail.begin(), tail.end(), kId); it != std::sregex_iterator(); ++it) {
    ids.push_back(it->str());
  }
  return ids;
}

// The case files themselves: every header names a real check and a source,
// and every deliberate difference cites the Kubernetes documentation and
// names the rules whose rationale explains it, with a citation there too.
TEST_CASE("every peer case says what it mirrors, and every difference why", "[policies][peers][agreement]") {
  const std::vector<PeerCase> cases = testing::LoadPeerCases(std::string(MAST_SOURCE_DIR) + "/tests/policies/peers");
  CHECK(cases.size() >= 120);
  testing::Linter& all = testing::AllRules();
  for (const PeerCase& c : cases) {
    INFO(c.path);
    CHECK(FindPeerCheck(c.tool, c.check) != nullptr);
    CHECK(c.source.size() > 20);
    if (c.differs.empty()) continue;
    CHECK(c.differs.find("https://kubernetes.io/") != std::string::npos);
    const std::vector<std::string> rules = RationalesNamed(c.differs);
    CHECK_FALSE(rules.empty());
    for (const std::string& id : rules) {
      INFO("rule " << id);
      const RuleInfo* rule = all.engine().FindRule(id);
      REQUIRE(rule != nullptr);
      CHECK(rule->definition.rationale.find("https://kubernetes.io/") != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace mast
