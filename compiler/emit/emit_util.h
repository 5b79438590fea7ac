// Helpers shared by the YAML and JSON writers (internal to emit/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/value/value.h"

namespace mast::emit_internal {

// The entries of a top-level manifest mapping in output order: `apiVersion`,
// `kind`, `metadata` first (those present), then the rest in their order.
std::vector<const MapEntry*> ManifestOrder(const ValueMap& entries);

// Calls `visit(const MapEntry&)` for each entry: in manifest order at the
// top level of a manifest, otherwise in the entries' own order.
template <typename Visit>
void ForEachEntry(const ValueMap& entries, bool manifest_order, Visit&& visit) {
  if (manifest_order) {
    for (const MapEntry* entry : ManifestOrder(entries)) visit(*entry);
  } else {
    for (const MapEntry& entry : entries) visit(entry);
  }
}

// Appends `text` as a JSON string literal, quotes included.
void AppendJsonString(std::string& out, std::string_view text);

// Appends `text` as a YAML double-quoted scalar, quotes included, escaping
// everything that is not printable or that a reader would fold or normalise.
void AppendYamlDoubleQuoted(std::string& out, std::string_view text);

}  // namespace mast::emit_internal
