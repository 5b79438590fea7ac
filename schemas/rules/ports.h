// Where the port numbers and port names of built-in kinds live, for the port
// range, port name and protocol rules.
#pragma once

#include <vector>

#include "schemas/rules/rule_context.h"

namespace mast::rules {

// The `port` fields of a container's probe and lifecycle handlers
// (httpGet.port, tcpSocket.port: int or IANA name; grpc.port: int).
std::vector<Node> HandlerPorts(const Node& container);

}  // namespace mast::rules
