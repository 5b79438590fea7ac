// JSON conversion of the protocol types (nlohmann_json is confined to
// protocol/, transport/ and the dispatcher). Readers are lenient: a missing or
// mistyped field leaves the default and makes `ok` false instead of throwing.
#pragma once

#include <nlohmann/json.hpp>

#include "lsp/protocol/types.h"

namespace mast::lsp {

using Json = nlohmann::json;

// Readers: return false when a required member is missing or has the wrong
// type. Never throw.
bool FromJson(const Json& json, Position& out);
bool FromJson(const Json& json, Range& out);
bool FromJson(const Json& json, TextDocumentItem& out);
bool FromJson(const Json& json, ContentChange& out);
bool FromJson(const Json& json, FormattingOptions& out);
// Reads back a diagnostic the client sends in codeAction's context (including
// the fix we stored in `data`).
bool FromJson(const Json& json, Diagnostic& out);

Json ToJson(const Position& position);
Json ToJson(const Range& range);
Json ToJson(const Location& location);
Json ToJson(const TextEdit& edit);
// Diagnostics are written as text (json_text.h); this reads one back.
Json ToJson(const Diagnostic& diagnostic);
Json ToJson(const Hover& hover);
Json ToJson(const CompletionItem& item);
Json ToJson(const CompletionList& list);
Json ToJson(const DocumentSymbol& symbol);
Json ToJson(const SymbolInformation& symbol);
Json ToJson(const WorkspaceEdit& edit);
Json ToJson(const CodeAction& action);
Json ToJson(const InlayHint& hint);
Json ToJson(const SemanticTokens& tokens);
Json ToJson(const PrepareRenameResult& result);

template <typename T>
Json ToJson(const std::vector<T>& items) {
  Json out = Json::array();
  for (const T& item : items) out.push_back(ToJson(item));
  return out;
}

// Safe accessors for untrusted JSON.
const Json* Member(const Json& object, const char* key);
std::optional<std::string> StringMember(const Json& object, const char* key);
std::optional<int64_t> IntMember(const Json& object, const char* key);

}  // namespace mast::lsp
