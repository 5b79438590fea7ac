// SARIF 2.1.0 output (OASIS Static Analysis Results Interchange Format).
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "compiler/diagnostics/render.h"

namespace mast {
namespace {

using Json = nlohmann::ordered_json;

// A file path as a URI reference: unreserved characters and `/` stay,
// everything else is percent-encoded.
std::string PathToUri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    const bool keep = std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// "k8s-unknown-field" -> "K8sUnknownField": SARIF viewers show a rule's
// name as a title, and the Microsoft validator wants it in Pascal case and
// different from the id (SARIF2012).
std::string ReadableRuleName(std::string_view id) {
  std::string name;
  bool word_start = true;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      word_start = true;
      continue;
    }
    name += word_start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    word_start = false;
  }
  return name;
}

std::string_view Level(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo:
    case Severity::kNote: return "note";
  }
  return "none";
}

// Writes file paths relative to the source root (see
// SarifRenderOptions::source_root).
class ArtifactPaths {
 public:
  explicit ArtifactPaths(const SarifRenderOptions& options) : options_(options) {}

  Json Location(std::string_view path) const {
    Json location;
    const bool absolute = !path.empty() && path[0] == '/';
    if (options_.source_root.empty()) {
      location["uri"] = absolute ? "file://" + PathToUri(path) : PathToUri(path);
      if (!absolute) location["uriBaseId"] = "%SRCROOT%";
      return location;
    }
    // `<stdin>` and other names in angle brackets are not paths.
    const bool named = !path.empty() && path[0] == '<';
    std::filesystem::path full(path);
    if (!absolute && !named) full = std::filesystem::path(options_.working_directory) / full;
    std::string relative = named ? std::string(path)
                                 : full.lexically_normal().lexically_relative(options_.source_root).generic_string();
    if (relative.empty()) relative = std::string(path);
    location["uri"] = PathToUri(relative);
    location["uriBaseId"] = "%SRCROOT%";
    return location;
  }

  // run.originalUriBaseIds, or null when paths are written as they are.
  Json BaseIds() const {
    if (options_.source_root.empty()) return nullptr;
    std::string root = options_.source_root;
    if (root.empty() || root.back() != '/') root += '/';
    return {{"%SRCROOT%", {{"uri", "file://" + PathToUri(root)}}}};
  }

 private:
  const SarifRenderOptions& options_;
};

// 1-based lines; 1-based UTF-16 columns, the end column exclusive.
Json Region(const SourceFile& file, SourceRange range) {
  const LineColumn begin = file.ToLineColumn(range.begin);
  const LineColumn end = file.ToLineColumn(range.end);
  Json region;
  region["startLine"] = begin.line;
  region["startColumn"] = file.Utf16Column(range.begin) + 1;
  region["endLine"] = end.line;
  uint32_t end_column = file.Utf16Column(range.end) + 1;
  if (end.line == begin.line && end_column <= region["startColumn"].get<uint32_t>()) {
    end_column = region["startColumn"].get<uint32_t>() + 1;  // a zero-width range still marks a character
  }
  region["endColumn"] = end_column;
  return region;
}

// A finding in helm template output is placed on its template, without a
// region: the rendered line numbers are not the template's.
std::optional<Json> PhysicalLocation(const SourceManager& sources, SourceRange range, const ArtifactPaths& paths) {
  if (!range.IsValid() || !sources.Has(range.file)) return std::nullopt;
  const SourceFile& file = sources.Get(range.file);
  Json location;
  if (const std::string* template_path = file.RenderedFrom(range.begin)) {
    location["artifactLocation"] = paths.Location(*template_path);
    return location;
  }
  location["artifactLocation"] = paths.Location(file.path());
  location["region"] = Region(file, range);
  return location;
}

std::string MessageText(const SourceManager& sources, const Diagnostic& d) {
  std::string text = d.message;
  if (d.range.IsValid() && sources.Has(d.range.file) && sources.Get(d.range.file).RenderedFrom(d.range.begin)) {
    const SourceFile& file = sources.Get(d.range.file);
    const LineColumn at = file.ToLineColumn(d.range.begin);
    text += "\nrendered, " + file.path() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " +
            std::string(file.LineText(at.line));
  }
  for (const std::string& note : d.notes) text += "\n" + note;
  if (d.fix) text += "\nfix: " + d.fix->title;
  return text;
}

// The rule entry of a finding that carries its own rule id (policy rules).
Json PolicyRule(const std::string& id, const Diagnostic& d, const SarifRenderOptions& options) {
  const DiagnosticInfo& info = InfoOf(d.code);
  Json rule;
  rule["id"] = id;
  rule["name"] = ReadableRuleName(id);
  auto meta = options.rule_metadata.find(id);
  if (meta == options.rule_metadata.end()) {
    rule["shortDescription"] = {{"text", info.summary}};
    rule["defaultConfiguration"] = {{"level", Level(info.default_severity)}};
    return rule;
  }
  const SarifRenderOptions::RuleMetadata& m = meta->second;
  rule["shortDescription"] = {{"text", m.description.empty() ? std::string(info.summary) : m.description}};
  if (!m.rationale.empty()) rule["fullDescription"] = {{"text", m.rationale}};
  if (!m.remediation.empty()) {
    std::string markdown = m.rationale.empty() ? "" : "**Why.** " + m.rationale + "\n\n";
    markdown += "**Fix.** " + m.remediation;
    if (!m.help_uri.empty()) markdown += "\n\nReference: [" + id + "](" + m.help_uri + ")";
    rule["help"] = {{"text", m.remediation}, {"markdown", markdown}};
  }
  if (!m.help_uri.empty()) rule["helpUri"] = m.help_uri;
  rule["defaultConfiguration"] = {{"level", Level(m.severity)}};
  return rule;
}

