#include "compiler/value/value.h"

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <unordered_map>

namespace mast {

// 40 bytes until values remembered their provenance; bench/gen_pairs.mast
// measured no slowdown at 48 (see docs/architecture.md).
static_assert(sizeof(void*) != 8 || sizeof(Value) == 48, "a Value is meant to stay small: the linter copies many");

namespace {
const std::string kEmptyString;
const ValueList kEmptyList;
const ValueMap kEmptyMap;
}  // namespace

Value Value::String(std::string value, SourceRange origin, ProvenanceId provenance) {
  Value v;
  v.provenance_ = provenance;
  v.kind_ = Kind::kString;
  if (!value.empty()) v.payload_ = std::make_shared<const std::string>(std::move(value));
  v.origin_ = origin;
  return v;
}

Value Value::List(ValueList items, SourceRange origin, ProvenanceId provenance) {
  Value v;
  v.provenance_ = provenance;
  v.kind_ = Kind::kList;
  // Not const-constructed, so that ShiftOrigins may change storage no other
  // value shares.
  if (!items.empty()) v.payload_ = std::make_shared<ValueList>(std::move(items));
  v.origin_ = origin;
  return v;
}

Value Value::Map(ValueMap entries, SourceRange origin, ProvenanceId provenance) {
  Value v;
  v.provenance_ = provenance;
  v.kind_ = Kind::kMap;
  if (!entries.empty()) {
    auto storage = std::make_shared<ValueMap>(std::move(entries));
    v.entries_ = storage->data();
    v.map_size_ = static_cast<uint16_t>(std::min<size_t>(storage->size(), kLargeMap));
    v.payload_ = std::move(storage);
  }
  v.origin_ = origin;
  return v;
}

const std::string& Value::EmptyString() { return kEmptyString; }
const ValueList& Value::EmptyList() { return kEmptyList; }
const ValueMap& Value::EmptyMap() { return kEmptyMap; }

namespace {

// Keys are short: comparing them eight bytes at a time in place is cheaper
// than a call to memcmp.
bool SameBytes(const char* a, const char* b, size_t size) {
  for (; size >= 8; a += 8, b += 8, size -= 8) {
    uint64_t x;
    uint64_t y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
  }
  for (; size > 0; ++a, ++b, --size) {
    if (*a != *b) return false;
  }
  return true;
}

}  // namespace

const MapEntry* Value::FindEntry(std::string_view key) const {
  if (kind_ != Kind::kMap) return nullptr;
  // The hottest loop of the policy linter: compare the length and the first
  // byte before the rest, which most keys of equal length fail.
  const size_t size = key.size();
  const MapEntry* entry = entries_;
  const MapEntry* end = entries_ + map_size_;
  if (map_size_ == kLargeMap) {
    entry = AsMap().data();
    end = entry + AsMap().size();
  }
  for (; entry != end; ++entry) {
    const std::string& candidate = entry->key;
    if (candidate.size() != size) continue;
    if (size == 0 || (candidate[0] == key[0] && SameBytes(candidate.data(), key.data(), size))) return entry;
  }
  return nullptr;
}

const Value* Value::Find(std::string_view key) const {
  const MapEntry* entry = FindEntry(key);
  return entry ? &entry->value : nullptr;
}

const std::string* Value::FindString(std::string_view key) const {
  const Value* field = Find(key);
  return field != nullptr && field->IsString() ? &field->AsString() : nullptr;
}

Value Value::WithOrigin(SourceRange origin) const {
  Value copy = *this;
  copy.origin_ = origin;
  copy.provenance_ = kNoProvenance;
  return copy;
}

bool Value::Equals(const Value& other) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case Kind::kNull: return true;
    case Kind::kBool: return bool_ == other.bool_;
    case Kind::kInt: return int_ == other.int_;
    case Kind::kFloat: return float_ == other.float_;
    case Kind::kString: return AsString() == other.AsString();
    case Kind::kList: {
      const ValueList& a = AsList();
      const ValueList& b = other.AsList();
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (!a[i].Equals(b[i])) return false;
      }
      return true;
    }
    case Kind::kMap: {
      const ValueMap& a = AsMap();
      const ValueMap& b = other.AsMap();
      if (a.size() != b.size()) return false;
      for (const MapEntry& entry : a) {
        const Value* match = other.Find(entry.key);
        if (!match || !entry.value.Equals(*match)) return false;
      }
      return true;
    }
  }
  return false;
}

Value MapOrigins(const Value& value, const std::function<SourceRange(SourceRange)>& map,
                 const std::function<ProvenanceId(ProvenanceId)>& map_provenance) {
  const ProvenanceId provenance = map_provenance ? map_provenance(value.provenance()) : kNoProvenance;
  if (value.IsList()) {
    ValueList items;
    items.reserve(value.AsList().size());
    for (const Value& item : value.AsList()) items.push_back(MapOrigins(item, map, map_provenance));
    return Value::List(std::move(items), map(value.origin()), provenance);
  }
  if (value.IsMap()) {
    ValueMap entries;
    entries.reserve(value.AsMap().size());
    for (const MapEntry& entry : value.AsMap()) {
      entries.push_back({entry.key, map(entry.key_range), MapOrigins(entry.value, map, map_provenance)});
    }
    return Value::Map(std::move(entries), map(value.origin()), provenance);
  }
  Value moved = value.WithOrigin(map(value.origin()));
  moved.set_provenance(provenance);
  return moved;
}

