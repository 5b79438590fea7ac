// E0732: container resource quantities are not negative, and extended
// resources (like `nvidia.com/gpu`) are whole numbers.
//
// Mirrors pkg/apis/core/validation.ValidateResourceQuantityValue
// (ValidateNonnegativeQuantity; IsIntegerResourceName: "must be an integer").
#include "schemas/rules/exact_quantity.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/resources.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckResourceQuantities(const RuleContext& context) {
  for (const ContainerRef& container : context.AllContainers()) {
    for (std::string_view list : {"requests", "limits"}) {
      const std::string_view kind = list == "requests" ? "request" : "limit";
      for (const auto& [name, quantity] : container.node["resources"][list].Entries()) {
        if (quantity.value->IsNull()) continue;
        const std::optional<ExactQuantity> amount = QuantityOf(*quantity.value);
        if (!amount) continue;  // E0504
        const std::string shown = Code(ScalarText(*quantity.value));
        if (amount->IsNegative()) {
          context.Report(DiagnosticCode::E0732, quantity,
                         "`" + std::string(name) + "` " + std::string(kind) + " " + shown +
                             " is negative; resource amounts must be 0 or more");
        } else if (IsExtendedResource(name) && !IsWholeNumber(*amount)) {
          context.Report(DiagnosticCode::E0732, quantity,
                         "`" + std::string(name) + "` " + std::string(kind) + " " + shown +
                             " is not a whole number; extended resources are counted in whole units");
        }
      }
    }
  }
}

}  // namespace

const Rule kResourceQuantityRule = {DiagnosticCode::E0732,
                                    "resource amounts are not negative; extended resources are whole numbers",
                                    "pkg/apis/core/validation.ValidateResourceQuantityValue", &CheckResourceQuantities};

}  // namespace mast::rules
