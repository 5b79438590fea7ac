#include "lsp/protocol/json.h"

#include <limits>

#include "lsp/protocol/json_text.h"

namespace mast::lsp {

const Json* Member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::optional<std::string> StringMember(const Json& object, const char* key) {
  const Json* value = Member(object, key);
  if (!value || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

std::optional<int64_t> IntMember(const Json& object, const char* key) {
  const Json* value = Member(object, key);
  if (!value) return std::nullopt;
  if (value->is_number_unsigned()) {
    uint64_t u = value->get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    return static_cast<int64_t>(u);
  }
  if (value->is_number_integer()) return value->get<int64_t>();
  return std::nullopt;
}

namespace {

bool ReadUint32(const Json& object, const char* key, uint32_t& out) {
  std::optional<int64_t> value = IntMember(object, key);
  if (!value || *value < 0) return false;
  out = *value > std::numeric_limits<uint32_t>::max() ? std::numeric_limits<uint32_t>::max()
                                                       : static_cast<uint32_t>(*value);
  return true;
}

}  // namespace

bool FromJson(const Json& json, Position& out) {
  return ReadUint32(json, "line", out.line) && ReadUint32(json, "character", out.character);
}

bool FromJson(const Json& json, Range& out) {
  const Json* start = Member(json, "start");
  const Json* end = Member(json, "end");
  return start && end && FromJson(*start, out.start) && FromJson(*end, out.end);
}

bool FromJson(const Json& json, TextDocumentItem& out) {
  std::optional<std::string> uri = StringMember(json, "uri");
  std::optional<std::string> text = StringMember(json, "text");
  if (!uri || !text) return false;
  out.uri = std::move(*uri);
  out.text = std::move(*text);
  out.language_id = StringMember(json, "languageId").value_or("");
  out.version = IntMember(json, "version").value_or(0);
  return true;
}

bool FromJson(const Json& json, ContentChange& out) {
  std::optional<std::string> text = StringMember(json, "text");
  if (!text) return false;
  out.text = std::move(*text);
  if (const Json* range = Member(json, "range")) {
    Range parsed;
    if (!FromJson(*range, parsed)) return false;
    out.range = parsed;
  }
  return true;
}

bool FromJson(const Json& json, FormattingOptions& out) {
  ReadUint32(json, "tabSize", out.tab_size);
  if (const Json* spaces = Member(json, "insertSpaces"); spaces && spaces->is_boolean()) {
    out.insert_spaces = spaces->get<bool>();
  }
  return true;
}

bool FromJson(const Json& json, Diagnostic& out) {
  const Json* range = Member(json, "range");
  if (!range || !FromJson(*range, out.range)) return false;
  out.message = StringMember(json, "message").value_or("");
  if (std::optional<int64_t> severity = IntMember(json, "severity"); severity && *severity >= 1 && *severity <= 4) {
    out.severity = static_cast<DiagnosticSeverity>(*severity);
  }
  if (const Json* code = Member(json, "code")) {
    if (code->is_string()) out.code = code->get<std::string>();
  }
  out.source = StringMember(json, "source").value_or("");
  const Json* data = Member(json, "data");
  if (data && data->is_object()) {
    out.fix_title = StringMember(*data, "fixTitle").value_or("");
    if (const Json* edits = Member(*data, "fixEdits"); edits && edits->is_array()) {
      std::vector<TextEdit> parsed;
      for (const Json& edit : *edits) {
        TextEdit e;
        const Json* r = Member(edit, "range");
        std::optional<std::string> text = StringMember(edit, "newText");
        if (!r || !text || !FromJson(*r, e.range)) return false;
        e.new_text = std::move(*text);
        parsed.push_back(std::move(e));
      }
      out.fix_edits = std::move(parsed);
    }
  }
  return true;
}

Json ToJson(const Position& position) { return Json{{"line", position.line}, {"character", position.character}}; }

Json ToJson(const Range& range) { return Json{{"start", ToJson(range.start)}, {"end", ToJson(range.end)}}; }

Json ToJson(const Location& location) { return Json{{"uri", location.uri}, {"range", ToJson(location.range)}}; }

Json ToJson(const TextEdit& edit) { return Json{{"range", ToJson(edit.range)}, {"newText", edit.new_text}}; }

Json ToJson(const Diagnostic& diagnostic) {
  // One serializer (json_text.h), read back here: this is for the few
  // diagnostics that travel inside another value.
  std::string text;
  AppendDiagnostic(text, diagnostic);
  return Json::parse(text, nullptr, /*allow_exceptions=*/false);
}

Json ToJson(const Hover& hover) {
  Json out{{"contents", Json{{"kind", "markdown"}, {"value", hover.markdown}}}};
  if (hover.range) out["range"] = ToJson(*hover.range);
  return out;
}

Json ToJson(const CompletionItem& item) {
  Json out{{"label", item.label}, {"kind", static_cast<int>(item.kind)}};
  if (!item.detail.empty()) out["detail"] = item.detail;
  if (!item.documentation.empty()) out["documentation"] = Json{{"kind", "markdown"}, {"value", item.documentation}};
  if (!item.sort_text.empty()) out["sortText"] = item.sort_text;
  if (!item.filter_text.empty()) out["filterText"] = item.filter_text;
  if (item.text_edit) out["textEdit"] = ToJson(*item.text_edit);
  else if (!item.insert_text.empty()) out["insertText"] = item.insert_text;
  if (item.snippet) out["insertTextFormat"] = 2;
  if (item.deprecated) out["tags"] = Json::array({1});
  return out;
}

Json ToJson(const CompletionList& list) {
  return Json{{"isIncomplete", list.is_incomplete}, {"items", ToJson(list.items)}};
}

Json ToJson(const DocumentSymbol& symbol) {
  Json out{{"name", symbol.name.empty() ? std::string("?") : symbol.name},
           {"kind", static_cast<int>(symbol.kind)},
           {"range", ToJson(symbol.range)},
           {"selectionRange", ToJson(symbol.selection_range)}};
  if (!symbol.detail.empty()) out["detail"] = symbol.detail;
  if (!symbol.children.empty()) out["children"] = ToJson(symbol.children);
  return out;
}

Json ToJson(const SymbolInformation& symbol) {
  Json out{{"name", symbol.name}, {"kind", static_cast<int>(symbol.kind)}, {"location", ToJson(symbol.location)}};
  if (!symbol.container_name.empty()) out["containerName"] = symbol.container_name;
  return out;
}

Json ToJson(const WorkspaceEdit& edit) {
  Json changes = Json::object();
  for (const auto& [uri, edits] : edit.changes) changes[uri] = ToJson(edits);
  return Json{{"changes", std::move(changes)}};
}

Json ToJson(const CodeAction& action) {
  Json out{{"title", action.title}, {"kind", action.kind}, {"edit", ToJson(action.edit)}};
  if (!action.diagnostics.empty()) out["diagnostics"] = ToJson(action.diagnostics);
  if (action.is_preferred) out["isPreferred"] = true;
  return out;
}

Json ToJson(const InlayHint& hint) {
  Json out{{"position", ToJson(hint.position)}, {"label", hint.label}, {"kind", hint.kind}};
  if (hint.padding_left) out["paddingLeft"] = true;
  if (hint.padding_right) out["paddingRight"] = true;
  return out;
}

Json ToJson(const SemanticTokens& tokens) { return Json{{"data", tokens.data}}; }

Json ToJson(const PrepareRenameResult& result) {
  return Json{{"range", ToJson(result.range)}, {"placeholder", result.placeholder}};
}

}  // namespace mast::lsp
