// E0710: a Service `type` is ClusterIP, NodePort, LoadBalancer or ExternalName.
//
// Mirrors pkg/apis/core/validation.ValidateService (supportedServiceType).
#include "schemas/rules/field_enums.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckServiceType(const RuleContext& context) {
  if (!context.Is("", "Service")) return;
  CheckEnum(context, DiagnosticCode::E0710, context.root()["spec"]["type"], "type",
            EnumValues(FieldEnum::kServiceType));
}

}  // namespace

const Rule kServiceTypeRule = {DiagnosticCode::E0710,
                               "Service `type` is ClusterIP, NodePort, LoadBalancer or ExternalName",
                               "pkg/apis/core/validation.ValidateService (supportedServiceType)", &CheckServiceType};

}  // namespace mast::rules
