// KubeCatalog::Shared, for the files that implement KubeCatalog.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "schemas/kube_catalog.h"

namespace mast {

// What every target of one catalog shares. Owned by the root catalog; the
// catalogs aimed at other targets live here too, so they die with it.
struct KubeCatalog::Shared {
  std::string owned_bytes;  // empty for the embedded catalog
  std::vector<std::string> warnings;

  std::once_flag texts_once;
  std::string texts;

  std::once_flag groups_once;
  std::vector<std::string_view> groups;

  std::mutex targets_mutex;
  std::map<ReleaseMask, std::unique_ptr<KubeCatalog>> targets;
};

}  // namespace mast
