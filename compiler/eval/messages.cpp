// Wording shared by the static checker and the evaluator, so that a problem
// found before and during evaluation reads the same.
#include <cctype>

#include "eval/evaluator_impl.h"

namespace mast {

std::string WithNotRecordMessage(bool left_side, std::optional<Value::Kind> found) {
  std::string what = found ? WithArticle(KindName(*found)) : std::string("a value");
  std::string message = "`with` merges two records, but its " + std::string(left_side ? "left" : "right") +
                        " side is " + what;
  if (found == Value::Kind::kList && left_side) {
    message += "; `with` does not merge lists: append with `+` (`items + [item]`), or merge the records of a "
               "list one by one with a comprehension";
  }
  return message;
}

std::string CalledTypeName(const ast::Expr& callee, const ModuleInfo& module) {
  auto is_type_name = [](const std::string& name) {
    return !name.empty() && std::isupper(static_cast<unsigned char>(name[0]));
  };
  if (callee.kind == ast::ExprKind::kName && is_type_name(callee.name)) return "`" + callee.name + "`";
  if (callee.kind != ast::ExprKind::kField || !callee.left || callee.left->kind != ast::ExprKind::kName ||
      !is_type_name(callee.name)) {
    return "";
  }
  auto import = module.imports.find(callee.left->name);
  if (import == module.imports.end()) return "";
  return "`" + callee.left->name + "." + callee.name + "`";
}

}  // namespace mast
