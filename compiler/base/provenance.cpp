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

std::vector<ProvenanceId> ProvenanceTable::Import(const ProvenanceTable& other,
                                                  const std::function<SourceRange(SourceRange)>& map_range) {
  std::vector<Node> copied;
  {
    std::lock_guard<std::mutex> lock(other.mutex_);
    copied.assign(other.nodes_.begin(), other.nodes_.end());
  }
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<ProvenanceId> imported(copied.size() + 1, kNoProvenance);
  // A node's parent and calls come before it (ids grow as nodes are made).
  for (size_t old = 1; old <= copied.size(); ++old) {
    Node node = std::move(copied[old - 1]);
    node.parent = MapId(imported, node.parent);
    node.calls = MapId(imported, node.calls);
    node.site = map_range(node.site);
    node.function = map_range(node.function);
    std::string extra;
    if (node.removal) {
      extra = node.name;
      extra += '\0';
      extra += std::to_string(node.calls);
    }
    const uint32_t flags = node.removal ? 2 : node.recursive ? 1 : 0;
    imported[old] = Intern(Key{node.parent, node.site, flags, std::move(extra)}, std::move(node));
  }
  return imported;
}

size_t ProvenanceTable::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return nodes_.size();
}

}  // namespace mast
