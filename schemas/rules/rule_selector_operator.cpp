// E0729: selector requirements use a known operator with the right values:
// In and NotIn need values, Exists and DoesNotExist take none; node selector
// requirements also allow Gt and Lt with exactly one value.
//
// Mirrors k8s.io/apimachinery/pkg/apis/meta/v1/validation.ValidateLabelSelectorRequirement
// and pkg/apis/core/validation.ValidateNodeSelectorRequirement.
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"
#include "schemas/rules/selectors.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kSelectorOperatorCode = DiagnosticCode::E0729;

void CheckRequirement(const RuleContext& context, const Node& requirement, bool node_selector) {
  const Node operator_node = requirement["operator"];
  const std::string* op = operator_node.String();
  if (op == nullptr) return;  // required by the schema
  std::vector<std::string_view> allowed = {"In", "NotIn", "Exists", "DoesNotExist"};
  if (node_selector) {
    allowed.push_back("Gt");
    allowed.push_back("Lt");
  }
  bool known = false;
  for (std::string_view value : allowed) known = known || value == *op;
  if (!known) {
    std::string message = "unsupported `operator` value " + Code(*op);
    const std::string suggestion = Closest(*op, allowed);
    message += suggestion.empty() ? "; use " + OneOf(allowed) : "; did you mean `" + suggestion + "`?";
    context.Report(kSelectorOperatorCode, operator_node, std::move(message));
    return;
  }
  const Node values = requirement["values"];
  const size_t count = values.Items().size();
  if ((*op == "In" || *op == "NotIn") && count == 0) {
    context.Report(kSelectorOperatorCode, operator_node, "operator `" + *op + "` needs at least one value in `values`");
  } else if ((*op == "Exists" || *op == "DoesNotExist") && count > 0) {
    context.ReportAt(kSelectorOperatorCode, values.KeyOrValue(), values.path, "operator `" + *op + "` takes no `values`");
  } else if ((*op == "Gt" || *op == "Lt") && count != 1) {
    context.Report(kSelectorOperatorCode, count == 0 ? operator_node : values,
                   "operator `" + *op + "` needs exactly one value in `values`, found " + std::to_string(count));
  }
}

void CheckSelectorOperators(const RuleContext& context) {
  for (const Node& selector : LabelSelectors(context)) {
    for (const Node& requirement : selector["matchExpressions"].Items()) CheckRequirement(context, requirement, false);
  }
  for (const NodeSelectorExpressions& expressions : NodeSelectorRequirements(context)) {
    for (const Node& requirement : expressions.list.Items()) CheckRequirement(context, requirement, true);
  }
}

}  // namespace

const Rule kSelectorOperatorRule = {DiagnosticCode::E0729,
                                    "selector requirements have a known operator and the values it needs",
                                    "k8s.io/apimachinery/pkg/apis/meta/v1/validation.ValidateLabelSelectorRequirement; "
                                    "pkg/apis/core/validation.ValidateNodeSelectorRequirement",
                                    &CheckSelectorOperators};

}  // namespace mast::rules
