#include "compiler/syntax/ast.h"

namespace mast::ast {

const char* OperatorText(Operator op) {
  switch (op) {
    case Operator::kNot: return "!";
    case Operator::kNegate: return "-";
    case Operator::kAdd: return "+";
    case Operator::kSubtract: return "-";
    case Operator::kMultiply: return "*";
    case Operator::kDivide: return "/";
    case Operator::kModulo: return "%";
    case Operator::kEqual: return "==";
    case Operator::kNotEqual: return "!=";
    case Operator::kLess: return "<";
    case Operator::kLessEqual: return "<=";
    case Operator::kGreater: return ">";
    case Operator::kGreaterEqual: return ">=";
    case Operator::kAnd: return "&&";
    case Operator::kOr: return "||";
    case Operator::kCoalesce: return "??";
    case Operator::kWith: return "with";
  }
  return "?";
}

}  // namespace mast::ast
