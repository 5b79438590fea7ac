// E0721: container names are unique within a pod, across containers, init
// containers and ephemeral containers.
//
// Mirrors pkg/apis/core/validation.validateContainers, validateInitContainers
// and validateEphemeralContainers (field.Duplicate on `name`).
#include <map>

#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckDuplicateContainers(const RuleContext& context) {
  for (const PodTemplate& pod : context.pods()) {
    std::map<std::string, Node, std::less<>> seen;
    for (const ContainerRef& container : context.Containers(pod)) {
      const Node name = container.node["name"];
      const std::string* text = name.NonEmptyString();
      if (text == nullptr) continue;
      const auto [first, inserted] = seen.emplace(*text, name);
      if (inserted) continue;
      Diagnostic& diagnostic =
          context.Report(DiagnosticCode::E0721, name,
                         "duplicate container name " + Code(*text) + "; names must be unique across " +
                             "`containers`, `initContainers` and `ephemeralContainers`");
      diagnostic.labels.push_back(Label{first->second.Where(), "first used here"});
    }
  }
}

}  // namespace

const Rule kDuplicateContainerRule = {
    DiagnosticCode::E0721, "container names are unique within a pod",
    "pkg/apis/core/validation.validateContainers, validateInitContainers, validateEphemeralContainers",
    &CheckDuplicateContainers};

}  // namespace mast::rules