// The rules of every diagnostic code, with their index by id.
Json CodeRules(const SarifRenderOptions& options, std::map<std::string, size_t, std::less<>>& rule_index) {
  Json rules = Json::array();
  for (const DiagnosticInfo& info : AllDiagnostics()) {
    Json rule;
    rule["id"] = info.id;
    rule["name"] = ReadableRuleName(info.name);
    rule["shortDescription"] = {{"text", info.summary}};
    rule["defaultConfiguration"] = {{"level", Level(info.default_severity)}};
    if (auto help = options.rule_help.find(info.id); help != options.rule_help.end()) {
      rule["help"] = {{"text", help->second}};
    }
    rule_index.emplace(std::string(info.id), rules.size());
    rules.push_back(std::move(rule));
  }
  return rules;
}

// The labels, as related locations (those with a place).
Json RelatedLocations(const SourceManager& sources, const Diagnostic& d, const ArtifactPaths& paths) {
  Json related = Json::array();
  for (const Label& label : d.labels) {
    auto physical = PhysicalLocation(sources, label.range, paths);
    if (!physical) continue;
    Json entry;
    entry["id"] = related.size();
    entry["physicalLocation"] = std::move(*physical);
    entry["message"] = {{"text", label.message}};
    related.push_back(std::move(entry));
  }
  return related;
}

// The fix's edits: one artifactChange per file, in order of first appearance.
Json ArtifactChanges(const SourceManager& sources, const Fix& fix, const ArtifactPaths& paths) {
  Json changes = Json::array();
  std::map<FileId, size_t> change_of_file;
  for (const TextEdit& edit : fix.edits) {
    if (!edit.range.IsValid() || !sources.Has(edit.range.file)) continue;
    const SourceFile& file = sources.Get(edit.range.file);
    if (file.RenderedFrom(edit.range.begin)) continue;  // the template, not the rendered text, needs the edit
    auto [it, inserted] = change_of_file.emplace(edit.range.file, changes.size());
    if (inserted) {
      changes.push_back({{"artifactLocation", paths.Location(file.path())}, {"replacements", Json::array()}});
    }
    Json replacement;
    Json region = Region(file, edit.range);
    if (edit.range.begin == edit.range.end) region["endColumn"] = region["startColumn"];  // an insertion point
    replacement["deletedRegion"] = std::move(region);
    replacement["insertedContent"] = {{"text", edit.replacement}};
    changes[it->second]["replacements"].push_back(std::move(replacement));
  }
  return changes;
}

// The result of diagnostic `i`, whose rule is at `rule_index`.
Json Result(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics, size_t i, size_t rule_index,
            const SarifRenderOptions& options, const ArtifactPaths& paths) {
  const Diagnostic& d = diagnostics[i];
  Json result;
  result["ruleId"] = std::string(d.id());
  result["ruleIndex"] = rule_index;
  result["level"] = Level(d.severity);
  result["message"] = {{"text", MessageText(sources, d)}};
  Json locations = Json::array();
  Json location;
  if (auto physical = PhysicalLocation(sources, d.range, paths)) location["physicalLocation"] = std::move(*physical);
  if (i < options.logical_locations.size() && !options.logical_locations[i].empty()) {
    location["logicalLocations"] = Json::array({{{"fullyQualifiedName", options.logical_locations[i]},
                                                 {"kind", "object"}}});
  }
  if (!location.empty()) locations.push_back(std::move(location));
  result["locations"] = std::move(locations);
  if (Json related = RelatedLocations(sources, d, paths); !related.empty()) {
    result["relatedLocations"] = std::move(related);
  }
  if (d.fix && !d.fix->edits.empty()) {
    if (Json changes = ArtifactChanges(sources, *d.fix, paths); !changes.empty()) {
      result["fixes"] = Json::array({{{"description", {{"text", d.fix->title}}}, {"artifactChanges", changes}}});
    }
  }
  return result;
}

}  // namespace

std::string RenderSarif(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                        const SarifRenderOptions& options) {
  const ArtifactPaths paths(options);
  std::map<std::string, size_t, std::less<>> rule_index;
  Json rules = CodeRules(options, rule_index);
  Json results = Json::array();
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    const std::string id(diagnostics[i].id());
    auto [it, added] = rule_index.emplace(id, rules.size());
    if (added) rules.push_back(PolicyRule(id, diagnostics[i], options));
    results.push_back(Result(sources, diagnostics, i, it->second, options, paths));
  }

  Json driver;
  driver["name"] = options.tool_name;
  if (!options.tool_version.empty()) driver["version"] = options.tool_version;
  if (!options.information_uri.empty()) driver["informationUri"] = options.information_uri;
  driver["rules"] = std::move(rules);
  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  if (Json base_ids = paths.BaseIds(); !base_ids.is_null()) run["originalUriBaseIds"] = std::move(base_ids);
  run["columnKind"] = "utf16CodeUnits";
  run["results"] = std::move(results);
  Json sarif;
  sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  sarif["version"] = "2.1.0";
  sarif["runs"] = Json::array({std::move(run)});
  return sarif.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace mast
