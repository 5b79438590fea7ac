// E0731: container resource names are standard (cpu, memory,
// ephemeral-storage, hugepages-<size>) or qualified with a domain
// (`example.com/gpu`).
//
// Mirrors pkg/apis/core/validation.validateContainerResourceName
// (validateResourceName: IsQualifiedName; unprefixed names must be
// IsStandardContainerResourceName: "must be a standard resource for
// containers").
#include <cctype>

#include "schemas/rules/messages.h"
#include "schemas/rules/resources.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckResourceNames(const RuleContext& context) {
  for (const ContainerRef& container : context.AllContainers()) {
    for (std::string_view list : {"requests", "limits"}) {
      for (const auto& [name, quantity] : container.node["resources"][list].Entries()) {
        const SourceRange where = quantity.key_range.IsValid() ? quantity.key_range : quantity.Where();
        const std::string problem = QualifiedNameProblem(name);
        if (!problem.empty()) {
          context.ReportAt(DiagnosticCode::E0731, where, quantity.path,
                           InvalidMessage("resource name", name, problem, ""));
          continue;
        }
        if (name.find('/') != std::string_view::npos || IsStandardContainerResource(name)) continue;
        std::string message = "unknown resource " + Code(name);
        // Short names are only corrected for case: "gpu" is not a typo of "cpu".
        std::string suggestion = Closest(name, {"cpu", "memory", "ephemeral-storage"});
        if (name.size() < 5 && !suggestion.empty() && suggestion.size() == name.size()) {
          for (size_t i = 0; i < name.size(); ++i) {
            if (std::tolower(static_cast<unsigned char>(name[i])) != suggestion[i]) suggestion.clear();
            if (suggestion.empty()) break;
          }
        }
        if (!suggestion.empty()) {
          message += "; did you mean `" + suggestion + "`?";
        } else {
          message +=
              "; containers can request `cpu`, `memory`, `ephemeral-storage`, `hugepages-<size>` or an "
              "extended resource with a domain, like `example.com/gpu`";
        }
        context.ReportAt(DiagnosticCode::E0731, where, quantity.path, std::move(message));
      }
    }
  }
}

}  // namespace

const Rule kResourceNameRule = {DiagnosticCode::E0731, "container resource names are standard or domain-qualified",
                                "pkg/apis/core/validation.validateContainerResourceName", &CheckResourceNames};

}  // namespace mast::rules
