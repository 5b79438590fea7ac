// The data model shared by every phase after parsing: the evaluator produces
// Values, the YAML reader produces Values, and the schema validator, the
// policy engine and the emitters consume them. Every Value remembers the
// source range that produced it (a Mast expression or a YAML node), so a
// finding on emitted output points back at the right line, and the evaluator
// adds what the range alone does not say (base/provenance.h): the calls under
// way when it was made, the `with` that removed a field, a failed type.
//
// Values are immutable and cheap to copy: lists and maps share storage.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/provenance.h"
#include "compiler/base/source.h"

namespace mast {

class Value;

struct MapEntry;
using ValueList = std::vector<Value>;
using ValueMap = std::vector<MapEntry>;  // ordered; keys are unique

class Value {
 public:
  enum class Kind : uint8_t { kNull, kBool, kInt, kFloat, kString, kList, kMap };

  Value() = default;  // null with no origin
  Value(const Value&) = default;
  Value& operator=(const Value&) = default;
  // A moved-from value is null (a map's entries, read in place, left with
  // the storage).
  Value(Value&& other) noexcept
      : payload_(std::move(other.payload_)), int_(other.int_), origin_(other.origin_), kind_(other.kind_),
        map_size_(other.map_size_), provenance_(other.provenance_) {
    other.kind_ = Kind::kNull;
  }
  Value& operator=(Value&& other) noexcept {
    if (this == &other) return *this;
    payload_ = std::move(other.payload_);
    int_ = other.int_;
    origin_ = other.origin_;
    kind_ = other.kind_;
    map_size_ = other.map_size_;
    provenance_ = other.provenance_;
    other.kind_ = Kind::kNull;
    return *this;
  }
  // Scalars are built inline, writing the whole scalar word: a value read
  // back right after it was built (moved, compared) then loads what the
  // stores wrote, in the sizes they wrote it.
  // `provenance`: see provenance(); a value built from another (conformed,
  // merged) keeps that one's.
  static Value Null(SourceRange origin = {}, ProvenanceId provenance = kNoProvenance) {
    return Value(Kind::kNull, 0, origin, provenance);
  }
  static Value Bool(bool value, SourceRange origin = {}, ProvenanceId provenance = kNoProvenance) {
    return Value(Kind::kBool, value ? 1 : 0, origin, provenance);
  }
  static Value Int(int64_t value, SourceRange origin = {}, ProvenanceId provenance = kNoProvenance) {
    return Value(Kind::kInt, value, origin, provenance);
  }
  static Value Float(double value, SourceRange origin = {}, ProvenanceId provenance = kNoProvenance) {
    int64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return Value(Kind::kFloat, bits, origin, provenance);
  }
  static Value String(std::string value, SourceRange origin = {}, ProvenanceId provenance = kNoProvenance);
  static Value List(ValueList items, SourceRange origin = {}, ProvenanceId provenance = kNoProvenance);
  static Value Map(ValueMap entries, SourceRange origin = {}, ProvenanceId provenance = kNoProvenance);

  Kind kind() const { return kind_; }
  bool IsNull() const { return kind_ == Kind::kNull; }
  bool IsBool() const { return kind_ == Kind::kBool; }
  bool IsInt() const { return kind_ == Kind::kInt; }
  bool IsFloat() const { return kind_ == Kind::kFloat; }
  bool IsNumber() const { return kind_ == Kind::kInt || kind_ == Kind::kFloat; }
  bool IsString() const { return kind_ == Kind::kString; }
  bool IsList() const { return kind_ == Kind::kList; }
  bool IsMap() const { return kind_ == Kind::kMap; }

  bool AsBool() const { return kind_ == Kind::kBool && bool_; }
  int64_t AsInt() const { return kind_ == Kind::kInt ? int_ : 0; }
  double AsFloat() const {
    return kind_ == Kind::kInt ? static_cast<double>(int_) : kind_ == Kind::kFloat ? float_ : 0.0;
  }
  // The payload, or an empty one when the kind differs.
  // (Empty strings, lists and maps have no payload: most comprehensions of
  // the policy linter yield an empty list, and that costs no allocation.)
  const std::string& AsString() const {
    return kind_ == Kind::kString && payload_ ? *static_cast<const std::string*>(payload_.get()) : EmptyString();
  }
  const ValueList& AsList() const {
    return kind_ == Kind::kList && payload_ ? *static_cast<const ValueList*>(payload_.get()) : EmptyList();
  }
  const ValueMap& AsMap() const {
    return kind_ == Kind::kMap && payload_ ? *static_cast<const ValueMap*>(payload_.get()) : EmptyMap();
  }

