// E0705: label values (and selector values) have at most 63 characters of
// letters, digits, '-', '_' and '.'.
//
// Mirrors k8s.io/apimachinery/pkg/apis/meta/v1/validation.ValidateLabels
// (IsValidLabelValue) for label maps and matchLabels,
// ValidateLabelSelectorRequirement for matchExpressions values, and core
// ValidateNodeSelectorRequirement for required node affinity values (the
// server does not check the values of preferred terms).
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"
#include "schemas/rules/selectors.h"

namespace mast::rules {

namespace {

void CheckValue(const RuleContext& context, const Node& value) {
  const std::string* text = value.String();
  if (text == nullptr) return;  // null decodes as ""; other types are the schema's business
  const std::string problem = LabelValueProblem(*text);
  if (problem.empty()) return;
  context.Report(DiagnosticCode::E0705, value, InvalidMessage("label value", *text, problem, SuggestLabelValue(*text)));
}

void CheckExpressionValues(const RuleContext& context, const Node& expressions) {
  for (const Node& requirement : expressions.Items()) {
    for (const Node& value : requirement["values"].Items()) CheckValue(context, value);
  }
}

void CheckLabelValues(const RuleContext& context) {
  for (const Node& map : LabelMaps(context)) {
    for (const auto& [key, value] : map.Entries()) CheckValue(context, value);
  }
  for (const Node& selector : LabelSelectors(context)) {
    for (const auto& [key, value] : selector["matchLabels"].Entries()) CheckValue(context, value);
    CheckExpressionValues(context, selector["matchExpressions"]);
  }
  for (const NodeSelectorExpressions& expressions : NodeSelectorRequirements(context)) {
    if (expressions.values_checked) CheckExpressionValues(context, expressions.list);
  }
}

}  // namespace

const Rule kLabelValueRule = {
    DiagnosticCode::E0705, "label and selector values are at most 63 letters, digits, '-', '_' and '.'",
    "k8s.io/apimachinery/pkg/apis/meta/v1/validation.ValidateLabels, ValidateLabelSelectorRequirement "
    "(IsValidLabelValue); pkg/apis/core/validation.ValidateNodeSelectorRequirement",
    &CheckLabelValues};

}  // namespace mast::rules
