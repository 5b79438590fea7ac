// Evaluates `policy` declarations: reads their metadata and runs their
// `violations(object, context)` body against objects. The policy engine
// (policies/) decides which policies run on which objects and turns
// violations into findings.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/eval/evaluator.h"
#include "compiler/sema/program.h"

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
  // `match: {namespaces: [...], labels: {...}}`: empty = every namespace;
  // null = any labels, else a label selector (a plain map, or
  // matchLabels/matchExpressions) on the object's own labels.
  std::vector<std::string> namespaces;
  Value labels;
  Value params;                    // default parameters (a record), overridable from .mast.yaml
  Value examples;                  // {failing: "yaml", passing: "yaml"} for docs and tests
  // `violations` uses its context other than as `context.params`: it may
  // read `context.objects`, so it runs once every object is read (a
  // cross-object rule). Otherwise it sees its object alone and can run as
  // soon as the object is read.
  bool reads_other_objects = false;
  const ast::Decl* decl = nullptr;
  ModuleInfo* module = nullptr;
};

struct PolicyViolation {
  std::string message;
  SourceRange range;  // the origin of the value the violation was raised at
};

// Whether `object` is in one of the policy's namespaces (an object without
// `metadata.namespace` is in "default", where kubectl puts it) and its
// labels match the policy's selector. Kinds are matched by the caller.
bool PolicyMatches(const PolicyDefinition& policy, const Value& object);

// LabelSelector semantics (matchLabels and matchExpressions; a plain map is
// matchLabels), as the `selectorMatches` builtin applies them.
bool SelectorMatches(const Value& selector, const Value& labels);

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
