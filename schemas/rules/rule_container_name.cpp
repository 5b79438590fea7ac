// E0738: container names are DNS-1123 labels.
//
// Mirrors pkg/apis/core/validation.validateContainerCommon (`name` required,
// ValidateDNS1123Label).
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckContainerNames(const RuleContext& context) {
  for (const ContainerRef& container : context.AllContainers()) {
    const Node name = container.node["name"];
    const std::string* text = name.String();
    if (text == nullptr) continue;  // a missing name is E0503
    if (text->empty()) {
      context.Report(DiagnosticCode::E0738, name, "container `name` is empty; give the container a name");
      continue;
    }
    CheckName(context, DiagnosticCode::E0738, name, "container name", NameSyntax::kDnsLabel);
  }
}

}  // namespace

const Rule kContainerNameRule = {DiagnosticCode::E0738, "container names are DNS-1123 labels",
                                 "pkg/apis/core/validation.validateContainerCommon (ValidateDNS1123Label)",
                                 &CheckContainerNames};

}  // namespace mast::rules
