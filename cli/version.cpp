#include "cli/version.h"

#include "mast_version_info.h"  // MAST_GIT_COMMIT, written at build time by cmake/MastVersion.cmake
#include "schemas/kube_catalog.h"

#ifdef MAST_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace mast::cli {

std::string VersionLine() { return std::string("mast ") + MAST_VERSION + " (git " + MAST_GIT_COMMIT + ")"; }

std::string VersionText() {
  std::string text = VersionLine() + "\nallocator: ";
#ifdef MAST_WITH_MIMALLOC
  // mi_version() is 209 for 2.0.9. Calling it also keeps the library linked
  // under --as-needed, where nothing else names it.
  const int version = mi_version();
  text += "mimalloc " + std::to_string(version / 100) + "." + std::to_string(version / 10 % 10) + "." +
          std::to_string(version % 10);
#else
  text += "glibc malloc";
#endif
  const KubeCatalog& catalog = KubeCatalog::Embedded();
  text += "\nKubernetes releases: " + catalog.ReleaseList(catalog.view().AllReleases()) + " (default " +
          catalog.TargetName() + ")";
  return text;
}

}  // namespace mast::cli
