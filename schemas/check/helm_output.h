// `helm template` output names the template of each document in a comment:
//
//   ---
//   # Source: chart/templates/deployment.yaml
//   apiVersion: apps/v1
//
// FindHelmSources reads these, so that findings on the rendered text are
// shown on their template (SourceFile::RenderedPart).
#pragma once

#include <string_view>
#include <vector>

#include "compiler/base/source.h"

namespace mast {

// One part per document of `text` (each begins at a `---` line, the first
// at offset 0), with the source its `# Source:` comment names, or "".
// Empty when no document has such a comment.
std::vector<SourceFile::RenderedPart> FindHelmSources(std::string_view text);

}  // namespace mast
