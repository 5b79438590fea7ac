// The standard library's names and signatures, without their
// implementations (eval/builtin_table.h): what the checker needs to know of
// a call, and what docs, hover and completion show.
#pragma once

#include <string_view>
#include <vector>

namespace mast {

struct BuiltinSignature {
  std::string_view name;
  int min_args = 0;
  int max_args = 0;
  std::string_view signature;  // "len(x: string | [any] | {string: any}): int"
  std::string_view doc;
};

// Every builtin, by name.
std::vector<BuiltinSignature> AllBuiltins();
// Null if `name` is not a builtin.
const BuiltinSignature* FindBuiltinSignature(std::string_view name);
inline bool IsBuiltin(std::string_view name) { return FindBuiltinSignature(name) != nullptr; }
// The names of AllBuiltins, for "did you mean".
const std::vector<std::string_view>& BuiltinNames();

}  // namespace mast
