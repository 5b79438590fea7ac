#include "compiler/base/provenance.h"

#include <functional>

namespace mast {

size_t ProvenanceTable::KeyHash::operator()(const Key& key) const {
  size_t hash = key.parent;
  for (uint32_t part : {key.site.file, key.site.begin, key.site.end, key.flags}) {
    hash = hash * 0x9E3779B97F4A7C15ull + part;
  }
  return key.extra.empty() ? hash : hash ^ std::hash<std::string>()(key.extra);
}

const ProvenanceTable::Node* ProvenanceTable::Find(ProvenanceId id) const {
  id &= ~kFailedTypeBit;
  return id == kNoProvenance || id > nodes_.size() ? nullptr : &nodes_[id - 1];
}

ProvenanceId ProvenanceTable::CallChain(ProvenanceId id) const {
  const Node* node = Find(id);
  // Removals stack on the record's provenance; the bound guards a table
  // that was handed a foreign id.
  for (size_t steps = 0; node != nullptr && node->removal && steps < nodes_.size(); ++steps) {
    id = node->parent;
    node = Find(id);
  }
  return node == nullptr ? kNoProvenance : id & ~kFailedTypeBit;
}

ProvenanceId ProvenanceTable::Intern(Key key, Node node) {
  auto found = interned_.find(key);
  if (found != interned_.end()) return found->second;
  if (nodes_.size() >= kMaxNodes) return kNoProvenance;
  nodes_.push_back(std::move(node));
  const ProvenanceId id = static_cast<ProvenanceId>(nodes_.size());
  interned_.emplace(std::move(key), id);
  return id;
}

ProvenanceId ProvenanceTable::Call(ProvenanceId caller, SourceRange site, SourceRange function,
                                   std::string_view name) {
  std::lock_guard<std::mutex> lock(mutex_);
  caller = CallChain(caller);
  Key memo{caller, site, 0, {}};
  auto found = interned_.find(memo);
  if (found != interned_.end()) return found->second;
  // A call at a site the chain already has: the chain from that call on.
  for (ProvenanceId at = caller; const Node* node = Find(at); at = node->parent) {
    if (node->site != site) continue;
    const ProvenanceId cut = Intern(Key{node->parent, site, 1, {}},
                                    Node{false, true, node->parent, kNoProvenance, site, function, std::string(name)});
    if (cut != kNoProvenance && nodes_.size() < kMaxNodes) interned_.emplace(std::move(memo), cut);
    return cut;
  }
  return Intern(std::move(memo), Node{false, false, caller, kNoProvenance, site, function, std::string(name)});
}

ProvenanceId ProvenanceTable::Removed(ProvenanceId base, std::string_view field, SourceRange where,
                                      ProvenanceId calls) {
  std::lock_guard<std::mutex> lock(mutex_);
  calls = CallChain(calls);
  std::string extra(field);
  extra += '\0';
  extra += std::to_string(calls);
  const ProvenanceId failed = base & kFailedTypeBit;
  base &= ~kFailedTypeBit;
  const ProvenanceId id =
      Intern(Key{base, where, 2, std::move(extra)}, Node{true, false, base, calls, where, {}, std::string(field)});
  return id == kNoProvenance ? base | failed : id | failed;
}

std::vector<CallFrame> ProvenanceTable::CallsTo(ProvenanceId id, SourceRange range) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<CallFrame> frames;
  ProvenanceId at = CallChain(id);
  for (const Node* node = Find(at); node != nullptr; node = Find(node->parent)) {
    if (node->function.Contains(range)) break;
    at = node->parent;
  }
  for (const Node* node = Find(at); node != nullptr; node = Find(node->parent)) {
    frames.push_back(CallFrame{node->site, node->function, node->name, node->recursive});
  }
  return frames;
}

std::optional<ProvenanceTable::Removal> ProvenanceTable::FindRemoval(ProvenanceId id, std::string_view field) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const Node* node = Find(id); node != nullptr && node->removal; node = Find(node->parent)) {
    if (node->name == field) return Removal{node->site, node->calls};
  }
  return std::nullopt;
}

size_t ProvenanceTable::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return nodes_.size();
}

}  // namespace mast
