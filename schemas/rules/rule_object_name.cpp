// E0701: object names follow their kind's name syntax.
//
// Mirrors k8s.io/apimachinery/pkg/api/validation.ValidateObjectMetaAccessor
// (`name`, and `generateName` with its trailing '-' allowed) with each kind's
// ValidateNameFunc: NameIsDNSSubdomain for most kinds and for custom
// resources, NameIsDNSLabel for Namespace and StatefulSet (apps validation
// ValidateStatefulSetName, since Kubernetes 1.27; dotted StatefulSet names
// never worked, since they become pod hostnames), NameIsDNS1035Label for Service
// (core ValidateServiceName), path.IsValidPathSegmentName for RBAC roles and
// bindings (rbac validation minimalNameRequirements). Also the length limits
// that come from generated names: a CronJob name may have at most 52
// characters (batch validation ValidateCronJob: the controller appends an
// 11-character suffix) and a Job name at most 63 (it becomes the `job-name`
// label of its pods, and label values are limited to 63).
// Built-in kinds whose name syntax is not listed here are not checked.
#include <optional>

#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

struct KindName {
  std::string_view group;
  std::string_view kind;
  NameSyntax syntax;
};

constexpr KindName kKindNames[] = {
    {"", "ConfigMap", NameSyntax::kDnsSubdomain},
    {"", "Endpoints", NameSyntax::kDnsSubdomain},
    {"", "LimitRange", NameSyntax::kDnsSubdomain},
    {"", "Namespace", NameSyntax::kDnsLabel},
    {"", "Node", NameSyntax::kDnsSubdomain},
    {"", "PersistentVolume", NameSyntax::kDnsSubdomain},
    {"", "PersistentVolumeClaim", NameSyntax::kDnsSubdomain},
    {"", "Pod", NameSyntax::kDnsSubdomain},
    {"", "PodTemplate", NameSyntax::kDnsSubdomain},
    {"", "ReplicationController", NameSyntax::kDnsSubdomain},
    {"", "ResourceQuota", NameSyntax::kDnsSubdomain},
    {"", "Secret", NameSyntax::kDnsSubdomain},
    {"", "Service", NameSyntax::kDns1035Label},
    {"", "ServiceAccount", NameSyntax::kDnsSubdomain},
    {"apps", "ControllerRevision", NameSyntax::kDnsSubdomain},
    {"apps", "DaemonSet", NameSyntax::kDnsSubdomain},
    {"apps", "Deployment", NameSyntax::kDnsSubdomain},
    {"apps", "ReplicaSet", NameSyntax::kDnsSubdomain},
    {"apps", "StatefulSet", NameSyntax::kDnsLabel},
    {"autoscaling", "HorizontalPodAutoscaler", NameSyntax::kDnsSubdomain},
    {"batch", "CronJob", NameSyntax::kDnsSubdomain},
    {"batch", "Job", NameSyntax::kDnsSubdomain},
    {"networking.k8s.io", "Ingress", NameSyntax::kDnsSubdomain},
    {"networking.k8s.io", "IngressClass", NameSyntax::kDnsSubdomain},
    {"networking.k8s.io", "NetworkPolicy", NameSyntax::kDnsSubdomain},
    {"node.k8s.io", "RuntimeClass", NameSyntax::kDnsSubdomain},
    {"rbac.authorization.k8s.io", "ClusterRole", NameSyntax::kPathSegment},
    {"rbac.authorization.k8s.io", "ClusterRoleBinding", NameSyntax::kPathSegment},
    {"rbac.authorization.k8s.io", "Role", NameSyntax::kPathSegment},
    {"rbac.authorization.k8s.io", "RoleBinding", NameSyntax::kPathSegment},
    {"scheduling.k8s.io", "PriorityClass", NameSyntax::kDnsSubdomain},
    {"storage.k8s.io", "StorageClass", NameSyntax::kDnsSubdomain},
};

std::optional<NameSyntax> SyntaxFor(const RuleContext& context) {
  if (!context.IsBuiltin()) return NameSyntax::kDnsSubdomain;  // custom resources
  for (const KindName& entry : kKindNames) {
    if (context.Is(entry.group, entry.kind)) return entry.syntax;
  }
  return std::nullopt;
}

void CheckLengthLimit(const RuleContext& context, const Node& name, size_t limit, std::string_view why) {
  const std::string* text = name.String();
  if (text == nullptr || text->size() <= limit) return;
  context.Report(DiagnosticCode::E0701, name,
                 "invalid " + std::string(context.kind()) + " name " + Code(*text) + ": it is " +
                     std::to_string(text->size()) + " characters long, the limit is " + std::to_string(limit) + " " +
                     std::string(why));
}

void CheckObjectName(const RuleContext& context) {
  const std::optional<NameSyntax> syntax = SyntaxFor(context);
  if (!syntax) return;
  const Node metadata = context.root()["metadata"];
  const std::string what = std::string(context.kind()) + " name";
  // An empty name is E0702's business.
  const Node name = metadata["name"].NonEmptyString() != nullptr ? metadata["name"] : Node();
  const Node generate_name = metadata["generateName"].NonEmptyString() != nullptr ? metadata["generateName"] : Node();
  const bool reported = CheckName(context, DiagnosticCode::E0701, name, what, *syntax);
  CheckName(context, DiagnosticCode::E0701, generate_name, std::string(context.kind()) + " generateName", *syntax,
            /*prefix=*/true);
  if (reported) return;
  if (context.Is("batch", "CronJob")) {
    CheckLengthLimit(context, name, 52, "(Job names get an 11-character suffix)");
  } else if (context.Is("batch", "Job")) {
    const Node manual = context.root()["spec"]["manualSelector"];
    const bool manual_selector = manual && manual.value->IsBool() && manual.value->AsBool();
    if (!manual_selector) CheckLengthLimit(context, name, 63, "(it becomes the `job-name` label of its pods)");
  }
}

}  // namespace

const Rule kObjectNameRule = {
    DiagnosticCode::E0701, "object names follow the name syntax of their kind",
    "k8s.io/apimachinery/pkg/api/validation.ValidateObjectMetaAccessor with NameIsDNSSubdomain, NameIsDNSLabel "
    "(Namespace, StatefulSet), NameIsDNS1035Label (Service), path.IsValidPathSegmentName (RBAC); "
    "pkg/apis/batch/validation.ValidateCronJob (52 characters)",
    &CheckObjectName};

}  // namespace mast::rules