  // Map lookup; nullptr when this is not a map or has no such key.
  const Value* Find(std::string_view key) const;
  const MapEntry* FindEntry(std::string_view key) const;
  // The string at `key`; nullptr when there is none or it is not a string.
  const std::string* FindString(std::string_view key) const;

  SourceRange origin() const { return origin_; }
  // What the origin alone does not say (base/provenance.h): the calls under
  // way when the evaluator made this value, the `with` overlays that removed
  // fields from it, whether it failed its declared type. An id of the
  // ProvenanceTable of the SourceManager its origin belongs to.
  ProvenanceId provenance() const { return provenance_; }
  // For the code that has just built this value.
  void set_provenance(ProvenanceId provenance) { provenance_ = provenance; }
  // The shared storage of a string, list or map (null for scalars and
  // empty ones): an identity for caches that also keep the value alive.
  const void* storage() const { return payload_.get(); }
  // Whether both are the very same value: the same kind, origin, provenance
  // and storage (or equal scalars). Cheaper than Equals and never looks inside.
  bool IsSameAs(const Value& other) const {
    if (kind_ != other.kind_ || !(origin_ == other.origin_) || provenance_ != other.provenance_) return false;
    switch (kind_) {
      case Kind::kString:
      case Kind::kList:
      case Kind::kMap: return payload_ == other.payload_;
      case Kind::kBool: return bool_ == other.bool_;
      case Kind::kInt: return int_ == other.int_;
      case Kind::kFloat: return float_ == other.float_;
      case Kind::kNull: return true;
    }
    return false;
  }
  // A copy from another place, and so with no provenance.
  Value WithOrigin(SourceRange origin) const;

  // Deep structural equality (origins and provenance are ignored; 1 == 1.0
  // is false).
  bool Equals(const Value& other) const;

 private:
  friend void ShiftOrigins(Value& value, uint32_t delta);
  Value(Kind kind, int64_t scalar, SourceRange origin, ProvenanceId provenance = kNoProvenance)
      : int_(scalar), origin_(origin), kind_(kind), provenance_(provenance) {}
  static const std::string& EmptyString();
  static const ValueList& EmptyList();
  static const ValueMap& EmptyMap();

  // The string, list or map (by kind_): one shared pointer keeps copies cheap.
  std::shared_ptr<const void> payload_;
  // The scalar (by kind_): a value is 40 bytes, and the linter copies many.
  // A map keeps its entries' address and count here too, so that a lookup
  // (the linter's hottest loop) reads them without first reading its storage.
  union {
    int64_t int_ = 0;
    bool bool_;
    double float_;
    const MapEntry* entries_;
  };
  SourceRange origin_;
  Kind kind_ = Kind::kNull;
  uint16_t map_size_ = 0;  // kMap: the number of entries, or kLargeMap
  ProvenanceId provenance_ = kNoProvenance;
  static constexpr uint16_t kLargeMap = 0xFFFF;
};

struct MapEntry {
  std::string key;
  SourceRange key_range;  // where the key was written
  Value value;
};

std::string_view KindName(Value::Kind kind);  // "string", "integer", ...

// A copy of `value` with every origin and key range passed through `map`
// (for values read from a slice of a file, or moved to another SourceManager),
// and no provenance.
Value MapOrigins(const Value& value, const std::function<SourceRange(SourceRange)>& map);
// The same, with each value's provenance passed through `map_provenance`
// too (values moved into another run's SourceManager; ProvenanceTable::Import).
Value MapOrigins(const Value& value, const std::function<SourceRange(SourceRange)>& map,
                 const std::function<ProvenanceId(ProvenanceId)>& map_provenance);

// Moves every origin and key range of `value` `delta` bytes later (for
// values read from a slice of a file). Storage that no other value shares is
// changed in place, without a copy; shared storage (a YAML alias) is copied.
void ShiftOrigins(Value& value, uint32_t delta);

// Shortest decimal text that reads back as exactly `value`, always with a
// '.' or an exponent so that it stays a float ("1.0", "0.1", "1e+300").
std::string FormatFloat(double value);

// Text of a value inside an interpolation or a message: strings bare,
// numbers and booleans as written, null as `null`; cut to `max_length`.
std::string DisplayValue(const Value& value, size_t max_length = 60);

}  // namespace mast

namespace mast {

// About how many bytes the YAML or JSON text of `value` takes (strings and
// keys, plus a few bytes of punctuation and indentation per node), counting
// no further than `cap`: the result is min(estimate, cap + 1). Values share
// storage, so a small program can describe a huge text (a list of the same
// list, 30 levels deep); shared lists and maps are measured once, so the
// time is proportional to the distinct nodes, not to the text.
uint64_t EstimateTextBytes(const Value& value, uint64_t cap);

}  // namespace mast
