// E0736: ConfigMap and Secret keys have only letters, digits, '-', '_' and
// '.', at most 253 of them, and are not `.`, `..` or `..`-prefixed; a
// ConfigMap key is not in both `data` and `binaryData`.
//
// Mirrors pkg/apis/core/validation.ValidateConfigMap and ValidateSecret
// (IsConfigMapKey; "duplicate of key present in binaryData"). A Secret's
// `stringData` is merged into `data` before validation, so its keys are
// checked too.
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckKeys(const RuleContext& context, const Node& map) {
  for (const auto& [key, value] : map.Entries()) {
    const std::string problem = ConfigMapKeyProblem(key);
    if (problem.empty()) continue;
    context.ReportAt(DiagnosticCode::E0736, value.key_range.IsValid() ? value.key_range : value.Where(), value.path,
                     InvalidMessage("key", key, problem, SuggestConfigMapKey(key)));
  }
}

void CheckDataKeys(const RuleContext& context) {
  const Node root = context.root();
  if (context.Is("", "ConfigMap")) {
    CheckKeys(context, root["data"]);
    CheckKeys(context, root["binaryData"]);
    const Node binary = root["binaryData"];
    for (const auto& [key, value] : root["data"].Entries()) {
      if (!binary.IsMap() || binary.value->FindEntry(key) == nullptr) continue;
      context.ReportAt(DiagnosticCode::E0736, value.key_range.IsValid() ? value.key_range : value.Where(), value.path,
                       "key " + Code(key) + " is in both `data` and `binaryData`; keep it in one");
    }
  } else if (context.Is("", "Secret")) {
    CheckKeys(context, root["data"]);
    CheckKeys(context, root["stringData"]);
  }
}

}  // namespace

const Rule kDataKeyRule = {DiagnosticCode::E0736, "ConfigMap and Secret keys are valid and not duplicated",
                           "pkg/apis/core/validation.ValidateConfigMap, ValidateSecret (IsConfigMapKey)",
                           &CheckDataKeys};

}  // namespace mast::rules
