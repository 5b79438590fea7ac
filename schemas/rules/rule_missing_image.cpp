// E0740: every container has an image; a Pod's image has no surrounding
// whitespace.
//
// Mirrors pkg/apis/core/validation.validateContainerCommon (`image`
// required, also in pod templates) and validateContainerOnlyForPod ("must not
// have leading or trailing whitespace", Pods only).
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

void CheckImages(const RuleContext& context) {
  for (const ContainerRef& container : context.AllContainers()) {
    const Node image = container.node["image"];
    const std::string* text = image.String();
    if (image && text == nullptr) continue;  // wrong type: E0502
    if (text == nullptr || text->empty()) {
      const Node name = container.node["name"];
      const std::string* shown = name.NonEmptyString();
      const std::string who = shown != nullptr ? "container " + Code(*shown) : std::string("a container");
      context.Report(DiagnosticCode::E0740, image ? image : (name ? name : container.node),
                     who + " has no `image`; every container needs one");
      continue;
    }
    if (container.pod->is_pod && (IsSpace(text->front()) || IsSpace(text->back()))) {
      context.Report(DiagnosticCode::E0740, image, "image " + Code(*text) + " has leading or trailing whitespace");
    }
  }
}

}  // namespace

const Rule kMissingImageRule = {DiagnosticCode::E0740, "containers have an image",
                                "pkg/apis/core/validation.validateContainerCommon, validateContainerOnlyForPod",
                                &CheckImages};

}  // namespace mast::rules
