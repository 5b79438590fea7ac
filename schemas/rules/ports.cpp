#include "schemas/rules/ports.h"

namespace mast::rules {

std::vector<Node> HandlerPorts(const Node& container) {
  std::vector<Node> ports;
  auto add = [&](const Node& handler) {
    for (std::string_view kind : {"httpGet", "tcpSocket", "grpc"}) {
      if (const Node port = handler[kind]["port"]) ports.push_back(port);
    }
  };
  for (std::string_view probe : {"livenessProbe", "readinessProbe", "startupProbe"}) add(container[probe]);
  for (std::string_view hook : {"postStart", "preStop"}) add(container["lifecycle"][hook]);
  return ports;
}

}  // namespace mast::rules
