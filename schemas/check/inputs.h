// Expanding `mast check` arguments into the list of files to check.
#pragma once

#include <string>
#include <vector>

#include "schemas/check/glob.h"

namespace mast {

enum class InputKind : uint8_t { kManifest, kMast, kStdin, kKustomization };

struct InputFile {
  std::string path;
  InputKind kind = InputKind::kManifest;
};

// A file (or a chart's templates directory) that is not a manifest, left
// out with the reason (input_roles.h).
struct SkippedInput {
  std::string path;
  std::string reason;  // "a GitHub Actions workflow"
};

struct CollectOptions {
  // Recognise files that are not manifests (input_roles.h): skip workflows,
  // compose files, Helm charts' files; take kustomizations as such. Off for
  // --strict-inputs. Default on.
  bool recognise_roles = true;
};

struct InputList {
  std::vector<InputFile> files;  // argument order; each directory's files sorted by path
  std::vector<SkippedInput> skipped;
  std::vector<std::string> errors;  // "cannot read `x`: no such file or directory"
  // Paths (files, or directories as a whole) left out by each matcher.
  size_t ignored = 0;
  size_t ignored_by_config = 0;
};

// A file named directly is always taken (.mast ones are compiled); a
// directory is searched recursively for .yaml, .yml and .json files (and
// Kustomize's `Kustomization`), skipping hidden entries (names starting
// with `.`). With CollectOptions::recognise_roles, files that are not
// manifests are moved to `skipped`, a chart's templates directory is not
// searched, and a chart directory named as an input is an error (its
// templates are not YAML until rendered). Paths matched by `ignore` (the
// command line's) or `config_ignore` (a .mast.yaml's) are dropped and
// counted, and a path given twice is taken once. A directory that cannot be
// read (permissions) is an error, not an empty directory.
InputList CollectInputs(const std::vector<std::string>& paths, const IgnoreMatcher& ignore,
                        const IgnoreMatcher& config_ignore = IgnoreMatcher({}), const CollectOptions& options = {});

// Whether a directory search takes this file name.
bool IsManifestFileName(std::string_view name);

}  // namespace mast
