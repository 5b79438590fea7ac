// E0718: Service session affinity and traffic policies.
//
// Mirrors pkg/apis/core/validation.ValidateService: `sessionAffinity` is
// ClientIP or None (the default), `sessionAffinityConfig` is only allowed
// with ClientIP and its timeout is 1-86400 seconds
// (validateClientIPAffinityConfig); validateServiceExternalTrafficPolicy:
// `externalTrafficPolicy` is Cluster or Local and only set on externally
// accessible Services (NodePort, LoadBalancer, or ClusterIP with
// externalIPs); validateServiceInternalTrafficFieldsValue:
// `internalTrafficPolicy` is Cluster or Local.
#include "schemas/rules/field_enums.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kServicePolicyCode = DiagnosticCode::E0718;

void CheckServicePolicy(const RuleContext& context) {
  if (!context.Is("", "Service")) return;
  const Node spec = context.root()["spec"];
  const Node affinity = spec["sessionAffinity"];
  CheckEnum(context, kServicePolicyCode, affinity, "sessionAffinity", EnumValues(FieldEnum::kSessionAffinity));
  const std::string* affinity_text = affinity.NonEmptyString();
  const std::string affinity_value = affinity_text != nullptr ? *affinity_text : "None";
  const Node config = spec["sessionAffinityConfig"];
  if (affinity_value == "None" && config) {
    context.ReportAt(kServicePolicyCode, config.KeyOrValue(), config.path,
                     "`sessionAffinityConfig` may not be set when `sessionAffinity` is `None`; set `sessionAffinity: "
                     "ClientIP` or remove it");
  } else if (affinity_value == "ClientIP") {
    const Node timeout = config["clientIP"]["timeoutSeconds"];
    if (std::optional<int64_t> seconds = timeout.Integer(); seconds && (*seconds <= 0 || *seconds > 86400)) {
      context.Report(kServicePolicyCode, timeout,
                     "`timeoutSeconds` is " + std::to_string(*seconds) + "; it must be between 1 and 86400 (one day)");
    }
  }

  const std::string* type = spec["type"].NonEmptyString();
  const std::string type_value = type != nullptr ? *type : "ClusterIP";
  const bool external = type_value == "NodePort" || type_value == "LoadBalancer" ||
                        (type_value == "ClusterIP" && !spec["externalIPs"].Items().empty());
  const Node external_policy = spec["externalTrafficPolicy"];
  if (external_policy.NonEmptyString() != nullptr && !external) {
    context.Report(kServicePolicyCode, external_policy,
                   "`externalTrafficPolicy` may only be set on externally-accessible Services (type `NodePort` or "
                   "`LoadBalancer`, or with `externalIPs`); this one has type `" +
                       type_value + "`");
  } else {
    CheckEnum(context, kServicePolicyCode, external_policy, "externalTrafficPolicy", EnumValues(FieldEnum::kTrafficPolicy));
  }
  CheckEnum(context, kServicePolicyCode, spec["internalTrafficPolicy"], "internalTrafficPolicy", EnumValues(FieldEnum::kTrafficPolicy));
}

}  // namespace

const Rule kServicePolicyRule = {DiagnosticCode::E0718,
                                 "Service session affinity and traffic policies are valid for the Service",
                                 "pkg/apis/core/validation.ValidateService, validateClientIPAffinityConfig, "
                                 "validateServiceExternalTrafficPolicy, validateServiceInternalTrafficFieldsValue",
                                 &CheckServicePolicy};

}  // namespace mast::rules
