// E0720: port names. Container port names and named ports (targetPort,
// probe ports, Ingress backend and NetworkPolicy ports) are IANA service
// names: at most 15 lowercase letters, digits and '-', with a letter, no "--"
// and no '-' at either end. Service port names are DNS-1123 labels, and every
// port of a multi-port Service needs one. An Ingress backend names a port by
// name or by number, not both.
//
// Mirrors pkg/apis/core/validation.validateContainerPorts, ValidatePortNumOrName
// (IsValidPortName), validateServicePort (ValidateDNS1123Label, required when
// there is more than one port), and networking validation
// validateIngressBackend and ValidateNetworkPolicyPort.
#include "schemas/rules/messages.h"
#include "schemas/rules/ports.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kPortNameCode = DiagnosticCode::E0720;

// A port name, or a named port of an int-or-string port field.
void CheckIanaName(const RuleContext& context, const Node& name) {
  const std::string* text = name.String();
  if (text == nullptr) return;
  const std::string problem = PortNameProblem(*text);
  if (problem.empty()) return;
  context.Report(kPortNameCode, name, InvalidMessage("port name", *text, problem, SuggestPortName(*text)));
}

void CheckIngressBackend(const RuleContext& context, const Node& backend) {
  const Node service = backend["service"];
  if (!service) return;
  const Node port = service["port"];
  const Node name = port["name"];
  const std::optional<int64_t> number = port["number"].Integer();
  const bool has_name = name.NonEmptyString() != nullptr;
  const bool has_number = number && *number != 0;
  if (has_name && has_number) {
    context.Report(kPortNameCode, name, "a backend port has both `name` and `number`; keep one");
  } else if (!has_name && !has_number) {
    context.Report(kPortNameCode, port ? port : service, "a backend port needs a `name` or a `number`");
  } else if (has_name) {
    CheckIanaName(context, name);
  }
}

void CheckPortNames(const RuleContext& context) {
  for (const ContainerRef& container : context.AllContainers()) {
    for (const Node& port : container.node["ports"].Items()) {
      if (port["name"].NonEmptyString() != nullptr) CheckIanaName(context, port["name"]);
    }
    if (!HasValidatedProbes(container)) continue;
    for (const Node& port : HandlerPorts(container.node)) CheckIanaName(context, port);
  }
  const Node spec = context.root()["spec"];
  if (context.Is("", "Service")) {
    const std::vector<Node> ports = spec["ports"].Items();
    for (const Node& port : ports) {
      const Node name = port["name"];
      if (name.NonEmptyString() != nullptr) {
        CheckName(context, kPortNameCode, name, "Service port name", NameSyntax::kDnsLabel);
      } else if (ports.size() > 1) {
        context.Report(kPortNameCode, port, "missing port `name`; every port of a Service with several ports needs a name");
      }
      const Node target = port["targetPort"];
      if (target.NonEmptyString() != nullptr) CheckIanaName(context, target);
    }
  }
  if (context.Is("networking.k8s.io", "Ingress")) {
    if (spec["defaultBackend"]) CheckIngressBackend(context, spec["defaultBackend"]);
    for (const Node& rule : spec["rules"].Items()) {
      for (const Node& path : rule["http"]["paths"].Items()) CheckIngressBackend(context, path["backend"]);
    }
  }
  if (context.Is("networking.k8s.io", "NetworkPolicy")) {
    for (std::string_view direction : {"ingress", "egress"}) {
      for (const Node& rule : spec[direction].Items()) {
        for (const Node& port : rule["ports"].Items()) CheckIanaName(context, port["port"]);
      }
    }
  }
}

}  // namespace

const Rule kPortNameRule = {
    DiagnosticCode::E0720, "port names are IANA service names (Service ports: DNS labels, named when several)",
    "pkg/apis/core/validation.validateContainerPorts, ValidatePortNumOrName (IsValidPortName), validateServicePort; "
    "networking validateIngressBackend, ValidateNetworkPolicyPort",
    &CheckPortNames};

}  // namespace mast::rules
