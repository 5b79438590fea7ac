// E0714: a StatefulSet `podManagementPolicy` is OrderedReady or Parallel.
//
// Mirrors pkg/apis/apps/validation.ValidateStatefulSetSpec.
#include "schemas/rules/field_enums.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckPodManagementPolicy(const RuleContext& context) {
  if (!context.Is("apps", "StatefulSet")) return;
  CheckEnum(context, DiagnosticCode::E0714, context.root()["spec"]["podManagementPolicy"], "podManagementPolicy",
            EnumValues(FieldEnum::kPodManagementPolicy));
}

}  // namespace

const Rule kPodManagementPolicyRule = {DiagnosticCode::E0714,
                                       "StatefulSet `podManagementPolicy` is OrderedReady or Parallel",
                                       "pkg/apis/apps/validation.ValidateStatefulSetSpec", &CheckPodManagementPolicy};

}  // namespace mast::rules
