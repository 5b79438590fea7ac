// Helpers shared by the YAML and JSON writers (internal to emit/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "value/value.h"

namespace mast::emit_internal {

// The entries of a top-level manifest mapping in output order: `apiVersion`,
// `kind`, `metadata` first (those present), then the rest in their order.
std::vector<const MapEntry*> ManifestOrder(const ValueMap& entries);

// The entries in their own order.
std::vector<const MapEntry*> SourceOrder(const ValueMap& entries);

// Appends `text` as a JSON string literal, quotes included.
void AppendJsonString(std::string& out, std::string_view text);

// Appends `text` as a YAML double-quoted scalar, quotes included, escaping
// everything that is not printable or that a reader would fold or normalise.
void AppendYamlDoubleQuoted(std::string& out, std::string_view text);

}  // namespace mast::emit_internal
