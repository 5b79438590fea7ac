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
  // Paths (files, or directories as a whole) left out by each matcher.
  size_t ignored = 0;
  size_t ignored_by_config = 0;
};

// A file named directly is always taken (.mast ones are compiled); a
// directory is searched recursively for .yaml, .yml and .json files, skipping
// hidden entries (names starting with `.`). Paths matched by `ignore` (the
// command line's) or `config_ignore` (a .mast.yaml's) are dropped and
// counted, and a path given twice is taken once. A directory that cannot be
// read (permissions) is an error, not an empty directory.
InputList CollectInputs(const std::vector<std::string>& paths, const IgnoreMatcher& ignore,
                        const IgnoreMatcher& config_ignore = IgnoreMatcher({}));

// Whether a directory search takes this file name.
bool IsManifestFileName(std::string_view name);

}  // namespace mast
