#include "schemas/rules/resources.h"

namespace mast::rules {

bool IsHugePages(std::string_view name) { return name.substr(0, 10) == "hugepages-"; }

bool IsStandardContainerResource(std::string_view name) {
  return name == "cpu" || name == "memory" || name == "ephemeral-storage" || IsHugePages(name);
}

bool IsNativeResource(std::string_view name) {
  return name.find('/') == std::string_view::npos || name.find("kubernetes.io/") != std::string_view::npos;
}

bool IsOvercommitAllowed(std::string_view name) { return IsNativeResource(name) && !IsHugePages(name); }

bool IsExtendedResource(std::string_view name) { return !IsNativeResource(name) && name.substr(0, 9) != "requests."; }

}  // namespace mast::rules
