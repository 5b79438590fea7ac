// The built-in policy files, embedded at build time (embed_policies.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace mast {

struct BuiltinPolicySource {
  std::string_view path;  // "builtin/probes.mast"
  std::string_view text;
};

const std::vector<BuiltinPolicySource>& BuiltinPolicySources();

}  // namespace mast
