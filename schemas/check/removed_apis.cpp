#include "schemas/check/removed_apis.h"

namespace mast {

namespace {

constexpr std::string_view kSelectorNote =
    "`spec.selector` is required in apps/v1 and must match `spec.template.metadata.labels`";
constexpr std::string_view kIngressNote =
    "networking.k8s.io/v1 renames `spec.backend` to `spec.defaultBackend`, `serviceName`/`servicePort` to "
    "`service.name`/`service.port.number` (or `.name`), and requires `pathType` on every path";
constexpr std::string_view kHpaNote =
    "autoscaling/v2 writes `targetAverageUtilization` as `target: {type: Utilization, averageUtilization: N}`";

// One row per (apiVersion, kind), grouped by the release that removed it.
constexpr RemovedApi kRemoved[] = {
    // 1.16
    {"extensions/v1beta1", "NetworkPolicy", "1.16", "networking.k8s.io/v1", ""},
    {"extensions/v1beta1", "PodSecurityPolicy", "1.16", "policy/v1beta1", ""},
    {"extensions/v1beta1", "DaemonSet", "1.16", "apps/v1", kSelectorNote},
    {"apps/v1beta2", "DaemonSet", "1.16", "apps/v1", kSelectorNote},
    {"extensions/v1beta1", "Deployment", "1.16", "apps/v1", kSelectorNote},
    {"apps/v1beta1", "Deployment", "1.16", "apps/v1", kSelectorNote},
    {"apps/v1beta2", "Deployment", "1.16", "apps/v1", kSelectorNote},
    {"apps/v1beta1", "StatefulSet", "1.16", "apps/v1", kSelectorNote},
    {"apps/v1beta2", "StatefulSet", "1.16", "apps/v1", kSelectorNote},
    {"extensions/v1beta1", "ReplicaSet", "1.16", "apps/v1", kSelectorNote},
    {"apps/v1beta1", "ReplicaSet", "1.16", "apps/v1", kSelectorNote},
    {"apps/v1beta2", "ReplicaSet", "1.16", "apps/v1", kSelectorNote},
    {"apps/v1beta1", "ControllerRevision", "1.16", "apps/v1", ""},
    {"apps/v1beta2", "ControllerRevision", "1.16", "apps/v1", ""},
    // 1.22
    {"admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", "1.22", "admissionregistration.k8s.io/v1",
     "admissionregistration.k8s.io/v1 requires `sideEffects` and `admissionReviewVersions` on every webhook"},
    {"admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", "1.22",
     "admissionregistration.k8s.io/v1",
     "admissionregistration.k8s.io/v1 requires `sideEffects` and `admissionReviewVersions` on every webhook"},
    {"apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", "1.22", "apiextensions.k8s.io/v1",
     "apiextensions.k8s.io/v1 moves `spec.validation` into `spec.versions[*].schema` and requires a structural schema"},
    {"apiregistration.k8s.io/v1beta1", "APIService", "1.22", "apiregistration.k8s.io/v1", ""},
    {"authentication.k8s.io/v1beta1", "TokenReview", "1.22", "authentication.k8s.io/v1", ""},
    {"authorization.k8s.io/v1beta1", "SubjectAccessReview", "1.22", "authorization.k8s.io/v1", ""},
    {"authorization.k8s.io/v1beta1", "LocalSubjectAccessReview", "1.22", "authorization.k8s.io/v1", ""},
    {"authorization.k8s.io/v1beta1", "SelfSubjectAccessReview", "1.22", "authorization.k8s.io/v1", ""},
    {"authorization.k8s.io/v1beta1", "SelfSubjectRulesReview", "1.22", "authorization.k8s.io/v1", ""},
    {"certificates.k8s.io/v1beta1", "CertificateSigningRequest", "1.22", "certificates.k8s.io/v1",
     "certificates.k8s.io/v1 requires `spec.signerName`"},
    {"coordination.k8s.io/v1beta1", "Lease", "1.22", "coordination.k8s.io/v1", ""},
    {"extensions/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1", kIngressNote},
    {"networking.k8s.io/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1", kIngressNote},
    {"networking.k8s.io/v1beta1", "IngressClass", "1.22", "networking.k8s.io/v1", ""},
    {"rbac.authorization.k8s.io/v1beta1", "ClusterRole", "1.22", "rbac.authorization.k8s.io/v1", ""},
    {"rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", "1.22", "rbac.authorization.k8s.io/v1", ""},
    {"rbac.authorization.k8s.io/v1beta1", "Role", "1.22", "rbac.authorization.k8s.io/v1", ""},
    {"rbac.authorization.k8s.io/v1beta1", "RoleBinding", "1.22", "rbac.authorization.k8s.io/v1", ""},
    {"rbac.authorization.k8s.io/v1alpha1", "ClusterRole", "1.22", "rbac.authorization.k8s.io/v1", ""},
    {"rbac.authorization.k8s.io/v1alpha1", "ClusterRoleBinding", "1.22", "rbac.authorization.k8s.io/v1", ""},
    {"rbac.authorization.k8s.io/v1alpha1", "Role", "1.22", "rbac.authorization.k8s.io/v1", ""},
    {"rbac.authorization.k8s.io/v1alpha1", "RoleBinding", "1.22", "rbac.authorization.k8s.io/v1", ""},
    {"scheduling.k8s.io/v1beta1", "PriorityClass", "1.22", "scheduling.k8s.io/v1", ""},
    {"scheduling.k8s.io/v1alpha1", "PriorityClass", "1.22", "scheduling.k8s.io/v1", ""},
    {"storage.k8s.io/v1beta1", "CSIDriver", "1.22", "storage.k8s.io/v1", ""},
    {"storage.k8s.io/v1beta1", "CSINode", "1.22", "storage.k8s.io/v1", ""},
    {"storage.k8s.io/v1beta1", "StorageClass", "1.22", "storage.k8s.io/v1", ""},
    {"storage.k8s.io/v1beta1", "VolumeAttachment", "1.22", "storage.k8s.io/v1", ""},
    // 1.25
    {"batch/v1beta1", "CronJob", "1.25", "batch/v1", ""},
    {"discovery.k8s.io/v1beta1", "EndpointSlice", "1.25", "discovery.k8s.io/v1",
     "discovery.k8s.io/v1 replaces `topology` with `nodeName` and `zone` on each endpoint"},
    {"events.k8s.io/v1beta1", "Event", "1.25", "events.k8s.io/v1", ""},
    {"autoscaling/v2beta1", "HorizontalPodAutoscaler", "1.25", "autoscaling/v2", kHpaNote},
    {"policy/v1beta1", "PodDisruptionBudget", "1.25", "policy/v1",
     "in policy/v1 an empty `spec.selector` selects every pod in the namespace"},
    {"policy/v1beta1", "PodSecurityPolicy", "1.25", "",
     "PodSecurityPolicy has no replacement API; use Pod Security Admission or a policy engine"},
    {"node.k8s.io/v1beta1", "RuntimeClass", "1.25", "node.k8s.io/v1", ""},
    // 1.26
    {"flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", "1.26", "flowcontrol.apiserver.k8s.io/v1", ""},
    {"flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration", "1.26", "flowcontrol.apiserver.k8s.io/v1",
     ""},
    {"autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.26", "autoscaling/v2", ""},
    // 1.27
    {"storage.k8s.io/v1beta1", "CSIStorageCapacity", "1.27", "storage.k8s.io/v1", ""},
    // Removals from 1.29 on are derived from the built-in specs (KubeCatalog::ReportNotServed).
};

}  // namespace

const RemovedApi* FindRemovedApi(std::string_view api_version, std::string_view kind) {
  for (const RemovedApi& removed : kRemoved) {
    if (removed.api_version == api_version && removed.kind == kind) return &removed;
  }
  return nullptr;
}

}  // namespace mast
