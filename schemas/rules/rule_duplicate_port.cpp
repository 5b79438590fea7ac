// E0722: ports are not used twice: container port names within a container,
// host ports across a pod's containers (each init container on its own), and
// Service port names, port/protocol pairs and node ports.
//
// Mirrors pkg/apis/core/validation.validateContainerPorts (Duplicate `name`),
// checkHostPortConflicts / AccumulateUniqueHostPorts, and ValidateService
// (Duplicate port name, (protocol, port) and (protocol, nodePort)).
#include <map>

#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kDuplicatePortCode = DiagnosticCode::E0722;

using Seen = std::map<std::string, Node, std::less<>>;

// Records `key`; reports `node` with `message` when it was seen before.
void Track(const RuleContext& context, Seen& seen, const std::string& key, const Node& node, std::string message) {
  const auto [first, inserted] = seen.emplace(key, node);
  if (inserted) return;
  Diagnostic& diagnostic = context.Report(kDuplicatePortCode, node, std::move(message));
  diagnostic.labels.push_back(Label{first->second.Where(), "first used here"});
}

std::string Protocol(const Node& port) {
  const std::string* text = port["protocol"].NonEmptyString();
  return text != nullptr ? *text : "TCP";
}

void TrackHostPorts(const RuleContext& context, Seen& seen, const Node& container) {
  for (const Node& port : container["ports"].Items()) {
    const Node host_port = port["hostPort"];
    const std::optional<int64_t> number = host_port.Integer();
    if (!number || *number == 0) continue;
    const std::string* host_ip = port["hostIP"].String();
    const std::string ip = host_ip != nullptr ? *host_ip : "";
    const std::string shown = std::to_string(*number) + "/" + Protocol(port) + (ip.empty() ? "" : " on " + ip);
    Track(context, seen, Protocol(port) + "/" + ip + "/" + std::to_string(*number), host_port,
          "host port " + shown + " is used twice in one pod; each container needs its own host port");
  }
}

void CheckContainers(const RuleContext& context) {
  for (const PodTemplate& pod : context.pods()) {
    Seen host_ports;
    for (const ContainerRef& container : context.Containers(pod)) {
      Seen names;
      for (const Node& port : container.node["ports"].Items()) {
        const Node name = port["name"];
        const std::string* text = name.NonEmptyString();
        if (text == nullptr || !PortNameProblem(*text).empty()) continue;
        Track(context, names, *text, name, "duplicate port name " + Code(*text) + " in one container");
      }
      if (container.list == ContainerList::kContainers) {
        TrackHostPorts(context, host_ports, container.node);
      } else if (container.list == ContainerList::kInitContainers) {
        Seen own;  // init containers run one at a time
        TrackHostPorts(context, own, container.node);
      }
    }
  }
}

void CheckService(const RuleContext& context) {
  Seen names;
  Seen ports;
  Seen node_ports;
  for (const Node& port : context.root()["spec"]["ports"].Items()) {
    const Node name = port["name"];
    if (const std::string* text = name.NonEmptyString()) {
      Track(context, names, *text, name, "duplicate Service port name " + Code(*text));
    }
    const std::string protocol = Protocol(port);
    if (std::optional<int64_t> number = port["port"].Integer()) {
      const std::string shown = std::to_string(*number) + "/" + protocol;
      Track(context, ports, shown, port["port"], "duplicate Service port " + shown);
    }
    if (std::optional<int64_t> number = port["nodePort"].Integer(); number && *number != 0) {
      const std::string shown = std::to_string(*number) + "/" + protocol;
      Track(context, node_ports, shown, port["nodePort"], "node port " + shown + " is used twice");
    }
  }
}

void CheckDuplicatePorts(const RuleContext& context) {
  CheckContainers(context);
  if (context.Is("", "Service")) CheckService(context);
}

}  // namespace

const Rule kDuplicatePortRule = {
    DiagnosticCode::E0722, "port names, host ports and Service ports are not used twice",
    "pkg/apis/core/validation.validateContainerPorts, checkHostPortConflicts, ValidateService (duplicate ports)",
    &CheckDuplicatePorts};

}  // namespace mast::rules
