// Expanding `mast check` arguments into the list of files to check.
#pragma once

#include <string>
#include <vector>

#include "schemas/check/glob.h"

namespace mast {

enum class InputKind : uint8_t { kManifest, kMast, kStdin };

struct InputFile {
  std::string path;
  InputKind kind = InputKind::kManifest;
};

struct InputList {
  std::vector<InputFile> files;  // argument order; each directory's files sorted by path
  std::vector<std::string> errors;  // "cannot read `x`: no such file or directory"
};

// A file named directly is always taken (.mast ones are compiled); a
// directory is searched recursively for .yaml, .yml and .json files, skipping
// hidden entries (names starting with `.`). Paths matched by `ignore` are
// dropped, and a path given twice is taken once.
InputList CollectInputs(const std::vector<std::string>& paths, const IgnoreMatcher& ignore);

// Whether a directory search takes this file name.
bool IsManifestFileName(std::string_view name);

}  // namespace mast
