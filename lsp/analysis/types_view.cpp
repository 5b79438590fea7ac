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

LTypeRef EditorTypes::InChecks(const std::shared_ptr<const ParsedFile>& file,
                               const std::function<TypeRef(mast::TypeResolver&, ModuleInfo&)>& resolve) {
  if (!file) return Unknown();
  // The compiler's resolution in `checked`; nullopt where it reports an
  // error (the check reported the program's errors already).
  auto attempt = [&](const CheckedDocument& checked, ModuleInfo& module) -> std::optional<TypeRef> {
    std::lock_guard<std::mutex> lock(checked.resolve_mutex);
    DiagnosticSink ignored;
    mast::TypeResolver resolver(*checked.program, ignored);
    try {
      return resolve(resolver, module);
    } catch (const DeclarationAbort&) {
      return std::nullopt;
    }
  };
  bool loaded = false;
  for (const std::shared_ptr<const CheckedDocument>& checked : Checks()) {
    ModuleInfo* module = LoadedModule(*checked, file->path);
    if (!module) continue;
    loaded = true;
    if (std::optional<TypeRef> type = attempt(*checked, *module)) return View(checked.get(), file, *type, 0);
  }
  if (loaded) return Unknown();
  // No given check loaded the file (a file of its own, a test's text):
  // check it as it is, once.
  auto [own, added] = own_checks_.try_emplace(file->path);
  if (added) {
    own->second = CheckDocument(SourceText{file->path, 0, std::make_shared<const std::string>(file->text())}, {},
                                workspace_.SettingsFor(file->path), &workspace_.parse_cache());
  }
  ModuleInfo* module = LoadedModule(*own->second, file->path);
  if (!module) return Unknown();
  std::optional<TypeRef> type = attempt(*own->second, *module);
  return type ? View(own->second.get(), file, *type, 0) : Unknown();
}

LTypeRef EditorTypes::Resolve(const ast::TypeExpr& type, const std::shared_ptr<const ParsedFile>& file) {
  return InChecks(file, [&](mast::TypeResolver& resolver, ModuleInfo& module) {
    return resolver.ResolveType(type, module);
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
  return InChecks(file, [&](mast::TypeResolver& resolver, ModuleInfo& module) {
    return resolver.TypeOfName(module, module_alias, name, SourceRange{});
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
