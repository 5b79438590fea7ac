// E0735: a PodDisruptionBudget sets at most one of minAvailable and
// maxUnavailable, each a non-negative integer or a percentage of at most 100%.
//
// Mirrors pkg/apis/policy/validation.ValidatePodDisruptionBudgetSpec
// ("minAvailable and maxUnavailable cannot be both set",
// ValidatePositiveIntOrPercent, IsNotMoreThan100Percent).
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckDisruptionBudget(const RuleContext& context) {
  if (!context.Is("policy", "PodDisruptionBudget")) return;
  const Node spec = context.root()["spec"];
  const Node min_available = spec["minAvailable"];
  const Node max_unavailable = spec["maxUnavailable"];
  if (min_available && max_unavailable) {
    context.ReportAt(DiagnosticCode::E0735, max_unavailable.KeyOrValue(), max_unavailable.path,
                     "`minAvailable` and `maxUnavailable` cannot both be set; keep one");
  }
  if (min_available) CheckIntOrPercent(context, DiagnosticCode::E0735, min_available, "minAvailable", true);
  if (max_unavailable) CheckIntOrPercent(context, DiagnosticCode::E0735, max_unavailable, "maxUnavailable", true);
}

}  // namespace

const Rule kDisruptionBudgetRule = {
    DiagnosticCode::E0735, "PodDisruptionBudgets set one of minAvailable and maxUnavailable, validly",
    "pkg/apis/policy/validation.ValidatePodDisruptionBudgetSpec", &CheckDisruptionBudget};

}  // namespace mast::rules
