// Unary and binary operators: logic, comparison, arithmetic, `??` and `with`.
#include <cmath>

#include "compiler/eval/evaluator_impl.h"

namespace mast {

Value Evaluator::EvalUnary(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  Value storage;
  const Value& operand = EvalRef(*expr.left, module, scope, storage);
  if (expr.op == ast::Operator::kNot) {
    return Value::Bool(!ExpectBool(operand, expr.left->range, "the operand of `!`"), expr.range, call_chain_);
  }
  if (operand.IsInt()) {
    if (operand.AsInt() == INT64_MIN) Fail(DiagnosticCode::E0412, expr.range, "negation overflows 64 bits");
    return Value::Int(-operand.AsInt(), expr.range, call_chain_);
  }
  if (operand.IsFloat()) return Value::Float(-operand.AsFloat(), expr.range, call_chain_);
  Fail(DiagnosticCode::E0307, expr.left->range,
       "`-` needs a number, found " + std::string(KindName(operand.kind())));
}

namespace {

int CompareValues(const Value& a, const Value& b) {
  if (a.IsString()) return a.AsString().compare(b.AsString());
  double x = a.AsFloat();
  double y = b.AsFloat();
  if (a.IsInt() && b.IsInt()) return a.AsInt() < b.AsInt() ? -1 : a.AsInt() > b.AsInt() ? 1 : 0;
  return x < y ? -1 : x > y ? 1 : 0;
}

}  // namespace

Value Evaluator::EvalBinary(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  using Op = ast::Operator;
  Value left_storage;
  const Value& left = EvalRef(*expr.left, module, scope, left_storage);
  switch (expr.op) {
    case Op::kAnd: {
      if (!ExpectBool(left, expr.left->range, "the left side of `&&`")) {
        return Value::Bool(false, expr.range, call_chain_);
      }
      Value right_storage;
      const Value& right = EvalRef(*expr.right, module, scope, right_storage);
      return Value::Bool(ExpectBool(right, expr.right->range, "the right side of `&&`"), expr.range, call_chain_);
    }
    case Op::kOr: {
      if (ExpectBool(left, expr.left->range, "the left side of `||`")) {
        return Value::Bool(true, expr.range, call_chain_);
      }
      Value right_storage;
      const Value& right = EvalRef(*expr.right, module, scope, right_storage);
      return Value::Bool(ExpectBool(right, expr.right->range, "the right side of `||`"), expr.range, call_chain_);
    }
    case Op::kCoalesce:
      return left.IsNull() ? Eval(*expr.right, module, scope) : left;
    default: break;
  }
  Value right_storage;
  const Value& right = EvalRef(*expr.right, module, scope, right_storage);
  switch (expr.op) {
    case Op::kEqual: return Value::Bool(left.Equals(right), expr.range, call_chain_);
    case Op::kNotEqual: return Value::Bool(!left.Equals(right), expr.range, call_chain_);
    case Op::kWith: {
      if (!left.IsMap() || !right.IsMap()) {
        bool left_bad = !left.IsMap();
        Fail(DiagnosticCode::E0307, (left_bad ? expr.left : expr.right)->range,
             WithNotRecordMessage(left_bad, left_bad ? left.kind() : right.kind()));
      }
      return EvalWith(expr, left, right, module, scope);
    }
    case Op::kLess:
    case Op::kLessEqual:
    case Op::kGreater:
    case Op::kGreaterEqual: {
      bool comparable = (left.IsNumber() && right.IsNumber() && left.kind() == right.kind()) ||
                        (left.IsString() && right.IsString());
      if (!comparable) {
        Fail(DiagnosticCode::E0307, expr.range,
             std::string("`") + ast::OperatorText(expr.op) + "` compares two integers, two floats or two strings, found " +
                 std::string(KindName(left.kind())) + " and " + std::string(KindName(right.kind())));
      }
      int c = CompareValues(left, right);
      bool result = expr.op == Op::kLess ? c < 0 : expr.op == Op::kLessEqual ? c <= 0
                    : expr.op == Op::kGreater ? c > 0 : c >= 0;
      return Value::Bool(result, expr.range, call_chain_);
    }
    default: return EvalArithmetic(expr, left, right);
  }
}

Value Evaluator::EvalArithmetic(const ast::Expr& expr, const Value& left, const Value& right) {
  using Op = ast::Operator;
  if (expr.op == Op::kAdd && left.IsString() && right.IsString()) {
    ChargeBytes(left.AsString().size() + right.AsString().size(), expr.range, "the joined string");
    return Value::String(left.AsString() + right.AsString(), expr.range, call_chain_);
  }
  if (expr.op == Op::kAdd && left.IsList() && right.IsList()) {
    ChargeBytes((left.AsList().size() + right.AsList().size()) * kValueBytes, expr.range, "the joined list");
    ValueList items = left.AsList();
    items.insert(items.end(), right.AsList().begin(), right.AsList().end());
    return Value::List(std::move(items), expr.range, call_chain_);
  }
  if (left.IsInt() && right.IsInt()) {
    int64_t a = left.AsInt();
    int64_t b = right.AsInt();
    int64_t out = 0;
    bool overflow = false;
    switch (expr.op) {
      case Op::kAdd: overflow = __builtin_add_overflow(a, b, &out); break;
      case Op::kSubtract: overflow = __builtin_sub_overflow(a, b, &out); break;
      case Op::kMultiply: overflow = __builtin_mul_overflow(a, b, &out); break;
      case Op::kDivide:
      case Op::kModulo:
        if (b == 0) Fail(DiagnosticCode::E0405, expr.right->range, "division by zero");
        if (a == INT64_MIN && b == -1) overflow = true;
        else out = expr.op == Op::kDivide ? a / b : a % b;
        break;
      default: break;
    }
    if (overflow) Fail(DiagnosticCode::E0412, expr.range, "integer arithmetic overflows 64 bits");
    return Value::Int(out, expr.range, call_chain_);
  }
  if (left.IsFloat() && right.IsFloat()) {
    double a = left.AsFloat();
    double b = right.AsFloat();
    switch (expr.op) {
      case Op::kAdd:
      case Op::kSubtract:
      case Op::kMultiply: {
        double result = expr.op == Op::kAdd ? a + b : expr.op == Op::kSubtract ? a - b : a * b;
        if (!std::isfinite(result)) Fail(DiagnosticCode::E0412, expr.range, "the result is not a finite number");
        return Value::Float(result, expr.range, call_chain_);
      }
      case Op::kDivide:
      case Op::kModulo: {
        if (b == 0) Fail(DiagnosticCode::E0405, expr.right->range, "division by zero");
        double result = expr.op == Op::kDivide ? a / b : std::fmod(a, b);
        if (!std::isfinite(result)) Fail(DiagnosticCode::E0412, expr.range, "the result is not a finite number");
        return Value::Float(result, expr.range, call_chain_);
      }
      default: break;
    }
  }
  std::string hint;
  if (left.IsNumber() && right.IsNumber()) hint = "; numbers are not converted implicitly: use `float(x)` or `int(x)`";
  else if (left.IsString() || right.IsString()) hint = "; use interpolation \"${...}\" to build strings";
  Fail(DiagnosticCode::E0307, expr.range,
       std::string("`") + ast::OperatorText(expr.op) + "` cannot combine " + std::string(KindName(left.kind())) +
           " and " + std::string(KindName(right.kind())) + hint);
}

}  // namespace mast
