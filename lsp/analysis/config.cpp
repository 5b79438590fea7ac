#include "lsp/analysis/config.h"

#include <filesystem>

#include "yaml/yaml_reader.h"

namespace mast::lsp {

ConfigResult ReadConfig(const std::string& path, const std::string& text) {
  ConfigResult result;
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = ReadYamlStream(0, text, sink);
  for (mast::Diagnostic& d : sink.mutable_diagnostics()) result.problems.push_back(std::move(d));
  if (documents.empty() || !documents.front().value.IsMap()) return result;
  const Value& root = documents.front().value;
  auto problem = [&](SourceRange range, std::string message) {
    DiagnosticSink local;
    local.Report(DiagnosticCode::E1005, range, std::move(message));
    result.problems.push_back(local.diagnostics().front());
  };
  if (const MapEntry* rules = root.FindEntry("rules")) {
    if (!rules->value.IsMap()) {
      problem(rules->value.origin(), "`rules` must be a mapping of rule ids to a severity or settings");
    } else {
      for (const MapEntry& rule : rules->value.AsMap()) {
        auto set_severity = [&](const Value& value) {
          std::string severity = value.IsBool() && !value.AsBool() ? "off" : value.IsString() ? value.AsString() : "";
          if (severity != "off" && severity != "error" && severity != "warning" && severity != "info") {
            problem(value.origin(), "severity of `" + rule.key + "` must be error, warning, info or off");
            return;
          }
          result.settings.policies.severity[rule.key] = severity;
        };
        if (rule.value.IsMap()) {
          if (const Value* severity = rule.value.Find("severity")) set_severity(*severity);
          if (const Value* params = rule.value.Find("params")) {
            if (params->IsMap()) result.settings.policies.params[rule.key] = *params;
            else problem(params->origin(), "`params` of `" + rule.key + "` must be a mapping");
          }
        } else {
          set_severity(rule.value);
        }
      }
    }
  }
  if (const MapEntry* policies = root.FindEntry("policies")) {
    if (!policies->value.IsList()) {
      problem(policies->value.origin(), "`policies` must be a list of policy files");
    } else {
      std::filesystem::path base = std::filesystem::path(path).parent_path();
      for (const Value& file : policies->value.AsList()) {
        if (!file.IsString()) {
          problem(file.origin(), "a policy file must be a path");
          continue;
        }
        result.settings.policies.policy_files.push_back((base / file.AsString()).lexically_normal().string());
      }
    }
  }
  return result;
}

}  // namespace mast::lsp
