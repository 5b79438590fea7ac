#include "schemas/check/server_rules_bridge.h"

// INTEGRATION POINT (server-side rules): schemas/rules/ is written in
// parallel with this folder. Until its library exists, MAST_HAVE_SERVER_RULES
// is undefined (schemas/check/CMakeLists.txt sets it when the target
// mast_server_rules exists) and no rules run.
#if defined(MAST_HAVE_SERVER_RULES)
#include "schemas/rules/server_rules.h"
#endif

namespace mast {

void RunServerRules(const Value& object, const std::string& api_version, const std::string& kind,
                    DiagnosticSink& sink) {
#if defined(MAST_HAVE_SERVER_RULES)
  CheckServerRules(object, api_version, kind, sink, {});
#else
  (void)object, (void)api_version, (void)kind, (void)sink;
#endif
}

bool HaveServerRules() {
#if defined(MAST_HAVE_SERVER_RULES)
  return true;
#else
  return false;
#endif
}

}  // namespace mast
