// E0704: label keys (and selector keys) are qualified names.
//
// Mirrors k8s.io/apimachinery/pkg/apis/meta/v1/validation.ValidateLabels and
// ValidateLabelName (IsQualifiedName) as applied to metadata.labels, pod
// template labels, Service/ReplicationController selectors, nodeSelector
// (core ValidatePodSpec), label selectors (ValidateLabelSelectorRequirement)
// and node selector requirements (core ValidateNodeSelectorRequirement).
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"
#include "schemas/rules/selectors.h"

namespace mast::rules {

namespace {

void CheckKey(const RuleContext& context, std::string_view key, const Node& node, SourceRange range) {
  const std::string problem = QualifiedNameProblem(key);
  if (problem.empty()) return;
  context.ReportAt(DiagnosticCode::E0704, range.IsValid() ? range : node.Where(), node.path,
                   InvalidMessage("label key", key, problem, ""));
}

void CheckMapKeys(const RuleContext& context, const Node& map) {
  for (const auto& [key, node] : map.Entries()) CheckKey(context, key, node, node.key_range);
}

void CheckExpressionKeys(const RuleContext& context, const Node& expressions) {
  for (const Node& requirement : expressions.Items()) {
    const Node key = requirement["key"];
    if (const std::string* text = key.String()) CheckKey(context, *text, key, key.Where());
  }
}

void CheckLabelKeys(const RuleContext& context) {
  for (const Node& map : LabelMaps(context)) CheckMapKeys(context, map);
  for (const Node& selector : LabelSelectors(context)) {
    CheckMapKeys(context, selector["matchLabels"]);
    CheckExpressionKeys(context, selector["matchExpressions"]);
  }
  for (const NodeSelectorExpressions& expressions : NodeSelectorRequirements(context)) {
    CheckExpressionKeys(context, expressions.list);
  }
}

}  // namespace

const Rule kLabelKeyRule = {
    DiagnosticCode::E0704, "label and selector keys are qualified names (optional DNS prefix, name of at most 63)",
    "k8s.io/apimachinery/pkg/apis/meta/v1/validation.ValidateLabels, ValidateLabelName (IsQualifiedName)",
    &CheckLabelKeys};

}  // namespace mast::rules
