// E0741: counts and durations that the server requires to be non-negative
// (ValidateNonnegativeField) or positive.
//
// Mirrors pkg/apis/apps/validation (replicas, minReadySeconds,
// revisionHistoryLimit, progressDeadlineSeconds > minReadySeconds, StatefulSet
// partition and ordinals.start), core ValidateReplicationControllerSpec,
// batch validation (parallelism, completions, backoffLimit,
// activeDeadlineSeconds, ttlSecondsAfterFinished, startingDeadlineSeconds,
// history limits), core validateProbe (initialDelaySeconds, timeoutSeconds,
// periodSeconds, successThreshold, failureThreshold; terminationGracePeriodSeconds
// > 0) and ValidatePodSpec (activeDeadlineSeconds >= 1).
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kNegativeValueCode = DiagnosticCode::E0741;

void NonNegative(const RuleContext& context, const Node& holder, std::initializer_list<std::string_view> fields) {
  for (std::string_view field : fields) CheckMinimum(context, kNegativeValueCode, holder[field], field, 0);
}

void CheckJobSpec(const RuleContext& context, const Node& spec) {
  NonNegative(context, spec,
              {"parallelism", "completions", "backoffLimit", "activeDeadlineSeconds", "ttlSecondsAfterFinished"});
}

void CheckDeploymentDeadline(const RuleContext& context, const Node& spec) {
  const Node deadline = spec["progressDeadlineSeconds"];
  const std::optional<int64_t> seconds = deadline.Integer();
  const std::optional<int64_t> min_ready = spec["minReadySeconds"].Integer();
  if (!seconds || *seconds < 0) return;
  const int64_t ready = min_ready.value_or(0);
  if (*seconds > ready) return;
  context.Report(kNegativeValueCode, deadline,
                 "`progressDeadlineSeconds` (" + std::to_string(*seconds) +
                     ") must be greater than `minReadySeconds` (" + std::to_string(ready) + ")");
}

void CheckPods(const RuleContext& context) {
  for (const PodTemplate& pod : context.pods()) {
    CheckMinimum(context, kNegativeValueCode, pod.spec["activeDeadlineSeconds"], "activeDeadlineSeconds", 1);
  }
  for (const ContainerRef& container : context.AllContainers()) {
    if (!HasValidatedProbes(container)) continue;
    for (std::string_view name : {"livenessProbe", "readinessProbe", "startupProbe"}) {
      const Node probe = container.node[name];
      NonNegative(context, probe,
                  {"initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"});
      CheckMinimum(context, kNegativeValueCode, probe["terminationGracePeriodSeconds"], "terminationGracePeriodSeconds", 1);
    }
  }
}

void CheckNegativeValues(const RuleContext& context) {
  const Node spec = context.root()["spec"];
  if (context.Is("apps", "Deployment")) {
    NonNegative(context, spec, {"replicas", "minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds"});
    CheckDeploymentDeadline(context, spec);
  } else if (context.Is("apps", "ReplicaSet") || context.Is("", "ReplicationController")) {
    NonNegative(context, spec, {"replicas", "minReadySeconds"});
  } else if (context.Is("apps", "StatefulSet")) {
    NonNegative(context, spec, {"replicas", "minReadySeconds"});
    CheckMinimum(context, kNegativeValueCode, spec["updateStrategy"]["rollingUpdate"]["partition"], "partition", 0);
    CheckMinimum(context, kNegativeValueCode, spec["ordinals"]["start"], "start", 0);
  } else if (context.Is("apps", "DaemonSet")) {
    NonNegative(context, spec, {"minReadySeconds", "revisionHistoryLimit"});
  } else if (context.Is("batch", "Job")) {
    CheckJobSpec(context, spec);
  } else if (context.Is("batch", "CronJob")) {
    NonNegative(context, spec, {"startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"});
    CheckJobSpec(context, spec["jobTemplate"]["spec"]);
  }
  CheckPods(context);
}

}  // namespace

const Rule kNegativeValueRule = {
    DiagnosticCode::E0741, "counts and durations are not negative (or zero, where they must be positive)",
    "ValidateNonnegativeField in pkg/apis/apps/validation, pkg/apis/batch/validation and "
    "pkg/apis/core/validation (validateProbe, ValidatePodSpec activeDeadlineSeconds, "
    "ValidateReplicationControllerSpec); apps ValidateDeploymentSpec (progressDeadlineSeconds)",
    &CheckNegativeValues};

}  // namespace mast::rules
