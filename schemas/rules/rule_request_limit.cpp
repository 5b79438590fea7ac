// E0730: a container's resource requests are at most its limits; for
// resources that cannot be overcommitted (extended resources like
// `nvidia.com/gpu`, and huge pages) a request needs a limit, and they must be
// equal.
//
// Mirrors pkg/apis/core/validation.validateResourceRequirements ("must be less
// than or equal to %s limit", "must be equal to %s limit", "Limit must be set
// for non overcommitable resources"), comparing quantities exactly like
// resource.Quantity.Cmp.
#include "schemas/rules/exact_quantity.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/resources.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kRequestLimitCode = DiagnosticCode::E0730;

void CheckContainer(const RuleContext& context, const Node& resources) {
  const Node limits = resources["limits"];
  for (const auto& [name, request] : resources["requests"].Entries()) {
    if (request.value->IsNull()) continue;
    const Node limit = limits[name];
    if (!limit) {
      if (!IsOvercommitAllowed(name)) {
        context.Report(kRequestLimitCode, request,
                       "`" + std::string(name) + "` has a request but no limit; set its limit to the request (" +
                           Code(ScalarText(*request.value)) + "), since it cannot be overcommitted");
      }
      continue;
    }
    const std::optional<ExactQuantity> wanted = QuantityOf(*request.value);
    const std::optional<ExactQuantity> allowed = QuantityOf(*limit.value);
    if (!wanted || !allowed) continue;  // invalid quantities are E0504
    const std::optional<int> order = CompareQuantities(*wanted, *allowed);
    if (!order) continue;
    const std::string shown_request = Code(ScalarText(*request.value));
    const std::string shown_limit = Code(ScalarText(*limit.value));
    if (*order != 0 && !IsOvercommitAllowed(name)) {
      context.Report(kRequestLimitCode, request,
                     "`" + std::string(name) + "` request " + shown_request + " must equal its limit " + shown_limit +
                         ", since it cannot be overcommitted");
    } else if (*order > 0) {
      Diagnostic& diagnostic =
          context.Report(kRequestLimitCode, request,
                         "`" + std::string(name) + "` request " + shown_request + " is greater than its limit " +
                             shown_limit + "; a request must be less than or equal to the limit");
      diagnostic.labels.push_back(Label{limit.Where(), "the limit"});
    }
  }
}

void CheckRequestsAndLimits(const RuleContext& context) {
  for (const ContainerRef& container : context.AllContainers()) CheckContainer(context, container.node["resources"]);
}

}  // namespace

const Rule kRequestLimitRule = {DiagnosticCode::E0730,
                                "resource requests are at most their limits (equal for extended resources)",
                                "pkg/apis/core/validation.validateResourceRequirements", &CheckRequestsAndLimits};

}  // namespace mast::rules
