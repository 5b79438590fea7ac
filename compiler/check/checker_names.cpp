// The static checker on names, fields of known types, and calls of
// functions and builtins.
#include <map>

#include "compiler/base/spelling.h"
#include "compiler/check/checker.h"
#include "compiler/sema/builtins.h"
#include "compiler/sema/messages.h"

namespace mast::checker {

TypeRef StaticChecker::External(ExternalTypeId id) const {
  Type type;
  type.kind = Type::Kind::kExternal;
  type.external = id;
  type.catalog = program_.external;
  return MakeType(std::move(type));
}

std::vector<std::string_view> StaticChecker::VisibleNames(const Env* env) {
  std::vector<std::string_view> names;
  for (const Env* e = env; e; e = e->parent) {
    for (const Var& var : e->vars) names.push_back(var.name);
  }
  for (const auto& [name, decl] : module_->decls) names.push_back(name);
  for (const auto& [alias, target] : module_->imports) names.push_back(alias);
  for (std::string_view builtin : BuiltinNames()) names.push_back(builtin);
  return names;
}

TypeRef StaticChecker::InferName(const ast::Expr& expr, const Env* env) {
  SourceRange written = expr.name_range.IsValid() ? expr.name_range : expr.range;
  if (env) {
    if (const Var* local = env->FindVar(expr.name)) {
      RecordVar(written, *local);
      return local->type;
    }
  }
  auto decl = module_->decls.find(expr.name);
  if (decl != module_->decls.end()) {
    TypeRef type = GlobalType(*module_, *decl->second);
    if (Indexing()) Record(written, DeclSymbol(*decl->second), TypeOfDecl(*module_, *decl->second));
    return type;
  }
  if (auto import = module_->imports.find(expr.name); import != module_->imports.end()) {
    if (Indexing()) Record(written, ImportSymbol(import->second, expr.name), nullptr);
    return AnyType();  // runtime explains
  }
  if (IsBuiltin(expr.name)) {
    if (Indexing()) {
      SemanticSymbol builtin;
      builtin.kind = SymbolKind::kBuiltin;
      builtin.name = expr.name;
      Record(written, std::move(builtin), nullptr);
    }
    return AnyType();  // runtime explains
  }
  if (module_->failed_imports.count(expr.name)) return AnyType();  // the import's error says why
  std::string message = "`" + expr.name + "` is not defined";
  std::optional<std::string> suggestion = ClosestMatch(expr.name, VisibleNames(env));
  if (suggestion) message += "; did you mean `" + *suggestion + "`?";
  if (Diagnostic* d = Report(DiagnosticCode::E0201, expr.range, message); d && suggestion) {
    d->fix = Fix{"replace with `" + *suggestion + "`", {{expr.range, *suggestion}}};
  }
  return AnyType();
}

TypeRef StaticChecker::FieldOf(const TypeRef& object, const ast::Expr& expr) {
  bool optional = expr.kind == ast::ExprKind::kOptionalField;
  if (object->kind == Type::Kind::kSchema) {
    const SchemaInfo& schema = *object->schema;
    if (const SchemaFieldInfo* field = schema.Find(expr.name)) {
      IndexSchemaField(expr.name_range, *field);
      return field->type;
    }
    if (optional) return AnyType();
    std::vector<std::string_view> names;
    for (const SchemaFieldInfo& field : schema.fields) names.push_back(field.name);
    std::string message = "`" + schema.name + "` has no field `" + expr.name + "`";
    if (auto suggestion = ClosestMatch(expr.name, names)) message += "; did you mean `" + *suggestion + "`?";
    if (Diagnostic* d = Report(DiagnosticCode::E0403, expr.name_range, message)) {
      d->labels.push_back({schema.name_range, "`" + schema.name + "` is declared here"});
    }
    return AnyType();
  }
  if (object->kind == Type::Kind::kExternal && program_.external &&
      program_.external->KindOf(object->external) == ExternalKind::kObject) {
    const ExternalTypes& catalog = *program_.external;
    if (auto field = catalog.FindField(object->external, expr.name)) {
      IndexExternalField(expr.name_range, object->external, expr.name, field->type);
      return External(field->type);
    }
    if (optional) return AnyType();
    std::vector<ExternalField> fields = catalog.Fields(object->external);
    std::vector<std::string_view> names;
    for (const ExternalField& field : fields) names.push_back(field.name);
    std::string message = "`" + LastSegment(catalog.TypeName(object->external)) + "` has no field `" + expr.name + "`";
    if (auto suggestion = ClosestMatch(expr.name, names)) message += "; did you mean `" + *suggestion + "`?";
    Report(DiagnosticCode::E0403, expr.name_range, message);
    return AnyType();
  }
  return AnyType();
}

TypeRef StaticChecker::InferField(const ast::Expr& expr, const Env* env) {
  const ast::Expr& object = *expr.left;
  if (object.kind == ast::ExprKind::kName && !(env && env->Find(object.name)) && !module_->decls.count(object.name)) {
    if (module_->failed_imports.count(object.name)) return AnyType();  // the import's error says why
    auto import = module_->imports.find(object.name);
    if (import != module_->imports.end()) {
      if (import->second.IsExternal()) {
        IndexMember(expr, import->second, nullptr);
        return AnyType();
      }
      ModuleInfo& target = *import->second.module;
      auto member = target.decls.find(expr.name);
      if (member == target.decls.end() && target.has_syntax_errors) return AnyType();  // E0209 at the import
      if (member == target.decls.end()) {
        std::vector<std::string_view> names;
        for (const auto& [name, decl] : target.decls) names.push_back(name);
        std::string message = "module `" + object.name + "` has no member `" + expr.name + "`";
        if (auto suggestion = ClosestMatch(expr.name, names)) message += "; did you mean `" + *suggestion + "`?";
        Report(DiagnosticCode::E0205, expr.name_range, message);
        return AnyType();
      }
      TypeRef type = GlobalType(target, *member->second);
      if (Indexing()) IndexMember(expr, import->second, TypeOfDecl(target, *member->second));
      return type;
    }
  }
  return FieldOf(Infer(object, env), expr);
}

namespace {

TypeRef ListOf(TypeRef element) {
  Type list;
  list.kind = Type::Kind::kList;
  list.element = std::move(element);
  return MakeType(std::move(list));
}

// The item type of a list (or the value type of a map), when known.
TypeRef ElementOf(const TypeRef& type, Type::Kind container) {
  return type && type->kind == container && type->element && !IsAny(type->element) ? type->element : nullptr;
}

enum class Result { kAny, kInt, kFloat, kString, kBool, kStrings, kInts, kSame, kElement, kValues, kFlat };

// What each builtin returns (sema/builtins.cpp has the signatures): a fixed
// type, or one that follows from the first argument's.
Result ResultOf(std::string_view name) {
  static const std::map<std::string_view, Result> kResults = {
      {"len", Result::kInt}, {"int", Result::kInt}, {"float", Result::kFloat},
      {"keys", Result::kStrings}, {"split", Result::kStrings}, {"regexFindAll", Result::kStrings},
      {"range", Result::kInts}, {"values", Result::kValues}, {"flatten", Result::kFlat},
      {"sort", Result::kSame}, {"unique", Result::kSame}, {"reverse", Result::kSame}, {"replaceList", Result::kSame},
      {"min", Result::kElement}, {"max", Result::kElement}, {"sum", Result::kElement},
      {"contains", Result::kBool}, {"startsWith", Result::kBool}, {"endsWith", Result::kBool},
      {"matches", Result::kBool}, {"selectorMatches", Result::kBool}, {"isLabelValue", Result::kBool},
      {"isQualifiedName", Result::kBool},
      {"join", Result::kString}, {"upper", Result::kString}, {"lower", Result::kString}, {"trim", Result::kString},
      {"trimPrefix", Result::kString}, {"trimSuffix", Result::kString}, {"replace", Result::kString},
      {"substr", Result::kString}, {"sha256", Result::kString}, {"base64Encode", Result::kString},
      {"base64Decode", Result::kString}, {"toYaml", Result::kString}, {"toJson", Result::kString},
      {"readFile", Result::kString}, {"str", Result::kString}, {"typeOf", Result::kString},
      {"format", Result::kString}, {"regexReplace", Result::kString},
  };
  auto found = kResults.find(name);
  return found == kResults.end() ? Result::kAny : found->second;
}

}  // namespace

TypeRef StaticChecker::BuiltinResult(const std::string& name, const std::vector<TypeRef>& args) const {
  TypeRef first = args.empty() ? nullptr : args[0];
  switch (ResultOf(name)) {
    case Result::kInt: return Basic(Type::Kind::kInt);
    case Result::kFloat: return Basic(Type::Kind::kFloat);
    case Result::kString: return Basic(Type::Kind::kString);
    case Result::kBool: return Basic(Type::Kind::kBool);
    case Result::kStrings: return ListOf(Basic(Type::Kind::kString));
    case Result::kInts: return ListOf(Basic(Type::Kind::kInt));
    case Result::kSame: return ElementOf(first, Type::Kind::kList) ? first : AnyType();
    case Result::kElement: {
      TypeRef element = ElementOf(first, Type::Kind::kList);
      // `sum` of numbers only; `min` and `max` of numbers or strings.
      bool fits = element && (element->kind == Type::Kind::kInt || element->kind == Type::Kind::kFloat ||
                              (name != "sum" && element->kind == Type::Kind::kString));
      return fits ? element : AnyType();
    }
    case Result::kValues: {
      TypeRef value = ElementOf(first, Type::Kind::kMap);
      return value ? ListOf(value) : AnyType();
    }
    case Result::kFlat: {
      TypeRef inner = ElementOf(first, Type::Kind::kList);
      return ElementOf(inner, Type::Kind::kList) ? inner : AnyType();
    }
    case Result::kAny: break;
  }
  return AnyType();
}

TypeRef StaticChecker::InferCall(const ast::Expr& expr, const Env* env) {
  const ast::Expr& callee = *expr.left;
  ModuleInfo* target = nullptr;
  std::string name;
  if (callee.kind == ast::ExprKind::kName) {
    name = callee.name;
    if (!(env && env->Find(name)) && module_->decls.count(name)) target = module_;
  } else if (callee.kind == ast::ExprKind::kField && callee.left->kind == ast::ExprKind::kName) {
    auto import = module_->imports.find(callee.left->name);
    if (import != module_->imports.end() && !import->second.IsExternal()) {
      target = import->second.module;
      name = callee.name;
    }
  }
  IndexCallee(callee, env, target);
  const ast::Decl* fn = nullptr;
  if (target) {
    auto decl = target->decls.find(name);
    if (decl != target->decls.end() && decl->second->kind == ast::Decl::Kind::kFn) fn = decl->second;
    // A function that did not parse, or one a broken module may have lost:
    // the syntax error, or E0209 at the import, says so.
    bool broken = (fn && fn->has_syntax_error) ||
                  (decl == target->decls.end() && target != module_ && target->has_syntax_errors);
    if (broken) {
      for (const auto& arg : expr.args) Infer(*arg, env);
      return AnyType();
    }
    if (!fn && target != module_) {
      std::vector<std::string_view> names;
      for (const auto& [n, d] : target->decls) {
        if (d->kind == ast::Decl::Kind::kFn) names.push_back(n);
      }
      std::string message = "module `" + callee.left->name + "` has no function `" + name + "`";
      if (auto suggestion = ClosestMatch(name, names)) message += "; did you mean `" + *suggestion + "`?";
      Report(DiagnosticCode::E0205, callee.name_range, message);
    } else if (!fn) {
      Report(DiagnosticCode::E0305, callee.range, "`" + name + "` is not a function");
    }
  } else if (callee.kind == ast::ExprKind::kName) {
    if (env && env->Find(name)) {
      Report(DiagnosticCode::E0305, callee.range, "`" + name + "` is a value, not a function");
    } else if (!IsBuiltin(name)) {
      std::string message = "`" + name + "` is not a function";
      if (auto suggestion = ClosestMatch(name, VisibleNames(env))) message += "; did you mean `" + *suggestion + "`?";
      Report(DiagnosticCode::E0201, callee.range, message);
    }
  }
  if (!fn) {
    std::vector<TypeRef> args;
    for (const auto& arg : expr.args) args.push_back(Infer(*arg, env));
    if (target == nullptr && callee.kind == ast::ExprKind::kName && !(env && env->Find(name))) {
      if (const BuiltinSignature* builtin = FindBuiltinSignature(name)) {
        if (std::optional<std::string> wrong = WrongBuiltinArity(*builtin, expr.args.size())) {
          Report(DiagnosticCode::E0304, expr.range, std::move(*wrong));
          return AnyType();
        }
        return BuiltinResult(name, args);
      }
    }
    return AnyType();  // callees that evaluation explains
  }
  if (expr.args.size() != fn->params.size()) {
    if (Diagnostic* d = Report(DiagnosticCode::E0304, expr.range,
                               "`" + fn->name + "` takes " + std::to_string(fn->params.size()) + " argument" +
                                   (fn->params.size() == 1 ? "" : "s") + ", found " +
                                   std::to_string(expr.args.size()))) {
      d->labels.push_back({fn->name_range, "`" + fn->name + "` is declared here"});
    }
    for (const auto& arg : expr.args) Infer(*arg, env);
    return AnyType();
  }
  ModuleInfo* saved = module_;
  std::vector<TypeRef> param_types;
  module_ = target;
  for (const ast::Parameter& param : fn->params) param_types.push_back(Resolve(param.type.get()));
  TypeRef result = Resolve(fn->type.get());
  module_ = saved;
  for (size_t i = 0; i < expr.args.size(); ++i) Check(*expr.args[i], param_types[i], env);
  return result;
}

}  // namespace mast::checker
