// Go to definition: names to their declarations across files (through
// imports), an import's path to the imported file, and a record key to the
// schema field it sets. Kubernetes types have no file: they go to the
// import of their module, and hover explains them.
#include "lsp/analysis/context.h"
#include "lsp/features/features.h"

namespace mast::lsp {

namespace {

Location LocationOf(const ParsedFile& file, uint32_t begin, uint32_t end) {
  return Location{file.uri, ToRange(*file.source, begin, end)};
}

}  // namespace

std::vector<Location> DefinitionAt(const FeatureContext& context, Position position) {
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return {};
  const uint32_t offset = ToOffset(*file->source, position);
  ModelCache cache(*context.workspace, &context.types());
  FileModel& model = cache.Get(file);

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
  if (const Occurrence* occurrence = model.At(offset)) {
    const Symbol& symbol = occurrence->symbol;
    if (symbol.IsDeclared() && symbol.file) return {LocationOf(*symbol.file, symbol.def_begin, symbol.def_end)};
    // A Kubernetes type has no file: its definition is the import that
    // brings its module in (hover describes the type itself).
    if (symbol.kind == Symbol::Kind::kExternalType) {
      auto import = file->imports.find(symbol.module_alias);
      if (import != file->imports.end() && import->second.import) {
        const ast::Import& written = *import->second.import;
        return {LocationOf(*file, written.path_range.begin, written.path_range.end)};
      }
    }
    return {};
  }
  // `app.name`: the schema field read.
  if (const ast::Expr* access = model.FieldAccessAt(offset)) {
    std::optional<FieldInfo> field = model.FieldOfAccess(*access);
    if (field && field->field && field->file) {
      return {LocationOf(*field->file, field->field->name_range.begin, field->field->name_range.end)};
    }
    return {};
  }
  ContextAnalyzer analyzer(file->text(), file, &model, cache.types());
  if (std::optional<KeyAt> key = analyzer.KeyAtOffset(offset)) {
    if (key->field && key->field->field && key->field->file) {
      const ast::SchemaField& field = *key->field->field;
      return {LocationOf(*key->field->file, field.name_range.begin, field.name_range.end)};
    }
  }
  return {};
}

}  // namespace mast::lsp
