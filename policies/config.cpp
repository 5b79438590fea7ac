#include "policies/config.h"

#include <filesystem>

#include "compiler/base/file_io.h"
#include "compiler/base/spelling.h"
#include "compiler/yaml/yaml_reader.h"

namespace mast {
namespace {

namespace fs = std::filesystem;

class ConfigReader {
 public:
  ConfigReader(MastConfig& config, DiagnosticSink& sink) : config_(config), sink_(sink) {}

  void Read(const Value& root) {
    if (root.IsNull()) return;  // an empty file means the defaults
    if (!root.IsMap()) {
      Error(root.origin(), "the configuration must be a mapping of settings");
      return;
    }
    static const std::vector<std::string_view> kKeys = {"rules", "policies", "ignore", "schema", "kubernetesVersion",
                                                               "failOn", "crds",
                                                               "rulesUri"};
    for (const MapEntry& entry : root.AsMap()) {
      if (entry.key == "rules") ReadRules(entry.value);
      else if (entry.key == "policies") ReadPaths(entry.value, &config_.policies.policy_files, "policies");
      else if (entry.key == "ignore") ReadStrings(entry.value, &config_.ignore, "ignore");
      else if (entry.key == "schema") ReadSchema(entry.value);
      else if (entry.key == "kubernetesVersion") ReadKubernetesVersion(entry.value);
      else if (entry.key == "failOn") ReadFailOn(entry.value);
      else if (entry.key == "crds") ReadPaths(entry.value, &config_.crds, "crds");
      else if (entry.key == "rulesUri") ReadRulesUri(entry.value);
      else Unknown(entry, kKeys, "setting");
    }
  }

 private:
  // An absolute URL: SARIF viewers resolve no relative ones (SARIF1002).
  void ReadRulesUri(const Value& value) {
    if (!value.IsString() || (value.AsString().rfind("https://", 0) != 0 && value.AsString().rfind("http://", 0) != 0)) {
      Error(value.origin(), "`rulesUri` must be an absolute http(s) URL of the rule reference, like "
                            "`https://example.com/mast/docs/rules.md`");
      return;
    }
    config_.rules_uri = value.AsString();
  }

  void Error(SourceRange range, std::string message) { sink_.Report(DiagnosticCode::E1005, range, std::move(message)); }

  void Unknown(const MapEntry& entry, const std::vector<std::string_view>& known, std::string_view what) {
    std::string message = "unknown " + std::string(what) + " `" + entry.key + "`";
    if (auto suggestion = ClosestMatch(entry.key, known)) message += "; did you mean `" + *suggestion + "`?";
    Error(entry.key_range, message);
  }

  bool Severity(const Value& value) {
    if (value.IsString() && (value.AsString() == "error" || value.AsString() == "warning" ||
                             value.AsString() == "info" || value.AsString() == "off")) {
      return true;
    }
    // YAML 1.1 reads a bare `off` as false.
    Error(value.origin(), "a rule's severity is error, warning, info or off");
    return false;
  }

  void ReadRules(const Value& rules) {
    if (!rules.IsMap()) {
      Error(rules.origin(), "`rules` must map rule ids to a severity or to { severity, params }");
      return;
    }
    for (const MapEntry& rule : rules.AsMap()) {
      const Value& setting = rule.value;
      config_.policies.where[rule.key] = rule.key_range;
      if (setting.IsBool() && !setting.AsBool()) {
        config_.policies.severity[rule.key] = "off";  // `rule: off` (YAML 1.1 boolean)
      } else if (setting.IsString()) {
        if (Severity(setting)) config_.policies.severity[rule.key] = setting.AsString();
      } else if (setting.IsMap()) {
        for (const MapEntry& field : setting.AsMap()) {
          if (field.key == "severity") {
            if (field.value.IsBool() && !field.value.AsBool()) config_.policies.severity[rule.key] = "off";
            else if (Severity(field.value)) config_.policies.severity[rule.key] = field.value.AsString();
          } else if (field.key == "params") {
            if (field.value.IsMap()) config_.policies.params[rule.key] = field.value;
            else Error(field.value.origin(), "`params` must be a mapping");
          } else {
            Unknown(field, {"severity", "params"}, "rule setting");
          }
        }
      } else {
        Error(setting.origin(), "set rule `" + rule.key + "` to a severity or to { severity, params }");
      }
    }
  }

