// Container resource names, as pkg/apis/core/helper classifies them.
#pragma once

#include <string_view>

namespace mast::rules {

// cpu, memory, ephemeral-storage, hugepages-<size> (IsStandardContainerResourceName).
bool IsStandardContainerResource(std::string_view name);
// No prefix, or a kubernetes.io/ prefix (IsNativeResource).
bool IsNativeResource(std::string_view name);
// hugepages-<size> (IsHugePageResourceName).
bool IsHugePages(std::string_view name);
// Native and not huge pages: requests may be below limits (IsOvercommitAllowed).
bool IsOvercommitAllowed(std::string_view name);
// Not native and not "requests."-prefixed (IsExtendedResourceName, minus the
// qualified-name check done elsewhere): counted in whole units.
bool IsExtendedResource(std::string_view name);

}  // namespace mast::rules
