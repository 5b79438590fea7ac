// The static checker's side table (sema/semantic_index.h): what each name
// it checks refers to, where that is declared, and its type. Checking calls
// these as it walks; without an index they do nothing.
#include "compiler/check/checker.h"
#include "compiler/sema/builtins.h"

namespace mast::checker {

namespace {

bool IsBuiltinTypeName(std::string_view name) {
  return name == "int" || name == "float" || name == "number" || name == "string" || name == "bool" ||
         name == "any" || name == "null";
}

// Whether error recovery left out a part that checking dereferences.
bool MissingParts(const ast::Expr* expr);

bool MissingInClause(const ast::Comprehension& clause) {
  if (!clause.iterable || MissingParts(clause.iterable.get())) return true;
  if (clause.filter && MissingParts(clause.filter.get())) return true;
  for (const ast::Comprehension& nested : clause.nested) {
    if (MissingInClause(nested)) return true;
  }
  return false;
}

bool MissingInEntries(const std::vector<ast::RecordEntry>& entries) {
  for (const ast::RecordEntry& entry : entries) {
    switch (entry.kind) {
      case ast::RecordEntry::Kind::kField:
        if (MissingParts(entry.key_expr.get()) || MissingParts(entry.value.get())) return true;
        break;
      case ast::RecordEntry::Kind::kIf:
        if (!entry.condition || MissingParts(entry.condition.get())) return true;
        if (MissingInEntries(entry.then_entries) || MissingInEntries(entry.else_entries)) return true;
        break;
      case ast::RecordEntry::Kind::kFor:
        if (!entry.comprehension || !entry.key_expr || MissingInClause(*entry.comprehension)) return true;
        if (MissingParts(entry.key_expr.get()) || MissingParts(entry.value.get())) return true;
        break;
    }
  }
  return false;
}

bool MissingParts(const ast::Expr* expr) {
  if (!expr) return false;
  using K = ast::ExprKind;
  switch (expr->kind) {
    case K::kField:
    case K::kOptionalField:
    case K::kCall:
    case K::kUnary:
      if (!expr->left) return true;
      break;
    case K::kIndex:
    case K::kBinary:
      if (!expr->left || !expr->right) return true;
      break;
    case K::kIf:
      if (!expr->left || !expr->right || !expr->third) return true;
      break;
    case K::kLet:
      if (!expr->right || !expr->third) return true;
      break;
    default: break;
  }
  for (const ast::Expr* child : {expr->left.get(), expr->right.get(), expr->third.get()}) {
    if (MissingParts(child)) return true;
  }
  for (const auto& arg : expr->args) {
    if (!arg || MissingParts(arg.get())) return true;
  }
  for (const ast::StringPart& part : expr->parts) {
    if (MissingParts(part.expr.get())) return true;
  }
  for (const ast::ListItem& item : expr->items) {
    if (MissingParts(item.value.get())) return true;
    if (item.comprehension && MissingInClause(*item.comprehension)) return true;
  }
  return MissingInEntries(expr->entries);
}

bool MissingInDecl(const ast::Decl& decl) {
  if (MissingParts(decl.value.get())) return true;
  for (const ast::SchemaField& field : decl.fields) {
    if (MissingParts(field.default_value.get())) return true;
  }
  for (const ast::SchemaCheck& check : decl.checks) {
    if (!check.condition || MissingParts(check.condition.get())) return true;
  }
  for (const ast::PolicyField& field : decl.policy_fields) {
    if (!field.value || MissingParts(field.value.get())) return true;
  }
  for (const ast::TestStep& step : decl.steps) {
    if (MissingParts(step.value.get())) return true;
  }
  return false;
}

}  // namespace

void StaticChecker::Record(SourceRange range, SemanticSymbol symbol, TypeRef type, bool definition) {
  if (!Indexing()) return;
  index_->Add(SemanticEntry{range, std::move(symbol), std::move(type), definition});
}

void StaticChecker::RecordVar(SourceRange range, const Var& var, bool definition) {
  if (Indexing()) Record(range, VarSymbol(var), var.type, definition);
}

void StaticChecker::RecordScope(const Var& var, SourceRange visible) {
  if (!Indexing()) return;
  index_->AddScope(SemanticScope{visible, SemanticEntry{var.definition, VarSymbol(var), var.type, true}});
}

SemanticSymbol StaticChecker::DeclSymbol(const ast::Decl& decl) const {
  SemanticSymbol symbol;
  symbol.kind = SymbolKind::kDeclaration;
  symbol.name = decl.name;
  symbol.definition = decl.name_range;
  switch (decl.kind) {
    case ast::Decl::Kind::kFn: symbol.declares = SemanticSymbol::Declares::kFunction; break;
    case ast::Decl::Kind::kType: symbol.declares = SemanticSymbol::Declares::kType; break;
    case ast::Decl::Kind::kSchema: symbol.declares = SemanticSymbol::Declares::kSchema; break;
    default: break;
  }
  return symbol;
}

SemanticSymbol StaticChecker::VarSymbol(const Var& var) {
  SemanticSymbol symbol;
  symbol.kind = var.kind;
  symbol.name = std::string(var.name);
  symbol.definition = var.definition;
  return symbol;
}

SemanticSymbol StaticChecker::ImportSymbol(const ImportTarget& target, std::string_view alias) const {
  SemanticSymbol symbol;
  symbol.kind = SymbolKind::kImport;
  symbol.name = std::string(alias);
  symbol.definition = target.alias_range;
  return symbol;
}

TypeRef StaticChecker::TypeOfDecl(ModuleInfo& module, const ast::Decl& decl) {
  try {
    switch (decl.kind) {
      case ast::Decl::Kind::kType:
      case ast::Decl::Kind::kSchema: return index_types_.TypeOfName(module, "", decl.name, decl.name_range);
      case ast::Decl::Kind::kFn: return decl.type ? index_types_.ResolveType(*decl.type, module) : AnyType();
      default: return GlobalType(module, decl);
    }
  } catch (const DeclarationAbort&) {
    return AnyType();
  }
}

void StaticChecker::IndexImports(const ModuleInfo& module) {
  if (!Indexing()) return;
  for (const ast::Import& import : module.ast.imports) {
    auto target = module.imports.find(import.alias);
    if (import.alias.empty() || target == module.imports.end()) continue;
    bool declaring = target->second.alias_range.begin == import.alias_range.begin;
    Record(import.alias_range, ImportSymbol(target->second, import.alias), nullptr, declaring);
  }
}

void StaticChecker::IndexDeclName(const ast::Decl& decl) {
  using K = ast::Decl::Kind;
  if (!Indexing() || decl.name.empty() || decl.kind == K::kEmit || decl.kind == K::kPolicy || decl.kind == K::kTest) {
    return;
  }
  auto first = module_->decls.find(decl.name);
  if (first == module_->decls.end()) return;
  // A duplicate declaration refers to the first one (E0204 says so).
  const ast::Decl& declared = *first->second;
  Record(decl.name_range, DeclSymbol(declared), TypeOfDecl(*module_, declared), &declared == &decl);
}

void StaticChecker::IndexTypeName(SourceRange range, const std::string& module_alias, const std::string& name,
                                  const TypeRef& type) {
  if (!Indexing() || name.empty()) return;
  SourceRange name_range = LastNameRange(range, name);
  if (module_alias.empty()) {
    auto decl = module_->decls.find(name);
    if (decl != module_->decls.end()) Record(name_range, DeclSymbol(*decl->second), type);
    return;
  }
  auto import = module_->imports.find(module_alias);
  if (import == module_->imports.end()) return;
  SourceRange alias_range{range.file, range.begin, range.begin + static_cast<uint32_t>(module_alias.size())};
  Record(alias_range, ImportSymbol(import->second, module_alias), nullptr);
  const ImportTarget& target = import->second;
  if (!target.IsExternal()) {
    auto decl = target.module->decls.find(name);
    if (decl != target.module->decls.end()) Record(name_range, DeclSymbol(*decl->second), type);
    return;
  }
  if (!program_.external) return;
  if (std::optional<ExternalTypeId> id = program_.external->FindMember(target.external_path, name)) {
    SemanticSymbol symbol;
    symbol.kind = SymbolKind::kExternalType;
    symbol.name = name;
    symbol.external = *id;
    Record(name_range, std::move(symbol), type ? type : External(*id));
  }
}

void StaticChecker::IndexType(const ast::TypeExpr& type, TypeResolver& resolver) {
  if (!Indexing()) return;
  if (type.kind == ast::TypeExpr::Kind::kNamed && !(type.module.empty() && IsBuiltinTypeName(type.name))) {
    TypeRef resolved;
    try {
      resolved = resolver.ResolveType(type, *module_);
    } catch (const DeclarationAbort&) {
    }
    SourceRange range = type.range;
    // `Port(1..10)`: the name is at the start.
    if (!type.refinements.empty()) {
      uint32_t written = static_cast<uint32_t>(type.name.size() + (type.module.empty() ? 0 : type.module.size() + 1));
      range.end = range.begin + written;
    }
    IndexTypeName(range, type.module, type.name, resolved);
  }
  for (const auto& child : type.children) {
    if (child) IndexType(*child, resolver);
  }
  for (const ast::RecordTypeField& field : type.fields) {
    if (field.type) IndexType(*field.type, resolver);
  }
}

void StaticChecker::IndexMember(const ast::Expr& expr, const ImportTarget& target, const TypeRef& type) {
  if (!Indexing()) return;
  const ast::Expr& alias = *expr.left;
  Record(alias.name_range.IsValid() ? alias.name_range : alias.range, ImportSymbol(target, alias.name), nullptr);
  if (!target.IsExternal()) {
    auto decl = target.module->decls.find(expr.name);
    if (decl != target.module->decls.end()) Record(expr.name_range, DeclSymbol(*decl->second), type);
    return;
  }
  if (!program_.external) return;
  if (std::optional<ExternalTypeId> id = program_.external->FindMember(target.external_path, expr.name)) {
    SemanticSymbol symbol;
    symbol.kind = SymbolKind::kExternalType;
    symbol.name = expr.name;
    symbol.external = *id;
    Record(expr.name_range, std::move(symbol), External(*id));
  }
}

void StaticChecker::IndexSchemaField(SourceRange range, const SchemaFieldInfo& field) {
  if (!Indexing()) return;
  SemanticSymbol symbol;
  symbol.kind = SymbolKind::kSchemaField;
  symbol.name = field.name;
  symbol.definition = field.name_range;
  Record(range, std::move(symbol), field.type);
}

void StaticChecker::IndexExternalField(SourceRange range, ExternalTypeId owner, const std::string& name,
                                       ExternalTypeId type) {
  if (!Indexing()) return;
  SemanticSymbol symbol;
  symbol.kind = SymbolKind::kExternalField;
  symbol.name = name;
  symbol.external = owner;
  Record(range, std::move(symbol), External(type));
}

void StaticChecker::IndexCallee(const ast::Expr& callee, const Env* env, ModuleInfo* target) {
  if (!Indexing()) return;
  if (callee.kind == ast::ExprKind::kName) {
    SourceRange written = callee.name_range.IsValid() ? callee.name_range : callee.range;
    if (const Var* local = env ? env->FindVar(callee.name) : nullptr) {
      Record(written, VarSymbol(*local), local->type);
    } else if (target) {
      const ast::Decl& decl = *target->decls.find(callee.name)->second;
      Record(written, DeclSymbol(decl), TypeOfDecl(*target, decl));
    } else if (IsBuiltin(callee.name)) {
      SemanticSymbol builtin;
      builtin.kind = SymbolKind::kBuiltin;
      builtin.name = callee.name;
      Record(written, std::move(builtin), nullptr);
    }
    return;
  }
  if (target && callee.kind == ast::ExprKind::kField) {
    auto import = module_->imports.find(callee.left->name);
    auto decl = target->decls.find(callee.name);
    TypeRef type = decl == target->decls.end() ? nullptr : TypeOfDecl(*target, *decl->second);
    if (import != module_->imports.end()) IndexMember(callee, import->second, type);
  }
}

bool StaticChecker::Inferable(const ast::Decl& decl) const {
  return !decl.has_syntax_error || (broken_decls_ && !MissingInDecl(decl));
}

void StaticChecker::IndexBrokenDecls(ModuleInfo& module) {
  module_ = &module;
  broken_decls_ = true;
  for (const ast::Decl& decl : module.ast.decls) {
    if (!decl.has_syntax_error || MissingInDecl(decl)) continue;
    IndexDeclName(decl);
    CheckDecl(decl);
  }
}

}  // namespace mast::checker
