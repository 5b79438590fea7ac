// E0713: Deployment, DaemonSet and StatefulSet update strategies.
//
// Mirrors pkg/apis/apps/validation:
// - ValidateDeploymentStrategy: `type` is Recreate or RollingUpdate;
//   `rollingUpdate` is not set with Recreate; ValidateRollingUpdateDeployment:
//   maxUnavailable and maxSurge are non-negative integers or percentages,
//   maxUnavailable is at most 100%, and they are not both 0 (an unset one
//   defaults to 25%).
// - ValidateDaemonSetUpdateStrategy / ValidateRollingUpdateDaemonSet: `type` is
//   RollingUpdate or OnDelete; exactly one of maxUnavailable (default 1) and
//   maxSurge (default 0) is non-zero; both at most 100%.
// - ValidateStatefulSetSpec: `type` is RollingUpdate or OnDelete, and
//   `rollingUpdate` is only allowed with RollingUpdate. (StatefulSet
//   maxUnavailable is an alpha field the server drops unless enabled, so it is
//   not checked.)
#include "schemas/rules/field_enums.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kUpdateStrategyCode = DiagnosticCode::E0713;

// The amount of an int-or-percent field: its value when valid, `fallback`
// when unset, nullopt when invalid (and reported).
std::optional<int64_t> Amount(const RuleContext& context, const Node& node, std::string_view field, bool at_most_100,
                              int64_t fallback) {
  if (!node) return fallback;
  return CheckIntOrPercent(context, kUpdateStrategyCode, node, field, at_most_100);
}

void CheckDeployment(const RuleContext& context, const Node& strategy) {
  const Node type = strategy["type"];
  CheckEnum(context, kUpdateStrategyCode, type, "type", EnumValues(FieldEnum::kDeploymentStrategyType));
  const std::string* text = type.NonEmptyString();
  const Node rolling = strategy["rollingUpdate"];
  if (text != nullptr && *text == "Recreate") {
    if (rolling) {
      context.ReportAt(kUpdateStrategyCode, rolling.KeyOrValue(), rolling.path,
                       "`rollingUpdate` may not be set when the strategy `type` is `Recreate`");
    }
    return;
  }
  if (text != nullptr && *text != "RollingUpdate") return;
  const Node max_unavailable = rolling["maxUnavailable"];
  const Node max_surge = rolling["maxSurge"];
  const std::optional<int64_t> unavailable = Amount(context, max_unavailable, "maxUnavailable", true, 25);
  const std::optional<int64_t> surge = Amount(context, max_surge, "maxSurge", false, 25);
  if (unavailable == 0 && surge == 0) {
    context.Report(kUpdateStrategyCode, max_unavailable ? max_unavailable : max_surge,
                   "`maxUnavailable` and `maxSurge` are both 0, so a rollout could never progress; make one of them "
                   "positive");
  }
}

void CheckDaemonSet(const RuleContext& context, const Node& strategy) {
  const Node type = strategy["type"];
  CheckEnum(context, kUpdateStrategyCode, type, "type", EnumValues(FieldEnum::kRollingOrOnDelete));
  const std::string* text = type.NonEmptyString();
  if (text != nullptr && *text != "RollingUpdate") return;
  const Node rolling = strategy["rollingUpdate"];
  const Node max_unavailable = rolling["maxUnavailable"];
  const Node max_surge = rolling["maxSurge"];
  const std::optional<int64_t> unavailable = Amount(context, max_unavailable, "maxUnavailable", true, 1);
  const std::optional<int64_t> surge = Amount(context, max_surge, "maxSurge", true, 0);
  if (!unavailable || !surge) return;
  if (*unavailable != 0 && *surge != 0) {
    std::string message = "`maxSurge` may not be set when `maxUnavailable` is non-zero";
    if (!max_unavailable) message += " (it defaults to 1); set `maxUnavailable: 0` to surge instead";
    context.Report(kUpdateStrategyCode, max_surge, std::move(message));
  } else if (*unavailable == 0 && *surge == 0) {
    context.Report(kUpdateStrategyCode, max_unavailable ? max_unavailable : max_surge,
                   "`maxUnavailable` may not be 0 when `maxSurge` is 0; make one of them positive");
  }
}

void CheckStatefulSet(const RuleContext& context, const Node& strategy) {
  const Node type = strategy["type"];
  CheckEnum(context, kUpdateStrategyCode, type, "type", EnumValues(FieldEnum::kRollingOrOnDelete));
  const std::string* text = type.NonEmptyString();
  const Node rolling = strategy["rollingUpdate"];
  if (text != nullptr && *text == "OnDelete" && rolling) {
    context.ReportAt(kUpdateStrategyCode, rolling.KeyOrValue(), rolling.path,
                     "`rollingUpdate` is only allowed when the update strategy `type` is `RollingUpdate`");
  }
}

void CheckUpdateStrategy(const RuleContext& context) {
  const Node spec = context.root()["spec"];
  if (context.Is("apps", "Deployment")) CheckDeployment(context, spec["strategy"]);
  if (context.Is("apps", "DaemonSet")) CheckDaemonSet(context, spec["updateStrategy"]);
  if (context.Is("apps", "StatefulSet")) CheckStatefulSet(context, spec["updateStrategy"]);
}

}  // namespace

const Rule kUpdateStrategyRule = {
    DiagnosticCode::E0713, "Deployment, DaemonSet and StatefulSet update strategies are valid",
    "pkg/apis/apps/validation.ValidateDeploymentStrategy, ValidateRollingUpdateDeployment, "
    "ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet, ValidateStatefulSetSpec",
    &CheckUpdateStrategy};

}  // namespace mast::rules
