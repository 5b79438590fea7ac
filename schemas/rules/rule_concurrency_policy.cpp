// E0715: a CronJob `concurrencyPolicy` is Allow, Forbid or Replace.
//
// Mirrors pkg/apis/batch/validation.validateConcurrencyPolicy.
#include "schemas/rules/field_enums.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckConcurrencyPolicy(const RuleContext& context) {
  if (!context.Is("batch", "CronJob")) return;
  CheckEnum(context, DiagnosticCode::E0715, context.root()["spec"]["concurrencyPolicy"], "concurrencyPolicy",
            EnumValues(FieldEnum::kConcurrencyPolicy));
}

}  // namespace

const Rule kConcurrencyPolicyRule = {DiagnosticCode::E0715, "CronJob `concurrencyPolicy` is Allow, Forbid or Replace",
                                     "pkg/apis/batch/validation.validateConcurrencyPolicy", &CheckConcurrencyPolicy};

}  // namespace mast::rules
