// E0703: `metadata.namespace` is a DNS-1123 label.
//
// Mirrors k8s.io/apimachinery/pkg/api/validation.ValidateObjectMetaAccessor
// (ValidateNamespaceName = NameIsDNSLabel). The API server clears the
// namespace of cluster-scoped objects before validating, so those are skipped.
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr std::pair<std::string_view, std::string_view> kClusterScoped[] = {
    {"", "Namespace"},
    {"", "Node"},
    {"", "PersistentVolume"},
    {"", "ComponentStatus"},
    {"admissionregistration.k8s.io", "MutatingWebhookConfiguration"},
    {"admissionregistration.k8s.io", "ValidatingWebhookConfiguration"},
    {"admissionregistration.k8s.io", "ValidatingAdmissionPolicy"},
    {"admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"},
    {"apiextensions.k8s.io", "CustomResourceDefinition"},
    {"apiregistration.k8s.io", "APIService"},
    {"certificates.k8s.io", "CertificateSigningRequest"},
    {"certificates.k8s.io", "ClusterTrustBundle"},
    {"flowcontrol.apiserver.k8s.io", "FlowSchema"},
    {"flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"},
    {"networking.k8s.io", "IngressClass"},
    {"networking.k8s.io", "IPAddress"},
    {"networking.k8s.io", "ServiceCIDR"},
    {"node.k8s.io", "RuntimeClass"},
    {"rbac.authorization.k8s.io", "ClusterRole"},
    {"rbac.authorization.k8s.io", "ClusterRoleBinding"},
    {"resource.k8s.io", "DeviceClass"},
    {"scheduling.k8s.io", "PriorityClass"},
    {"storage.k8s.io", "CSIDriver"},
    {"storage.k8s.io", "CSINode"},
    {"storage.k8s.io", "StorageClass"},
    {"storage.k8s.io", "VolumeAttachment"},
    {"storage.k8s.io", "VolumeAttributesClass"},
};

void CheckNamespace(const RuleContext& context) {
  for (const auto& [group, kind] : kClusterScoped) {
    if (context.Is(group, kind)) return;
  }
  const Node name = context.root()["metadata"]["namespace"];
  if (name.NonEmptyString() == nullptr) return;  // kubectl fills in the current namespace
  CheckName(context, DiagnosticCode::E0703, name, "namespace", NameSyntax::kDnsLabel);
}

}  // namespace

const Rule kNamespaceRule = {DiagnosticCode::E0703, "namespaces are DNS-1123 labels",
                             "k8s.io/apimachinery/pkg/api/validation.ValidateObjectMetaAccessor "
                             "(ValidateNamespaceName = NameIsDNSLabel)",
                             &CheckNamespace};

}  // namespace mast::rules
