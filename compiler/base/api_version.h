// The parts of a Kubernetes apiVersion ("apps/v1", "v1").
#pragma once

#include <string_view>

namespace mast {

// The API group of an apiVersion: "apps" for "apps/v1", empty for the core
// group's "v1".
inline std::string_view ApiGroupOf(std::string_view api_version) {
  const size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
}

}  // namespace mast
