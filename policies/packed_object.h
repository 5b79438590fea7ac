// Objects packed into bytes: what `mast check` keeps of each object for the
// cross-object rules, once the object is read. A packed object is its
// projection (object_reads.h): the fields those rules read, with every
// origin and key range, so that unpacked it is the same value they would
// have read of the whole object. Packed, a Deployment's projection takes a
// few hundred bytes; as values in memory, several kilobytes.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <unordered_map>
#include <vector>

#include "compiler/value/value.h"
#include "policies/object_reads.h"

namespace mast {

// The record keys of packed objects: each is kept once, and the objects
// refer to it by number (`metadata`, `containers`, label names...).
class PackedKeys {
 public:
  uint32_t Number(std::string_view key);
  // The key numbered `number`, or "" for a number it did not give.
  const std::string& Key(uint64_t number) const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
  };
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> numbers_;
  std::vector<const std::string*> keys_;  // by number, into numbers_
  // Number + 1 of a key numbered lately, by a cheap hash of the key (0:
  // none): objects packed one after another repeat the same keys, and
  // comparing one string is cheaper than hashing it for numbers_.
  static constexpr size_t kRecent = 64;
  std::array<uint32_t, kRecent> recent_{};
};

// The demands packing makes by joining two (what is read of a list's
// elements and what placing a finding on the list reads; a field asked for
// by name and as any entry), each made once: packing one object after
// another with the same demand then copies no demand tree per object. Keyed
// by the two demands' addresses, which must outlive it.
class MergedDemands {
 public:
  // `b` with `a` (or nothing) merged in.
  const FieldDemand* Merge(const FieldDemand* a, const FieldDemand& b);

 private:
  std::map<std::pair<const FieldDemand*, const FieldDemand*>, std::unique_ptr<FieldDemand>> made_;
};

// Appends the projection of `value` by `demand`, packed, to `out`, its
// keys numbered in `keys`. `merged`: the demands made for earlier objects
// packed with `demand` (null: made for this object alone). `offset`: the
// origins in `value`'s file are that many bytes before their place in it
// (a chunk's); they are packed at their place.
void PackProjection(const Value& value, const FieldDemand& demand, PackedKeys& keys, std::string& out,
                    MergedDemands* merged = nullptr, uint32_t offset = 0);

// The part of `value` that `demand` asks for, as a value: the same kinds
// and origins, records with the asked-for fields only (all of them where
// `all_entries`), lists with every element (each one nobody reads as an
// empty stub of its kind).
Value Project(const Value& value, const FieldDemand& demand);

// The value packed at `bytes` (by PackProjection). Bytes it cannot read
// (which PackProjection does not write) end the value early.
Value UnpackObject(std::string_view bytes, const PackedKeys& keys);

}  // namespace mast
