// `mast import --factor`: records that repeat across the imported objects
// (label maps, selectors, container blocks, ...) become `let`s, and the
// objects refer to them by name. A record is factored out when it is written
// at least twice after the larger records around it have been, and when it
// has two fields or more (a label map or selector: one). Names come from what
// the record is: `webLabels`, `webContainer`, else the key it sits under.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "compiler/emit/mast_writer.h"
#include "compiler/value/value.h"

namespace mast::cli {

class Factoring {
 public:
  explicit Factoring(const std::vector<Value>& objects);

  // The `let` declarations, in order of first use ("" when nothing repeats).
  std::string Declarations(MastWriteHooks hooks) const;
  // The let that stands for `record` in the objects, or "".
  std::string NameOf(const Value& record) const;
  size_t size() const { return lets_.size(); }

 private:
  struct Candidate {
    Value value;
    std::string hint;  // the key it sits under ("labels"), or its list's ("containers")
    size_t count = 0;
  };
  void Collect(const Value& value, const std::string& hint, bool root);
  void CountUses(const Value& value, bool root, std::map<std::string, size_t>& uses) const;

  std::map<std::string, Candidate> candidates_;  // by the record's Mast text
  std::vector<std::string> order_;               // texts, in first-seen order
  std::map<std::string, std::string> selected_;  // text -> let name
  std::vector<std::pair<std::string, std::string>> lets_;  // name, text; in order
};

}  // namespace mast::cli
