// The YAML comments `mast import` carries over. libyaml does not report
// comments, so they are found in the source text next to the values' ranges:
// the comment lines right above a mapping key (when only indentation or
// `- ` stands before the key on its line), and a comment after a scalar on
// its line. Each comment is handed out once.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "compiler/base/source.h"
#include "compiler/emit/mast_writer.h"

namespace mast::cli {

class YamlComments {
 public:
  explicit YamlComments(const SourceManager& sources) : sources_(sources) {}

  // The comment lines above the key at `key`, top to bottom, without `#`.
  std::vector<std::string> Above(SourceRange key);
  // The comment after the scalar at `value` on its line, without `#`; "".
  std::string Trailing(SourceRange value);

  // Hooks for WriteMastValue, valid while this object lives.
  MastWriteHooks Hooks();

 private:
  const SourceManager& sources_;
  std::set<std::pair<FileId, uint32_t>> used_;  // comments handed out, by the offset of their `#`
};

}  // namespace mast::cli
