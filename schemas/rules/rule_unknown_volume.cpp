// E0724: every volume mount and volume device names a volume of the pod (for a
// StatefulSet, a volume or a volumeClaimTemplate).
//
// Mirrors pkg/apis/core/validation.ValidateVolumeMounts and
// ValidateVolumeDevices (field.NotFound on `name`). The StatefulSet
// controller adds a volume for each volumeClaimTemplate, so those names count
// as declared.
#include <set>

#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckUnknownVolumes(const RuleContext& context) {
  for (const PodTemplate& pod : context.pods()) {
    std::vector<std::string_view> declared;
    for (const Node& volume : pod.spec["volumes"].Items()) {
      if (const std::string* name = volume["name"].String()) declared.push_back(*name);
    }
    if (context.Is("apps", "StatefulSet")) {
      for (const Node& claim : context.root()["spec"]["volumeClaimTemplates"].Items()) {
        if (const std::string* name = claim["metadata"]["name"].String()) declared.push_back(*name);
      }
    }
    const std::set<std::string_view> names(declared.begin(), declared.end());
    for (const ContainerRef& container : context.Containers(pod)) {
      for (const auto& [list, what] :
           {std::pair{"volumeMounts", "volume mount"}, std::pair{"volumeDevices", "volume device"}}) {
        for (const Node& mount : container.node[list].Items()) {
          const Node name = mount["name"];
          const std::string* text = name.NonEmptyString();
          if (text == nullptr || names.count(*text) != 0) continue;
          std::string message = std::string(what) + " names unknown volume " + Code(*text);
          const std::string suggestion = Closest(*text, declared);
          if (!suggestion.empty()) {
            message += "; did you mean `" + suggestion + "`?";
          } else {
            message += "; declare it in the pod's `volumes`";
          }
          context.Report(DiagnosticCode::E0724, name, std::move(message));
        }
      }
    }
  }
}

}  // namespace

const Rule kUnknownVolumeRule = {DiagnosticCode::E0724, "volume mounts and devices name volumes the pod declares",
                                 "pkg/apis/core/validation.ValidateVolumeMounts, ValidateVolumeDevices",
                                 &CheckUnknownVolumes};

}  // namespace mast::rules
