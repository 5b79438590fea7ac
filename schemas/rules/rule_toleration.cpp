// E0746: tolerations: the key is a qualified name; an empty key needs
// `operator: Exists`; the operator is Equal or Exists, and Exists takes no
// value; an Equal value is a label value; the effect is NoSchedule,
// PreferNoSchedule or NoExecute, and `tolerationSeconds` needs NoExecute.
//
// Mirrors pkg/apis/core/validation.ValidateTolerations.
#include "schemas/rules/field_enums.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kTolerationCode = DiagnosticCode::E0746;

void CheckToleration(const RuleContext& context, const Node& toleration) {
  const Node key = toleration["key"];
  const std::string* key_text = key.String();
  const Node op = toleration["operator"];
  const std::string* op_text = op.String();
  const std::string op_value = op_text != nullptr ? *op_text : "";
  if (key_text != nullptr && !key_text->empty()) {
    const std::string problem = QualifiedNameProblem(*key_text);
    if (!problem.empty()) context.Report(kTolerationCode, key, InvalidMessage("toleration key", *key_text, problem, ""));
  } else if (op_value != "Exists") {
    context.Report(kTolerationCode, op ? op : toleration,
                   "a toleration without a `key` must use `operator: Exists` (it then matches every taint)");
  }
  const Node value = toleration["value"];
  const std::string* value_text = value.String();
  if (op_value == "Equal" || op_value.empty()) {
    if (value_text != nullptr) {
      const std::string problem = LabelValueProblem(*value_text);
      if (!problem.empty()) context.Report(kTolerationCode, value, InvalidMessage("toleration value", *value_text, problem, ""));
    }
  } else if (op_value == "Exists") {
    if (value_text != nullptr && !value_text->empty()) {
      context.Report(kTolerationCode, value, "`value` must be empty when `operator` is `Exists`");
    }
  } else {
    CheckEnum(context, kTolerationCode, op, "operator", EnumValues(FieldEnum::kTolerationOperator));
  }
  const Node effect = toleration["effect"];
  CheckEnum(context, kTolerationCode, effect, "effect", EnumValues(FieldEnum::kTaintEffect));
  const Node seconds = toleration["tolerationSeconds"];
  const std::string* effect_text = effect.String();
  if (seconds && (effect_text == nullptr || *effect_text != "NoExecute")) {
    context.ReportAt(kTolerationCode, seconds.KeyOrValue(), seconds.path, "`tolerationSeconds` requires `effect: NoExecute`");
  }
}

void CheckTolerations(const RuleContext& context) {
  for (const PodTemplate& pod : context.pods()) {
    for (const Node& toleration : pod.spec["tolerations"].Items()) CheckToleration(context, toleration);
  }
}

}  // namespace

const Rule kTolerationRule = {DiagnosticCode::E0746, "tolerations have valid keys, operators, values and effects",
                              "pkg/apis/core/validation.ValidateTolerations", &CheckTolerations};

}  // namespace mast::rules
