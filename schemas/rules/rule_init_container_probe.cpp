// E0745: init containers that are not sidecars (`restartPolicy: Always`) have
// no lifecycle hooks and no probes.
//
// Mirrors pkg/apis/core/validation.validateInitContainers ("may not be set for
// init containers without restartPolicy=Always").
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckInitContainerProbes(const RuleContext& context) {
  for (const ContainerRef& container : context.AllContainers()) {
    if (container.list != ContainerList::kInitContainers) continue;
    const std::string* policy = container.node["restartPolicy"].String();
    if (policy != nullptr && *policy == "Always") continue;
    for (std::string_view field : {"lifecycle", "livenessProbe", "readinessProbe", "startupProbe"}) {
      const Node node = container.node[field];
      if (!node) continue;
      context.ReportAt(DiagnosticCode::E0745, node.KeyOrValue(), node.path,
                       "an init container may not have `" + std::string(field) +
                           "`; only sidecar init containers (`restartPolicy: Always`) may");
    }
  }
}

}  // namespace

const Rule kInitContainerProbeRule = {DiagnosticCode::E0745,
                                      "init containers that are not sidecars have no probes or lifecycle hooks",
                                      "pkg/apis/core/validation.validateInitContainers", &CheckInitContainerProbes};

}  // namespace mast::rules
