// The checks of the three best-known Kubernetes linters, Polaris, kube-linter
// and kube-score, each mapped to the built-in Mast rules that cover it, or
// with the reason none does. `mast rules --markdown` prints the table in
// docs/rules.md, and tests/policies/policy_peer_checks_test.cpp keeps it in
// step with the rule set: every rule it names exists, every check of the
// three tools is listed once, and a check without a rule says why.
//
// The lists are those of Polaris 10 (pkg/config/default.yaml), kube-linter
// 0.8 (docs/generated/checks.md) and kube-score 1.20 (README_CHECKS.md).
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace mast {

struct PeerCheck {
  std::string_view tool;   // "Polaris", "kube-linter" or "kube-score"
  std::string_view check;  // the peer's check id
  std::string_view rules;  // Mast rule ids, separated by ", "; empty when no rule covers the check
  // Why there is no rule, or where Mast deliberately differs from the peer;
  // may be empty when the rules do the same thing.
  std::string_view note;
};

// Every check of the three tools, grouped by tool, in each tool's order.
std::span<const PeerCheck> PeerChecks();

// The rule ids of `check.rules`, in order (views into the static table).
std::vector<std::string_view> RulesOf(const PeerCheck& check);

// The entry of `tool`'s `check`, or null.
const PeerCheck* FindPeerCheck(std::string_view tool, std::string_view check);

// How often Mast agrees with a tool on the cases of tests/policies/peers:
// manifests that reproduce the tool's own published test fixtures and
// documented examples. tests/policies/policy_peer_agreement_test.cpp
// measures it and fails when these figures are not what it measured.
struct PeerAgreement {
  std::string_view tool;
  size_t checks = 0;      // the tool's checks the cases cover
  size_t cases = 0;       // cases compared (not counting deliberate differences)
  size_t agreeing = 0;    // cases where Mast's mapped rules give the tool's verdict
  size_t deliberate = 0;  // cases where Mast deliberately differs, as the rule's rationale says
  // The agreeing cases, of the same `cases`, when the measurement began:
  // Mast and its peer table at commit 8dc572c, before the rule fixes it led
  // to. Measured once (MAST_POLICY_DIR pointing at that commit's policies),
  // not re-run.
  size_t agreeing_before = 0;
};

std::span<const PeerAgreement> PeerAgreements();
const PeerAgreement* FindPeerAgreement(std::string_view tool);

// The number of checks each tool has, as its documentation lists them.
inline constexpr size_t kPolarisChecks = 44;
inline constexpr size_t kKubeLinterChecks = 63;
inline constexpr size_t kKubeScoreChecks = 39;

}  // namespace mast
