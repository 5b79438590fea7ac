// The one place where `mast check` calls the server-side rules
// (schemas/rules/: names, labels, enums, ports, probes, ...), so the check
// pipeline does not depend on how the rules are organised.
#pragma once

#include <string>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"

namespace mast {

// Runs the server-side rules for an object whose schema was found.
void RunServerRules(const Value& object, const std::string& api_version, const std::string& kind,
                    DiagnosticSink& sink);

}  // namespace mast
