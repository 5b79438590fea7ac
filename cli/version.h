// What `mast --version` prints: the version and the allocator the binary
// was linked with (mimalloc when the build found it).
#pragma once

#include <string>

namespace mast::cli {

std::string VersionText();

}  // namespace mast::cli
