// E0719: port numbers are 1-65535, and Service node ports lie in the node
// port range.
//
// Mirrors pkg/apis/core/validation.validateContainerPorts (containerPort,
// hostPort), ValidatePortNumOrName (probe and lifecycle handler ports),
// validateServicePort (port, targetPort; a targetPort of 0 defaults to the
// port), the Service node port allocator (pkg/registry/core/service/portallocator:
// "provided port is not in the valid range", --service-node-port-range,
// default 30000-32767), networking validation validateIngressBackend
// (service.port.number) and ValidateNetworkPolicyPort (port, endPort >= port).
#include "schemas/rules/messages.h"
#include "schemas/rules/ports.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kPortRangeCode = DiagnosticCode::E0719;

// Reports an integer port outside 1-65535; `zero_ok` when 0 means unset.
void CheckPort(const RuleContext& context, const Node& port, std::string_view field, bool zero_ok) {
  const std::optional<int64_t> number = port.Integer();
  if (!number || (zero_ok && *number == 0) || (*number >= 1 && *number <= 65535)) return;
  context.Report(
      kPortRangeCode, port,
      "`" + std::string(field) + "` is " + std::to_string(*number) + "; a port number must be between 1 and 65535");
}

void CheckNodePort(const RuleContext& context, const Node& port) {
  const std::optional<int64_t> number = port.Integer();
  if (!number || *number == 0) return;  // allocated by the server
  const ServerRuleOptions& options = context.options();
  if (*number < 1 || *number > 65535 || options.node_port_max == 0) {
    CheckPort(context, port, "nodePort", false);
    return;
  }
  if (*number >= options.node_port_min && *number <= options.node_port_max) return;
  context.Report(kPortRangeCode, port,
                 "`nodePort` is " + std::to_string(*number) + "; node ports must be between " +
                     std::to_string(options.node_port_min) + " and " + std::to_string(options.node_port_max) +
                     " (the API server's --service-node-port-range)");
}

void CheckPortRanges(const RuleContext& context) {
  for (const ContainerRef& container : context.AllContainers()) {
    for (const Node& port : container.node["ports"].Items()) {
      CheckPort(context, port["containerPort"], "containerPort", false);
      CheckPort(context, port["hostPort"], "hostPort", true);
    }
    if (!HasValidatedProbes(container)) continue;
    for (const Node& port : HandlerPorts(container.node)) CheckPort(context, port, "port", false);
  }
  const Node spec = context.root()["spec"];
  if (context.Is("", "Service")) {
    for (const Node& port : spec["ports"].Items()) {
      CheckPort(context, port["port"], "port", false);
      CheckPort(context, port["targetPort"], "targetPort", true);
      CheckNodePort(context, port["nodePort"]);
    }
  }
  if (context.Is("networking.k8s.io", "Ingress")) {
    CheckPort(context, spec["defaultBackend"]["service"]["port"]["number"], "number", true);
    for (const Node& rule : spec["rules"].Items()) {
      for (const Node& path : rule["http"]["paths"].Items()) {
        CheckPort(context, path["backend"]["service"]["port"]["number"], "number", true);
      }
    }
  }
  if (context.Is("networking.k8s.io", "NetworkPolicy")) {
    for (std::string_view direction : {"ingress", "egress"}) {
      for (const Node& rule : spec[direction].Items()) {
        for (const Node& port : rule["ports"].Items()) {
          CheckPort(context, port["port"], "port", false);
          const Node end = port["endPort"];
          CheckPort(context, end, "endPort", false);
          const std::optional<int64_t> first = port["port"].Integer();
          const std::optional<int64_t> last = end.Integer();
          if (first && last && *last >= 1 && *last < *first) {
            context.Report(kPortRangeCode, end,
                           "`endPort` " + std::to_string(*last) + " is below `port` " + std::to_string(*first) +
                               "; the range must not be empty");
          }
        }
      }
    }
  }
}

}  // namespace

const Rule kPortRangeRule = {
    DiagnosticCode::E0719, "port numbers are 1-65535 and node ports are in the node port range",
    "pkg/apis/core/validation.validateContainerPorts, ValidatePortNumOrName, validateServicePort (IsValidPortNum); "
    "the Service node port allocator; networking validateIngressBackend, ValidateNetworkPolicyPort",
    &CheckPortRanges};

}  // namespace mast::rules
