// E0723: volume names are unique within a pod.
//
// Mirrors pkg/apis/core/validation.ValidateVolumes (field.Duplicate on `name`).
#include <map>

#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckDuplicateVolumes(const RuleContext& context) {
  for (const PodTemplate& pod : context.pods()) {
    std::map<std::string, Node, std::less<>> seen;
    for (const Node& volume : pod.spec["volumes"].Items()) {
      const Node name = volume["name"];
      const std::string* text = name.NonEmptyString();
      if (text == nullptr) continue;
      const auto [first, inserted] = seen.emplace(*text, name);
      if (inserted) continue;
      Diagnostic& diagnostic = context.Report(DiagnosticCode::E0723, name, "duplicate volume name " + Code(*text));
      diagnostic.labels.push_back(Label{first->second.Where(), "first used here"});
    }
  }
}

}  // namespace

const Rule kDuplicateVolumeRule = {DiagnosticCode::E0723, "volume names are unique within a pod",
                                   "pkg/apis/core/validation.ValidateVolumes", &CheckDuplicateVolumes};

}  // namespace mast::rules
