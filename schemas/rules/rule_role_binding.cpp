// E0742: RoleBindings and ClusterRoleBindings refer to a role of the RBAC API
// group (a Role or ClusterRole; only a ClusterRole from a ClusterRoleBinding)
// and have subjects of kind ServiceAccount, User or Group with the matching
// apiGroup; a ClusterRoleBinding's ServiceAccount subjects name a namespace.
//
// Mirrors pkg/apis/rbac/validation.ValidateRoleBinding,
// ValidateClusterRoleBinding and validateRoleBindingSubject (after the v1
// defaulting of a User or Group subject's empty apiGroup).
#include "schemas/rules/field_enums.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kRoleBindingCode = DiagnosticCode::E0742;
constexpr std::string_view kRbacGroup = "rbac.authorization.k8s.io";

void CheckSubject(const RuleContext& context, const Node& subject, bool cluster) {
  const Node kind = subject["kind"];
  const std::string* kind_text = kind.String();
  if (kind_text == nullptr) return;  // required by the schema
  CheckEnum(context, kRoleBindingCode, kind, "kind", EnumValues(FieldEnum::kSubjectKind));
  const Node group = subject["apiGroup"];
  const std::string* group_text = group.String();
  const std::string group_value = group_text != nullptr ? *group_text : "";
  if (*kind_text == "ServiceAccount") {
    if (!group_value.empty()) {
      context.Report(kRoleBindingCode, group, "`apiGroup` must be empty for a ServiceAccount subject, found " + Code(group_value));
    }
    CheckName(context, kRoleBindingCode, subject["name"], "ServiceAccount name", NameSyntax::kDnsSubdomain);
    if (cluster && subject["namespace"].NonEmptyString() == nullptr) {
      context.Report(kRoleBindingCode, subject, "a ServiceAccount subject of a ClusterRoleBinding needs a `namespace`");
    }
  } else if ((*kind_text == "User" || *kind_text == "Group") && !group_value.empty() && group_value != kRbacGroup) {
    context.Report(
        kRoleBindingCode, group,
        "`apiGroup` of a " + *kind_text + " subject must be `rbac.authorization.k8s.io`, found " + Code(group_value));
  }
}

void CheckRoleBinding(const RuleContext& context) {
  const bool cluster = context.Is("rbac.authorization.k8s.io", "ClusterRoleBinding");
  if (!cluster && !context.Is("rbac.authorization.k8s.io", "RoleBinding")) return;
  const Node role_ref = context.root()["roleRef"];
  const Node group = role_ref["apiGroup"];
  if (const std::string* text = group.String(); text != nullptr && *text != kRbacGroup) {
    context.Report(kRoleBindingCode, group, "unsupported `roleRef.apiGroup` " + Code(*text) + "; use `rbac.authorization.k8s.io`");
  }
  const Node kind = role_ref["kind"];
  if (cluster) {
    if (const std::string* text = kind.String(); text != nullptr && *text != "ClusterRole") {
      context.Report(kRoleBindingCode, kind,
                     "a ClusterRoleBinding can only refer to a ClusterRole, found `roleRef.kind` " + Code(*text));
    }
  } else {
    CheckEnum(context, kRoleBindingCode, kind, "roleRef.kind", EnumValues(FieldEnum::kRoleRefKind));
  }
  CheckName(context, kRoleBindingCode, role_ref["name"], "role name", NameSyntax::kPathSegment);
  for (const Node& subject : context.root()["subjects"].Items()) CheckSubject(context, subject, cluster);
}

}  // namespace

const Rule kRoleBindingRule = {DiagnosticCode::E0742, "role bindings refer to RBAC roles and valid subjects",
                               "pkg/apis/rbac/validation.ValidateRoleBinding, ValidateClusterRoleBinding, "
                               "validateRoleBindingSubject",
                               &CheckRoleBinding};

}  // namespace mast::rules