Value MapOrigins(const Value& value, const std::function<SourceRange(SourceRange)>& map) {
  return MapOrigins(value, map, nullptr);
}

void ShiftOrigins(Value& value, uint32_t delta) {
  if (delta == 0) return;
  auto shift = [delta](SourceRange& range) {
    if (range.IsValid()) {
      range.begin += delta;
      range.end += delta;
    }
  };
  if (value.payload_ && value.payload_.use_count() != 1 && (value.IsList() || value.IsMap())) {
    value = MapOrigins(value, [&shift](SourceRange range) {
      shift(range);
      return range;
    });
    return;
  }
  shift(value.origin_);
  if (!value.payload_) return;
  // The storage is this value's alone, and was not constructed const.
  if (value.IsList()) {
    for (Value& item : *const_cast<ValueList*>(static_cast<const ValueList*>(value.payload_.get()))) {
      ShiftOrigins(item, delta);
    }
  } else if (value.IsMap()) {
    for (MapEntry& entry : *const_cast<ValueMap*>(static_cast<const ValueMap*>(value.payload_.get()))) {
      shift(entry.key_range);
      ShiftOrigins(entry.value, delta);
    }
  }
}

std::string_view KindName(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBool: return "boolean";
    case Value::Kind::kInt: return "integer";
    case Value::Kind::kFloat: return "number";
    case Value::Kind::kString: return "string";
    case Value::Kind::kList: return "list";
    case Value::Kind::kMap: return "object";
  }
  return "value";
}

std::string FormatFloat(double value) {
  if (std::isnan(value)) return ".nan";
  if (std::isinf(value)) return value > 0 ? ".inf" : "-.inf";
  char buffer[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  std::string text = buffer;
  // Prefer plain decimals for everyday magnitudes: 1000.0, not 1e+03.
  size_t e = text.find('e');
  if (e != std::string::npos) {
    int exponent = std::atoi(text.c_str() + e + 1);
    if (exponent >= -4 && exponent < 16) {
      int digits = static_cast<int>(e) - (text[0] == '-' ? 1 : 0) - (text.find('.') < e ? 1 : 0);
      int decimals = std::max(0, digits - 1 - exponent);
      std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
      if (std::strtod(buffer, nullptr) == value) text = buffer;
    }
  }
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

}  // namespace mast

namespace mast {

namespace {

struct TextSizer {
  uint64_t cap;
  // Without memo: nodes the walk may still visit before it gives up (then
  // the memoised walk runs). Most documents are a few hundred nodes, and
  // hashing each of them cost 4% of a large build.
  uint64_t nodes_left = 0;
  bool memo = false;
  std::unordered_map<const void*, uint64_t> measured;  // by shared storage

  // The estimate, or nullopt when the plain walk ran out of nodes.
  std::optional<uint64_t> Measure(const Value& value, uint64_t depth) {
    constexpr uint64_t kPerNode = 4;  // `- `, `: `, quotes, commas, line breaks
    const uint64_t indent = 2 * depth;
    switch (value.kind()) {
      case Value::Kind::kString: return value.AsString().size() + kPerNode + indent;
      case Value::Kind::kList:
      case Value::Kind::kMap: break;
      default: return 24 + kPerNode + indent;
    }
    if (memo) {
      if (auto it = measured.find(value.storage()); it != measured.end()) return it->second;
    } else if (nodes_left-- == 0) {
      return std::nullopt;
    }
    uint64_t total = kPerNode + indent;
    const auto add = [&](std::optional<uint64_t> bytes) {
      if (bytes) total += *bytes;
      return bytes.has_value() && total <= cap;
    };
    bool complete = true;
    if (value.IsList()) {
      for (const Value& item : value.AsList()) {
        if (!(complete = add(Measure(item, depth + 1)))) break;
      }
    } else {
      for (const MapEntry& entry : value.AsMap()) {
        total += entry.key.size();
        if (!(complete = add(Measure(entry.value, depth + 1)))) break;
      }
    }
    if (!complete && total <= cap) return std::nullopt;  // out of nodes
    total = std::min(total, cap + 1);
    if (memo) measured.emplace(value.storage(), total);
    return total;
  }
};

}  // namespace

uint64_t EstimateTextBytes(const Value& value, uint64_t cap) {
  TextSizer plain{cap, uint64_t{1} << 16, false, {}};
  if (std::optional<uint64_t> bytes = plain.Measure(value, 0)) return std::min(*bytes, cap + 1);
  TextSizer memoised{cap, 0, true, {}};
  return std::min(memoised.Measure(value, 0).value_or(cap + 1), cap + 1);
}

std::string DisplayValue(const Value& value, size_t max_length) {
  std::string text;
  switch (value.kind()) {
    case Value::Kind::kNull: text = "null"; break;
    case Value::Kind::kBool: text = value.AsBool() ? "true" : "false"; break;
    case Value::Kind::kInt: text = std::to_string(value.AsInt()); break;
    case Value::Kind::kFloat: text = FormatFloat(value.AsFloat()); break;
    case Value::Kind::kString: text = value.AsString(); break;
    case Value::Kind::kList: text = "a list of " + std::to_string(value.AsList().size()); break;
    case Value::Kind::kMap: text = "a record"; break;
  }
  if (text.size() > max_length) text = text.substr(0, max_length) + "...";
  return text;
}

}  // namespace mast
