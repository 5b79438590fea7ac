// Wording shared by the static checker and the evaluator, so that a problem
// found before and during evaluation reads the same.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "compiler/sema/builtins.h"
#include "compiler/sema/program.h"
#include "compiler/value/value.h"

namespace mast {

std::string WithArticle(std::string_view noun);  // "an integer", "a list"
// The message for `with` on something that is not a record (`found`: the
// kind of the bad operand, when known).
std::string WithNotRecordMessage(bool left_side, std::optional<Value::Kind> found);
// "`core.Service`" when a call's callee names a type rather than a function
// (`core.Service(x)`, `App(x)`), for the hint of E0305; "" otherwise.
std::string CalledTypeName(const ast::Expr& callee, const ModuleInfo& module);
// The message of E0304 for a call of `builtin` with `count` arguments; none
// when it takes that many.
std::optional<std::string> WrongBuiltinArity(const BuiltinSignature& builtin, size_t count);

}  // namespace mast
