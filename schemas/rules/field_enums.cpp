#include "schemas/rules/field_enums.h"

#include <map>

namespace mast::rules {

const std::vector<std::string_view>& EnumValues(FieldEnum set) {
  static const std::map<FieldEnum, std::vector<std::string_view>> kValues = {
      {FieldEnum::kImagePullPolicy, {"Always", "IfNotPresent", "Never"}},
      {FieldEnum::kRestartPolicy, {"Always", "OnFailure", "Never"}},
      {FieldEnum::kServiceType, {"ClusterIP", "NodePort", "LoadBalancer", "ExternalName"}},
      {FieldEnum::kProtocol, {"TCP", "UDP", "SCTP"}},
      {FieldEnum::kDnsPolicy, {"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"}},
      {FieldEnum::kConcurrencyPolicy, {"Allow", "Forbid", "Replace"}},
      {FieldEnum::kPodManagementPolicy, {"OrderedReady", "Parallel"}},
      {FieldEnum::kPathType, {"Exact", "Prefix", "ImplementationSpecific"}},
      {FieldEnum::kPodReplacementPolicy, {"Failed", "TerminatingOrFailed"}},
      {FieldEnum::kSubjectKind, {"ServiceAccount", "User", "Group"}},
      {FieldEnum::kRoleRefKind, {"Role", "ClusterRole"}},
      {FieldEnum::kSessionAffinity, {"ClientIP", "None"}},
      {FieldEnum::kTrafficPolicy, {"Cluster", "Local"}},
      {FieldEnum::kTolerationOperator, {"Equal", "Exists"}},
      {FieldEnum::kTaintEffect, {"NoSchedule", "PreferNoSchedule", "NoExecute"}},
      {FieldEnum::kDeploymentStrategyType, {"Recreate", "RollingUpdate"}},
      {FieldEnum::kRollingOrOnDelete, {"RollingUpdate", "OnDelete"}},
      {FieldEnum::kAccessMode, {"ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"}},
  };
  return kValues.at(set);
}

const std::vector<EnumField>& EnumFields() {
  static const std::vector<EnumField> kFields = {
      {"io.k8s.api.core.v1.Container", "imagePullPolicy", FieldEnum::kImagePullPolicy},
      {"io.k8s.api.core.v1.EphemeralContainer", "imagePullPolicy", FieldEnum::kImagePullPolicy},
      {"io.k8s.api.core.v1.PodSpec", "restartPolicy", FieldEnum::kRestartPolicy},
      {"io.k8s.api.core.v1.PodSpec", "dnsPolicy", FieldEnum::kDnsPolicy},
      {"io.k8s.api.core.v1.ServiceSpec", "type", FieldEnum::kServiceType},
      {"io.k8s.api.core.v1.ServiceSpec", "sessionAffinity", FieldEnum::kSessionAffinity},
      {"io.k8s.api.core.v1.ServiceSpec", "externalTrafficPolicy", FieldEnum::kTrafficPolicy},
      {"io.k8s.api.core.v1.ServiceSpec", "internalTrafficPolicy", FieldEnum::kTrafficPolicy},
      {"io.k8s.api.core.v1.ContainerPort", "protocol", FieldEnum::kProtocol},
      {"io.k8s.api.core.v1.ServicePort", "protocol", FieldEnum::kProtocol},
      {"io.k8s.api.networking.v1.NetworkPolicyPort", "protocol", FieldEnum::kProtocol},
      {"io.k8s.api.core.v1.Toleration", "operator", FieldEnum::kTolerationOperator},
      {"io.k8s.api.core.v1.Toleration", "effect", FieldEnum::kTaintEffect},
      {"io.k8s.api.core.v1.PersistentVolumeClaimSpec", "accessModes", FieldEnum::kAccessMode},
      {"io.k8s.api.batch.v1.CronJobSpec", "concurrencyPolicy", FieldEnum::kConcurrencyPolicy},
      {"io.k8s.api.batch.v1.JobSpec", "podReplacementPolicy", FieldEnum::kPodReplacementPolicy},
      {"io.k8s.api.apps.v1.StatefulSetSpec", "podManagementPolicy", FieldEnum::kPodManagementPolicy},
      {"io.k8s.api.apps.v1.DeploymentStrategy", "type", FieldEnum::kDeploymentStrategyType},
      {"io.k8s.api.apps.v1.StatefulSetUpdateStrategy", "type", FieldEnum::kRollingOrOnDelete},
      {"io.k8s.api.apps.v1.DaemonSetUpdateStrategy", "type", FieldEnum::kRollingOrOnDelete},
      {"io.k8s.api.networking.v1.HTTPIngressPath", "pathType", FieldEnum::kPathType},
      {"io.k8s.api.rbac.v1.Subject", "kind", FieldEnum::kSubjectKind},
      {"io.k8s.api.rbac.v1.RoleRef", "kind", FieldEnum::kRoleRefKind},
  };
  return kFields;
}

const std::vector<std::string_view>* EnumValuesOf(std::string_view owner_type, std::string_view field) {
  for (const EnumField& entry : EnumFields()) {
    if (entry.owner_type == owner_type && entry.field == field) return &EnumValues(entry.set);
  }
  return nullptr;
}

}  // namespace mast::rules
