// E0727: environment variables: names (and envFrom prefixes) follow the
// server's name rule, and `valueFrom` has exactly one source and is not
// combined with a non-empty `value`.
//
// Mirrors pkg/apis/core/validation.ValidateEnv and ValidateEnvFrom (IsEnvVarName,
// or IsRelaxedEnvVarName with RelaxedEnvironmentVariableValidation; see
// ServerRuleOptions::strict_env_var_names) and validateEnvVarValueFrom.
// Duplicate names are only a warning on the server, so they are not reported.
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kEnvVarCode = DiagnosticCode::E0727;

void CheckName(const RuleContext& context, const Node& name, std::string_view what) {
  const std::string* text = name.String();
  if (text == nullptr) return;
  if (text->empty()) {
    context.Report(kEnvVarCode, name, std::string(what) + " is empty");
    return;
  }
  const bool strict = context.options().strict_env_var_names;
  const std::string problem = EnvVarNameProblem(*text, strict);
  if (problem.empty()) return;
  context.Report(kEnvVarCode, name, InvalidMessage(what, *text, problem, strict ? SuggestEnvVarName(*text) : ""));
}

void CheckValueFrom(const RuleContext& context, const Node& variable) {
  const Node value_from = variable["valueFrom"];
  if (!value_from) return;
  std::vector<std::string_view> sources;
  // fileKeyRef: Kubernetes 1.34 on (the schema check reports it for older targets).
  for (std::string_view source : {"fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef"}) {
    if (value_from[source]) sources.push_back(source);
  }
  if (sources.empty()) {
    context.ReportAt(kEnvVarCode, value_from.KeyOrValue(), value_from.path,
                     "`valueFrom` has no source; set one of `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, "
                     "`secretKeyRef` or `fileKeyRef`");
  } else if (variable["value"].NonEmptyString() != nullptr) {
    context.ReportAt(kEnvVarCode, value_from.KeyOrValue(), value_from.path,
                     "`valueFrom` may not be set together with a non-empty `value`; keep one");
  } else if (sources.size() > 1) {
    const Node second = value_from[sources[1]];
    context.ReportAt(kEnvVarCode, second.KeyOrValue(), second.path,
                     "`valueFrom` has more than one source (" + AllOf(sources) + "); keep one");
  }
}

void CheckEnvVars(const RuleContext& context) {
  for (const ContainerRef& container : context.AllContainers()) {
    for (const Node& variable : container.node["env"].Items()) {
      CheckName(context, variable["name"], "environment variable name");
      CheckValueFrom(context, variable);
    }
    for (const Node& source : container.node["envFrom"].Items()) {
      const Node prefix = source["prefix"];
      if (prefix.NonEmptyString() != nullptr) CheckName(context, prefix, "envFrom prefix");
    }
  }
}

}  // namespace

const Rule kEnvVarRule = {DiagnosticCode::E0727, "environment variable names and value sources are valid",
                          "pkg/apis/core/validation.ValidateEnv, ValidateEnvFrom (IsEnvVarName, IsRelaxedEnvVarName), "
                          "validateEnvVarValueFrom",
                          &CheckEnvVars};

}  // namespace mast::rules
