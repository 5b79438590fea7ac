// Baselines for gradual adoption: `--write-baseline FILE` records the
// current findings, `--baseline FILE` hides the findings recorded there, so
// that only new ones fail the run. A finding is identified by its rule or
// code, its file, its message and the text of its line (not the line
// number), so unrelated edits that move lines do not resurface it.
#pragma once

#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"

namespace mast {

std::string WriteBaseline(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources);

struct BaselineResult {
  bool ok = false;
  std::string error;      // when the file cannot be read or parsed
  size_t matched = 0;     // findings removed because the baseline has them
};

// Removes from `diagnostics` every finding the baseline file records (each
// record matches at most one finding).
BaselineResult ApplyBaseline(const std::string& path, std::vector<Diagnostic>& diagnostics, const SourceManager& sources);

}  // namespace mast
