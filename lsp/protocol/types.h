// LSP 3.17 protocol types as plain structs. The server core and the features
// use only these; converting them to and from JSON is protocol/json.cpp's job
// (clangd's Protocol.h split). Positions are LSP positions: 0-based lines and
// UTF-16 code-unit columns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace mast::lsp {

// JSON-RPC and LSP error codes.
enum class ErrorCode : int {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kServerNotInitialized = -32002,
  kRequestFailed = -32803,
  kRequestCancelled = -32800,
  kContentModified = -32801,
};

// A request's failure, as the core reports it.
struct ReplyError {
  ErrorCode code = ErrorCode::kRequestFailed;
  std::string message;
};

struct Position {
  uint32_t line = 0;
  uint32_t character = 0;  // UTF-16 code units
  friend bool operator==(const Position&, const Position&) = default;
  friend auto operator<=>(const Position&, const Position&) = default;
};

struct Range {
  Position start;
  Position end;
  friend bool operator==(const Range&, const Range&) = default;
};

struct Location {
  std::string uri;
  Range range;
  friend bool operator==(const Location&, const Location&) = default;
};

struct TextEdit {
  Range range;
  std::string new_text;
};

// A versioned document: the client's version of an open document.
struct TextDocumentItem {
  std::string uri;
  std::string language_id;
  int64_t version = 0;
  std::string text;
};

// One entry of didChange: a range edit, or a whole new text when `range` is
// absent.
struct ContentChange {
  std::optional<Range> range;
  std::string text;
};

enum class DiagnosticSeverity { kError = 1, kWarning = 2, kInformation = 3, kHint = 4 };

struct DiagnosticRelatedInformation {
  Location location;
  std::string message;
};

struct Diagnostic {
  Range range;
  DiagnosticSeverity severity = DiagnosticSeverity::kError;
  std::string code;    // "E0201", or a policy rule id
  std::string source;  // "mast"
  std::string message;
  std::vector<DiagnosticRelatedInformation> related;
  std::string code_description_href;  // rule reference, or ""
  // Not part of LSP's Diagnostic payload: kept by the server for code
  // actions, sent back by the client inside `data`.
  std::optional<std::vector<TextEdit>> fix_edits;
  std::string fix_title;
};

struct PublishDiagnosticsParams {
  std::string uri;
  std::optional<int64_t> version;
  std::vector<Diagnostic> diagnostics;
};

enum class MarkupKind { kPlainText, kMarkdown };

struct Hover {
  std::string markdown;
  std::optional<Range> range;
};

// CompletionItemKind values used by the server.
enum class CompletionItemKind {
  kText = 1, kMethod = 2, kFunction = 3, kField = 5, kVariable = 6, kClass = 7, kInterface = 8, kModule = 9,
  kProperty = 10, kValue = 12, kEnum = 13, kKeyword = 14, kSnippet = 15, kFile = 17, kFolder = 19,
  kEnumMember = 20, kConstant = 21, kStruct = 22, kTypeParameter = 25,
};

struct CompletionItem {
  std::string label;
  CompletionItemKind kind = CompletionItemKind::kText;
  std::string detail;
  std::string documentation;  // markdown
  std::string sort_text;
  std::string filter_text;
  std::optional<TextEdit> text_edit;  // replaces the word being typed
  std::string insert_text;            // when there is no text_edit
  bool snippet = false;               // insert text uses $1 placeholders
  bool deprecated = false;            // shown struck through (CompletionItemTag.Deprecated)
};

struct CompletionList {
  bool is_incomplete = false;
  std::vector<CompletionItem> items;
};

enum class SymbolKind {
  kFile = 1, kModule = 2, kNamespace = 3, kClass = 5, kMethod = 6, kProperty = 7, kField = 8, kFunction = 12,
  kVariable = 13, kConstant = 14, kString = 15, kObject = 19, kKey = 20, kEvent = 24, kTypeParameter = 26,
  kStruct = 23,
};

struct DocumentSymbol {
  std::string name;
  std::string detail;
  SymbolKind kind = SymbolKind::kVariable;
  Range range;
  Range selection_range;
  std::vector<DocumentSymbol> children;
};

struct SymbolInformation {
  std::string name;
  SymbolKind kind = SymbolKind::kVariable;
  Location location;
  std::string container_name;
};

struct WorkspaceEdit {
  // uri -> edits, in uri order.
  std::vector<std::pair<std::string, std::vector<TextEdit>>> changes;
};

struct CodeAction {
  std::string title;
  std::string kind = "quickfix";
  std::vector<Diagnostic> diagnostics;
  WorkspaceEdit edit;
  bool is_preferred = false;
};

struct FormattingOptions {
  uint32_t tab_size = 2;
  bool insert_spaces = true;
};

struct InlayHint {
  Position position;
  std::string label;
  int kind = 1;  // 1 = type, 2 = parameter
  bool padding_left = false;
  bool padding_right = false;
};

struct SemanticTokens {
  std::vector<uint32_t> data;  // LSP's relative encoding
};

struct PrepareRenameResult {
  Range range;
  std::string placeholder;
};

}  // namespace mast::lsp
