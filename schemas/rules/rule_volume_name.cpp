// E0739: volume names are DNS-1123 labels.
//
// Mirrors pkg/apis/core/validation.ValidateVolumes (`name` required,
// ValidateDNS1123Label).
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckVolumeNames(const RuleContext& context) {
  for (const PodTemplate& pod : context.pods()) {
    for (const Node& volume : pod.spec["volumes"].Items()) {
      const Node name = volume["name"];
      const std::string* text = name.String();
      if (text == nullptr) continue;  // a missing name is E0503
      if (text->empty()) {
        context.Report(DiagnosticCode::E0739, name, "volume `name` is empty; give the volume a name");
        continue;
      }
      CheckName(context, DiagnosticCode::E0739, name, "volume name", NameSyntax::kDnsLabel);
    }
  }
}

}  // namespace

const Rule kVolumeNameRule = {DiagnosticCode::E0739, "volume names are DNS-1123 labels",
                              "pkg/apis/core/validation.ValidateVolumes (ValidateDNS1123Label)", &CheckVolumeNames};

}  // namespace mast::rules
