// What `mast check` keeps of the objects for the cross-object rules: each
// object's projection (what those rules read of it, object_reads.h),
// packed, and the index of their lookups (eval/object_index.h), both built
// on the workers as the objects are read. Memory grows with what the rules
// read, not with the objects: the values themselves are dropped with their
// chunk.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/eval/object_index.h"
#include "policies/object_reads.h"
#include "schemas/check/check.h"

namespace mast {

class CrossObjectIndex {
 public:
  CrossObjectIndex(ObjectReads reads, unsigned workers);
  ~CrossObjectIndex();

  // On worker `worker` (< workers): adds the objects of one chunk, in order;
  // their origins are `offset` bytes before their place in their file
  // (ObjectObserver::Observe).
  void Add(unsigned worker, const std::vector<CheckedObject>& objects, uint32_t offset = 0);
  // Once every object is read, on one thread: numbers the objects in input
  // order (objects not added, with their values, join here) and merges the
  // workers' indexes. `objects` are the check's, in input order.
  void Finish(const std::vector<CheckedObject>& objects);

  // After Finish. Thread-safe.
  size_t size() const { return order_.size(); }
  std::string_view KindAt(size_t id) const;
  Value ObjectAt(size_t id) const;  // the projection, unpacked
  ObjectIndex& index() { return index_; }
  // Bytes held: the packed objects and their entries (not the index).
  size_t PackedBytes() const;

 private:
  struct Entry {
    uint32_t block = 0;  // in the worker's blocks
    uint32_t offset = 0;
    uint32_t size = 0;
    uint32_t kind = 0;   // in kinds_
    uint32_t input = 0;  // for the order: input, then position
    uint32_t begin = 0;
  };
  struct Worker;
  struct Place {
    uint32_t worker;
    uint32_t entry;
  };
  uint32_t KindId(std::string_view kind);
  void Pack(Worker& worker, const Value& value, uint32_t input, uint32_t offset);

  ObjectReads reads_;
  std::vector<std::unique_ptr<Worker>> workers_;  // the last one packs objects that join at Finish
  std::mutex kinds_mutex_;
  std::vector<std::string> kinds_;
  std::vector<Place> order_;  // by id
  ObjectIndex index_;
};

}  // namespace mast
