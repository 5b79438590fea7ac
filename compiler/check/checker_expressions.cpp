// The static checker on expressions: what type each has where that is
// known (Infer), and whether it fits the type expected of it (Check).
#include <algorithm>

#include "compiler/check/checker.h"
#include "compiler/sema/messages.h"

namespace mast::checker {

TypeRef StaticChecker::Infer(const ast::Expr& expr, const Env* env) {
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
        IndexTypeName(expr.name_range, expr.module, expr.name, nullptr);
        InferEntries(expr.entries, env);
        return AnyType();
      }
      IndexTypeName(expr.name_range, expr.module, expr.name, type);
      CheckRecord(expr, type, env);
      return type;
    }
    case K::kList: return InferList(expr, env);
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
    case K::kIf: return InferIf(expr, env);
    case K::kLet: {
      TypeRef bound = expr.type ? Resolve(expr.type.get()) : AnyType();
      if (expr.type) Check(*expr.right, bound, env);
      else bound = Infer(*expr.right, env);
      Env inner{env, {Var{expr.name, bound, SymbolKind::kLocal, expr.name_range}}};
      RecordVar(expr.name_range, inner.vars.back(), true);
      RecordScope(inner.vars.back(), expr.third->range);
      return Infer(*expr.third, &inner);
    }
    case K::kError: return AnyType();
  }
  return AnyType();
}

TypeRef StaticChecker::InferBinary(const ast::Expr& expr, const Env* env) {
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
    case Op::kCoalesce: {
      // An unknown left side keeps the default's type, as checking always
      // did; a known one is the left's type without null, or the default.
      if (IsAny(left)) return right;
      TypeRef present = left;
      if (left->kind == Type::Kind::kUnion) {
        present = nullptr;
        for (const TypeRef& member : left->members) {
          if (member->kind != Type::Kind::kNull) present = present ? Join(present, member) : member;
        }
      }
      if (!present || present->kind == Type::Kind::kNull) return right;
      return Join(present, right);
    }
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

void StaticChecker::Check(const ast::Expr& expr, const TypeRef& expected, const Env* env, bool null_ok) {
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
      Env inner{env, {Var{expr.name, bound, SymbolKind::kLocal, expr.name_range}}};
      RecordVar(expr.name_range, inner.vars.back(), true);
      RecordScope(inner.vars.back(), expr.third->range);
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

void StaticChecker::CheckCondition(const ast::Expr& condition, const Env* env, std::string_view what) {
  std::optional<Value::Kind> kind = ValueKindOf(*Infer(condition, env));
  if (kind && *kind != Value::Kind::kBool) {
    Report(DiagnosticCode::E0301, condition.range,
           std::string(what) + " must be a boolean, found " + std::string(KindName(*kind)));
  }
}

TypeRef StaticChecker::InferList(const ast::Expr& expr, const Env* env) {
  TypeRef element;  // the join of the items' types; `any` for an empty list
  for (const ast::ListItem& item : expr.items) {
    if (!item.value) continue;
    TypeRef type;
    if (item.comprehension) {
      std::vector<Env> inner = ComprehensionEnvs(*item.comprehension, env, item.range);
      type = Infer(*item.value, &inner.back());
    } else {
      type = Infer(*item.value, env);
    }
    element = element ? Join(element, type) : type;
  }
  Type list;
  list.kind = Type::Kind::kList;
  list.element = element ? element : AnyType();
  return MakeType(std::move(list));
}

TypeRef StaticChecker::InferIf(const ast::Expr& expr, const Env* env) {
  CheckCondition(*expr.left, env, "the condition of `if`");
  TypeRef then_type = Infer(*expr.right, env);
  TypeRef else_type = Infer(*expr.third, env);
  return Join(then_type, else_type);
}

std::vector<Env> StaticChecker::ComprehensionEnvs(const ast::Comprehension& comprehension, const Env* env,
                                                  SourceRange visible) {
  std::vector<Env> envs;
  envs.reserve(comprehension.nested.size() + 1);
  envs.push_back(ClauseEnv(comprehension, env, visible));
  for (const ast::Comprehension& clause : comprehension.nested) {
    envs.push_back(ClauseEnv(clause, &envs.back(), visible));
  }
  return envs;
}

Env StaticChecker::ClauseEnv(const ast::Comprehension& comprehension, const Env* env, SourceRange visible) {
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
    inner.vars.push_back(Var{comprehension.key_var, element, SymbolKind::kLoopVariable, comprehension.key_var_range});
  } else {
    inner.vars.push_back(Var{comprehension.key_var, key, SymbolKind::kLoopVariable, comprehension.key_var_range});
    inner.vars.push_back(Var{comprehension.value_var, element, SymbolKind::kLoopVariable,
                             comprehension.value_var_range});
  }
  // In scope after the clause's iterable: in its filter, the later clauses
  // and the item or entry.
  SourceRange scope{visible.file, std::max(visible.begin, comprehension.iterable->range.end), visible.end};
  for (const Var& var : inner.vars) {
    RecordVar(var.definition, var, true);
    RecordScope(var, scope);
  }
  if (comprehension.filter) CheckCondition(*comprehension.filter, &inner, "the `if` filter");
  return inner;
}

}  // namespace mast::checker
