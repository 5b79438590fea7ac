// E0708: `imagePullPolicy` is Always, IfNotPresent or Never.
//
// Mirrors pkg/apis/core/validation.validatePullPolicy (for containers, init
// containers and ephemeral containers; an unset policy is defaulted).
#include "schemas/rules/field_enums.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckImagePullPolicy(const RuleContext& context) {
  for (const ContainerRef& container : context.AllContainers()) {
    CheckEnum(context, DiagnosticCode::E0708, container.node["imagePullPolicy"], "imagePullPolicy",
              EnumValues(FieldEnum::kImagePullPolicy));
  }
}

}  // namespace

const Rule kImagePullPolicyRule = {DiagnosticCode::E0708, "`imagePullPolicy` is Always, IfNotPresent or Never",
                                   "pkg/apis/core/validation.validatePullPolicy", &CheckImagePullPolicy};

}  // namespace mast::rules
