// E0728: workload selectors select their own pods.
//
// Mirrors pkg/apis/apps/validation.ValidateDeploymentSpec, ValidateReplicaSetSpec,
// ValidateStatefulSetSpec and ValidateDaemonSetSpec ("empty selector is
// invalid", "`selector` does not match template `labels`"), core
// ValidatePodTemplateSpecForRC, and batch validation: a Job's selector must
// match its template, and unless `manualSelector: true` it is generated
// (ValidateGeneratedSelector: "`selector` not auto-generated"); a CronJob's
// job template may not set one (ValidateJobTemplateSpec).
#include <map>

#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kSelectorMatchCode = DiagnosticCode::E0728;

struct Requirement {
  std::string key;
  std::string op;  // In, NotIn, Exists, DoesNotExist
  std::vector<std::string> values;
};

// Whether labels.NewRequirement accepts the key and values.
bool IsValidRequirement(const Requirement& requirement) {
  if (!QualifiedNameProblem(requirement.key).empty()) return false;
  for (const std::string& value : requirement.values) {
    if (!LabelValueProblem(value).empty()) return false;
  }
  return true;
}

// The requirements of a metav1.LabelSelector; nullopt when it does not convert
// (LabelSelectorAsSelector fails; other rules report why).
std::optional<std::vector<Requirement>> Requirements(const Node& selector) {
  std::vector<Requirement> out;
  for (const auto& [key, value] : selector["matchLabels"].Entries()) {
    const std::string* text = value.String();
    if (text == nullptr && value.value != nullptr && !value.value->IsNull()) return std::nullopt;
    out.push_back({std::string(key), "In", {text != nullptr ? *text : ""}});
    if (!IsValidRequirement(out.back())) return std::nullopt;
  }
  for (const Node& expression : selector["matchExpressions"].Items()) {
    const std::string* key = expression["key"].String();
    const std::string* op = expression["operator"].String();
    if (key == nullptr || op == nullptr) return std::nullopt;
    Requirement requirement{*key, *op, {}};
    for (const Node& value : expression["values"].Items()) {
      const std::string* text = value.String();
      if (text == nullptr) return std::nullopt;
      requirement.values.push_back(*text);
    }
    const bool with_values = *op == "In" || *op == "NotIn";
    const bool without_values = *op == "Exists" || *op == "DoesNotExist";
    if ((!with_values && !without_values) || (with_values && requirement.values.empty()) ||
        (without_values && !requirement.values.empty()) || !IsValidRequirement(requirement)) {
      return std::nullopt;
    }
    out.push_back(std::move(requirement));
  }
  return out;
}

// Why `labels` fails `requirement`, or "" when it matches.
std::string Mismatch(const Requirement& requirement, const std::map<std::string, std::string, std::less<>>& labels) {
  const auto found = labels.find(requirement.key);
  const bool has = found != labels.end();
  auto listed = [&](const std::string& value) {
    for (const std::string& candidate : requirement.values) {
      if (candidate == value) return true;
    }
    return false;
  };
  if (requirement.op == "In") {
    if (!has) return "the template has no label `" + requirement.key + "`";
    if (!listed(found->second)) {
      return "the template has `" + requirement.key + ": " + found->second + "`, the selector wants " +
             (requirement.values.size() == 1 ? "`" + requirement.values[0] + "`" : "one of its `values`");
    }
  } else if (requirement.op == "NotIn") {
    if (has && listed(found->second)) {
      return "the template has `" + requirement.key + ": " + found->second + "`, which the selector excludes";
    }
  } else if (requirement.op == "Exists") {
    if (!has) return "the template has no label `" + requirement.key + "`";
  } else if (requirement.op == "DoesNotExist") {
    if (has) return "the template has label `" + requirement.key + "`, which the selector excludes";
  }
  return {};
}

// The template labels as strings; nullopt when some value is not a string.
std::optional<std::map<std::string, std::string, std::less<>>> TemplateLabels(const PodTemplate& pod) {
  std::map<std::string, std::string, std::less<>> labels;
  for (const auto& [key, value] : pod.metadata["labels"].Entries()) {
    const std::string* text = value.String();
    if (text == nullptr && !value.value->IsNull()) return std::nullopt;
    labels.emplace(std::string(key), text != nullptr ? *text : "");
  }
  return labels;
}

