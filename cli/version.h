// What `mast --version` prints: the version and the commit it was built from,
// the allocator the binary was linked with (mimalloc when the build found
// it), and the built-in Kubernetes releases. docs/releasing.md describes the
// version scheme.
#pragma once

#include <string>

namespace mast::cli {

// "mast 0.1.0 (git v0.1.0-3-g1e2fd62)": the first line of VersionText().
std::string VersionLine();

std::string VersionText();

}  // namespace mast::cli
