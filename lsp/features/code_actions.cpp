// Quick fixes:
//  - a diagnostic's own fix ("did you mean"), as the compiler computed it;
//  - add the missing required fields of a record (E0303 for schemas, E0503
//    for Kubernetes objects), each with a value that passes the checks
//    (placeholders.h), so the fix never causes a new error;
//  - suppress a policy finding with a `mast:ignore <rule> -- <reason>`
//    comment above its line (`//` in Mast, `#` in YAML);
//  - templates for common policy findings: a readiness or liveness probe,
//    resource requests and limits, and a pinned image tag.
#include <algorithm>
#include <functional>
#include <regex>

#include <nlohmann/json.hpp>

#include "compiler/yaml/yaml_reader.h"
#include "lsp/analysis/context.h"
#include "lsp/analysis/yaml_path.h"
#include "lsp/features/features.h"
#include "lsp/features/placeholders.h"
#include "policies/suppressions.h"

namespace mast::lsp {

namespace {

bool Overlaps(const Range& a, const Range& b) { return !(a.end < b.start) && !(b.end < a.start); }

bool SameDiagnostic(const Diagnostic& a, const Diagnostic& b) {
  return a.range == b.range && a.code == b.code && a.message == b.message;
}

std::string TypeShortName(EditorTypes& types, const LTypeRef& raw) {
  LTypeRef type = EditorTypes::Unwrap(raw);
  if (!type) return "";
  if (type->kind == LType::Kind::kExternal) {
    std::string name = types.catalog().TypeName(type->external);
    size_t dot = name.rfind('.');
    return dot == std::string::npos ? name : name.substr(dot + 1);
  }
  if (type->kind == LType::Kind::kSchema && type->decl) return type->decl->name;
  return "";
}

// The text of `path` (`template.metadata.labels`) inside a Mast record
// literal, when every step is a record literal written out.
std::optional<std::string> MastValueAt(ContextAnalyzer& analyzer, std::string_view text, RecordAt record,
                                       std::initializer_list<std::string_view> path) {
  size_t step = 0;
  for (std::string_view key : path) {
    auto found = std::find(record.keys.begin(), record.keys.end(), key);
    if (found == record.keys.end()) return std::nullopt;
    auto [begin, end] = record.values[static_cast<size_t>(found - record.keys.begin())];
    if (end <= begin) return std::nullopt;
    if (++step == path.size()) return std::string(text.substr(begin, end - begin));
    std::optional<RecordAt> inner = analyzer.RecordFrom(begin);
    if (!inner || inner->open < begin || inner->open >= end) return std::nullopt;
    record = std::move(*inner);
  }
  return std::nullopt;
}

RecordFacts MastFacts(ContextAnalyzer& analyzer, std::string_view text, EditorTypes& types, const RecordAt& record) {
  RecordFacts facts;
  facts.owner = TypeShortName(types, record.type);
  facts.template_labels = MastValueAt(analyzer, text, record, {"template", "metadata", "labels"});
  std::optional<std::string> image = MastValueAt(analyzer, text, record, {"image"});
  if (image && image->size() >= 2 && image->front() == '"' && image->back() == '"' &&
      image->find("${") == std::string::npos) {
    facts.image = image->substr(1, image->size() - 2);
  }
  return facts;
}

// The YAML mapping that starts at `begin`, read again from the text.
const Value* MappingAt(const Value& value, uint32_t begin) {
  if (value.IsMap()) {
    if (value.origin().begin == begin) return &value;
    for (const MapEntry& entry : value.AsMap()) {
      if (const Value* found = MappingAt(entry.value, begin)) return found;
    }
  } else if (value.IsList()) {
    for (const Value& item : value.AsList()) {
      if (const Value* found = MappingAt(item, begin)) return found;
    }
  }
  return nullptr;
}

std::string JsonQuoted(const std::string& text) { return nlohmann::json(text).dump(); }

RecordFacts YamlFacts(const std::string& text, uint32_t begin, EditorTypes& types, const LTypeRef& record) {
  RecordFacts facts;
  facts.owner = TypeShortName(types, record);
  DiagnosticSink ignored;
  for (const YamlDocument& document : ReadYamlStream(kNoFile, text, ignored)) {
    const Value* mapping = MappingAt(document.value, begin);
    if (!mapping) continue;
    const Value* labels = mapping->Find("template");
    labels = labels ? labels->Find("metadata") : nullptr;
    labels = labels ? labels->Find("labels") : nullptr;
    if (labels && labels->IsMap() && !labels->AsMap().empty()) {
      std::string flow;
      for (const MapEntry& entry : labels->AsMap()) {
        if (!entry.value.IsString()) return facts;
        flow += (flow.empty() ? "{" : ", ") + JsonQuoted(entry.key) + ": " + JsonQuoted(entry.value.AsString());
      }
      facts.template_labels = flow + "}";
    }
    if (const Value* image = mapping->Find("image"); image && image->IsString()) facts.image = image->AsString();
    break;
  }
  return facts;
}

// Edits that add `entries` (each `key: value`, Mast syntax) to a record.
std::vector<TextEdit> AddEntries(const SourceFile& source, const RecordAt& record,
                                 const std::vector<std::string>& entries) {
  if (entries.empty() || !record.closed) return {};
  std::string text;
  uint32_t at;
  if (record.multiline) {
    // A line of its own for each entry, before the line with `}`.
    at = record.close;
    const std::string& all = source.text();
    while (at > 0 && all[at - 1] != '\n') --at;
    bool brace_alone = all.substr(at, record.close - at).find_first_not_of(" \t") == std::string::npos;
    if (!brace_alone) {
      at = record.close;
      text += "\n";
    }
    for (const std::string& entry : entries) text += record.entry_indent + entry + "\n";
    if (!brace_alone) text += std::string(record.entry_indent.size() >= 2 ? record.entry_indent.size() - 2 : 0, ' ');
  } else {
    bool empty = record.keys.empty() && record.last_entry_end <= record.open + 1;
    at = empty ? record.open + 1 : record.last_entry_end;
    for (size_t i = 0; i < entries.size(); ++i) text += (i == 0 && empty ? " " : ", ") + entries[i];
    if (empty) text += " ";
  }
  return {TextEdit{ToRange(source, at, at), text}};
}

// YAML: lines added at the end of the block mapping that starts at `begin`
// and ends at `end` (a Value origin: first key to end of last child). In a
// flow mapping, `flow` (one flow entry, `key: { ... }`) is added instead, or
// else each line as an entry of its own.
std::vector<TextEdit> AddYamlLines(const SourceFile& source, uint32_t begin, uint32_t end,
                                   const std::vector<std::string>& lines, std::string_view flow = {}) {
  const std::string& text = source.text();
  if (lines.empty() || begin >= text.size()) return {};
  if (text[begin] == '{') {  // a flow mapping: add before its `}`
    uint32_t close = end;
    while (close > begin && text[close - 1] != '}') --close;
    if (close == begin) return {};
    std::string insert;
    if (!flow.empty()) {
      insert = ", " + std::string(flow);
    } else {
      for (const std::string& line : lines) insert += ", " + line.substr(line.find_first_not_of(' '));
    }
    uint32_t at = close - 1;
    while (at > begin && text[at - 1] == ' ') --at;
    return {TextEdit{ToRange(source, at, at), insert}};
  }
  uint32_t line_begin = begin;
  while (line_begin > 0 && text[line_begin - 1] != '\n') --line_begin;
  std::string indent(begin - line_begin, ' ');
  uint32_t at = end;
  while (at < text.size() && text[at] != '\n') ++at;
  std::string insert;
  for (const std::string& line : lines) insert += "\n" + indent + line;
  return {TextEdit{ToRange(source, at, at), insert}};
}

CodeAction MakeAction(const FeatureContext& context, std::string title, std::vector<TextEdit> edits,
                      const Diagnostic& diagnostic, bool preferred = false) {
  CodeAction action;
  action.title = std::move(title);
  action.diagnostics = {diagnostic};
  action.edit.changes.emplace_back(context.document.uri, std::move(edits));
  action.is_preferred = preferred;
  return action;
}

std::vector<std::string> MissingFieldsFromMessage(const std::string& message) {
  static const std::regex kPattern("missing required field `([^`]+)`");
  std::smatch match;
  if (std::regex_search(message, match, kPattern)) return {match[1]};
  return {};
}

// Templates for common policy findings, as Mast entries and YAML lines.
struct Template {
  std::string title;
  std::string key;
  std::string mast;
  std::vector<std::string> yaml;
};

std::optional<Template> TemplateFor(const std::string& rule, const std::string& record_type,
                                    const std::vector<std::string>& keys) {
  auto has = [&](const char* key) { return std::find(keys.begin(), keys.end(), key) != keys.end(); };
  if (record_type == "Container") {
    if (rule == "probe-readiness-missing" && !has("readinessProbe")) {
      return Template{"Add a readiness probe", "readinessProbe",
                      "readinessProbe: { httpGet: { path: \"/healthz\", port: 8080 } }",
                      {"readinessProbe:", "  httpGet:", "    path: /healthz", "    port: 8080"}};
    }
    if (rule == "probe-liveness-missing" && !has("livenessProbe")) {
      return Template{"Add a liveness probe", "livenessProbe",
                      "livenessProbe: { httpGet: { path: \"/livez\", port: 8080 }, periodSeconds: 10 }",
                      {"livenessProbe:", "  httpGet:", "    path: /livez", "    port: 8080", "  periodSeconds: 10"}};
    }
    if ((rule == "resources-requests-missing" || rule == "resources-memory-limit-missing") && !has("resources")) {
      return Template{"Add resource requests and a memory limit", "resources",
                      "resources: { requests: { cpu: \"100m\", memory: \"128Mi\" }, limits: { memory: \"256Mi\" } }",
                      {"resources:", "  requests:", "    cpu: 100m", "    memory: 128Mi", "  limits:",
                       "    memory: 256Mi"}};
    }
  }
  if (record_type == "ResourceRequirements") {
    if (rule == "resources-requests-missing" && !has("requests")) {
      return Template{"Add resource requests", "requests", "requests: { cpu: \"100m\", memory: \"128Mi\" }",
                      {"requests:", "  cpu: 100m", "  memory: 128Mi"}};
    }
    if (rule == "resources-memory-limit-missing" && !has("limits")) {
      return Template{"Add a memory limit", "limits", "limits: { memory: \"256Mi\" }", {"limits:", "  memory: 256Mi"}};
    }
  }
  return std::nullopt;
}

// `nginx:latest` / `nginx` -> `nginx:X.Y.Z` (the version is for the user to fill in).
std::optional<std::string> PinnedImage(std::string image) {
  bool quoted = image.size() >= 2 && image.front() == '"' && image.back() == '"';
  if (quoted) image = image.substr(1, image.size() - 2);
  if (image.empty() || image.find('@') != std::string::npos) return std::nullopt;
  size_t slash = image.rfind('/');
  size_t colon = image.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) image = image.substr(0, colon);
  image += ":X.Y.Z";
  return quoted ? "\"" + image + "\"" : image;
}

// A finding anchored on a field covers `key: value` (policies/anchor.h):
// [begin, end) narrowed to the value when it starts with `key:` (the key
// may be quoted).
std::pair<uint32_t, uint32_t> FieldValue(std::string_view text, uint32_t begin, uint32_t end, std::string_view key) {
  uint32_t at = begin;
  const bool quoted = at < end && (text[at] == '"' || text[at] == '\'');
  if (quoted) ++at;
  if (text.substr(at, key.size()) != key) return {begin, end};
  at += static_cast<uint32_t>(key.size());
  if (quoted && at < end && (text[at] == '"' || text[at] == '\'')) ++at;
  if (at >= end || text[at] != ':') return {begin, end};
  ++at;
  while (at < end && (text[at] == ' ' || text[at] == '\t')) ++at;
  return at < end ? std::make_pair(at, end) : std::make_pair(begin, end);
}

// "Pin the image": replaces the image of an `image-latest-tag` finding.
void PinImageAction(const FeatureContext& context, const SourceFile& source, const Diagnostic& d,
                    std::vector<CodeAction>& out) {
  const std::string& text = source.text();
  auto [begin, end] = FieldValue(text, ToOffset(source, d.range.start), ToOffset(source, d.range.end), "image");
  if (end <= begin) return;
  if (std::optional<std::string> pinned = PinnedImage(text.substr(begin, end - begin))) {
    out.push_back(MakeAction(context, "Pin the image to a version (fill in X.Y.Z)",
                             {TextEdit{ToRange(source, begin, end), *pinned}}, d));
  }
}

// The record literal a policy finding is about: the one its range starts
// at (a record, or its type name); the record value of the key it starts at
// (`resources: {`); else the record around the entry it starts at (a
// container's `name`).
std::optional<RecordAt> FindingRecord(ContextAnalyzer& analyzer, uint32_t begin) {
  if (std::optional<RecordAt> record = analyzer.RecordFrom(begin)) return record;
  std::optional<RecordAt> around = analyzer.RecordAround(begin);
  std::optional<KeyAt> key = analyzer.KeyAtOffset(begin);
  if (!around || !key || key->key_begin != begin) return around;
  auto found = std::find(around->keys.begin(), around->keys.end(), key->key);
  if (found == around->keys.end()) return around;
  const uint32_t value = around->values[static_cast<size_t>(found - around->keys.begin())].first;
  std::optional<RecordAt> inner = analyzer.RecordFrom(value);
  return inner && inner->open < around->close ? inner : around;
}

// YAML: the mapping a policy finding is about, as [begin, end) offsets: the
// value of the key its range starts at when that is a mapping
// (`resources:`), else the innermost mapping around its range.
std::pair<uint32_t, uint32_t> FindingMapping(const std::string& text, uint32_t begin, uint32_t end) {
  std::pair<uint32_t, uint32_t> best = {begin, end};
  std::function<bool(const Value&)> visit = [&](const Value& value) {
    const SourceRange origin = value.origin();
    if (value.IsMap() && origin.begin <= begin && end <= origin.end) best = {origin.begin, origin.end};
    for (const MapEntry& entry : value.AsMap()) {
      if (entry.key_range.begin == begin && entry.value.IsMap()) {
        best = {entry.value.origin().begin, entry.value.origin().end};
        return true;
      }
      if (visit(entry.value)) return true;
    }
    for (const Value& item : value.AsList()) {
      if (visit(item)) return true;
    }
    return false;
  };
  DiagnosticSink ignored;
  for (const YamlDocument& document : ReadYamlStream(kNoFile, text, ignored)) {
    const SourceRange origin = document.value.origin();
    if (origin.begin <= begin && begin < origin.end) {
      visit(document.value);
      break;
    }
  }
  return best;
}

void MastActions(const FeatureContext& context, const Diagnostic& d, std::vector<CodeAction>& out) {
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return;
  const SourceFile& source = *file->source;
  const uint32_t begin = ToOffset(source, d.range.start);
  EditorTypes types = TypesFor(context);
  ContextAnalyzer analyzer(file->text(), file, types);

  if (d.code == "E0303" || d.code == "E0503") {
    if (std::optional<RecordAt> record = analyzer.RecordFrom(begin)) {
      std::vector<std::string> entries;
      RecordFacts facts = MastFacts(analyzer, file->text(), types, *record);
      for (const FieldInfo& field : types.Fields(record->type)) {
        if (!field.required || std::find(record->keys.begin(), record->keys.end(), field.name) != record->keys.end()) {
          continue;
        }
        if (std::optional<std::string> value = MissingFieldValue(types, field, facts, false)) {
          entries.push_back(field.name + ": " + *value);
        }
      }
      std::vector<TextEdit> edits = AddEntries(source, *record, entries);
      if (!edits.empty()) {
        out.push_back(MakeAction(context, entries.size() == 1 ? "Add missing field `" + entries[0].substr(0, entries[0].find(':')) + "`"
                                                              : "Add " + std::to_string(entries.size()) + " missing required fields",
                                 std::move(edits), d, true));
      }
    }
  }
  if (d.code.empty() || IsCompilerCodeText(d.code)) return;
  // A policy finding: templates, then the suppression.
  if (d.code == "image-latest-tag") PinImageAction(context, source, d, out);
  if (std::optional<RecordAt> record = FindingRecord(analyzer, begin)) {
    if (std::optional<Template> t = TemplateFor(d.code, TypeShortName(types, record->type), record->keys)) {
      std::vector<TextEdit> edits = AddEntries(source, *record, {t->mast});
      if (!edits.empty()) out.push_back(MakeAction(context, t->title, std::move(edits), d));
    }
  }
  uint32_t line_begin = source.ToOffset(d.range.start.line + 1, 1);
  std::string_view line = source.LineText(d.range.start.line + 1);
  std::string indent(line.substr(0, line.find_first_not_of(" \t") == std::string_view::npos ? 0 : line.find_first_not_of(" \t")));
  out.push_back(MakeAction(context, "Ignore `" + d.code + "` here (mast:ignore with a reason)",
                           {TextEdit{ToRange(source, line_begin, line_begin),
                                     indent + "// mast:ignore " + d.code + " -- " + std::string(kPlaceholderReason) + "\n"}},
                           d));
}

void YamlActions(const FeatureContext& context, const Diagnostic& d, std::vector<CodeAction>& out) {
  const std::string& text = *context.document.text;
  SourceFile source(context.document.path, text);
  const uint32_t begin = ToOffset(source, d.range.start);
  const uint32_t end = ToOffset(source, d.range.end);
  EditorTypes types(*context.workspace, &context.types());
  YamlCursor cursor = LocateInYaml(text, begin);
  LTypeRef record = TypeAtPath(types, ResourceType(types, cursor), cursor.parents);

  if (d.code == "E0503") {
    RecordFacts facts = YamlFacts(text, begin, types, record);
    for (const std::string& name : MissingFieldsFromMessage(d.message)) {
      std::optional<FieldInfo> field = types.Field(record, name);
      std::optional<std::string> value = field ? MissingFieldValue(types, *field, facts, true) : std::nullopt;
      if (!value) continue;
      std::vector<TextEdit> edits = AddYamlLines(source, begin, end, {name + ": " + *value});
      if (!edits.empty()) out.push_back(MakeAction(context, "Add missing field `" + name + "`", std::move(edits), d, true));
    }
  }
  if (d.code.empty() || IsCompilerCodeText(d.code)) return;
  if (d.code == "image-latest-tag") PinImageAction(context, source, d, out);
  const auto [mapping_begin, mapping_end] = FindingMapping(text, begin, end);
  YamlCursor in_mapping = LocateInYaml(text, mapping_begin);
  std::vector<std::string> keys = in_mapping.sibling_keys;
  if (!in_mapping.key.empty()) keys.push_back(in_mapping.key);
  LTypeRef mapping_type = TypeAtPath(types, ResourceType(types, in_mapping), in_mapping.parents);
  if (std::optional<Template> t = TemplateFor(d.code, TypeShortName(types, mapping_type), keys)) {
    // (The template's Mast record is also a YAML flow mapping.)
    std::vector<TextEdit> edits = AddYamlLines(source, mapping_begin, mapping_end, t->yaml, t->mast);
    if (!edits.empty()) out.push_back(MakeAction(context, t->title, std::move(edits), d));
  }
  uint32_t line_begin = source.ToOffset(d.range.start.line + 1, 1);
  std::string_view line = source.LineText(d.range.start.line + 1);
  size_t content = line.find_first_not_of(' ');
  std::string indent(content == std::string_view::npos ? 0 : content, ' ');
  out.push_back(MakeAction(context, "Ignore `" + d.code + "` here (mast:ignore with a reason)",
                           {TextEdit{ToRange(source, line_begin, line_begin),
                                     indent + "# mast:ignore " + d.code + " -- " + std::string(kPlaceholderReason) + "\n"}},
                           d));
}

}  // namespace