void ReportMismatch(const RuleContext& context, const PodTemplate& pod, const Node& selector,
                    const std::vector<Requirement>& requirements, std::string_view skip_keys_for_job) {
  const std::optional<std::map<std::string, std::string, std::less<>>> labels = TemplateLabels(pod);
  if (!labels) return;
  for (const Requirement& requirement : requirements) {
    if (!skip_keys_for_job.empty() && skip_keys_for_job.find("|" + requirement.key + "|") != std::string_view::npos) {
      continue;
    }
    const std::string why = Mismatch(requirement, *labels);
    if (why.empty()) continue;
    const Node template_labels = pod.metadata["labels"];
    const Node& at = template_labels ? template_labels : (pod.metadata ? pod.metadata : pod.holder);
    Diagnostic& diagnostic = context.Report(
        kSelectorMatchCode, at,
        "the pod template's labels do not match `selector`: " + why + "; a workload must select its own pods");
    diagnostic.labels.push_back(Label{selector.Where(), "the selector"});
    return;
  }
}

void CheckAppsWorkload(const RuleContext& context) {
  const Node selector = context.root()["spec"]["selector"];
  if (!selector.IsMap() || context.pods().empty()) return;
  if (selector["matchLabels"].Entries().empty() && selector["matchExpressions"].Items().empty()) {
    context.Report(kSelectorMatchCode, selector,
                   "`selector` is empty; a " + std::string(context.kind()) +
                       " must select its pods with `matchLabels` or `matchExpressions`");
    return;
  }
  if (std::optional<std::vector<Requirement>> requirements = Requirements(selector)) {
    ReportMismatch(context, context.pods().front(), selector, *requirements, "");
  }
}

void CheckReplicationController(const RuleContext& context) {
  const Node selector = context.root()["spec"]["selector"];
  if (context.pods().empty() || selector.Entries().empty()) return;  // an empty selector defaults to the labels
  std::vector<Requirement> requirements;
  for (const auto& [key, value] : selector.Entries()) {
    const std::string* text = value.String();
    if (text == nullptr) return;
    requirements.push_back({std::string(key), "In", {*text}});
    if (!IsValidRequirement(requirements.back())) return;
  }
  ReportMismatch(context, context.pods().front(), selector, requirements, "");
}

// Keys the server adds to a Job's selector and pod labels.
constexpr std::string_view kGeneratedJobKeys =
    "|controller-uid|job-name|batch.kubernetes.io/controller-uid|batch.kubernetes.io/job-name|";

void CheckJob(const RuleContext& context) {
  const Node spec = context.root()["spec"];
  const Node selector = spec["selector"];
  if (!selector.IsMap() || context.pods().empty()) return;
  const Node manual = spec["manualSelector"];
  const bool manual_selector = manual && manual.value->IsBool() && manual.value->AsBool();
  const std::optional<std::vector<Requirement>> requirements = Requirements(selector);
  if (!requirements) return;
  if (!manual_selector) {
    for (const Requirement& requirement : *requirements) {
      if (kGeneratedJobKeys.find("|" + requirement.key + "|") != std::string_view::npos) continue;
      context.Report(kSelectorMatchCode, selector,
                     "a Job's `selector` is generated from its name and UID; remove it, or set `manualSelector: true` "
                     "to manage the labels yourself");
      return;
    }
  }
  ReportMismatch(context, context.pods().front(), selector, *requirements, manual_selector ? "" : kGeneratedJobKeys);
}

void CheckCronJob(const RuleContext& context) {
  const Node job_spec = context.root()["spec"]["jobTemplate"]["spec"];
  const Node selector = job_spec["selector"];
  if (selector) {
    context.ReportAt(kSelectorMatchCode, selector.KeyOrValue(), selector.path,
                     "a CronJob's job template may not set `selector`; each Job's selector is generated");
  }
  const Node manual = job_spec["manualSelector"];
  if (manual && manual.value->IsBool() && manual.value->AsBool()) {
    context.Report(kSelectorMatchCode, manual, "`manualSelector: true` is not supported in a CronJob's job template");
  }
}

void CheckSelectorMatch(const RuleContext& context) {
  if (context.Is("apps", "Deployment") || context.Is("apps", "ReplicaSet") || context.Is("apps", "StatefulSet") ||
      context.Is("apps", "DaemonSet")) {
    CheckAppsWorkload(context);
  } else if (context.Is("", "ReplicationController")) {
    CheckReplicationController(context);
  } else if (context.Is("batch", "Job")) {
    CheckJob(context);
  } else if (context.Is("batch", "CronJob")) {
    CheckCronJob(context);
  }
}

}  // namespace

const Rule kSelectorMatchRule = {
    DiagnosticCode::E0728, "workload selectors are non-empty and match their pod template's labels",
    "pkg/apis/apps/validation.ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateStatefulSetSpec, "
    "ValidateDaemonSetSpec; core ValidatePodTemplateSpecForRC; batch ValidateJobSpec, ValidateGeneratedSelector, "
    "ValidateJobTemplateSpec",
    &CheckSelectorMatch};

}  // namespace mast::rules
