// Go to definition: names to their declarations across files (through
// imports), an import's path to the imported file, and a record key or a
// field access to the schema field it names. What each name refers to comes
// from the compiler's semantic index (analysis/checked.h). Kubernetes types
// have no file: they go to the import of their module, and hover explains
// them. Record keys in text the parser gave up on are found from tokens.
#include "lsp/analysis/checked.h"
#include "lsp/analysis/context.h"
#include "lsp/features/features.h"

namespace mast::lsp {

namespace {

Location LocationOf(const ParsedFile& file, uint32_t begin, uint32_t end) {
  return Location{file.uri, ToRange(*file.source, begin, end)};
}

Location LocationIn(const CheckedDocument& checked, SourceRange range) {
  const SourceFile& source = checked.sources.Get(range.file);
  return Location{PathToUri(checked.PathOf(range.file)), ToRange(source, range.begin, range.end)};
}

// The import that brings a Kubernetes or CRD type's module in.
std::optional<Location> ImportOfExternal(const FeatureContext& context, const ParsedFile& file,
                                         const SemanticSymbol& symbol) {
  for (const auto& [alias, import] : file.imports) {
    if (import.external.empty() || !import.import) continue;
    if (context.types().FindMember(import.external, symbol.name) == symbol.external) {
      return LocationOf(file, import.import->path_range.begin, import.import->path_range.end);
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<Location> DefinitionAt(const FeatureContext& context, Position position) {
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return {};
  const uint32_t offset = ToOffset(*file->source, position);

  // An import path: the file it names.
  for (const ast::Import& import : file->module.imports) {
    if (import.path_range.begin <= offset && offset <= import.path_range.end) {
      auto info = file->imports.find(import.alias);
      if (info == file->imports.end() || info->second.target_path.empty()) return {};
      if (std::shared_ptr<const ParsedFile> target = context.workspace->Parse(info->second.target_path)) {
        return {LocationOf(*target, 0, 0)};
      }
      return {};
    }
  }
  std::shared_ptr<const CheckedDocument> checked = context.Checked();
  if (const SemanticEntry* entry = checked ? checked->At(file->path, offset) : nullptr) {
    const SemanticSymbol& symbol = entry->symbol;
    if (symbol.definition.IsValid() && checked->sources.Has(symbol.definition.file)) {
      return {LocationIn(*checked, symbol.definition)};
    }
    // A Kubernetes type has no file: its definition is the import that
    // brings its module in (hover describes the type itself).
    if (symbol.kind == mast::SymbolKind::kExternalType) {
      if (std::optional<Location> import = ImportOfExternal(context, *file, symbol)) return {*import};
    }
    return {};
  }
  // While the text does not parse: what the last check that parsed knew of
  // the name, declared outside what was typed since.
  if (std::optional<EarlierCheck> earlier = context.Earlier()) {
    std::optional<SemanticEntry> entry = earlier->At(offset);
    const SourceRange definition = entry ? entry->symbol.definition : SourceRange{};
    if (definition.IsValid() && earlier->checked->sources.Has(definition.file)) {
      // Ranges in this document are in its current text (EarlierCheck::ToNew).
      if (earlier->checked->PathOf(definition.file) == file->path) {
        return {LocationOf(*file, definition.begin, definition.end)};
      }
      return {LocationIn(*earlier->checked, definition)};
    }
  }
  // A key of a record the parser gave up on: the field it names, from tokens.
  EditorTypes types = TypesFor(context);
  ContextAnalyzer analyzer(file->text(), file, types);
  if (std::optional<KeyAt> key = analyzer.KeyAtOffset(offset)) {
    if (key->field && key->field->field && key->field->file) {
      const ast::SchemaField& field = *key->field->field;
      return {LocationOf(*key->field->file, field.name_range.begin, field.name_range.end)};
    }
  }
  return {};
}

}  // namespace mast::lsp
