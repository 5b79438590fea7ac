// E0747: the Job settings of Kubernetes 1.28 to 1.36 that the API server
// relates to each other: `successPolicy` and `backoffLimitPerIndex` need
// `completionMode: Indexed`, `maxFailedIndexes` needs `backoffLimitPerIndex`
// and at most `completions`, `podReplacementPolicy` is Failed or
// TerminatingOrFailed (and Failed with a `podFailurePolicy`), a success rule
// names succeededIndexes or succeededCount, and `managedBy` is a
// domain-prefixed path of at most 63 characters. Checked for Jobs and for
// CronJob job templates.
//
// Mirrors pkg/apis/batch/validation.validateJobSpec (validateSuccessPolicy,
// validatePodReplacementPolicy, the BackoffLimitPerIndex and
// MaxFailedIndexes checks) and validateManagedBy.
#include "schemas/rules/field_enums.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kJobPolicyCode = DiagnosticCode::E0747;
constexpr size_t kManagedByMaxLength = 63;

bool Indexed(const Node& spec) {
  const std::string* mode = spec["completionMode"].String();
  return mode != nullptr && *mode == "Indexed";
}

void CheckIndexed(const RuleContext& context, const Node& spec) {
  for (std::string_view field : {"successPolicy", "backoffLimitPerIndex"}) {
    const Node node = spec[field];
    if (!node || Indexed(spec)) continue;
    context.ReportAt(kJobPolicyCode, node.KeyOrValue(), node.path,
                     "`" + std::string(field) + "` needs `completionMode: Indexed`; set it, or remove `" +
                         std::string(field) + "`");
  }
  const Node max_failed = spec["maxFailedIndexes"];
  if (!max_failed) return;
  if (!spec["backoffLimitPerIndex"]) {
    context.ReportAt(kJobPolicyCode, max_failed.KeyOrValue(), max_failed.path,
                     "`maxFailedIndexes` needs `backoffLimitPerIndex`");
  }
  const std::optional<int64_t> limit = max_failed.Integer();
  const std::optional<int64_t> completions = spec["completions"].Integer();
  if (limit && completions && *limit > *completions) {
    context.Report(kJobPolicyCode, max_failed,
                   "`maxFailedIndexes` is " + std::to_string(*limit) + ", more than `completions` (" +
                       std::to_string(*completions) + ")");
  }
}

void CheckSuccessRules(const RuleContext& context, const Node& spec) {
  const std::optional<int64_t> completions = spec["completions"].Integer();
  for (const Node& rule : spec["successPolicy"]["rules"].Items()) {
    const Node count = rule["succeededCount"];
    if (!rule["succeededIndexes"] && !count) {
      context.ReportAt(kJobPolicyCode, rule.KeyOrValue(), rule.path,
                       "a success policy rule needs `succeededIndexes`, `succeededCount` or both");
    }
    const std::optional<int64_t> value = count.Integer();
    if (value && completions && *value > *completions) {
      context.Report(kJobPolicyCode, count,
                     "`succeededCount` is " + std::to_string(*value) + ", more than `completions` (" +
                         std::to_string(*completions) + ")");
    }
  }
}

void CheckReplacement(const RuleContext& context, const Node& spec) {
  const Node policy = spec["podReplacementPolicy"];
  CheckEnum(context, kJobPolicyCode, policy, "podReplacementPolicy", EnumValues(FieldEnum::kPodReplacementPolicy));
  const std::string* text = policy.String();
  if (text != nullptr && *text == "TerminatingOrFailed" && spec["podFailurePolicy"]) {
    context.Report(kJobPolicyCode, policy,
                   "`podReplacementPolicy: TerminatingOrFailed` is not allowed with a `podFailurePolicy`; use "
                   "`Failed`");
  }
}

void CheckManagedBy(const RuleContext& context, const Node& spec) {
  const Node managed_by = spec["managedBy"];
  const std::string* text = managed_by.String();
  if (text == nullptr) return;
  const size_t slash = text->find('/');
  const bool prefixed = slash != std::string::npos && slash > 0 && IsDnsSubdomain(text->substr(0, slash)) &&
                        slash + 1 < text->size();
  if (text->size() > kManagedByMaxLength) {
    context.Report(kJobPolicyCode, managed_by,
                   "`managedBy` is " + std::to_string(text->size()) + " characters long; at most 63 are allowed");
  } else if (!prefixed) {
    context.Report(kJobPolicyCode, managed_by,
                   "`managedBy` must be a domain-prefixed path like `kueue.x-k8s.io/multikueue`, found " +
                       Code(*text));
  }
}

void CheckJobPolicies(const RuleContext& context) {
  Node spec;
  if (context.Is("batch", "Job")) {
    spec = context.root()["spec"];
  } else if (context.Is("batch", "CronJob")) {
    spec = context.root()["spec"]["jobTemplate"]["spec"];
  }
  if (!spec.IsMap()) return;
  CheckIndexed(context, spec);
  CheckSuccessRules(context, spec);
  CheckReplacement(context, spec);
  CheckManagedBy(context, spec);
}

}  // namespace

const Rule kJobPolicyRule = {kJobPolicyCode, "Job success, backoff-per-index, pod-replacement and managedBy settings are valid",
                             "pkg/apis/batch/validation.validateJobSpec (validateSuccessPolicy, "
                             "validatePodReplacementPolicy, BackoffLimitPerIndex, MaxFailedIndexes), validateManagedBy",
                             &CheckJobPolicies};

}  // namespace mast::rules
