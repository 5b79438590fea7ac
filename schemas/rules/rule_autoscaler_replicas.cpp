// E0734: a HorizontalPodAutoscaler has minReplicas >= 1, maxReplicas >= 1 and
// maxReplicas >= minReplicas.
//
// Mirrors pkg/apis/autoscaling/validation.validateHorizontalPodAutoscalerSpec
// (minReplicas may be 0 only with the alpha HPAScaleToZero feature gate).
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckAutoscalerReplicas(const RuleContext& context) {
  if (!context.Is("autoscaling", "HorizontalPodAutoscaler")) return;
  const Node spec = context.root()["spec"];
  const Node min_node = spec["minReplicas"];
  const Node max_node = spec["maxReplicas"];
  const bool bad_min = CheckMinimum(context, DiagnosticCode::E0734, min_node, "minReplicas", 1);
  const bool bad_max = CheckMinimum(context, DiagnosticCode::E0734, max_node, "maxReplicas", 1);
  const std::optional<int64_t> low = min_node.Integer();
  const std::optional<int64_t> high = max_node.Integer();
  if (bad_min || bad_max || !low || !high || *high >= *low) return;
  Diagnostic& diagnostic = context.Report(
      DiagnosticCode::E0734, max_node,
      "`maxReplicas` (" + std::to_string(*high) + ") is less than `minReplicas` (" + std::to_string(*low) + ")");
  diagnostic.labels.push_back(Label{min_node.Where(), "minReplicas"});
}

}  // namespace

const Rule kAutoscalerReplicasRule = {
    DiagnosticCode::E0734, "HorizontalPodAutoscaler replica bounds are at least 1 and ordered",
    "pkg/apis/autoscaling/validation.validateHorizontalPodAutoscalerSpec", &CheckAutoscalerReplicas};

}  // namespace mast::rules
