#include "compiler/sema/messages.h"

#include <cctype>

namespace mast {

std::string WithArticle(std::string_view noun) {
  bool vowel = !noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string_view::npos;
  return std::string(vowel ? "an " : "a ") + std::string(noun);
}

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

std::optional<std::string> WrongBuiltinArity(const BuiltinSignature& builtin, size_t count) {
  const int found = static_cast<int>(count);
  if (found >= builtin.min_args && found <= builtin.max_args) return std::nullopt;
  std::string expected = builtin.min_args == builtin.max_args
                             ? std::to_string(builtin.min_args)
                             : std::to_string(builtin.min_args) + " to " + std::to_string(builtin.max_args);
  return "`" + std::string(builtin.name) + "` takes " + expected + " argument" + (builtin.max_args == 1 ? "" : "s") +
         ", found " + std::to_string(found) + "; signature: `" + std::string(builtin.signature) + "`";
}

}  // namespace mast
