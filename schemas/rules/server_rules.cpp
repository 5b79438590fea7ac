#include "schemas/rules/server_rules.h"

#include "schemas/rules/rule_context.h"
#include "schemas/rules/rules.h"

namespace mast {

namespace {

using rules::Rule;

// In code order.
const Rule* const kAllRules[] = {
    &rules::kObjectNameRule,
    &rules::kMissingNameRule,
    &rules::kNamespaceRule,
    &rules::kLabelKeyRule,
    &rules::kLabelValueRule,
    &rules::kAnnotationKeyRule,
    &rules::kAnnotationSizeRule,
    &rules::kImagePullPolicyRule,
    &rules::kRestartPolicyRule,
    &rules::kServiceTypeRule,
    &rules::kProtocolRule,
    &rules::kDnsPolicyRule,
    &rules::kUpdateStrategyRule,
    &rules::kPodManagementPolicyRule,
    &rules::kConcurrencyPolicyRule,
    &rules::kIngressRule,
    &rules::kVolumeClaimRule,
    &rules::kServicePolicyRule,
    &rules::kPortRangeRule,
    &rules::kPortNameRule,
    &rules::kDuplicateContainerRule,
    &rules::kDuplicatePortRule,
    &rules::kDuplicateVolumeRule,
    &rules::kUnknownVolumeRule,
    &rules::kDuplicateMountPathRule,
    &rules::kProbeRule,
    &rules::kEnvVarRule,
    &rules::kSelectorMatchRule,
    &rules::kSelectorOperatorRule,
    &rules::kRequestLimitRule,
    &rules::kResourceNameRule,
    &rules::kResourceQuantityRule,
    &rules::kCronScheduleRule,
    &rules::kAutoscalerReplicasRule,
    &rules::kDisruptionBudgetRule,
    &rules::kDataKeyRule,
    &rules::kDataSizeRule,
    &rules::kContainerNameRule,
    &rules::kVolumeNameRule,
    &rules::kMissingImageRule,
    &rules::kNegativeValueRule,
    &rules::kRoleBindingRule,
    &rules::kPolicyRuleRule,
    &rules::kServiceTypeFieldsRule,
    &rules::kInitContainerProbeRule,
    &rules::kTolerationRule,
    &rules::kJobPolicyRule,
};

}  // namespace

void CheckServerRules(const Value& object, std::string_view api_version, std::string_view kind, DiagnosticSink& sink,
                      const ServerRuleOptions& options) {
  if (!object.IsMap()) return;
  const rules::RuleContext context(object, api_version, kind, sink, options);
  for (const Rule* rule : kAllRules) rule->check(context);
}

const std::vector<ServerRuleInfo>& AllServerRules() {
  static const std::vector<ServerRuleInfo> kInfos = [] {
    std::vector<ServerRuleInfo> infos;
    for (const Rule* rule : kAllRules) {
      const DiagnosticInfo& info = InfoOf(rule->code);
      infos.push_back(ServerRuleInfo{rule->code, info.id, info.name, rule->title, rule->mirrors});
    }
    return infos;
  }();
  return kInfos;
}

}  // namespace mast
