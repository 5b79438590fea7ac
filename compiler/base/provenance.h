// Where a value came from beyond its source range, so that a diagnostic can
// name the cause:
//   - the calls under way when it was made (a backtrace of call sites, for a
//     value built inside a library function);
//   - the `with` overlays that removed fields from it (a required field that
//     is missing points at the overlay that removed it);
//   - whether it already failed its declared type (it was reported once and
//     is not checked again: one mistake, one error).
// A Value carries a ProvenanceId next to its origin (value.h). The table that
// gives the ids their meaning belongs to the run's SourceManager, like the
// file ids of origins: an id means nothing in another manager.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/base/source.h"

namespace mast {

using ProvenanceId = uint32_t;
inline constexpr ProvenanceId kNoProvenance = 0;  // made at the top level, nothing removed
// The bit of an id that marks a value that failed its declared type. A bit,
// not a node, because the evaluator tests it on every conformance.
inline constexpr ProvenanceId kFailedTypeBit = 0x80000000u;
inline bool FailedType(ProvenanceId id) { return (id & kFailedTypeBit) != 0; }

// One call of a function, in a chain of calls.
struct CallFrame {
  SourceRange site;      // the call expression
  SourceRange function;  // the called function's declaration, body included
  std::string name;      // the called function
  // Calls were left out between this call and the one it calls, because the
  // chain came back to this call site (recursion, or a call cycle).
  bool recursive = false;
};

// Interned provenance nodes. Thread-safe. Bounded: past kMaxNodes nodes,
// new calls and removals are not remembered (their values read as made at
// the top level), so no program makes the table grow without end.
class ProvenanceTable {
 public:
  static constexpr size_t kMaxNodes = size_t{1} << 17;

  // The call at `site` of the function declared at `function`, made while
  // the calls `caller` were under way (kNoProvenance: from the top level).
  // When `caller`'s chain already has a call at `site`, the chain is cut back
  // to that call (marked recursive): chains never repeat a call site, so
  // their number stays bounded by the program's text, not by its run.
  ProvenanceId Call(ProvenanceId caller, SourceRange site, SourceRange function, std::string_view name);
  // A record whose provenance was `base`, after a `with` removed `field`
  // from it at `where` (its `field: null` entry, or the `delete(...)` that
  // removed a list's last item) while the calls `calls` were under way.
  ProvenanceId Removed(ProvenanceId base, std::string_view field, SourceRange where, ProvenanceId calls);

  // The calls that led to something at `range` made under `id`, innermost
  // first: `id`'s chain from its innermost call whose function contains
  // `range` (a call made from there on cannot have made it). Empty when no
  // call's function contains it (it was written at the top level).
  std::vector<CallFrame> CallsTo(ProvenanceId id, SourceRange range) const;

  struct Removal {
    SourceRange where;
    ProvenanceId calls = kNoProvenance;  // the calls under way at the `with`
  };
  // Where a `with` removed `field` from a record of provenance `id`.
  std::optional<Removal> FindRemoval(ProvenanceId id, std::string_view field) const;

  size_t size() const;

  // Copies every node of `other` (another run's table) into this one, with
  // its ranges passed through `map_range` (the other run's files renumbered
  // in this run's SourceManager). Returns the new id of each old id, by
  // index; MapId applies it to an id (keeping kFailedTypeBit).
  std::vector<ProvenanceId> Import(const ProvenanceTable& other,
                                   const std::function<SourceRange(SourceRange)>& map_range);
  static ProvenanceId MapId(const std::vector<ProvenanceId>& imported, ProvenanceId id) {
    const ProvenanceId base = id & ~kFailedTypeBit;
    return (base < imported.size() ? imported[base] : kNoProvenance) | (id & kFailedTypeBit);
  }

 private:
  struct Node {
    bool removal = false;    // a removed field; otherwise a call
    bool recursive = false;  // a call: see CallFrame::recursive
    ProvenanceId parent = kNoProvenance;  // a call: its caller; a removal: the record's provenance before
    ProvenanceId calls = kNoProvenance;   // a removal: the calls under way at the `with`
    SourceRange site;                     // a call: the call; a removal: where
    SourceRange function;                 // a call: the called function
    std::string name;                     // a call: the function; a removal: the field
  };
  struct Key {
    ProvenanceId parent;
    SourceRange site;
    uint32_t flags;  // 1: recursive call, 2: removal (then `name` and `calls` are in `extra`)
    std::string extra;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& key) const;
  };
  const Node* Find(ProvenanceId id) const;  // under the lock; null for kNoProvenance
  ProvenanceId CallChain(ProvenanceId id) const;  // the calls of `id`, past its removals
  ProvenanceId Intern(Key key, Node node);

  mutable std::mutex mutex_;
  std::deque<Node> nodes_;  // id - 1
  std::unordered_map<Key, ProvenanceId, KeyHash> interned_;
};

}  // namespace mast
