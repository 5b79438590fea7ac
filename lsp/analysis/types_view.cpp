// Where the editor's types come from: the compiler resolves them (in the
// module a check loaded for the file), and View turns the compiler's
// TypeRef into what the editor shows (types.h).
#include "compiler/sema/abort.h"
#include "lsp/analysis/types.h"

namespace mast::lsp {

namespace {

constexpr int kMaxViewDepth = 32;  // nesting deeper than this counts as unknown

// The module `checked` loaded from the file at `path`; null when none.
ModuleInfo* LoadedModule(const CheckedDocument& checked, const std::string& path) {
  if (!checked.program) return nullptr;
  for (const auto& module : checked.program->modules) {
    if (checked.PathOf(module->file) == path) return module.get();
  }
  return nullptr;
}

}  // namespace

EditorTypes::EditorTypes(Workspace& workspace, const ExternalTypes* catalog, ChecksFn checks)
    : workspace_(workspace), catalog_(catalog), checks_fn_(std::move(checks)) {}

const ExternalTypes& EditorTypes::catalog() const {
  return catalog_ != nullptr ? *catalog_ : workspace_.catalog();
}

const std::vector<std::shared_ptr<const CheckedDocument>>& EditorTypes::Checks() {
  if (!checks_) {
    checks_.emplace();
    if (checks_fn_) {
      for (std::shared_ptr<const CheckedDocument>& checked : checks_fn_()) {
        if (checked) checks_->push_back(std::move(checked));
      }
    }
  }
  return *checks_;
}

LTypeRef EditorTypes::InChecks(const std::shared_ptr<const ParsedFile>& file, const ResolveFn& resolve,
                               const ResolveFn& recover) {
  if (!file) return Unknown();
  // The checks that loaded the file; when none did (a file of its own, a
  // test's text), a check of it as it is, made once.
  std::vector<std::pair<const CheckedDocument*, ModuleInfo*>> loaded;
  for (const std::shared_ptr<const CheckedDocument>& checked : Checks()) {
    if (ModuleInfo* module = LoadedModule(*checked, file->path)) loaded.emplace_back(checked.get(), module);
  }
  if (loaded.empty()) {
    auto [own, added] = own_checks_.try_emplace(file->path);
    if (added) {
      own->second = CheckDocument(SourceText{file->path, 0, std::make_shared<const std::string>(file->text())}, {},
                                  workspace_.SettingsFor(file->path), &workspace_.parse_cache());
    }
    if (ModuleInfo* module = LoadedModule(*own->second, file->path)) loaded.emplace_back(own->second.get(), module);
  }
  // The compiler's resolution in a check; nullopt where it reports an error
  // (the check reported the program's errors already).
  auto attempt = [&](const ResolveFn& how, const CheckedDocument& checked, ModuleInfo& module) -> std::optional<TypeRef> {
    std::lock_guard<std::mutex> lock(checked.resolve_mutex);
    DiagnosticSink ignored;
    mast::TypeResolver resolver(*checked.program, ignored);
    try {
      return how(resolver, module);
    } catch (const DeclarationAbort&) {
      return std::nullopt;
    }
  };
  for (const ResolveFn* how : {&resolve, &recover}) {
    if (!*how) continue;
    for (const auto& [checked, module] : loaded) {
      if (std::optional<TypeRef> type = attempt(*how, *checked, *module)) return View(checked, file, *type, 0);
    }
  }
  return Unknown();
}

namespace {

// The schema `alias.name` (or `name`) of `module` when the compiler rejects
// it for the types of some of its fields (`image: strng` while it is being
// typed): each field resolved by the compiler, those it rejects `any`, so
// that the editor keeps completing and describing the others. Throws
// DeclarationAbort for anything else.
TypeRef SchemaDespiteFields(mast::TypeResolver& resolver, ModuleInfo& module, std::string_view alias,
                            std::string_view name) {
  ModuleInfo* home = &module;
  if (!alias.empty()) {
    auto import = module.imports.find(alias);
    if (import == module.imports.end() || import->second.IsExternal()) throw DeclarationAbort{};
    home = import->second.module;
  }
  auto found = home->decls.find(name);
  if (found == home->decls.end()) throw DeclarationAbort{};
  const ast::Decl& decl = *found->second;
  if (decl.kind != ast::Decl::Kind::kSchema || decl.has_syntax_error) throw DeclarationAbort{};
  auto schema = std::make_shared<SchemaInfo>();
  schema->name = decl.name;
  schema->name_range = decl.name_range;
  schema->doc = decl.doc;
  schema->decl = &decl;
  schema->file = home->file;
  for (const ast::SchemaField& field : decl.fields) {
    TypeRef type = AnyType();
    try {
      if (field.type) type = resolver.ResolveType(*field.type, *home);
    } catch (const DeclarationAbort&) {
    }
    schema->fields.push_back({field.name, field.name_range, type, field.optional, field.default_value.get(), field.doc});
  }
  Type out;
  out.kind = Type::Kind::kSchema;
  out.schema = std::move(schema);
  out.declared_at = decl.name_range;
  return MakeType(std::move(out));
}

}  // namespace

LTypeRef EditorTypes::Resolve(const ast::TypeExpr& type, const std::shared_ptr<const ParsedFile>& file) {
  return InChecks(
      file, [&](mast::TypeResolver& resolver, ModuleInfo& module) { return resolver.ResolveType(type, module); },
      [&](mast::TypeResolver& resolver, ModuleInfo& module) {
        if (type.kind != ast::TypeExpr::Kind::kNamed || !type.refinements.empty()) throw DeclarationAbort{};
        return SchemaDespiteFields(resolver, module, type.module, type.name);
      });
}

LTypeRef EditorTypes::ResolveText(const std::string& type, const std::shared_ptr<const ParsedFile>& file) {
  if (type.empty()) return Unknown();
  std::shared_ptr<const ParsedFile> snippet = ParseFile("<type>", "let t: " + type + " = 0\n");
  auto decl = snippet->decls.find("t");
  if (!snippet->parse_diagnostics.empty() || decl == snippet->decls.end() || !decl->second->type) {
    return Unknown();
  }
  // The compiler's types keep no pointer into the snippet's tree.
  return Resolve(*decl->second->type, file);
}

LTypeRef EditorTypes::Named(const std::shared_ptr<const ParsedFile>& file, std::string_view module_alias,
                            std::string_view name) {
  return InChecks(
      file,
      [&](mast::TypeResolver& resolver, ModuleInfo& module) {
        return resolver.TypeOfName(module, module_alias, name, SourceRange{});
      },
      [&](mast::TypeResolver& resolver, ModuleInfo& module) {
        return SchemaDespiteFields(resolver, module, module_alias, name);
      });
}

LTypeRef EditorTypes::Of(const CheckedDocument& checked, const std::shared_ptr<const ParsedFile>& from,
                         const TypeRef& type) {
  if (!type || type->kind == Type::Kind::kAny) return nullptr;
  LTypeRef view = View(&checked, from, type, 0);
  return view->kind == LType::Kind::kUnknown ? nullptr : view;
}

LTypeRef EditorTypes::Unknown() { return std::make_shared<LType>(); }

LTypeRef EditorTypes::External(ExternalTypeId id, std::string module_alias) {
  Type compiled;
  compiled.kind = Type::Kind::kExternal;
  compiled.external = id;
  compiled.catalog = &catalog();
  auto type = std::make_shared<LType>(*View(nullptr, nullptr, MakeType(std::move(compiled)), 0));
  type->module_alias = std::move(module_alias);
  return type;
}

LTypeRef EditorTypes::Of(const TypeRef& type) { return View(nullptr, nullptr, type, 0); }

const ast::Decl* EditorTypes::DeclIn(const CheckedDocument& checked, FileId file, const std::string& name) {
  if (!checked.program) return nullptr;
  ModuleInfo* module = ModuleOf(*checked.program, file);
  if (!module) return nullptr;
  auto decl = module->decls.find(name);
  return decl == module->decls.end() ? nullptr : decl->second;
}

// An alias (`type Port = int(1..65535)`): the aliased type, with the name
// and the `type` declaration (for the alias note).
LTypeRef EditorTypes::AliasView(const CheckedDocument& checked, const std::shared_ptr<const ParsedFile>& from,
                                const TypeRef& type, int depth) {
  Type unnamed = *type;
  unnamed.name.clear();
  LTypeRef target = View(&checked, from, MakeType(std::move(unnamed)), depth);
  auto alias = std::make_shared<LType>(*target);
  alias->type = type;
  alias->checked = &checked;
  alias->alias = type->name;
  if (alias->kind == LType::Kind::kSchema) return alias;  // keeps the schema's declaration
  const ast::Decl* decl = DeclIn(checked, type->declared_at.file, type->name);
  alias->decl = decl && decl->kind == ast::Decl::Kind::kType ? decl : nullptr;
  alias->source = &checked.sources.Get(type->declared_at.file);
  return alias;
}

// A schema with its declaration in the checked program; a record type
// (`{ path: string }`) is printed as the compiler writes it.
LTypeRef EditorTypes::SchemaView(const CheckedDocument& checked, const TypeRef& type) {
  if (!type->schema) return nullptr;
  auto out = std::make_shared<LType>();
  out->kind = LType::Kind::kSchema;
  out->type = type;
  out->checked = &checked;
  if (!type->schema->decl) {
    out->written = type->schema->name;
    return out;
  }
  out->decl = type->schema->decl;
  if (checked.sources.Has(type->schema->file)) out->source = &checked.sources.Get(type->schema->file);
  return out;
}

LTypeRef EditorTypes::View(const CheckedDocument* checked, const std::shared_ptr<const ParsedFile>& from,
                           const TypeRef& type, int depth) {
  if (!type || depth > kMaxViewDepth) return Unknown();
  if (checked && !type->name.empty() && type->kind != Type::Kind::kExternal && type->declared_at.IsValid() &&
      checked->sources.Has(type->declared_at.file)) {
    return AliasView(*checked, from, type, depth);
  }
  using K = Type::Kind;
  auto out = std::make_shared<LType>();
  out->type = type;
  out->checked = checked;
  auto part = [&](const TypeRef& inner) {
    LTypeRef view = View(checked, from, inner, depth + 1);
    return view->kind == LType::Kind::kUnknown ? View(nullptr, nullptr, AnyType(), depth) : view;  // `{string: any}`
  };
  switch (type->kind) {
    case K::kAny: out->kind = LType::Kind::kAny; break;
    case K::kNull: out->kind = LType::Kind::kNull; break;
    case K::kBool: out->kind = LType::Kind::kBool; break;
    case K::kInt:
    case K::kFloat:
    case K::kString:
      out->kind = type->kind == K::kInt ? LType::Kind::kInt : type->kind == K::kFloat ? LType::Kind::kFloat
                                                                                      : LType::Kind::kString;
      // A refinement prints as the compiler writes it (`int(1..50)`).
      if (type->range || type->text) out->written = TypeToString(*type);
      break;
    case K::kLiteral:
      out->kind = LType::Kind::kLiteral;
      out->literal = TypeToString(*type);
      break;
    case K::kUnion:
      out->kind = LType::Kind::kUnion;
      for (const TypeRef& member : type->members) out->members.push_back(part(member));
      break;
    case K::kList:
    case K::kMap:
      out->kind = type->kind == K::kList ? LType::Kind::kList : LType::Kind::kMap;
      out->element = part(type->element);
      break;
    case K::kSchema: {
      LTypeRef schema = checked ? SchemaView(*checked, type) : nullptr;
      return schema ? schema : Unknown();
    }
    case K::kExternal:
      out->kind = LType::Kind::kExternal;
      out->external = type->external;
      if (from) out->module_alias = ModuleAliasOf(catalog(), *from, type->external);
      break;
  }
  return out;
}

}  // namespace mast::lsp
