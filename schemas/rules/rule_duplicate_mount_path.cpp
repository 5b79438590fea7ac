// E0725: a container mounts at most one volume at each path.
//
// Mirrors pkg/apis/core/validation.ValidateVolumeMounts ("must be unique" on
// `mountPath`).
#include <map>

#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckDuplicateMountPaths(const RuleContext& context) {
  for (const ContainerRef& container : context.AllContainers()) {
    std::map<std::string, Node, std::less<>> seen;
    for (const Node& mount : container.node["volumeMounts"].Items()) {
      const Node path = mount["mountPath"];
      const std::string* text = path.NonEmptyString();
      if (text == nullptr) continue;
      const auto [first, inserted] = seen.emplace(*text, path);
      if (inserted) continue;
      Diagnostic& diagnostic = context.Report(
          DiagnosticCode::E0725, path,
          "mount path " + Code(*text) + " is used twice in one container; each mount needs its own path");
      diagnostic.labels.push_back(Label{first->second.Where(), "first used here"});
    }
  }
}

}  // namespace

const Rule kDuplicateMountPathRule = {DiagnosticCode::E0725, "a container mounts one volume per path",
                                      "pkg/apis/core/validation.ValidateVolumeMounts (mountPath must be unique)",
                                      &CheckDuplicateMountPaths};

}  // namespace mast::rules
