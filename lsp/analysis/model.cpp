// The binder (see model.h); type inference is in model_infer.cpp.
#include "lsp/analysis/model.h"

#include <algorithm>

#include "compiler/sema/builtins.h"
#include "schemas/kube_catalog.h"

namespace mast::lsp {

namespace {

bool IsBuiltinTypeName(std::string_view name) {
  return name == "int" || name == "float" || name == "number" || name == "string" || name == "bool" || name == "any";
}

bool IsIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool IsBuiltinFunction(std::string_view name) {
  static const std::set<std::string, std::less<>> kNames = [] {
    std::set<std::string, std::less<>> names;
    for (const BuiltinSignature& builtin : AllBuiltins()) names.insert(std::string(builtin.name));
    return names;
  }();
  return kNames.count(name) > 0;
}

std::string Symbol::Key() const {
  if (kind == Kind::kBuiltin) return "builtin:" + name;
  if (kind == Kind::kExternalType) return "k8s:" + std::to_string(external);
  return (file ? file->path : std::string()) + "#" + std::to_string(def_begin);
}

const Symbol* FileModel::Scope::Find(std::string_view name) const {
  for (const Scope* scope = this; scope; scope = scope->parent) {
    for (auto it = scope->names.rbegin(); it != scope->names.rend(); ++it) {
      if (it->first == name) return &it->second;
    }
  }
  return nullptr;
}

FileModel& ModelCache::Get(const std::shared_ptr<const ParsedFile>& file) {
  auto it = models_.find(file.get());
  if (it != models_.end()) return *it->second;
  keep_.push_back(file);
  auto model = std::make_unique<FileModel>(file, *this);
  FileModel& ref = *model;
  models_.emplace(file.get(), std::move(model));
  return ref;
}

FileModel* ModelCache::Get(const std::string& path) {
  std::shared_ptr<const ParsedFile> file = workspace_.Parse(path);
  if (!file) return nullptr;
  return &Get(file);
}

FileModel::FileModel(std::shared_ptr<const ParsedFile> file, ModelCache& cache)
    : file_(std::move(file)), cache_(cache), types_(cache.types()) {
  Bind();
}

void FileModel::Add(uint32_t begin, uint32_t end, Symbol symbol, bool definition) {
  if (end <= begin) return;
  occurrences_.push_back(Occurrence{begin, end, std::move(symbol), definition});
}

Symbol FileModel::Local(Symbol::Kind kind, const std::string& name, SourceRange range) {
  Symbol symbol;
  symbol.kind = kind;
  symbol.name = name;
  symbol.file = file_;
  symbol.def_begin = range.begin;
  symbol.def_end = range.end;
  return symbol;
}

Symbol FileModel::Global(const std::string& name) const {
  Symbol symbol;
  auto decl = file_->decls.find(name);
  if (decl != file_->decls.end()) {
    symbol.kind = Symbol::Kind::kDecl;
    symbol.name = name;
    symbol.file = file_;
    symbol.decl = decl->second;
    symbol.def_begin = decl->second->name_range.begin;
    symbol.def_end = decl->second->name_range.end;
    return symbol;
  }
  auto import = file_->imports.find(name);
  if (import != file_->imports.end()) {
    symbol.kind = Symbol::Kind::kImport;
    symbol.name = name;
    symbol.file = file_;
    symbol.import = import->second.import;
    symbol.def_begin = import->second.import->alias_range.begin;
    symbol.def_end = import->second.import->alias_range.end;
    return symbol;
  }
  if (IsBuiltinFunction(name)) {
    symbol.kind = Symbol::Kind::kBuiltin;
    symbol.name = name;
  }
  return symbol;
}

Symbol FileModel::MemberOf(const ParsedFile::ImportInfo& import, const std::string& name, const std::string& alias) {
  Symbol symbol;
  if (!import.external.empty()) {
    if (std::optional<ExternalTypeId> id = types_.catalog().FindMember(import.external, name)) {
      symbol.kind = Symbol::Kind::kExternalType;
      symbol.name = name;
      symbol.external = *id;
      symbol.module_alias = alias;
    }
    return symbol;
  }
  std::shared_ptr<const ParsedFile> target = cache_.workspace().Parse(import.target_path);
  if (!target) return symbol;
  auto decl = target->decls.find(name);
  if (decl == target->decls.end()) return symbol;
  symbol.kind = Symbol::Kind::kDecl;
  symbol.name = name;
  symbol.file = target;
  symbol.decl = decl->second;
  symbol.def_begin = decl->second->name_range.begin;
  symbol.def_end = decl->second->name_range.end;
  return symbol;
}

void FileModel::Bind() {
  for (const ast::Import& import : file_->module.imports) {
    if (import.alias.empty()) continue;
    Symbol symbol = Global(import.alias);
    if (symbol.kind == Symbol::Kind::kImport && symbol.import == &import) {
      Add(import.alias_range.begin, import.alias_range.end, symbol, true);
    }
  }
  for (const ast::Decl& decl : file_->module.decls) BindDecl(decl);
  std::stable_sort(occurrences_.begin(), occurrences_.end(),
                   [](const Occurrence& a, const Occurrence& b) { return a.begin < b.begin; });
}

void FileModel::BindDecl(const ast::Decl& decl) {
  using K = ast::Decl::Kind;
  if (!decl.name.empty() && decl.kind != K::kEmit && decl.kind != K::kPolicy && decl.kind != K::kTest) {
    Symbol symbol = Global(decl.name);
    // A duplicate declaration binds to the first one (E0204 is reported).
    if (symbol.kind == Symbol::Kind::kDecl) Add(decl.name_range.begin, decl.name_range.end, symbol, symbol.decl == &decl);
  }
  Scope globals;
  switch (decl.kind) {
    case K::kType:
      if (decl.type) BindType(*decl.type);
      break;
    case K::kSchema: {
      Scope fields;
      for (const ast::SchemaField& field : decl.fields) {
        if (field.type) BindType(*field.type);
        if (field.default_value) BindExpr(*field.default_value, nullptr);
        Symbol symbol = Local(Symbol::Kind::kSchemaField, field.name, field.name_range);
        symbol.decl = &decl;
        symbol.field = &field;
        Add(field.name_range.begin, field.name_range.end, symbol, true);
        fields.names.emplace_back(field.name, symbol);
      }
      for (const ast::SchemaCheck& check : decl.checks) {
        if (!check.condition) continue;
        for (const auto& [name, symbol] : fields.names) {
          locals_.push_back({check.condition->range.begin, check.condition->range.end, symbol});
        }
        BindExpr(*check.condition, &fields);
      }
      break;
    }
    case K::kParam:
    case K::kLet:
      if (decl.type) BindType(*decl.type);
      if (decl.value) BindExpr(*decl.value, nullptr);
      break;
    case K::kFn: {
      Scope params;
      for (const ast::Parameter& param : decl.params) {
        if (param.type) BindType(*param.type);
        Symbol symbol = Local(Symbol::Kind::kParameter, param.name, param.name_range);
        symbol.decl = &decl;
        symbol.parameter = &param;
        Add(param.name_range.begin, param.name_range.end, symbol, true);
        params.names.emplace_back(param.name, symbol);
        if (decl.value) locals_.push_back({decl.value->range.begin, decl.value->range.end, symbol});
      }
      if (decl.type) BindType(*decl.type);
      if (decl.value) BindExpr(*decl.value, &params);
      break;
    }
    case K::kEmit:
      if (decl.value) BindExpr(*decl.value, nullptr);
      break;
    case K::kTest: {
      // A `let` step is visible in the steps after it.
      std::vector<Scope> scopes;
      scopes.reserve(decl.steps.size());  // no reallocation: each scope points at the one before
      const Scope* scope = nullptr;
      for (const ast::TestStep& step : decl.steps) {
        if (step.type) BindType(*step.type);
        if (step.value) BindExpr(*step.value, scope);
        if (step.kind != ast::TestStep::Kind::kLet) continue;
        Symbol symbol = Local(Symbol::Kind::kLetIn, step.name, step.name_range);
        Add(step.name_range.begin, step.name_range.end, symbol, true);
        locals_.push_back({step.range.end, decl.range.end, symbol});
        scopes.push_back(Scope{scope, {{step.name, symbol}}});
        scope = &scopes.back();
      }
      break;
    }
    case K::kPolicy: {
      for (const ast::PolicyField& field : decl.policy_fields) {
        if (field.value) BindExpr(*field.value, nullptr);
      }
      Scope params;
      for (const ast::Parameter& param : decl.params) {
        Symbol symbol = Local(Symbol::Kind::kPolicyParam, param.name, param.name_range);
        symbol.decl = &decl;
        symbol.parameter = &param;
        Add(param.name_range.begin, param.name_range.end, symbol, true);
        params.names.emplace_back(param.name, symbol);
        if (decl.value) locals_.push_back({decl.value->range.begin, decl.value->range.end, symbol});
      }
      if (decl.value) BindExpr(*decl.value, &params);
      break;
    }
  }
}

void FileModel::BindTypeName(uint32_t begin, uint32_t end, const std::string& module, const std::string& name) {
  const std::string& text = file_->text();
  if (end > text.size() || begin >= end) return;
  uint32_t at = begin;
  if (!module.empty()) {
    if (text.compare(at, module.size(), module) != 0) return;
    auto import = file_->imports.find(module);
    Symbol alias = Global(module);
    if (alias.kind == Symbol::Kind::kImport) Add(at, at + static_cast<uint32_t>(module.size()), alias, false);
    at += static_cast<uint32_t>(module.size());
    while (at < end && (text[at] == ' ' || text[at] == '.' || text[at] == '\t' || text[at] == '\n')) ++at;
    if (text.compare(at, name.size(), name) != 0) return;
    if (import != file_->imports.end()) {
      Symbol member = MemberOf(import->second, name, module);
      if (member.kind != Symbol::Kind::kNone) Add(at, at + static_cast<uint32_t>(name.size()), member, false);
    }
    return;
  }
  if (text.compare(at, name.size(), name) != 0) return;
  if (at + name.size() < text.size() && IsIdentChar(text[at + name.size()])) return;
  Symbol symbol = Global(name);
  if (symbol.kind == Symbol::Kind::kDecl) Add(at, at + static_cast<uint32_t>(name.size()), symbol, false);
}

void FileModel::BindType(const ast::TypeExpr& type) {
  if (type.kind == ast::TypeExpr::Kind::kNamed && !(type.module.empty() && IsBuiltinTypeName(type.name))) {
    BindTypeName(type.range.begin, type.range.end, type.module, type.name);
  }
  for (const auto& child : type.children) {
    if (child) BindType(*child);
  }
  for (const ast::RecordTypeField& field : type.fields) {
    if (field.type) BindType(*field.type);
  }
}

void FileModel::BindEntries(const std::vector<ast::RecordEntry>& entries, const Scope* scope) {
  for (const ast::RecordEntry& entry : entries) {
    switch (entry.kind) {
      case ast::RecordEntry::Kind::kField:
        if (entry.key_expr) BindExpr(*entry.key_expr, scope);
        if (entry.value) BindExpr(*entry.value, scope);
        break;
      case ast::RecordEntry::Kind::kIf:
        if (entry.condition) BindExpr(*entry.condition, scope);
        BindEntries(entry.then_entries, scope);
        BindEntries(entry.else_entries, scope);
        break;
      case ast::RecordEntry::Kind::kFor: {
        if (!entry.comprehension) break;
        std::vector<Scope> inner = BindComprehension(*entry.comprehension, scope, entry.range.end);
        if (entry.key_expr) BindExpr(*entry.key_expr, &inner.back());
        if (entry.value) BindExpr(*entry.value, &inner.back());
        break;
      }
    }
  }
}

std::vector<FileModel::Scope> FileModel::BindComprehension(const ast::Comprehension& comprehension,
                                                           const Scope* scope, uint32_t visible_end) {
  std::vector<Scope> scopes;
  scopes.reserve(comprehension.nested.size() + 1);  // each keeps its parent where it is
  scopes.push_back(BindClause(comprehension, scope, visible_end));
  for (const ast::Comprehension& clause : comprehension.nested) {
    scopes.push_back(BindClause(clause, &scopes.back(), visible_end));
  }
  return scopes;
}

FileModel::Scope FileModel::BindClause(const ast::Comprehension& comprehension, const Scope* scope,
                                       uint32_t visible_end) {
  if (comprehension.iterable) BindExpr(*comprehension.iterable, scope);
  Scope inner{scope, {}};
  auto define = [&](const std::string& name, SourceRange range, bool value) {
    if (name.empty()) return;
    Symbol symbol = Local(Symbol::Kind::kLoopVar, name, range);
    symbol.loop = &comprehension;
    symbol.loop_value = value;
    Add(range.begin, range.end, symbol, true);
    inner.names.emplace_back(name, symbol);
    locals_.push_back({range.end, visible_end, symbol});
  };
  define(comprehension.key_var, comprehension.key_var_range, false);
  define(comprehension.value_var, comprehension.value_var_range, true);
  if (comprehension.filter) BindExpr(*comprehension.filter, &inner);
  return inner;
}

void FileModel::BindExpr(const ast::Expr& expr, const Scope* scope) {
  using K = ast::ExprKind;
  switch (expr.kind) {
    case K::kName: {
      Symbol symbol;
      if (const Symbol* local = scope ? scope->Find(expr.name) : nullptr) symbol = *local;
      else symbol = Global(expr.name);
      if (symbol.kind != Symbol::Kind::kNone) {
        Add(expr.name_range.begin, expr.name_range.end, symbol, false);
        names_[&expr] = symbol;
      }
      return;
    }
    case K::kField:
    case K::kOptionalField:
      if (expr.left) {
        BindExpr(*expr.left, scope);
        if (expr.left->kind == K::kName) {
          auto bound = names_.find(expr.left.get());
          if (bound != names_.end() && bound->second.kind == Symbol::Kind::kImport) {
            auto import = file_->imports.find(expr.left->name);
            if (import != file_->imports.end()) {
              Symbol member = MemberOf(import->second, expr.name, expr.left->name);
              if (member.kind != Symbol::Kind::kNone) Add(expr.name_range.begin, expr.name_range.end, member, false);
            }
          }
        }
      }
      return;
    case K::kTypedRecord:
      BindTypeName(expr.name_range.begin, expr.name_range.end, expr.module, expr.name);
      BindEntries(expr.entries, scope);
      return;
    case K::kRecord: BindEntries(expr.entries, scope); return;
    case K::kList:
      for (const ast::ListItem& item : expr.items) {
        if (item.comprehension) {
          std::vector<Scope> inner = BindComprehension(*item.comprehension, scope, item.range.end);
          if (item.value) BindExpr(*item.value, &inner.back());
        } else if (item.value) {
          BindExpr(*item.value, scope);
        }
      }
      return;
    case K::kString:
      for (const ast::StringPart& part : expr.parts) {
        if (part.expr) BindExpr(*part.expr, scope);
      }
      return;
    case K::kLet: {
      if (expr.type) BindType(*expr.type);
      if (expr.right) BindExpr(*expr.right, scope);
      Symbol symbol = Local(Symbol::Kind::kLetIn, expr.name, expr.name_range);
      symbol.let = &expr;
      Add(expr.name_range.begin, expr.name_range.end, symbol, true);
      Scope inner{scope, {{expr.name, symbol}}};
      if (expr.third) {
        locals_.push_back({expr.third->range.begin, expr.third->range.end, symbol});
        BindExpr(*expr.third, &inner);
      }
      return;
    }
    default: break;
  }
  if (expr.left) BindExpr(*expr.left, scope);
  if (expr.right) BindExpr(*expr.right, scope);
  if (expr.third) BindExpr(*expr.third, scope);
  for (const auto& arg : expr.args) {
    if (arg) BindExpr(*arg, scope);
  }
}

const Occurrence* FileModel::At(uint32_t offset) const {
  const Occurrence* best = nullptr;
  for (const Occurrence& occurrence : occurrences_) {
    if (occurrence.begin > offset) break;
    if (offset <= occurrence.end) best = &occurrence;
  }
  return best;
}

const Symbol* FileModel::SymbolOf(const ast::Expr& name) const {
  auto it = names_.find(&name);
  return it == names_.end() ? nullptr : &it->second;
}

const ast::Decl* FileModel::DeclAt(uint32_t offset) const {
  for (const ast::Decl& decl : file_->module.decls) {
    if (decl.range.begin <= offset && offset <= decl.range.end) return &decl;
  }
  return nullptr;
}

std::vector<Symbol> FileModel::VisibleAt(uint32_t offset) const {
  std::vector<Symbol> out;
  std::set<std::string> seen;
  for (auto it = locals_.rbegin(); it != locals_.rend(); ++it) {
    if (it->begin <= offset && offset <= it->end && seen.insert(it->symbol.name).second) out.push_back(it->symbol);
  }
  for (const auto& [name, decl] : file_->decls) {
    if (seen.insert(name).second) out.push_back(Global(name));
  }
  for (const auto& [alias, import] : file_->imports) {
    if (seen.insert(alias).second) out.push_back(Global(alias));
  }
  return out;
}

}  // namespace mast::lsp
