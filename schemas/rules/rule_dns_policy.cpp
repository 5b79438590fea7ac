// E0712: a pod's `dnsPolicy` is ClusterFirstWithHostNet, ClusterFirst, Default
// or None, and `None` comes with `dnsConfig.nameservers`.
//
// Mirrors pkg/apis/core/validation.validateDNSPolicy and validatePodDNSConfig.
#include "schemas/rules/field_enums.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckDnsPolicy(const RuleContext& context) {
  for (const PodTemplate& pod : context.pods()) {
    const Node policy = pod.spec["dnsPolicy"];
    CheckEnum(context, DiagnosticCode::E0712, policy, "dnsPolicy",
              EnumValues(FieldEnum::kDnsPolicy));
    const std::string* text = policy.String();
    if (text == nullptr || *text != "None") continue;
    const Node config = pod.spec["dnsConfig"];
    if (!config) {
      context.Report(DiagnosticCode::E0712, policy,
                     "`dnsPolicy: None` needs a `dnsConfig` with at least one nameserver");
    } else if (config["nameservers"].Items().empty()) {
      context.Report(DiagnosticCode::E0712, config,
                     "`dnsPolicy: None` needs at least one nameserver in `dnsConfig.nameservers`");
    }
  }
}

}  // namespace

const Rule kDnsPolicyRule = {DiagnosticCode::E0712, "`dnsPolicy` is known, and `None` comes with dnsConfig nameservers",
                             "pkg/apis/core/validation.validateDNSPolicy, validatePodDNSConfig", &CheckDnsPolicy};

}  // namespace mast::rules
