// E0726: probes and lifecycle hooks have exactly one handler; liveness and
// startup probes have successThreshold 1; readiness probes have no
// terminationGracePeriodSeconds.
//
// Mirrors pkg/apis/core/validation.validateHandler ("must specify a handler
// type", "may not specify more than 1 handler type"; probes: exec, httpGet,
// tcpSocket, grpc; lifecycle hooks: exec, httpGet, tcpSocket, sleep),
// validateLivenessProbe / validateStartupProbe ("must be 1"),
// validateReadinessProbe, and validateSleepAction (`sleep.seconds` from 0, as
// PodLifecycleSleepActionAllowZero allows from 1.33, up to the pod's
// terminationGracePeriodSeconds, 30 by default).
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kProbeCode = DiagnosticCode::E0726;

void CheckHandlers(const RuleContext& context, const Node& holder, std::string_view what,
                   const std::vector<std::string_view>& kinds) {
  std::vector<std::string_view> present;
  for (std::string_view kind : kinds) {
    if (holder[kind]) present.push_back(kind);
  }
  if (present.empty()) {
    context.ReportAt(kProbeCode, holder.KeyOrValue(), holder.path,
                     "`" + std::string(what) + "` has no handler; set one of " + OneOf(kinds));
  } else if (present.size() > 1) {
    const Node second = holder[present[1]];
    context.ReportAt(kProbeCode, second.KeyOrValue(), second.path,
                     "`" + std::string(what) + "` has more than one handler (" + AllOf(present) + "); keep one");
  }
}

void CheckSuccessThreshold(const RuleContext& context, const Node& probe, std::string_view what) {
  const Node threshold = probe["successThreshold"];
  const std::optional<int64_t> value = threshold.Integer();
  if (!value || *value == 1 || *value <= 0) return;  // 0 defaults to 1; negatives are E0741's
  context.Report(kProbeCode, threshold,
                 "`successThreshold` of a " + std::string(what) + " must be 1, found " + std::to_string(*value));
}

void CheckSleep(const RuleContext& context, const Node& sleep, const ContainerRef& container) {
  const Node seconds_node = sleep["seconds"];
  const std::optional<int64_t> seconds = seconds_node.Integer();
  if (!seconds) return;
  const std::optional<int64_t> grace =
      container.pod != nullptr ? container.pod->spec["terminationGracePeriodSeconds"].Integer() : std::nullopt;
  const int64_t limit = grace.value_or(30);
  if (*seconds < 0) {
    context.Report(kProbeCode, seconds_node, "`sleep.seconds` must not be negative, found " + std::to_string(*seconds));
  } else if (*seconds > limit) {
    context.Report(kProbeCode, seconds_node,
                   "`sleep.seconds` is " + std::to_string(*seconds) + ", longer than the pod's " +
                       (grace ? "`terminationGracePeriodSeconds` (" : "default `terminationGracePeriodSeconds` (") +
                       std::to_string(limit) + "); sleep less, or raise `terminationGracePeriodSeconds`");
  }
}

void CheckProbes(const RuleContext& context) {
  const std::vector<std::string_view> probe_handlers = {"exec", "httpGet", "tcpSocket", "grpc"};
  const std::vector<std::string_view> hook_handlers = {"exec", "httpGet", "tcpSocket", "sleep"};
  for (const ContainerRef& container : context.AllContainers()) {
    if (!HasValidatedProbes(container)) continue;
    for (std::string_view probe_name : {"livenessProbe", "readinessProbe", "startupProbe"}) {
      const Node probe = container.node[probe_name];
      if (!probe.IsMap()) continue;
      CheckHandlers(context, probe, probe_name, probe_handlers);
      if (probe_name == "livenessProbe") CheckSuccessThreshold(context, probe, "liveness probe");
      if (probe_name == "startupProbe") CheckSuccessThreshold(context, probe, "startup probe");
      if (probe_name == "readinessProbe" && probe["terminationGracePeriodSeconds"]) {
        const Node grace = probe["terminationGracePeriodSeconds"];
        context.ReportAt(kProbeCode, grace.KeyOrValue(), grace.path,
                         "`terminationGracePeriodSeconds` may not be set on a readiness probe");
      }
    }
    for (std::string_view hook : {"postStart", "preStop"}) {
      const Node handler = container.node["lifecycle"][hook];
      if (!handler.IsMap()) continue;
      CheckHandlers(context, handler, hook, hook_handlers);
      CheckSleep(context, handler["sleep"], container);
    }
  }
}

}  // namespace

const Rule kProbeRule = {DiagnosticCode::E0726,
                         "probes and lifecycle hooks have exactly one handler and valid settings",
                         "pkg/apis/core/validation.validateHandler, validateLivenessProbe, validateReadinessProbe, "
                         "validateStartupProbe, validateSleepAction",
                         &CheckProbes};

}  // namespace mast::rules
