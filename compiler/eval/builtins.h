// The standard library's metadata, for docs, hover and completion.
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

std::vector<BuiltinSignature> AllBuiltins();

}  // namespace mast
