// The table of Polaris, kube-linter and kube-score checks in docs/rules.md
// (policies/peer_checks.cpp) stays in step with the rule set: it names only
// rules that exist, lists every check of each tool exactly once, and says
// why when no rule covers a check.
#include <map>
#include <set>

#include "policies/peer_checks.h"
#include "policy_test_util.h"

namespace mast {
namespace {

TEST_CASE("every peer check is listed once per tool", "[policies][peers]") {
  std::map<std::string_view, size_t> counts;
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const PeerCheck& check : PeerChecks()) {
    INFO(check.tool << " " << check.check);
    CHECK(seen.insert({check.tool, check.check}).second);
    ++counts[check.tool];
  }
  CHECK(counts.size() == 3);
  CHECK(counts["Polaris"] == kPolarisChecks);
  CHECK(counts["kube-linter"] == kKubeLinterChecks);
  CHECK(counts["kube-score"] == kKubeScoreChecks);
}

TEST_CASE("the peer table names only rules that exist, and says why when it names none", "[policies][peers]") {
  testing::Linter& all = testing::AllRules();
  for (const PeerCheck& check : PeerChecks()) {
    INFO(check.tool << " " << check.check);
    if (check.rules.empty()) {
      // A check without a rule carries its reason.
      CHECK((check.note.rfind("no rule", 0) == 0 || check.note.rfind("no policy rule", 0) == 0));
      continue;
    }
    for (std::string_view id : RulesOf(check)) {
      INFO("rule " << id);
      const RuleInfo* rule = all.engine().FindRule(std::string(id));
      REQUIRE(rule != nullptr);
      CHECK(rule->builtin);
    }
    // A note on a covered check is about a difference, never "no rule".
    CHECK(check.note.rfind("no rule", 0) != 0);
  }
}

}  // namespace
}  // namespace mast