std::vector<CodeAction> CodeActions(const FeatureContext& context, Range range,
                                    const std::vector<Diagnostic>& context_diagnostics) {
  std::vector<Diagnostic> diagnostics;
  // The client's copies may have lost `data`: prefer the published ones.
  // Only those at the cursor (or in the selection): some clients send every
  // diagnostic of the cursor's line, and each would add its own "ignore".
  for (const Diagnostic& sent : context_diagnostics) {
    if (!Overlaps(sent.range, range)) continue;
    auto published = std::find_if(context.diagnostics.begin(), context.diagnostics.end(),
                                  [&](const Diagnostic& p) { return SameDiagnostic(p, sent); });
    diagnostics.push_back(published != context.diagnostics.end() ? *published : sent);
  }
  if (context_diagnostics.empty()) {
    for (const Diagnostic& d : context.diagnostics) {
      if (Overlaps(d.range, range)) diagnostics.push_back(d);
    }
  }
  std::vector<CodeAction> out;
  for (const Diagnostic& d : diagnostics) {
    if (d.fix_edits && !d.fix_edits->empty()) {
      std::string title = d.fix_title.empty() ? "Apply the suggested fix" : d.fix_title;
      title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
      out.push_back(MakeAction(context, title, *d.fix_edits, d, true));
    }
    if (context.IsMast()) MastActions(context, d, out);
    else if (context.IsYaml()) YamlActions(context, d, out);
  }
  // A finding reported twice needs one fix.
  auto same = [](const CodeAction& a, const CodeAction& b) {
    if (a.title != b.title || a.edit.changes.size() != b.edit.changes.size()) return false;
    for (size_t i = 0; i < a.edit.changes.size(); ++i) {
      const auto& x = a.edit.changes[i].second;
      const auto& y = b.edit.changes[i].second;
      if (x.size() != y.size()) return false;
      for (size_t k = 0; k < x.size(); ++k) {
        if (!(x[k].range == y[k].range) || x[k].new_text != y[k].new_text) return false;
      }
    }
    return true;
  };
  std::vector<CodeAction> unique;
  for (CodeAction& action : out) {
    if (std::none_of(unique.begin(), unique.end(), [&](const CodeAction& a) { return same(a, action); })) {
      unique.push_back(std::move(action));
    }
  }
  return unique;
}

}  // namespace mast::lsp
