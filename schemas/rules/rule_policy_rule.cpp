// E0743: RBAC rules have verbs; resource rules name apiGroups and resources;
// nonResourceURLs appear only in ClusterRoles and not next to resources.
//
// Mirrors pkg/apis/rbac/validation.validatePolicyRule ("verbs must contain at
// least one value", "resource rules must supply at least one api group",
// "... at least one resource", "namespaced rules cannot apply to non-resource
// URLs", "rules cannot apply to both regular resources and non-resource URLs").
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kPolicyRuleCode = DiagnosticCode::E0743;

bool Empty(const Node& list) { return list.Items().empty(); }

void CheckRule(const RuleContext& context, const Node& rule, bool namespaced) {
  if (Empty(rule["verbs"])) {
    context.Report(kPolicyRuleCode, rule["verbs"] ? rule["verbs"] : rule, "a rule needs at least one verb in `verbs`");
  }
  const Node urls = rule["nonResourceURLs"];
  if (!Empty(urls)) {
    if (namespaced) {
      context.Report(kPolicyRuleCode, urls, "a Role's rules cannot use `nonResourceURLs`; use a ClusterRole");
    }
    if (!Empty(rule["apiGroups"]) || !Empty(rule["resources"]) || !Empty(rule["resourceNames"])) {
      context.Report(kPolicyRuleCode, urls,
                     "a rule cannot apply to both resources and `nonResourceURLs`; split it into two rules");
    }
    return;
  }
  if (Empty(rule["apiGroups"])) {
    context.Report(kPolicyRuleCode, rule["apiGroups"] ? rule["apiGroups"] : rule,
                   "a resource rule needs at least one API group in `apiGroups`; use `\"\"` for the core group");
  }
  if (Empty(rule["resources"])) {
    context.Report(kPolicyRuleCode, rule["resources"] ? rule["resources"] : rule,
                   "a resource rule needs at least one resource in `resources`");
  }
}

void CheckPolicyRules(const RuleContext& context) {
  const bool namespaced = context.Is("rbac.authorization.k8s.io", "Role");
  if (!namespaced && !context.Is("rbac.authorization.k8s.io", "ClusterRole")) return;
  for (const Node& rule : context.root()["rules"].Items()) CheckRule(context, rule, namespaced);
}

}  // namespace

const Rule kPolicyRuleRule = {DiagnosticCode::E0743, "RBAC rules have verbs, API groups and resources",
                              "pkg/apis/rbac/validation.validatePolicyRule", &CheckPolicyRules};

}  // namespace mast::rules
