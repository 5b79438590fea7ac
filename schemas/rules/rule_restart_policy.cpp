// E0709: a pod's `restartPolicy` is Always, OnFailure or Never, and the one
// its controller allows: Always for Deployments, ReplicaSets, StatefulSets,
// DaemonSets and ReplicationControllers; OnFailure or Never for Jobs (and
// CronJobs), where the default Always is rejected. An init container's own
// `restartPolicy` may only be Always (a native sidecar, Kubernetes 1.28+).
//
// Mirrors pkg/apis/core/validation.validateRestartPolicy, apps validation
// ValidatePodTemplateSpecForReplicaSet / ValidateStatefulSetSpec /
// ValidateDaemonSetSpec, core ValidatePodTemplateSpecForRC, and batch
// validation validateJobSpec; validateInitContainers for init containers
// ("supported values: Always").
#include "schemas/rules/field_enums.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

bool RequiresAlways(const RuleContext& context) {
  return context.Is("apps", "Deployment") || context.Is("apps", "ReplicaSet") || context.Is("apps", "StatefulSet") ||
         context.Is("apps", "DaemonSet") || context.Is("", "ReplicationController");
}

void CheckInitContainerPolicies(const RuleContext& context) {
  for (const ContainerRef& container : context.AllContainers()) {
    if (container.list != ContainerList::kInitContainers) continue;
    const Node policy = container.node["restartPolicy"];
    const std::string* text = policy.String();
    if (text == nullptr || *text == "Always") continue;
    context.Report(DiagnosticCode::E0709, policy,
                   "an init container's `restartPolicy` may only be `Always` (a sidecar), found " +
                       Code(*text) + "; remove it for an init container that runs to completion");
  }
}

void CheckRestartPolicy(const RuleContext& context) {
  CheckInitContainerPolicies(context);
  const bool job = context.Is("batch", "Job") || context.Is("batch", "CronJob");
  for (const PodTemplate& pod : context.pods()) {
    const Node policy = pod.spec["restartPolicy"];
    CheckEnum(context, DiagnosticCode::E0709, policy, "restartPolicy", EnumValues(FieldEnum::kRestartPolicy));
    const std::string* text = policy.NonEmptyString();
    if (text != nullptr && *text != "Always" && *text != "OnFailure" && *text != "Never") continue;
    const std::string value = text != nullptr ? *text : "Always";
    if (RequiresAlways(context) && value != "Always") {
      context.Report(DiagnosticCode::E0709, policy,
                     "`restartPolicy: " + value + "` is not allowed in a " + std::string(context.kind()) +
                         "; its pods must use `Always`");
    } else if (job && value == "Always") {
      if (text != nullptr) {
        context.Report(DiagnosticCode::E0709, policy,
                       "`restartPolicy: Always` is not allowed in a " + std::string(context.kind()) +
                           "; use `OnFailure` or `Never`");
      } else {
        context.Report(DiagnosticCode::E0709, pod.spec ? pod.spec : pod.holder,
                       "missing `restartPolicy` in a " + std::string(context.kind()) +
                           "'s pod template; the default `Always` is not allowed, use `OnFailure` or `Never`");
      }
    }
  }
}

}  // namespace

const Rule kRestartPolicyRule = {
    DiagnosticCode::E0709, "`restartPolicy` is valid and allowed by the pod's controller",
    "pkg/apis/core/validation.validateRestartPolicy, validateInitContainers; apps "
    "ValidatePodTemplateSpecForReplicaSet, ValidateStatefulSetSpec, ValidateDaemonSetSpec; batch validateJobSpec",
    &CheckRestartPolicy};

}  // namespace mast::rules
