// Evaluates `policy` declarations: reads their metadata and runs their
// `violations(object, context)` body against objects. The policy engine
// (policies/) decides which policies run on which objects and turns
// violations into findings.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "eval/evaluator.h"
#include "eval/program.h"

namespace mast {

class Evaluator;

struct PolicyDefinition {
  std::string id;  // "image-latest-tag"
  SourceRange id_range;
  std::string category;
  Severity severity = Severity::kWarning;
  bool enabled_by_default = true;  // `severity: "off"` disables by default
  std::string description;
  std::string remediation;
  std::string rationale;
  std::vector<std::string> kinds;  // empty: every kind
  Value params;                    // default parameters (a record), overridable from .mast.yaml
  Value examples;                  // {failing: "yaml", passing: "yaml"} for docs and tests
  const ast::Decl* decl = nullptr;
  ModuleInfo* module = nullptr;
};

struct PolicyViolation {
  std::string message;
  SourceRange range;  // the origin of the value the violation was raised at
};

class PolicyEvaluator {
 public:
  PolicyEvaluator(Program& program, SourceManager& sources, const EvalLimits& limits, DiagnosticSink& sink);
  ~PolicyEvaluator();

  // Every policy declared in the program's modules, in declaration order.
  // Malformed metadata is reported (E1002) and that policy is skipped.
  std::vector<PolicyDefinition> LoadPolicies();

  // Runs one policy on one object. `context` is bound to the second
  // parameter of `violations`, if there is one. Errors in the policy's own
  // code become diagnostics; the policy then yields no violations.
  std::vector<PolicyViolation> Run(const PolicyDefinition& policy, const Value& object, const Value& context);

 private:
  std::unique_ptr<Evaluator> evaluator_;
  Program& program_;
  DiagnosticSink& sink_;
};

}  // namespace mast
