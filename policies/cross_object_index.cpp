#include "policies/cross_object_index.h"

#include <algorithm>

#include "policies/packed_object.h"

namespace mast {
namespace {

std::vector<ObjectIndex::WhereField> WhereFields(const ObjectReads& reads) {
  std::vector<ObjectIndex::WhereField> fields;
  for (const WherePath& path : reads.where_paths()) fields.push_back({path.kind, path.path});
  return fields;
}

}  // namespace

struct CrossObjectIndex::Worker {
  explicit Worker(std::vector<ObjectIndex::WhereField> fields) : index(std::move(fields)) {}

  std::vector<std::string> blocks;  // packed objects, back to back
  PackedKeys keys;                  // their record keys
  std::vector<Entry> entries;       // in the order they were added; an entry's number is its id in `index`
  ObjectIndex index;
  struct Kind {
    uint32_t id = 0;
    FieldDemand demand;  // what to keep of an object of this kind
    // Made from `demand` while packing (a node of the map: neither moves).
    std::unique_ptr<MergedDemands> merged = std::make_unique<MergedDemands>();
  };
  ObjectIndex::TextMap<Kind> kinds;
  std::string scratch;
};

CrossObjectIndex::CrossObjectIndex(ObjectReads reads, unsigned workers)
    : reads_(std::move(reads)), index_(WhereFields(reads_)) {
  for (unsigned w = 0; w <= workers; ++w) workers_.push_back(std::make_unique<Worker>(WhereFields(reads_)));
}

CrossObjectIndex::~CrossObjectIndex() = default;

uint32_t CrossObjectIndex::KindId(std::string_view kind) {
  std::lock_guard<std::mutex> lock(kinds_mutex_);
  auto it = std::find(kinds_.begin(), kinds_.end(), kind);
  if (it != kinds_.end()) return static_cast<uint32_t>(it - kinds_.begin());
  kinds_.emplace_back(kind);
  return static_cast<uint32_t>(kinds_.size() - 1);
}

void CrossObjectIndex::Pack(Worker& worker, const Value& value, uint32_t input, uint32_t offset) {
  const std::string_view kind_name = KindOf(value);
  auto kind = worker.kinds.find(kind_name);
  if (kind == worker.kinds.end()) {
    kind = worker.kinds.emplace(std::string(kind_name), Worker::Kind{KindId(kind_name), reads_.ForKind(kind_name)}).first;
  }
  worker.scratch.clear();
  PackProjection(value, kind->second.demand, worker.keys, worker.scratch, kind->second.merged.get(), offset);
  constexpr size_t kBlock = size_t{256} << 10;
  if (worker.blocks.empty() || worker.blocks.back().size() + worker.scratch.size() > kBlock) {
    worker.blocks.emplace_back().reserve(std::max(kBlock, worker.scratch.size()));
  }
  std::string& block = worker.blocks.back();
  Entry entry;
  entry.block = static_cast<uint32_t>(worker.blocks.size() - 1);
  entry.offset = static_cast<uint32_t>(block.size());
  entry.size = static_cast<uint32_t>(worker.scratch.size());
  entry.kind = kind->second.id;
  entry.input = input;
  entry.begin = value.origin().begin + offset;
  block += worker.scratch;
  worker.index.Add(static_cast<ObjectIndex::Id>(worker.entries.size()), value);
  worker.entries.push_back(entry);
}

void CrossObjectIndex::Add(unsigned worker, const std::vector<CheckedObject>& objects, uint32_t offset) {
  Worker& mine = *workers_[std::min<size_t>(worker, workers_.size() - 2)];
  for (const CheckedObject& object : objects) {
    if (object.value.IsMap()) Pack(mine, object.value, object.input, offset);
  }
}

void CrossObjectIndex::Finish(const std::vector<CheckedObject>& objects) {
  Worker& late = *workers_.back();
  for (const CheckedObject& object : objects) {
    if (!object.observed && object.value.IsMap()) Pack(late, object.value, object.input, 0);
  }
  order_.clear();
  for (uint32_t w = 0; w < workers_.size(); ++w) {
    for (uint32_t e = 0; e < workers_[w]->entries.size(); ++e) order_.push_back({w, e});
  }
  auto key = [&](const Place& place) {
    const Entry& entry = workers_[place.worker]->entries[place.entry];
    return std::make_pair(entry.input, entry.begin);
  };
  std::stable_sort(order_.begin(), order_.end(), [&](const Place& a, const Place& b) { return key(a) < key(b); });
  std::vector<std::vector<ObjectIndex::Id>> ids(workers_.size());
  for (size_t w = 0; w < workers_.size(); ++w) ids[w].resize(workers_[w]->entries.size());
  for (size_t id = 0; id < order_.size(); ++id) ids[order_[id].worker][order_[id].entry] = static_cast<ObjectIndex::Id>(id);
  for (size_t w = 0; w < workers_.size(); ++w) {
    index_.Merge(std::move(workers_[w]->index), ids[w]);
    workers_[w]->kinds.clear();
    std::string().swap(workers_[w]->scratch);
  }
  index_.Seal();
}

std::string_view CrossObjectIndex::KindAt(size_t id) const {
  const Place& place = order_[id];
  return kinds_[workers_[place.worker]->entries[place.entry].kind];
}

Value CrossObjectIndex::ObjectAt(size_t id) const {
  const Place& place = order_[id];
  const Worker& worker = *workers_[place.worker];
  const Entry& entry = worker.entries[place.entry];
  return UnpackObject(std::string_view(worker.blocks[entry.block]).substr(entry.offset, entry.size), worker.keys);
}

size_t CrossObjectIndex::PackedBytes() const {
  size_t bytes = order_.size() * sizeof(Place);
  for (const auto& worker : workers_) {
    for (const std::string& block : worker->blocks) bytes += block.capacity();
    bytes += worker->entries.capacity() * sizeof(Entry);
  }
  return bytes;
}

}  // namespace mast
