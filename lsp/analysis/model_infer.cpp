// Type inference on the bound syntax tree (see model.h): the types of
// symbols and expressions, and the fields that field accesses read.
#include <algorithm>

#include "compiler/sema/builtins.h"
#include "lsp/analysis/model.h"

namespace mast::lsp {

namespace {

constexpr int kMaxInferDepth = 64;

}  // namespace

namespace {

const ast::Expr* FindAccess(const ast::Expr* expr, uint32_t offset);

// In the iterables and filters of a comprehension's clauses.
const ast::Expr* FindAccessInClauses(const std::optional<ast::Comprehension>& comprehension, uint32_t offset) {
  if (!comprehension) return nullptr;
  for (const ast::Expr* child : {comprehension->iterable.get(), comprehension->filter.get()}) {
    if (const ast::Expr* found = FindAccess(child, offset)) return found;
  }
  for (const ast::Comprehension& clause : comprehension->nested) {
    for (const ast::Expr* child : {clause.iterable.get(), clause.filter.get()}) {
      if (const ast::Expr* found = FindAccess(child, offset)) return found;
    }
  }
  return nullptr;
}

const ast::Expr* FindAccessInEntries(const std::vector<ast::RecordEntry>& entries, uint32_t offset) {
  for (const ast::RecordEntry& entry : entries) {
    if (offset < entry.range.begin || offset > entry.range.end) continue;
    for (const ast::Expr* child : {entry.key_expr.get(), entry.value.get(), entry.condition.get()}) {
      if (const ast::Expr* found = FindAccess(child, offset)) return found;
    }
    if (const ast::Expr* found = FindAccessInClauses(entry.comprehension, offset)) return found;
    if (const ast::Expr* found = FindAccessInEntries(entry.then_entries, offset)) return found;
    if (const ast::Expr* found = FindAccessInEntries(entry.else_entries, offset)) return found;
  }
  return nullptr;
}

const ast::Expr* FindAccess(const ast::Expr* expr, uint32_t offset) {
  if (!expr || offset < expr->range.begin || offset > expr->range.end) return nullptr;
  if ((expr->kind == ast::ExprKind::kField || expr->kind == ast::ExprKind::kOptionalField) &&
      expr->name_range.begin <= offset && offset <= expr->name_range.end) {
    return expr;
  }
  for (const ast::Expr* child : {expr->left.get(), expr->right.get(), expr->third.get()}) {
    if (const ast::Expr* found = FindAccess(child, offset)) return found;
  }
  for (const auto& arg : expr->args) {
    if (const ast::Expr* found = FindAccess(arg.get(), offset)) return found;
  }
  for (const ast::StringPart& part : expr->parts) {
    if (const ast::Expr* found = FindAccess(part.expr.get(), offset)) return found;
  }
  for (const ast::ListItem& item : expr->items) {
    if (const ast::Expr* found = FindAccess(item.value.get(), offset)) return found;
    if (const ast::Expr* found = FindAccessInClauses(item.comprehension, offset)) return found;
  }
  return FindAccessInEntries(expr->entries, offset);
}

}  // namespace

const ast::Expr* FileModel::FieldAccessAt(uint32_t offset) const {
  for (const ast::Decl& decl : file_->module.decls) {
    if (offset < decl.range.begin || offset > decl.range.end) continue;
    if (const ast::Expr* found = FindAccess(decl.value.get(), offset)) return found;
    for (const ast::SchemaField& field : decl.fields) {
      if (const ast::Expr* found = FindAccess(field.default_value.get(), offset)) return found;
    }
    for (const ast::SchemaCheck& check : decl.checks) {
      if (const ast::Expr* found = FindAccess(check.condition.get(), offset)) return found;
    }
    for (const ast::PolicyField& field : decl.policy_fields) {
      if (const ast::Expr* found = FindAccess(field.value.get(), offset)) return found;
    }
  }
  return nullptr;
}

std::optional<FieldInfo> FileModel::FieldOfAccess(const ast::Expr& access, LTypeRef* object_type) {
  if (!access.left) return std::nullopt;
  LTypeRef object = Infer(*access.left);
  if (object_type) *object_type = object;
  return types_.Field(object, access.name);
}

LTypeRef FileModel::TypeOf(const Symbol& symbol) { return TypeOfIn(symbol, 0); }

LTypeRef FileModel::Infer(const ast::Expr& expr) { return InferIn(expr, 0); }

LTypeRef FileModel::TypeOfIn(const Symbol& symbol, int depth) {
  if (depth > kMaxInferDepth) return types_.Basic(LType::Kind::kUnknown);
  using SK = Symbol::Kind;
  switch (symbol.kind) {
    case SK::kDecl: {
      if (!symbol.decl) break;
      const ast::Decl& decl = *symbol.decl;
      if (symbol.file && symbol.file.get() != file_.get()) return cache_.Get(symbol.file).TypeOfIn(symbol, depth + 1);
      switch (decl.kind) {
        case ast::Decl::Kind::kType:
        case ast::Decl::Kind::kSchema: return types_.Named(file_, "", decl.name);
        case ast::Decl::Kind::kFn: return decl.type ? types_.Resolve(*decl.type, file_) : nullptr;
        case ast::Decl::Kind::kLet:
        case ast::Decl::Kind::kParam: {
          if (decl.type) return types_.Resolve(*decl.type, file_);
          if (!decl.value || !inferring_.insert(&decl).second) break;
          LTypeRef type = InferIn(*decl.value, depth + 1);
          inferring_.erase(&decl);
          return type;
        }
        default: break;
      }
      break;
    }
    case SK::kParameter:
      if (symbol.parameter && symbol.parameter->type) return types_.Resolve(*symbol.parameter->type, symbol.file);
      break;
    case SK::kLetIn:
      if (!symbol.let) break;
      if (symbol.let->type) return types_.Resolve(*symbol.let->type, symbol.file);
      if (symbol.let->right && inferring_.insert(symbol.let).second) {
        LTypeRef type = InferIn(*symbol.let->right, depth + 1);
        inferring_.erase(symbol.let);
        return type;
      }
      break;
    case SK::kLoopVar: {
      if (!symbol.loop || !symbol.loop->iterable || !inferring_.insert(symbol.loop).second) break;
      LTypeRef iterable = InferIn(*symbol.loop->iterable, depth + 1);
      inferring_.erase(symbol.loop);
      bool two = !symbol.loop->value_var.empty();
      if (LTypeRef element = types_.Element(iterable)) {
        return two && !symbol.loop_value ? types_.Basic(LType::Kind::kInt) : element;
      }
      if (LTypeRef value = types_.MapValue(iterable)) {
        return two && !symbol.loop_value ? types_.Basic(LType::Kind::kString) : value;
      }
      break;
    }
    case SK::kSchemaField:
      if (symbol.field && symbol.field->type) return types_.Resolve(*symbol.field->type, symbol.file);
      break;
    case SK::kExternalType: return types_.External(symbol.external, symbol.module_alias);
    default: break;
  }
  return types_.Basic(LType::Kind::kUnknown);
}

LTypeRef FileModel::BuiltinResult(const std::string& name) {
  for (const BuiltinSignature& builtin : AllBuiltins()) {
    if (builtin.name != name) continue;
    std::string_view signature = builtin.signature;
    size_t arrow = signature.rfind("): ");
    if (arrow == std::string_view::npos) break;
    std::string_view result = signature.substr(arrow + 3);
    if (result == "string") return types_.Basic(LType::Kind::kString);
    if (result == "int") return types_.Basic(LType::Kind::kInt);
    if (result == "float" || result == "number") return types_.Basic(LType::Kind::kFloat);
    if (result == "bool") return types_.Basic(LType::Kind::kBool);
    if (result == "[string]") {
      auto list = std::make_shared<LType>();
      list->kind = LType::Kind::kList;
      list->element = types_.Basic(LType::Kind::kString);
      return list;
    }
    break;
  }
  return types_.Basic(LType::Kind::kUnknown);
}

LTypeRef FileModel::InferFieldIn(const ast::Expr& expr, int depth) {
  using K = ast::ExprKind;
  if (expr.left->kind == K::kName) {
    const Symbol* left = SymbolOf(*expr.left);
    if (left && left->kind == Symbol::Kind::kImport) {
      auto import = file_->imports.find(expr.left->name);
      if (import == file_->imports.end()) return types_.Basic(LType::Kind::kUnknown);
      return TypeOfIn(MemberOf(import->second, expr.name, expr.left->name), depth + 1);
    }
  }
  LTypeRef object = InferIn(*expr.left, depth + 1);
  if (std::optional<FieldInfo> field = types_.Field(object, expr.name)) return field->type;
  if (LTypeRef value = types_.MapValue(object)) return value;
  return types_.Basic(LType::Kind::kUnknown);
}

LTypeRef FileModel::InferCallIn(const ast::Expr& expr) {
  using K = ast::ExprKind;
  const ast::Expr& callee = *expr.left;
  Symbol fn;
  if (callee.kind == K::kName) {
    if (const Symbol* symbol = SymbolOf(callee)) fn = *symbol;
  } else if (callee.kind == K::kField && callee.left && callee.left->kind == K::kName) {
    auto import = file_->imports.find(callee.left->name);
    const Symbol* left = SymbolOf(*callee.left);
    if (left && left->kind == Symbol::Kind::kImport && import != file_->imports.end()) {
      fn = MemberOf(import->second, callee.name, callee.left->name);
    }
  }
  if (fn.kind == Symbol::Kind::kBuiltin) return BuiltinResult(fn.name);
  if (fn.kind == Symbol::Kind::kDecl && fn.decl && fn.decl->kind == ast::Decl::Kind::kFn && fn.decl->type) {
    return types_.Resolve(*fn.decl->type, fn.file);
  }
  return types_.Basic(LType::Kind::kUnknown);
}

LTypeRef FileModel::InferBinaryIn(const ast::Expr& expr, int depth) {
  using Op = ast::Operator;
  using TK = LType::Kind;
  switch (expr.op) {
    case Op::kAnd: case Op::kOr: case Op::kEqual: case Op::kNotEqual: case Op::kLess: case Op::kLessEqual:
    case Op::kGreater: case Op::kGreaterEqual:
      return types_.Basic(TK::kBool);
    case Op::kCoalesce:
      return expr.right ? InferIn(*expr.right, depth + 1) : types_.Basic(TK::kUnknown);
    default:
      break;
  }
  if (!expr.left) return types_.Basic(TK::kUnknown);
  LTypeRef left = InferIn(*expr.left, depth + 1);
  if (expr.op == Op::kWith) return left;
  if (left->kind == TK::kInt || left->kind == TK::kFloat || left->kind == TK::kString) return types_.Basic(left->kind);
  return left->kind == TK::kList ? left : types_.Basic(TK::kUnknown);
}

LTypeRef FileModel::InferIn(const ast::Expr& expr, int depth) {
  using K = ast::ExprKind;
  using TK = LType::Kind;
  if (depth > kMaxInferDepth) return types_.Basic(TK::kUnknown);
  switch (expr.kind) {
    case K::kNull: return types_.Basic(TK::kNull);
    case K::kBool: return types_.Basic(TK::kBool);
    case K::kInt: return types_.Basic(TK::kInt);
    case K::kFloat: return types_.Basic(TK::kFloat);
    case K::kString: return types_.Basic(TK::kString);
    case K::kName: {
      const Symbol* symbol = SymbolOf(expr);
      return symbol ? TypeOfIn(*symbol, depth + 1) : types_.Basic(TK::kUnknown);
    }
    case K::kTypedRecord: return types_.Named(file_, expr.module, expr.name);
    case K::kRecord: {
      auto map = std::make_shared<LType>();
      map->kind = TK::kMap;
      map->element = types_.Basic(TK::kUnknown);
      return map;
    }
    case K::kList: {
      auto list = std::make_shared<LType>();
      list->kind = TK::kList;
      list->element = types_.Basic(TK::kUnknown);
      if (!expr.items.empty() && expr.items[0].value && !expr.items[0].comprehension) {
        list->element = InferIn(*expr.items[0].value, depth + 1);
      }
      return list;
    }
    case K::kField:
    case K::kOptionalField: return expr.left ? InferFieldIn(expr, depth) : types_.Basic(TK::kUnknown);
    case K::kIndex: {
      if (!expr.left) break;
      LTypeRef object = InferIn(*expr.left, depth + 1);
      if (LTypeRef element = types_.Element(object)) return element;
      if (LTypeRef value = types_.MapValue(object)) return value;
      break;
    }
    case K::kCall: return expr.left ? InferCallIn(expr) : types_.Basic(TK::kUnknown);
    case K::kUnary:
      if (expr.op == ast::Operator::kNot) return types_.Basic(TK::kBool);
      return expr.left ? InferIn(*expr.left, depth + 1) : types_.Basic(TK::kUnknown);
    case K::kBinary: return InferBinaryIn(expr, depth);
    case K::kIf: return expr.right ? InferIn(*expr.right, depth + 1) : types_.Basic(TK::kUnknown);
    case K::kLet: return expr.third ? InferIn(*expr.third, depth + 1) : types_.Basic(TK::kUnknown);
    default: break;
  }
  return types_.Basic(TK::kUnknown);
}

}  // namespace mast::lsp
