// API versions that Kubernetes no longer serves, with their replacements.
// Taken from the Kubernetes "Deprecated API Migration Guide"
// (kubernetes.io/docs/reference/using-api/deprecation-guide/), release by
// release. `mast check` consults this table only for an apiVersion/kind that
// the active catalog does not serve, so a catalog of an older release keeps
// accepting what that release served.
#pragma once

#include <string_view>

namespace mast {

struct RemovedApi {
  std::string_view api_version;  // "extensions/v1beta1"
  std::string_view kind;         // "Deployment"
  std::string_view removed_in;   // "1.16"
  std::string_view replacement;  // "apps/v1"; empty when the kind is gone
  std::string_view notes;        // notable changes in the replacement, or ""
};

// The removed version of `kind`, or nullptr.
const RemovedApi* FindRemovedApi(std::string_view api_version, std::string_view kind);

}  // namespace mast
