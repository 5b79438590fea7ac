// Helpers for the unit_schemas tests: the embedded catalog and values built
// in code, the way the evaluator and the YAML reader hand them over.
#pragma once

#include <string>
#include <utility>

#include "schemas/kube_catalog.h"

namespace mast::testing {

inline const KubeCatalog& Catalog() { return KubeCatalog::Embedded(); }

inline MapEntry F(std::string key, Value value, SourceRange key_range = {}) {
  return MapEntry{std::move(key), key_range, std::move(value)};
}

inline Value Obj(ValueMap entries, SourceRange origin = {}) { return Value::Map(std::move(entries), origin); }

}  // namespace mast::testing
