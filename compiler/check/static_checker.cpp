#include "check/static_checker.h"

#include <map>
#include <set>

#include "base/spelling.h"
#include "sema/builtins.h"
#include "sema/conform.h"
#include "sema/messages.h"
#include "sema/resolve_type.h"

namespace mast {
namespace {

struct Env {
  const Env* parent = nullptr;
  std::vector<std::pair<std::string_view, TypeRef>> vars;

  const TypeRef* Find(std::string_view name) const {
    for (const Env* env = this; env; env = env->parent) {
      for (auto it = env->vars.rbegin(); it != env->vars.rend(); ++it) {
        if (it->first == name) return &it->second;
      }
    }
    return nullptr;
  }
};

TypeRef Basic(Type::Kind kind) {
  Type type;
  type.kind = kind;
  return MakeType(std::move(type));
}

bool IsAny(const TypeRef& type) { return !type || type->kind == Type::Kind::kAny; }

// The value kind a type's values have, when there is exactly one.
std::optional<Value::Kind> ValueKindOf(const Type& type) {
  switch (type.kind) {
    case Type::Kind::kNull: return Value::Kind::kNull;
    case Type::Kind::kBool: return Value::Kind::kBool;
    case Type::Kind::kInt: return Value::Kind::kInt;
    case Type::Kind::kFloat: return Value::Kind::kFloat;
    case Type::Kind::kString: return Value::Kind::kString;
    case Type::Kind::kLiteral: return type.literal.kind();
    case Type::Kind::kList: return Value::Kind::kList;
    case Type::Kind::kMap:
    case Type::Kind::kSchema: return Value::Kind::kMap;
    default: return std::nullopt;
  }
}

std::string LastSegment(const std::string& name) {
  size_t dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

// A literal expression's value, for checking it against a type exactly as
// evaluation would.
std::optional<Value> ConstantOf(const ast::Expr& expr) {
  switch (expr.kind) {
    case ast::ExprKind::kNull: return Value::Null(expr.range);
    case ast::ExprKind::kBool: return Value::Bool(expr.bool_value, expr.range);
    case ast::ExprKind::kInt: return Value::Int(expr.int_value, expr.range);
    case ast::ExprKind::kFloat: return Value::Float(expr.float_value, expr.range);
    case ast::ExprKind::kString:
      if (expr.parts.size() == 1 && !expr.parts[0].expr) return Value::String(expr.parts[0].text, expr.range);
      return std::nullopt;
    default: return std::nullopt;
  }
}

class StaticChecker {
 public:
  StaticChecker(Program& program, DiagnosticSink& sink)
      : program_(program), types_(program, sink), conform_context_(program), sink_(sink) {}

  void CheckModule(ModuleInfo& module) {
    module_ = &module;
    for (const ast::Decl& decl : module.ast.decls) {
      if (!decl.has_syntax_error) CheckDecl(decl);  // a broken one has its syntax error
    }
  }

 private:
  TypeRef Resolve(const ast::TypeExpr* type) {
    if (!type) return AnyType();
    try {
      return types_.ResolveType(*type, *module_);
    } catch (const DeclarationAbort&) {
      return AnyType();
    }
  }

  void CheckDecl(const ast::Decl& decl) {
    switch (decl.kind) {
      case ast::Decl::Kind::kType:
        Resolve(decl.type.get());
        break;
      case ast::Decl::Kind::kSchema: {
        Env fields;
        for (const ast::SchemaField& field : decl.fields) {
          TypeRef type = Resolve(field.type.get());
          if (field.default_value) Check(*field.default_value, type, nullptr);
          fields.vars.emplace_back(field.name, type);
        }
        for (const ast::SchemaCheck& check : decl.checks) Check(*check.condition, Basic(Type::Kind::kBool), &fields);
        try {
          types_.TypeOfName(*module_, "", decl.name, decl.name_range);
        } catch (const DeclarationAbort&) {
        }
        break;
      }
      case ast::Decl::Kind::kParam:
      case ast::Decl::Kind::kLet:
        if (decl.value) Check(*decl.value, Resolve(decl.type.get()), nullptr);
        break;
      case ast::Decl::Kind::kFn: {
        Env params;
        for (const ast::Parameter& param : decl.params) params.vars.emplace_back(param.name, Resolve(param.type.get()));
        if (decl.value) Check(*decl.value, Resolve(decl.type.get()), &params);
        break;
      }
      case ast::Decl::Kind::kEmit:
        if (decl.value) Infer(*decl.value, nullptr);
        break;
      case ast::Decl::Kind::kPolicy: {
        for (const ast::PolicyField& field : decl.policy_fields) Infer(*field.value, nullptr);
        Env params;
        for (const ast::Parameter& param : decl.params) params.vars.emplace_back(param.name, AnyType());
        if (decl.value) Infer(*decl.value, &params);
        break;
      }
      case ast::Decl::Kind::kTest: {
        // Steps see the lets before them, as nested `let ... in` would.
        Env locals;
        for (const ast::TestStep& step : decl.steps) {
          if (!step.value) continue;
          if (step.kind == ast::TestStep::Kind::kLet) {
            TypeRef type;
            if (step.type) {
              type = Resolve(step.type.get());
              Check(*step.value, type, &locals);
            } else {
              type = Infer(*step.value, &locals);
            }
            locals.vars.emplace_back(step.name, type);
          } else if (step.kind == ast::TestStep::Kind::kAssert) {
            CheckCondition(*step.value, &locals, "an `assert`");
          }
        }
        break;
      }
    }
  }

  TypeRef External(ExternalTypeId id) const {
    Type type;
    type.kind = Type::Kind::kExternal;
    type.external = id;
    type.catalog = program_.external;
    return MakeType(std::move(type));
  }

  // The type a global name has, from its declaration.
  TypeRef GlobalType(ModuleInfo& module, const ast::Decl& decl) {
    if (decl.kind != ast::Decl::Kind::kLet && decl.kind != ast::Decl::Kind::kParam) return AnyType();
    if (decl.has_syntax_error) return AnyType();
    if (decl.type) {
      ModuleInfo* saved = module_;
      module_ = &module;
      TypeRef type = Resolve(decl.type.get());
      module_ = saved;
      return type;
    }
    if (!decl.value || inferring_.count(&decl)) return AnyType();
    auto cached = global_types_.find(&decl);
    if (cached != global_types_.end()) return cached->second;
    inferring_.insert(&decl);
    ModuleInfo* saved = module_;
    module_ = &module;
    TypeRef type = InferQuietly(*decl.value);
    module_ = saved;
    inferring_.erase(&decl);
    global_types_[&decl] = type;
    return type;
  }

  TypeRef InferQuietly(const ast::Expr& expr) {
    // Inference of another declaration must not report its errors twice:
    // report nothing for the duration.
    quiet_ = true;
    TypeRef type = Infer(expr, nullptr);
    quiet_ = false;
    return type;
  }

  Diagnostic* Report(DiagnosticCode code, SourceRange range, std::string message) {
    if (quiet_) return nullptr;
    return &sink_.Report(code, range, std::move(message));
  }

  std::vector<std::string_view> VisibleNames(const Env* env) {
    std::vector<std::string_view> names;
    for (const Env* e = env; e; e = e->parent) {
      for (const auto& var : e->vars) names.push_back(var.first);
    }
    for (const auto& [name, decl] : module_->decls) names.push_back(name);
    for (const auto& [alias, target] : module_->imports) names.push_back(alias);
    for (std::string_view builtin : BuiltinNames()) names.push_back(builtin);
    return names;
  }

  TypeRef InferName(const ast::Expr& expr, const Env* env) {
    if (env) {
      if (const TypeRef* local = env->Find(expr.name)) return *local;
    }
    auto decl = module_->decls.find(expr.name);
    if (decl != module_->decls.end()) return GlobalType(*module_, *decl->second);
    if (module_->imports.count(expr.name) || IsBuiltin(expr.name)) return AnyType();  // runtime explains
    if (module_->failed_imports.count(expr.name)) return AnyType();  // the import's error says why
    std::string message = "`" + expr.name + "` is not defined";
    std::optional<std::string> suggestion = ClosestMatch(expr.name, VisibleNames(env));
    if (suggestion) message += "; did you mean `" + *suggestion + "`?";
    if (Diagnostic* d = Report(DiagnosticCode::E0201, expr.range, message); d && suggestion) {
      d->fix = Fix{"replace with `" + *suggestion + "`", {{expr.range, *suggestion}}};
    }
    return AnyType();
  }

  TypeRef FieldOf(const TypeRef& object, const ast::Expr& expr) {
    bool optional = expr.kind == ast::ExprKind::kOptionalField;
    if (object->kind == Type::Kind::kSchema) {
      const SchemaInfo& schema = *object->schema;
      if (const SchemaFieldInfo* field = schema.Find(expr.name)) return field->type;
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
      if (auto field = catalog.FindField(object->external, expr.name)) return External(field->type);
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

  TypeRef InferField(const ast::Expr& expr, const Env* env) {
    const ast::Expr& object = *expr.left;
    if (object.kind == ast::ExprKind::kName && !(env && env->Find(object.name)) && !module_->decls.count(object.name)) {
      if (module_->failed_imports.count(object.name)) return AnyType();  // the import's error says why
      auto import = module_->imports.find(object.name);
      if (import != module_->imports.end()) {
        if (import->second.IsExternal()) return AnyType();
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
        return GlobalType(target, *member->second);
      }
    }
    return FieldOf(Infer(object, env), expr);
  }

  TypeRef InferCall(const ast::Expr& expr, const Env* env) {
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
      for (const auto& arg : expr.args) Infer(*arg, env);
      if (target == nullptr && callee.kind == ast::ExprKind::kName && !(env && env->Find(name))) {
        if (const BuiltinSignature* builtin = FindBuiltinSignature(name)) {
          if (std::optional<std::string> wrong = WrongBuiltinArity(*builtin, expr.args.size())) {
            Report(DiagnosticCode::E0304, expr.range, std::move(*wrong));
          }
        }
      }
      return AnyType();  // builtins, and callees that evaluation explains
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

  TypeRef InferBinary(const ast::Expr& expr, const Env* env) {
    using Op = ast::Operator;
    TypeRef left = Infer(*expr.left, env);
    TypeRef right = Infer(*expr.right, env);
    std::optional<Value::Kind> a = ValueKindOf(*left);
    std::optional<Value::Kind> b = ValueKindOf(*right);
    switch (expr.op) {
      case Op::kAnd:
      case Op::kOr:
      case Op::kEqual:
      case Op::kNotEqual: return Basic(Type::Kind::kBool);
      case Op::kLess:
      case Op::kLessEqual:
      case Op::kGreater:
      case Op::kGreaterEqual: {
        bool comparable = !a || !b || (*a == *b && (*a == Value::Kind::kInt || *a == Value::Kind::kFloat ||
                                                    *a == Value::Kind::kString));
        if (!comparable) {
          Report(DiagnosticCode::E0307, expr.range,
                 std::string("`") + ast::OperatorText(expr.op) +
                     "` compares two integers, two floats or two strings, found " + std::string(KindName(*a)) +
                     " and " + std::string(KindName(*b)));
        }
        return Basic(Type::Kind::kBool);
      }
      case Op::kCoalesce: return IsAny(left) ? right : AnyType();
      case Op::kWith:
        if ((a && *a != Value::Kind::kMap) || (b && *b != Value::Kind::kMap)) {
          bool left_bad = a && *a != Value::Kind::kMap;
          Report(DiagnosticCode::E0307, (left_bad ? expr.left : expr.right)->range,
                 WithNotRecordMessage(left_bad, left_bad ? a : b));
        }
        return left;
      default: break;
    }
    if (!a || !b || *a == Value::Kind::kNull || *b == Value::Kind::kNull) return AnyType();
    bool ok = (*a == *b && (*a == Value::Kind::kInt || *a == Value::Kind::kFloat)) ||
              (expr.op == Op::kAdd && *a == *b && (*a == Value::Kind::kString || *a == Value::Kind::kList));
    if (!ok) {
      std::string hint;
      bool numbers = (*a == Value::Kind::kInt || *a == Value::Kind::kFloat) &&
                     (*b == Value::Kind::kInt || *b == Value::Kind::kFloat);
      if (numbers) hint = "; numbers are not converted implicitly: use `float(x)` or `int(x)`";
      else if (*a == Value::Kind::kString || *b == Value::Kind::kString) hint = "; use interpolation \"${...}\" to build strings";
      Report(DiagnosticCode::E0307, expr.range,
             std::string("`") + ast::OperatorText(expr.op) + "` cannot combine " + std::string(KindName(*a)) + " and " +
                 std::string(KindName(*b)) + hint);
      return AnyType();
    }
    return Basic(left->kind == Type::Kind::kLiteral ? (*a == Value::Kind::kInt      ? Type::Kind::kInt
                                                       : *a == Value::Kind::kFloat  ? Type::Kind::kFloat
                                                       : *a == Value::Kind::kString ? Type::Kind::kString
                                                                                    : Type::Kind::kAny)
                                                    : left->kind);
  }

  void InferEntry(const ast::RecordEntry& entry, const Env* env) {
    switch (entry.kind) {
      case ast::RecordEntry::Kind::kField:
        if (entry.key_expr) Infer(*entry.key_expr, env);
        if (entry.value) Infer(*entry.value, env);
        break;
      case ast::RecordEntry::Kind::kIf:
        CheckCondition(*entry.condition, env, "the condition of `if`");
        InferEntries(entry.then_entries, env);
        InferEntries(entry.else_entries, env);
        break;
      case ast::RecordEntry::Kind::kFor: {
        std::vector<Env> inner = ComprehensionEnvs(*entry.comprehension, env);
        Infer(*entry.key_expr, &inner.back());
        if (entry.value) Infer(*entry.value, &inner.back());
        break;
      }
    }
  }

  void InferEntries(const std::vector<ast::RecordEntry>& entries, const Env* env) {
    for (const ast::RecordEntry& entry : entries) InferEntry(entry, env);
  }

  // The scopes of a comprehension's clauses, the innermost last (reserved,
  // so that each keeps its parent where it is).
  std::vector<Env> ComprehensionEnvs(const ast::Comprehension& comprehension, const Env* env) {
    std::vector<Env> envs;
    envs.reserve(comprehension.nested.size() + 1);
    envs.push_back(ClauseEnv(comprehension, env));
    for (const ast::Comprehension& clause : comprehension.nested) envs.push_back(ClauseEnv(clause, &envs.back()));
    return envs;
  }

  Env ClauseEnv(const ast::Comprehension& comprehension, const Env* env) {
    TypeRef iterable = Infer(*comprehension.iterable, env);
    Env inner{env, {}};
    TypeRef element = AnyType();
    TypeRef key = AnyType();
    if (iterable->kind == Type::Kind::kList && iterable->element) {
      element = iterable->element;
      key = Basic(Type::Kind::kInt);
    } else if (iterable->kind == Type::Kind::kMap && iterable->element) {
      element = iterable->element;
      key = Basic(Type::Kind::kString);
    }
    if (comprehension.value_var.empty()) {
      inner.vars.emplace_back(comprehension.key_var, element);
    } else {
      inner.vars.emplace_back(comprehension.key_var, key);
      inner.vars.emplace_back(comprehension.value_var, element);
    }
    if (comprehension.filter) CheckCondition(*comprehension.filter, &inner, "the `if` filter");
    return inner;
  }

 public:
  TypeRef Infer(const ast::Expr& expr, const Env* env) {
    using K = ast::ExprKind;
    switch (expr.kind) {
      case K::kNull: return Basic(Type::Kind::kNull);
      case K::kBool: return Basic(Type::Kind::kBool);
      case K::kInt: return Basic(Type::Kind::kInt);
      case K::kFloat: return Basic(Type::Kind::kFloat);
      case K::kString:
        for (const ast::StringPart& part : expr.parts) {
          if (part.expr) Infer(*part.expr, env);
        }
        return Basic(Type::Kind::kString);
      case K::kName: return InferName(expr, env);
      case K::kRecord: {
        InferEntries(expr.entries, env);
        Type record;
        record.kind = Type::Kind::kMap;
        record.element = AnyType();
        return MakeType(std::move(record));
      }
      case K::kTypedRecord: {
        TypeRef type;
        try {
          type = types_.TypeOfName(*module_, expr.module, expr.name, expr.name_range);
        } catch (const DeclarationAbort&) {
          InferEntries(expr.entries, env);
          return AnyType();
        }
        CheckRecord(expr, type, env);
        return type;
      }
      case K::kList:
        for (const ast::ListItem& item : expr.items) {
          if (!item.value) continue;
          if (item.comprehension) {
            std::vector<Env> inner = ComprehensionEnvs(*item.comprehension, env);
            Infer(*item.value, &inner.back());
          } else {
            Infer(*item.value, env);
          }
        }
        {
          Type list;
          list.kind = Type::Kind::kList;
          list.element = AnyType();
          return MakeType(std::move(list));
        }
      case K::kField:
      case K::kOptionalField: return InferField(expr, env);
      case K::kIndex: {
        TypeRef object = Infer(*expr.left, env);
        Infer(*expr.right, env);
        if ((object->kind == Type::Kind::kList || object->kind == Type::Kind::kMap) && object->element) {
          return object->element;
        }
        return AnyType();
      }
      case K::kCall: return InferCall(expr, env);
      case K::kUnary: {
        TypeRef operand = Infer(*expr.left, env);
        return expr.op == ast::Operator::kNot ? Basic(Type::Kind::kBool) : operand;
      }
      case K::kBinary: return InferBinary(expr, env);
      case K::kIf: {
        CheckCondition(*expr.left, env, "the condition of `if`");
        TypeRef then_type = Infer(*expr.right, env);
        TypeRef else_type = Infer(*expr.third, env);
        return then_type->kind == else_type->kind && then_type->kind != Type::Kind::kLiteral ? then_type : AnyType();
      }
      case K::kLet: {
        TypeRef bound = expr.type ? Resolve(expr.type.get()) : AnyType();
        if (expr.type) Check(*expr.right, bound, env);
        else bound = Infer(*expr.right, env);
        Env inner{env, {{expr.name, bound}}};
        return Infer(*expr.third, &inner);
      }
      case K::kError: return AnyType();
    }
    return AnyType();
  }

  // Checks `expr` against an expected type where that can be decided without
  // evaluating; otherwise infers and leaves the rest to evaluation.
  // `null_ok`: null means "unset" here (an optional or defaulted field).
  void Check(const ast::Expr& expr, const TypeRef& expected, const Env* env, bool null_ok = false) {
    if (IsAny(expected)) {
      Infer(expr, env);
      return;
    }
    if (std::optional<Value> constant = ConstantOf(expr)) {
      if (constant->IsNull() && null_ok) return;
      if (expected->kind == Type::Kind::kExternal) {
        if (program_.external && !quiet_) program_.external->Validate(*constant, expected->external, sink_);
      } else if (!quiet_) {
        Conform(*constant, *expected, sink_, conform_context_);
      }
      return;
    }
    using K = ast::ExprKind;
    switch (expr.kind) {
      case K::kRecord: CheckRecord(expr, expected, env); return;
      case K::kList: CheckList(expr, expected, env); return;
      case K::kIf:
        CheckCondition(*expr.left, env, "the condition of `if`");
        Check(*expr.right, expected, env, null_ok);
        Check(*expr.third, expected, env, null_ok);
        return;
      case K::kLet: {
        TypeRef bound = expr.type ? Resolve(expr.type.get()) : AnyType();
        if (expr.type) Check(*expr.right, bound, env);
        else bound = Infer(*expr.right, env);
        Env inner{env, {{expr.name, bound}}};
        Check(*expr.third, expected, &inner, null_ok);
        return;
      }
      case K::kBinary:
        if (expr.op == ast::Operator::kWith) {
          Check(*expr.left, expected, env);
          Infer(*expr.right, env);
          return;
        }
        break;
      default: break;
    }
    TypeRef actual = Infer(expr, env);
    std::optional<Value::Kind> want = ValueKindOf(*expected);
    std::optional<Value::Kind> have = ValueKindOf(*actual);
    bool float_accepts_int = want == Value::Kind::kFloat && have == Value::Kind::kInt;
    if (want && have && *want != *have && !float_accepts_int && actual->kind != Type::Kind::kLiteral &&
        expected->kind != Type::Kind::kLiteral) {
      Report(DiagnosticCode::E0301, expr.range,
             "expected " + TypeToString(*expected) + ", found " + std::string(KindName(*have)));
    }
  }

 private:
  void CheckCondition(const ast::Expr& condition, const Env* env, std::string_view what) {
    std::optional<Value::Kind> kind = ValueKindOf(*Infer(condition, env));
    if (kind && *kind != Value::Kind::kBool) {
      Report(DiagnosticCode::E0301, condition.range,
             std::string(what) + " must be a boolean, found " + std::string(KindName(*kind)));
    }
  }

  void CheckList(const ast::Expr& expr, const TypeRef& expected, const Env* env) {
    TypeRef element;
    if (expected->kind == Type::Kind::kList) element = expected->element;
    if (expected->kind == Type::Kind::kExternal && program_.external &&
        program_.external->KindOf(expected->external) == ExternalKind::kList) {
      element = External(program_.external->ElementType(expected->external));
    }
    if (!element) {
      Infer(expr, env);
      return;
    }
    for (const ast::ListItem& item : expr.items) {
      if (!item.value) continue;
      if (item.comprehension) {
        std::vector<Env> inner = ComprehensionEnvs(*item.comprehension, env);
        Check(*item.value, element, &inner.back());
      } else {
        Check(*item.value, element, env);
      }
    }
  }

  // Record literal against a schema, a Kubernetes object or a map type.
  void CheckRecord(const ast::Expr& expr, const TypeRef& expected, const Env* env) {
    if (expected->kind == Type::Kind::kSchema) {
      CheckSchemaEntries(expr.entries, *expected->schema, env);
      if (!HasDynamicEntries(expr.entries)) ReportMissingSchemaFields(expr, *expected->schema);
      return;
    }
    if (expected->kind == Type::Kind::kMap && expected->element) {
      CheckMapEntries(expr.entries, expected->element, env);
      return;
    }
    if (expected->kind == Type::Kind::kExternal && program_.external) {
      ExternalKind kind = program_.external->KindOf(expected->external);
      if (kind == ExternalKind::kObject) {
        CheckExternalEntries(expr.entries, expected->external, env);
        return;
      }
      if (kind == ExternalKind::kMap) {
        CheckMapEntries(expr.entries, External(program_.external->ElementType(expected->external)), env);
        return;
      }
    }
    InferEntries(expr.entries, env);
  }

  static bool HasDynamicEntries(const std::vector<ast::RecordEntry>& entries) {
    for (const ast::RecordEntry& entry : entries) {
      if (entry.kind != ast::RecordEntry::Kind::kField || entry.key_expr) return true;
    }
    return false;
  }

  void CheckMapEntries(const std::vector<ast::RecordEntry>& entries, const TypeRef& element, const Env* env) {
    for (const ast::RecordEntry& entry : entries) {
      switch (entry.kind) {
        case ast::RecordEntry::Kind::kField:
          if (entry.key_expr) Infer(*entry.key_expr, env);
          if (entry.value) Check(*entry.value, element, env);
          break;
        case ast::RecordEntry::Kind::kIf:
          CheckCondition(*entry.condition, env, "the condition of `if`");
          CheckMapEntries(entry.then_entries, element, env);
          CheckMapEntries(entry.else_entries, element, env);
          break;
        case ast::RecordEntry::Kind::kFor: {
          std::vector<Env> inner = ComprehensionEnvs(*entry.comprehension, env);
          Infer(*entry.key_expr, &inner.back());
          if (entry.value) Check(*entry.value, element, &inner.back());
          break;
        }
      }
    }
  }

  void CheckSchemaEntries(const std::vector<ast::RecordEntry>& entries, const SchemaInfo& schema, const Env* env) {
    std::vector<std::string_view> names;
    for (const SchemaFieldInfo& field : schema.fields) names.push_back(field.name);
    for (const ast::RecordEntry& entry : entries) {
      if (entry.kind == ast::RecordEntry::Kind::kIf) {
        CheckCondition(*entry.condition, env, "the condition of `if`");
        CheckSchemaEntries(entry.then_entries, schema, env);
        CheckSchemaEntries(entry.else_entries, schema, env);
        continue;
      }
      if (entry.kind == ast::RecordEntry::Kind::kFor || entry.key_expr) {
        InferEntry(entry, env);
        continue;
      }
      const SchemaFieldInfo* field = schema.Find(entry.key);
      if (!field) {
        std::string message = "`" + schema.name + "` has no field `" + entry.key + "`";
        std::optional<std::string> suggestion = ClosestMatch(entry.key, names);
        if (suggestion) message += "; did you mean `" + *suggestion + "`?";
        if (Diagnostic* d = Report(DiagnosticCode::E0302, entry.key_range, message)) {
          d->labels.push_back({schema.name_range, "`" + schema.name + "` is declared here"});
          if (suggestion) d->fix = Fix{"replace with `" + *suggestion + "`", {{entry.key_range, *suggestion}}};
        }
        if (entry.value) Infer(*entry.value, env);
        continue;
      }
      if (entry.value) Check(*entry.value, field->type, env, field->optional || field->default_value);
    }
  }

  void ReportMissingSchemaFields(const ast::Expr& expr, const SchemaInfo& schema) {
    for (const SchemaFieldInfo& field : schema.fields) {
      if (field.optional || field.default_value || IsNullable(*field.type)) continue;
      bool present = false;
      for (const ast::RecordEntry& entry : expr.entries) present = present || entry.key == field.name;
      if (present) continue;
      if (Diagnostic* d = Report(DiagnosticCode::E0303, expr.range,
                                 "missing required field `" + field.name + "` of `" + schema.name + "`")) {
        d->labels.push_back({field.name_range, "`" + field.name + "` is declared here"});
      }
    }
  }

  void CheckExternalEntries(const std::vector<ast::RecordEntry>& entries, ExternalTypeId type, const Env* env) {
    const ExternalTypes& catalog = *program_.external;
    for (const ast::RecordEntry& entry : entries) {
      if (entry.kind == ast::RecordEntry::Kind::kIf) {
        CheckCondition(*entry.condition, env, "the condition of `if`");
        CheckExternalEntries(entry.then_entries, type, env);
        CheckExternalEntries(entry.else_entries, type, env);
        continue;
      }
      if (entry.kind == ast::RecordEntry::Kind::kFor || entry.key_expr) {
        InferEntry(entry, env);
        continue;
      }
      std::optional<ExternalField> field = catalog.FindField(type, entry.key);
      if (!field) {
        if (!quiet_) {
          // The catalog words it as schema validation does (history, "did you mean").
          std::vector<std::string_view> siblings;
          for (const ast::RecordEntry& other : entries) siblings.push_back(other.key);
          catalog.ReportUnknownField(type, entry.key, entry.key_range, siblings, sink_);
        }
        if (entry.value) Infer(*entry.value, env);
        continue;
      }
      if (entry.value) Check(*entry.value, External(field->type), env);
    }
  }

  Program& program_;
  TypeResolver types_;
  StaticConformContext conform_context_;  // constants only: no defaults or checks to evaluate
  DiagnosticSink& sink_;
  ModuleInfo* module_ = nullptr;
  bool quiet_ = false;
  std::map<const ast::Decl*, TypeRef> global_types_;
  std::set<const ast::Decl*> inferring_;
};

}  // namespace

void CheckProgram(Program& program, DiagnosticSink& sink) {
  StaticChecker checker(program, sink);
  for (auto& module : program.modules) checker.CheckModule(*module);
}

}  // namespace mast
