// Ignore patterns for `mast check --ignore`: shell-style globs matched
// against input paths, in the spirit of .gitignore.
//
//   *      any run of characters except `/`
//   **     any run of characters, `/` included (`a/**/b` also matches `a/b`)
//   ?      one character except `/`
//   [abc]  [a-z]  [!a-z]  one character of (or not of) a set
//   \x     the character x
//
// A pattern without `/` is matched against every component of the path, so
// `vendor` skips a directory called vendor anywhere and `*.tmpl.yaml` skips
// such files in every directory. A pattern with `/` is matched against the
// whole path as written (a leading `./` on either side is ignored); a
// trailing `/` is dropped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mast {

// Whether `text` matches the glob `pattern` as a whole (no component logic).
bool GlobMatch(std::string_view pattern, std::string_view text);

class IgnoreMatcher {
 public:
  explicit IgnoreMatcher(std::vector<std::string> patterns);

  // Whether `path` (a file or directory path as found) is ignored.
  bool Ignores(std::string_view path) const;
  bool empty() const { return patterns_.empty(); }

 private:
  std::vector<std::string> patterns_;
};

}  // namespace mast
