// E0711: port protocols are TCP, UDP or SCTP.
//
// Mirrors pkg/apis/core/validation.validateContainerPorts and
// validateServicePort (supportedPortProtocols), and networking validation
// ValidateNetworkPolicyPort. Unset protocols default to TCP.
#include "schemas/rules/field_enums.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckProtocol(const RuleContext& context, const Node& port) {
  CheckEnum(context, DiagnosticCode::E0711, port["protocol"], "protocol", EnumValues(FieldEnum::kProtocol));
}

void CheckProtocols(const RuleContext& context) {
  for (const ContainerRef& container : context.AllContainers()) {
    for (const Node& port : container.node["ports"].Items()) CheckProtocol(context, port);
  }
  const Node spec = context.root()["spec"];
  if (context.Is("", "Service")) {
    for (const Node& port : spec["ports"].Items()) CheckProtocol(context, port);
  }
  if (context.Is("networking.k8s.io", "NetworkPolicy")) {
    for (std::string_view direction : {"ingress", "egress"}) {
      for (const Node& rule : spec[direction].Items()) {
        for (const Node& port : rule["ports"].Items()) CheckProtocol(context, port);
      }
    }
  }
}

}  // namespace

const Rule kProtocolRule = {DiagnosticCode::E0711, "port protocols are TCP, UDP or SCTP",
                            "pkg/apis/core/validation.validateContainerPorts, validateServicePort; "
                            "pkg/apis/networking/validation.ValidateNetworkPolicyPort",
                            &CheckProtocols};

}  // namespace mast::rules
