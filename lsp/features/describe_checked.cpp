// The description of a name the checker recorded (analysis/checked.h), for
// hover and completion: what the semantic index says it refers to and its
// type, printed the editor's way (analysis/types.h).
#include "lsp/analysis/types.h"
#include "lsp/features/describe.h"

namespace mast::lsp {

namespace {

// The top-level declaration of `file` whose name is at `name`.
const ast::Decl* DeclNamedAt(const ParsedFile& file, SourceRange name) {
  for (const ast::Decl& decl : file.module.decls) {
    if (decl.name_range.begin == name.begin && decl.name_range.end == name.end) return &decl;
  }
  return nullptr;
}

// The declaration (a fn or a schema) that has a parameter or field named at
// `name`, with that parameter's or field's index.
std::pair<const ast::Decl*, size_t> OwnerOf(const ParsedFile& file, SourceRange name) {
  auto at = [&](SourceRange range) { return range.begin == name.begin && range.end == name.end; };
  for (const ast::Decl& decl : file.module.decls) {
    for (size_t i = 0; i < decl.params.size(); ++i) {
      if (at(decl.params[i].name_range)) return {&decl, i};
    }
    for (size_t i = 0; i < decl.fields.size(); ++i) {
      if (at(decl.fields[i].name_range)) return {&decl, i};
    }
  }
  return {nullptr, 0};
}

}  // namespace

std::string DescribeEntry(EditorTypes& types, const CheckedDocument& checked,
                          const std::shared_ptr<const ParsedFile>& file, const SemanticEntry& entry) {
  using SK = mast::SymbolKind;
  const SemanticSymbol& symbol = entry.symbol;
  std::shared_ptr<const ParsedFile> home;  // the file that declares the symbol
  if (symbol.definition.IsValid() && checked.sources.Has(symbol.definition.file)) {
    home = types.workspace().Parse(checked.PathOf(symbol.definition.file));
  }
  LTypeRef type = types.Of(checked, file, entry.type);
  switch (symbol.kind) {
    case SK::kDeclaration: {
      const ast::Decl* decl = home ? DeclNamedAt(*home, symbol.definition) : nullptr;
      if (!decl) return "";
      const bool valued = decl->kind == ast::Decl::Kind::kParam || decl->kind == ast::Decl::Kind::kLet;
      return DescribeDeclaration(types, home, *decl, valued ? type : nullptr);
    }
    case SK::kImport: {
      if (!home) return "";
      auto import = home->imports.find(symbol.name);
      if (import == home->imports.end() || !import->second.import) return "";
      return DescribeImport(types, *home, *import->second.import);
    }
    case SK::kParameter:
    case SK::kLocal:
    case SK::kLoopVariable: {
      std::string what = symbol.kind == SK::kParameter ? "parameter"
                         : symbol.kind == SK::kLocal   ? "local"
                                                       : "loop variable";
      if (symbol.kind == SK::kParameter && home) {
        if (const ast::Decl* fn = OwnerOf(*home, symbol.definition).first) what += " of `" + fn->name + "`";
      }
      return DescribeLocal(types, symbol.name, type, what);
    }
    case SK::kPolicyParameter: return DescribePolicyParameter(symbol.name);
    case SK::kSchemaField: {
      auto [schema, index] = home ? OwnerOf(*home, symbol.definition) : std::pair<const ast::Decl*, size_t>{};
      if (!schema || schema->kind != ast::Decl::Kind::kSchema) return "";
      // As the schema's type has it (with "required"), else as declared.
      LTypeRef record = types.Named(home, "", schema->name);
      if (std::optional<FieldInfo> field = types.Field(record, symbol.name)) return DescribeField(types, *field, record);
      return DescribeSchemaField(types, home, *schema, schema->fields[index]);
    }
    case SK::kBuiltin: return DescribeBuiltin(symbol.name);
    case SK::kExternalType:
      return DescribeType(types, types.External(symbol.external, ModuleAliasOf(types.catalog(), *file, symbol.external)));
    case SK::kExternalField: {
      LTypeRef record = types.External(symbol.external, ModuleAliasOf(types.catalog(), *file, symbol.external));
      std::optional<FieldInfo> field = types.Field(record, symbol.name);
      return field ? DescribeField(types, *field, record) : "";
    }
  }
  return "";
}


}  // namespace mast::lsp
