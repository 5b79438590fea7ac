// The index behind the cross-object lookups of policies (`objectsWhere`,
// `objectsOfKind`, `workloadsMatching`, `selectorsMatching`).
//
// A policy runs once per object, and `context.objects` is every object of
// the run, so a rule that scanned it for each object would be quadratic:
// minutes on 10,000 objects. The lookups read an index instead: objects by
// kind, by the value of a field, by their pod labels and by the first label
// their selector requires. Objects are named by ids in input order; a
// `Resolve` gives an object's value (the item of a list in memory, or one
// the policy linter unpacks from its compact store).
//
// An index over a list of values (the builtins' own, per thread) is built
// on first use; the policy linter builds one as it reads the objects and
// binds it to the value it passes as `context.objects` (BindObjectIndex).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/value/value.h"

namespace mast {

// Shapes of Kubernetes objects that the lookups and the policy builtins read.
const Value* ValueAt(const Value& object, std::initializer_list<std::string_view> keys);
std::string_view KindOf(const Value& object);
// The pod template (metadata + spec) of a workload; the object itself for a Pod.
const Value* PodTemplateOf(const Value& object);

class ObjectIndex {
 public:
  using Id = uint32_t;
  // Maps by text that a lookup with a string_view finds without making a
  // string (one per object added, otherwise).
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
  };
  template <typename T>
  using TextMap = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;

  using Resolve = std::function<Value(Id)>;

  // A field that `objectsWhere` compares: the objects of `kind` ("" = of
  // every kind) are indexed by their value at the dotted `path` as they are
  // added. Fields not named here are indexed on first use (Where).
  struct WhereField {
    std::string kind;
    std::string path;
  };
  explicit ObjectIndex(std::vector<WhereField> fields = {});

  // Adds an object with its id; an index's ids are added in increasing
  // order. Seal before the first lookup.
  void Add(Id id, const Value& object);
  // Moves the objects of `other` here, their ids mapped through `ids`
  // (other's id -> this index's); increasing, for the objects of each
  // index that is merged. Seal before the first lookup.
  void Merge(ObjectIndex&& other, const std::vector<Id>& ids);
  // Sorts what Add and Merge added, for the lookups.
  void Seal();

  std::vector<Id> OfKind(std::string_view kind) const;
  // The objects of `kind` whose field at the dotted `path` equals `wanted`
  // (a scalar). A field not indexed yet is indexed now, unless the index is
  // shared between threads (`may_grow` false); it is then searched.
  std::vector<Id> Where(std::string_view kind, std::string_view path, const Value& wanted, const Resolve& resolve,
                        bool may_grow);
  // The workloads whose pod labels `selector` selects, in `ns` ("" = any).
  std::vector<Id> WorkloadsMatching(const Value& selector, std::string_view ns, const Resolve& resolve) const;
  // The objects of `kind` whose selector selects `labels`, in `ns` ("" = any).
  std::vector<Id> SelectorsMatching(std::string_view kind, const Value& labels, std::string_view ns,
                                    const Resolve& resolve) const;

 private:
  // Ids by the hash of a key (a field's value, a pod label, a selector's
  // first label), sorted: a pair takes 16 bytes, where a map from each key
  // to its ids took ten times that. Keys that share a hash share a bucket,
  // so every lookup tests the objects it finds.
  using Buckets = std::vector<std::pair<uint64_t, Id>>;
  template <typename T>
  static T& Slot(TextMap<T>& map, std::string_view key) {
    auto found = map.find(key);
    return found != map.end() ? found->second : map.emplace(std::string(key), T()).first->second;
  }
  template <typename T>
  static const T* Find(const TextMap<T>& map, std::string_view key) {
    auto found = map.find(key);
    return found != map.end() ? &found->second : nullptr;
  }
  static std::vector<Id> Candidates(const Buckets& buckets, uint64_t hash);
  void AddField(const WhereField& field, Id id, const Value& object);
  std::vector<WhereField> fields_;
  TextMap<std::vector<Id>> by_kind_;
  TextMap<Buckets> by_field_;  // by kind '\0' path: value keys
  std::vector<Id> workloads_;                           // objects with a pod template
  Buckets workloads_by_label_;                          // pod label key '\0' value
  // By kind: selectors by their first required label; those without one.
  TextMap<Buckets> selectors_by_label_;
  TextMap<std::vector<Id>> selectors_without_label_;
};

// Makes the lookups of this thread read `index` when their objects are
// `objects` (the very list value, compared by storage), until the binding
// is destroyed. `resolve` gives the objects' values.
class BindObjectIndex {
 public:
  BindObjectIndex(const Value& objects, ObjectIndex& index, ObjectIndex::Resolve resolve);
  ~BindObjectIndex();
  BindObjectIndex(const BindObjectIndex&) = delete;
  BindObjectIndex& operator=(const BindObjectIndex&) = delete;

 private:
  const void* previous_list_;
  ObjectIndex* previous_index_;
  ObjectIndex::Resolve previous_resolve_;
};

// The index bound to `objects` on this thread (BindObjectIndex), or null.
struct BoundObjectIndex {
  ObjectIndex* index = nullptr;
  const ObjectIndex::Resolve* resolve = nullptr;
};
BoundObjectIndex BoundIndexOf(const Value& objects);

}  // namespace mast
