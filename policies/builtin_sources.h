// The built-in policy files, embedded at build time by the precompile_policies
// tool (policies/tools/precompile_policies.cpp).
#pragma once

#include <string_view>
#include <vector>

namespace mast {

struct BuiltinPolicySource {
  std::string_view path;  // "builtin/probes.mast"
  std::string_view text;
  std::string_view tree;  // the parsed text, encoded by EncodeModule (syntax/ast_codec.h)
};

const std::vector<BuiltinPolicySource>& BuiltinPolicySources();

}  // namespace mast
