// A map keyed by pointers, for the evaluator's caches keyed by syntax-tree
// nodes, which are read at nearly every evaluation step. Open addressing in
// one array: a lookup costs a multiply and usually one cache line, where
// std::unordered_map divides and follows a node pointer. Values are kept in
// a deque, so a reference to one stays valid while the map grows, and each
// slot points at its value.
#pragma once

#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

namespace mast {

template <typename T>
class PointerMap {
 public:
  T* Find(const void* key) {
    if (slots_.empty()) return nullptr;
    for (size_t i = Hash(key) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].key == key) return slots_[i].value;
      if (slots_[i].key == nullptr) return nullptr;
    }
  }

  // Sets the value of `key` and returns it.
  T& Insert(const void* key, T value) {
    if (T* present = Find(key)) return *present = std::move(value);
    if ((values_.size() + 1) * 4 > slots_.size() * 3) Grow();
    values_.push_back(std::move(value));
    Place(key, &values_.back());
    return values_.back();
  }

  size_t size() const { return values_.size(); }

 private:
  // The slot points at its value, which the deque keeps in place: a lookup
  // reads the slot array and then the value, nothing in between.
  struct Slot {
    const void* key = nullptr;
    T* value = nullptr;
  };

  static size_t Hash(const void* key) {
    uint64_t x = reinterpret_cast<uintptr_t>(key);
    x ^= x >> 31;
    x *= 0x9E3779B97F4A7C15ull;
    return static_cast<size_t>(x >> 16);
  }

  void Place(const void* key, T* value) {
    size_t i = Hash(key) & (slots_.size() - 1);
    while (slots_[i].key != nullptr) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = {key, value};
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    for (const Slot& slot : old) {
      if (slot.key != nullptr) Place(slot.key, slot.value);
    }
  }

  std::vector<Slot> slots_;  // a power of two in size, at most 3/4 full
  std::deque<T> values_;
};

}  // namespace mast