  bool ReadStrings(const Value& value, std::vector<std::string>* out, std::string_view what) {
    if (!value.IsList()) {
      Error(value.origin(), "`" + std::string(what) + "` must be a list of strings");
      return false;
    }
    for (const Value& item : value.AsList()) {
      if (item.IsString()) out->push_back(item.AsString());
      else Error(item.origin(), "`" + std::string(what) + "` entries must be strings");
    }
    return true;
  }

  void ReadPaths(const Value& value, std::vector<std::string>* out, std::string_view what) {
    std::vector<std::string> paths;
    if (!ReadStrings(value, &paths, what)) return;
    for (const std::string& path : paths) out->push_back(Resolve(path));
  }

  void ReadSchema(const Value& value) {
    if (value.IsString()) config_.schema = Resolve(value.AsString());
    else Error(value.origin(), "`schema` must be the path of an OpenAPI document");
  }

  // A string, or a number like 1.33 that YAML reads as a float (1.30 would
  // read as 1.3, so the message asks for quotes).
  void ReadKubernetesVersion(const Value& value) {
    if (value.IsString()) {
      config_.kubernetes_version = value.AsString();
      config_.kubernetes_version_origin = value.origin();
    } else {
      Error(value.origin(), "`kubernetesVersion` must be a quoted release like \"1.33\", or a range \"1.31..1.36\"");
    }
  }

  void ReadFailOn(const Value& value) {
    if (value.IsString() && (value.AsString() == "error" || value.AsString() == "warning" ||
                             value.AsString() == "info" || value.AsString() == "never")) {
      config_.fail_on = value.AsString();
    } else {
      Error(value.origin(), "`failOn` is error, warning, info or never");
    }
  }

  std::string Resolve(const std::string& path) const {
    if (path.empty() || fs::path(path).is_absolute()) return path;
    return (fs::path(config_.path).parent_path() / path).lexically_normal().string();
  }

  MastConfig& config_;
  DiagnosticSink& sink_;
};

}  // namespace

std::optional<MastConfig> LoadConfig(const std::string& path, SourceManager& sources, DiagnosticSink& sink) {
  std::string text;
  std::string error;
  if (!ReadFileToString(path, &text, &error, 1u << 20)) {
    sink.Report(DiagnosticCode::E0901, {}, "cannot read configuration " + path + ": " + error);
    return std::nullopt;
  }
  FileId file = sources.Add(path, text);
  MastConfig config;
  config.path = path;
  std::vector<YamlDocument> documents = ReadYamlStream(file, sources.Get(file).text(), sink);
  if (documents.size() > 1) {
    sink.Report(DiagnosticCode::E1005, documents[1].range, "the configuration must be a single YAML document");
  }
  if (!documents.empty()) ConfigReader(config, sink).Read(documents[0].value);
  return config;
}

std::string FindConfig(const std::string& start) {
  std::error_code ec;
  fs::path directory = fs::absolute(start.empty() ? fs::path(".") : fs::path(start), ec);
  if (!fs::is_directory(directory, ec)) directory = directory.parent_path();
  for (; !directory.empty(); directory = directory.parent_path()) {
    fs::path candidate = directory / ".mast.yaml";
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    if (directory == directory.root_path()) break;
  }
  return "";
}

bool FailsRun(Severity severity, const std::string& fail_on) {
  if (fail_on == "never") return false;
  if (fail_on == "info") return severity != Severity::kNote;
  if (fail_on == "warning") return severity == Severity::kError || severity == Severity::kWarning;
  return severity == Severity::kError;
}

}  // namespace mast
