#include "schemas/check/server_rules_bridge.h"

#include "schemas/rules/server_rules.h"

namespace mast {

void RunServerRules(const Value& object, const std::string& api_version, const std::string& kind,
                    DiagnosticSink& sink) {
  CheckServerRules(object, api_version, kind, sink);
}

}  // namespace mast
