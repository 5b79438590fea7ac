// Internal to compiler/eval: what `with` needs to merge lists the way
// Kubernetes does. A list whose Kubernetes type has merge keys (containers
// and env by `name`, ports by `containerPort` and `protocol`, ...) merges
// item by item; every other list is replaced whole. Values carry no types,
// so the evaluator finds the type of the left side of `with` from its
// expression (StaticMergeType) or from its apiVersion and kind, and follows
// it down the overlay with a MergeType.
#pragma once

#include <string_view>
#include <vector>

#include "compiler/types/types.h"

namespace mast {

// What one position of the left side of `with` is known to be: a Mast type,
// a Kubernetes type, or nothing (unknown: lists there are replaced whole).
struct MergeType {
  TypeRef mast;                            // a Mast type other than kExternal
  const ExternalTypes* catalog = nullptr;  // set for a Kubernetes type
  ExternalTypeId external = 0;

  bool Known() const { return mast != nullptr || catalog != nullptr; }
  static MergeType Of(const TypeRef& type);  // nullable unions unwrapped; `any` is unknown
  static MergeType External(const ExternalTypes* catalog, ExternalTypeId type) { return {nullptr, catalog, type}; }
  MergeType Field(std::string_view name) const;  // of a record, an object or a map
  MergeType Element() const;                     // of a list
  // The keys items of this list merge by; empty for a list replaced whole.
  std::vector<std::string_view> MergeKeys() const;
};

// The strategic-merge-patch directive key that `delete(...)` and
// `replaceList(...)` put in a list item: `$patch: delete` on an item removes
// the base item with the same keys, a `$patch: replace` item replaces the
// whole list with the other items.
inline constexpr std::string_view kPatchDirective = "$patch";

}  // namespace mast
