#include "compiler/yaml/yaml_frame.h"

#include <functional>
#include <unordered_set>

namespace mast::yaml_internal {

int64_t Frame::FindKey(std::string_view key) const {
  if (table.empty()) {
    for (size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].key == key) return static_cast<int64_t>(i);
    }
    return -1;
  }
  const size_t mask = table.size() - 1;
  for (size_t slot = std::hash<std::string_view>{}(key) & mask;; slot = (slot + 1) & mask) {
    const uint32_t entry = table[slot];
    if (entry == 0) return -1;
    if (entries[entry - 1].key == key) return entry - 1;
  }
}

void Frame::IndexLastEntry() {
  const size_t count = entries.size();
  if (count <= kLinearLookupLimit) return;
  const auto insert = [this](size_t index) {
    const size_t mask = table.size() - 1;
    size_t slot = std::hash<std::string_view>{}(entries[index].key) & mask;
    while (table[slot] != 0) slot = (slot + 1) & mask;
    table[slot] = static_cast<uint32_t>(index + 1);
  };
  if (count * 2 > table.size()) {  // keep the load under one half
    size_t capacity = 64;
    while (capacity < count * 4) capacity *= 2;
    table.assign(capacity, 0);
    for (size_t i = 0; i < count; ++i) insert(i);
  } else {
    insert(count - 1);
  }
}

void Frame::ApplyMerges() {
  // First decide what to insert (explicit keys win, earlier sources win),
  // then rebuild the entry list with the merged keys at each `<<` position.
  std::vector<std::pair<size_t, const MapEntry*>> inserts;
  std::unordered_set<std::string_view> merged;
  const auto take = [&](size_t position, const Value& source) {
    for (const MapEntry& entry : source.AsMap()) {
      if (FindKey(entry.key) >= 0 || !merged.insert(entry.key).second) continue;
      inserts.emplace_back(position, &entry);
    }
  };
  for (const auto& [position, source] : merges) {
    if (source.IsMap()) {
      take(position, source);
    } else {
      for (const Value& item : source.AsList()) take(position, item);
    }
  }
  ValueMap result;
  result.reserve(entries.size() + inserts.size());
  size_t next = 0;
  for (size_t i = 0; i <= entries.size(); ++i) {
    for (; next < inserts.size() && inserts[next].first == i; ++next) result.push_back(*inserts[next].second);
    if (i < entries.size()) result.push_back(std::move(entries[i]));
  }
  entries = std::move(result);
  merges.clear();
  table.clear();
}

}  // namespace mast::yaml_internal
