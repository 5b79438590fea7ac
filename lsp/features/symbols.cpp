// Document symbols (declarations, with schema fields as children; for YAML,
// one per document with its top-level keys) and workspace symbols (every top-level
// declaration of every .mast file, matched by a fuzzy subsequence).
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "compiler/yaml/yaml_reader.h"
#include "lsp/features/describe.h"
#include "lsp/features/features.h"

namespace mast::lsp {

namespace {

SymbolKind KindOf(const ast::Decl& decl) {
  switch (decl.kind) {
    case ast::Decl::Kind::kType: return SymbolKind::kTypeParameter;
    case ast::Decl::Kind::kSchema: return SymbolKind::kStruct;
    case ast::Decl::Kind::kParam: return SymbolKind::kConstant;
    case ast::Decl::Kind::kFn: return SymbolKind::kFunction;
    case ast::Decl::Kind::kLet: return SymbolKind::kVariable;
    case ast::Decl::Kind::kEmit: return SymbolKind::kEvent;
    case ast::Decl::Kind::kPolicy: return SymbolKind::kObject;
    case ast::Decl::Kind::kTest: return SymbolKind::kMethod;
  }
  return SymbolKind::kVariable;
}

std::string Slice(const ParsedFile& file, SourceRange range, size_t max = 60) {
  const std::string& text = file.text();
  if (range.end > text.size() || range.end <= range.begin) return "";
  std::string out = text.substr(range.begin, std::min<size_t>(range.end - range.begin, max));
  std::replace(out.begin(), out.end(), '\n', ' ');
  if (range.end - range.begin > max) out += "…";
  return out;
}

std::string NameOf(const ParsedFile& file, const ast::Decl& decl) {
  if (decl.kind == ast::Decl::Kind::kEmit) return "emit " + (decl.value ? Slice(file, decl.value->range, 40) : "");
  if (decl.kind == ast::Decl::Kind::kPolicy) return "policy \"" + decl.name + "\"";
  if (decl.kind == ast::Decl::Kind::kTest) return "test \"" + decl.name + "\"";
  return decl.name;
}

std::string DetailOf(const ParsedFile& file, const ast::Decl& decl) {
  if (decl.kind == ast::Decl::Kind::kFn) return FunctionSignature(file, decl);
  if (decl.type) return TypeExprText(*decl.type, file);
  return "";
}

// Fuzzy match: the query's characters appear in order (case-insensitive).
bool Matches(std::string_view name, std::string_view query) {
  size_t at = 0;
  for (char c : name) {
    if (at < query.size() && std::tolower(static_cast<unsigned char>(c)) == std::tolower(static_cast<unsigned char>(query[at]))) {
      ++at;
    }
  }
  return at == query.size();
}

}  // namespace

namespace {

// YAML: one symbol per document ("Deployment web"), its top-level keys as
// children.
std::vector<DocumentSymbol> YamlSymbols(const FeatureContext& context) {
  std::vector<DocumentSymbol> out;
  const std::string& text = *context.document.text;
  if (LooksLikeTemplate(text)) return out;
  SourceFile source(context.document.path, text);
  DiagnosticSink ignored;
  for (const YamlDocument& document : ReadYamlStream(0, text, ignored)) {
    if (document.empty || !document.value.IsMap()) continue;
    const Value& value = document.value;
    auto text_of = [](const Value* v) { return v && v->IsString() ? v->AsString() : std::string(); };
    std::string name = text_of(value.Find("kind"));
    std::string object_name;
    if (const Value* metadata = value.Find("metadata")) object_name = text_of(metadata->Find("name"));
    DocumentSymbol symbol;
    symbol.name = name.empty() ? "document" : name + (object_name.empty() ? "" : " " + object_name);
    symbol.detail = text_of(value.Find("apiVersion"));
    symbol.kind = SymbolKind::kObject;
    SourceRange range = value.origin();
    symbol.range = ToRange(source, range.begin, range.end);
    symbol.selection_range = ToRange(source, range.begin, range.begin);
    for (const MapEntry& entry : value.AsMap()) {
      DocumentSymbol child;
      child.name = entry.key;
      child.kind = SymbolKind::kKey;
      SourceRange key = entry.key_range;
      SourceRange all = SourceRange::Join(key, entry.value.origin());
      child.range = ToRange(source, all.begin, all.end);
      child.selection_range = ToRange(source, key.begin, key.end);
      symbol.children.push_back(std::move(child));
    }
    out.push_back(std::move(symbol));
  }
  return out;
}

}  // namespace

std::vector<DocumentSymbol> DocumentSymbols(const FeatureContext& context) {
  if (context.IsYaml()) return YamlSymbols(context);
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return {};
  const SourceFile& source = *file->source;
  std::vector<DocumentSymbol> out;
  for (const ast::Import& import : file->module.imports) {
    DocumentSymbol symbol;
    symbol.name = import.alias;
    symbol.detail = "\"" + import.path + "\"";
    symbol.kind = SymbolKind::kModule;
    symbol.range = ToRange(source, import.range.begin, import.range.end);
    symbol.selection_range = ToRange(source, import.alias_range.begin, import.alias_range.end);
    out.push_back(std::move(symbol));
  }
  for (const ast::Decl& decl : file->module.decls) {
    DocumentSymbol symbol;
    symbol.name = NameOf(*file, decl);
    symbol.detail = DetailOf(*file, decl);
    symbol.kind = KindOf(decl);
    symbol.range = ToRange(source, decl.range.begin, decl.range.end);
    SourceRange selection = decl.name_range.IsValid() && decl.name_range.end > decl.name_range.begin
                                ? decl.name_range
                                : SourceRange{0, decl.range.begin, decl.range.begin};
    if (selection.begin < decl.range.begin || selection.end > decl.range.end) {
      selection = SourceRange{0, decl.range.begin, decl.range.begin};
    }
    symbol.selection_range = ToRange(source, selection.begin, selection.end);
    for (const ast::SchemaField& field : decl.fields) {
      DocumentSymbol child;
      child.name = field.name;
      child.detail = field.type ? TypeExprText(*field.type, *file) : "";
      child.kind = SymbolKind::kField;
      child.range = ToRange(source, field.range.begin, field.range.end);
      child.selection_range = ToRange(source, field.name_range.begin, field.name_range.end);
      symbol.children.push_back(std::move(child));
    }
    if (symbol.name.empty()) continue;
    out.push_back(std::move(symbol));
  }
  return out;
}

std::vector<SymbolInformation> WorkspaceSymbols(Workspace& workspace, const std::string& query) {
  constexpr size_t kMaxSymbols = 1000;
  std::vector<SymbolInformation> out;
  for (const std::string& path : workspace.MastFiles()) {
    std::shared_ptr<const ParsedFile> file = workspace.Parse(path);
    if (!file) continue;
    std::string container = std::filesystem::path(path).filename().string();
    for (const ast::Decl& decl : file->module.decls) {
      if (decl.name.empty() || decl.kind == ast::Decl::Kind::kEmit) continue;
      if (!Matches(decl.name, query)) continue;
      SymbolInformation symbol;
      symbol.name = NameOf(*file, decl);
      symbol.kind = KindOf(decl);
      symbol.location = Location{file->uri, ToRange(*file->source, decl.name_range.begin, decl.name_range.end)};
      symbol.container_name = container;
      out.push_back(std::move(symbol));
      if (out.size() >= kMaxSymbols) return out;
    }
  }
  return out;
}

}  // namespace mast::lsp
