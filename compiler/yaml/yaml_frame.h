// The reader's state for one open mapping or sequence (internal to yaml/).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/base/source.h"
#include "compiler/value/value.h"

namespace mast::yaml_internal {

// Mappings with more entries than this get a hash index for key lookups.
inline constexpr size_t kLinearLookupLimit = 12;

// A mapping or sequence being built by the reader. Frames are reused for
// every collection at the same depth, so their vectors are scratch space.
struct Frame {
  bool is_map = false;
  bool flow = false;
  bool is_key = false;  // the collection is itself a mapping key (unsupported)
  bool has_anchor = false;
  uint32_t begin = 0;
  uint32_t last_end = 0;
  uint32_t height = 1;
  uint64_t nodes = 1;
  std::string anchor;
  ValueList items;
  ValueMap entries;
  // Mapping state: the key waiting for its value.
  bool has_key = false;
  bool key_valid = true;
  bool key_is_merge = false;
  std::string key;
  SourceRange key_range;
  std::vector<std::pair<size_t, Value>> merges;  // (entry position, source)
  std::vector<uint32_t> table;  // open addressing over entries: index + 1, 0 = free

  void Reset(bool map, bool flow_style, bool key_position, uint32_t start) {
    is_map = map;
    flow = flow_style;
    is_key = key_position;
    has_anchor = false;
    begin = start;
    last_end = start;
    height = 1;
    nodes = 1;
    anchor.clear();
    items.clear();
    entries.clear();
    has_key = false;
    key_valid = true;
    key_is_merge = false;
    merges.clear();
    table.clear();
  }

  // The position of `key` among the entries, or -1. Linear for small
  // mappings; a hash index once they grow past kLinearLookupLimit.
  int64_t FindKey(std::string_view key) const;
  // Updates the index after an entry was appended.
  void IndexLastEntry();
  // Inserts the merged keys of every `<<` source at its position: explicit
  // keys win wherever they appear, earlier sources win over later ones.
  void ApplyMerges();
};

}  // namespace mast::yaml_internal
