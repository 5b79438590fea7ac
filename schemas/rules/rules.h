// The rule registry: every rule is a stateless function over a RuleContext,
// defined in its own rule_*.cpp file next to its metadata.
//
// How to add a rule:
//   1. Add its code to the E07xx block of compiler/diagnostics/codes.def.
//   2. Write rule_<name>.cpp defining `const Rule k<Name>Rule = {...}` and its
//      check function; comment the Kubernetes validation it mirrors.
//   3. Declare the Rule below and list it in kAllRules (server_rules.cpp).
//   4. Add tests/check/rules/<name>.yaml with a failing and a passing document.
#pragma once

#include <string_view>

#include "compiler/diagnostics/diagnostic.h"
#include "schemas/rules/rule_context.h"

namespace mast::rules {

struct Rule {
  DiagnosticCode code;
  std::string_view title;
  std::string_view mirrors;
  void (*check)(const RuleContext& context);
};

extern const Rule kObjectNameRule;           // E0701
extern const Rule kMissingNameRule;          // E0702
extern const Rule kNamespaceRule;            // E0703
extern const Rule kLabelKeyRule;             // E0704
extern const Rule kLabelValueRule;           // E0705
extern const Rule kAnnotationKeyRule;        // E0706
extern const Rule kAnnotationSizeRule;       // E0707
extern const Rule kImagePullPolicyRule;      // E0708
extern const Rule kRestartPolicyRule;        // E0709
extern const Rule kServiceTypeRule;          // E0710
extern const Rule kProtocolRule;             // E0711
extern const Rule kDnsPolicyRule;            // E0712
extern const Rule kUpdateStrategyRule;       // E0713
extern const Rule kPodManagementPolicyRule;  // E0714
extern const Rule kConcurrencyPolicyRule;    // E0715
extern const Rule kIngressRule;              // E0716
extern const Rule kVolumeClaimRule;          // E0717
extern const Rule kServicePolicyRule;        // E0718
extern const Rule kPortRangeRule;            // E0719
extern const Rule kPortNameRule;             // E0720
extern const Rule kDuplicateContainerRule;   // E0721
extern const Rule kDuplicatePortRule;        // E0722
extern const Rule kDuplicateVolumeRule;      // E0723
extern const Rule kUnknownVolumeRule;        // E0724
extern const Rule kDuplicateMountPathRule;   // E0725
extern const Rule kProbeRule;                // E0726
extern const Rule kEnvVarRule;               // E0727
extern const Rule kSelectorMatchRule;        // E0728
extern const Rule kSelectorOperatorRule;     // E0729
extern const Rule kRequestLimitRule;         // E0730
extern const Rule kResourceNameRule;         // E0731
extern const Rule kResourceQuantityRule;     // E0732
extern const Rule kCronScheduleRule;         // E0733
extern const Rule kAutoscalerReplicasRule;   // E0734
extern const Rule kDisruptionBudgetRule;     // E0735
extern const Rule kDataKeyRule;              // E0736
extern const Rule kDataSizeRule;             // E0737
extern const Rule kContainerNameRule;        // E0738
extern const Rule kVolumeNameRule;           // E0739
extern const Rule kMissingImageRule;         // E0740
extern const Rule kNegativeValueRule;        // E0741
extern const Rule kRoleBindingRule;          // E0742
extern const Rule kPolicyRuleRule;           // E0743
extern const Rule kServiceTypeFieldsRule;    // E0744
extern const Rule kInitContainerProbeRule;   // E0745
extern const Rule kTolerationRule;           // E0746
extern const Rule kJobPolicyRule;             // E0747

}  // namespace mast::rules
