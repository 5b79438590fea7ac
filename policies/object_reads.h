// What the cross-object rules read of the objects, found from their syntax,
// so that `mast check` keeps only that part of each object for them (a
// projection) instead of every whole value.
//
// ObjectReads::Of walks each rule's `violations` body, and the functions it
// calls, with abstract values: which parts of the rule's own object, or of
// the objects a lookup (`objectsWhere`, `objectsOfKind`,
// `workloadsMatching`, `selectorsMatching`) returns, a value may be. Each
// use of such a value asks for a part of the object: a field read keeps the
// field, a comparison with a scalar or a test for null keeps the node,
// `len` and iteration keep every element, and anything that looks at a whole
// value (`==` of two records, `toJson`, interpolation, an unknown builtin)
// keeps everything below. A projection keeps each asked-for node with its
// origin, and where a finding may be raised what placing it reads
// (policies/anchor.h), so findings point where they did; lists keep their
// length (elements nobody reads are kept as empty stubs of the same kind).
//
// The analysis is conservative: when a rule does something it does not
// model (recursion, `context.objects` used other than as the objects of a
// lookup, a lookup by a path that is not a constant), it gives up, and the
// caller keeps whole values.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/eval/policy_eval.h"
#include "compiler/value/value.h"

namespace mast {

// The parts of a value to keep: a tree that follows the value's shape.
struct FieldDemand {
  bool whole = false;        // everything below
  bool all_entries = false;  // every element (of a list) or entry (of a record), as a stub at least
  // A finding may be raised at this value: keep what AnchorFinding
  // (policies/anchor.h) reads to place it (a record's kind, apiVersion,
  // name, metadata.name and first entry; a list's elements, likewise).
  bool anchor = false;
  std::map<std::string, FieldDemand, std::less<>> fields;  // what is read of a record's fields
  std::unique_ptr<FieldDemand> each;  // what is read of every element or entry value

  FieldDemand() = default;
  FieldDemand(const FieldDemand& other) { *this = other; }
  FieldDemand& operator=(const FieldDemand& other);
  FieldDemand(FieldDemand&&) noexcept = default;
  FieldDemand& operator=(FieldDemand&&) noexcept = default;

  void Merge(const FieldDemand& other);
  // The demand at a dotted path, created on the way ("spec.selector").
  FieldDemand& At(std::string_view dotted_path);
};

// A lookup `objectsWhere(context.objects, kind, path, value)` makes: the
// index keeps, per object of `kind` ("" = any kind), its field at `path`.
struct WherePath {
  std::string kind;
  std::string path;
  friend bool operator<(const WherePath& a, const WherePath& b) {
    return std::tie(a.kind, a.path) < std::tie(b.kind, b.path);
  }
  friend bool operator==(const WherePath&, const WherePath&) = default;
};

class ObjectReads {
 public:
  // What `rules` read (each with its `kinds`), or nullopt when the analysis
  // cannot tell. `annotations`: also keep the `mast.dev/ignore` annotations
  // (suppressions are read from the kept part).
  static std::optional<ObjectReads> Of(const std::vector<const PolicyDefinition*>& rules, bool annotations);

  // What to keep of an object of `kind`: what the rules that run on that
  // kind read of their own object, and what any rule reads of the objects
  // lookups return.
  FieldDemand ForKind(std::string_view kind) const;
  const std::vector<WherePath>& where_paths() const { return where_paths_; }

 private:
  friend class ReadsAnalysis;
  struct RuleReads {
    std::vector<std::string> kinds;  // empty: every kind
    FieldDemand own;
  };
  std::vector<RuleReads> rules_;
  std::map<std::string, FieldDemand, std::less<>> of_looked_up_;  // by kind; "" = every kind
  std::vector<WherePath> where_paths_;
};

}  // namespace mast
