// The schema validator: the one engine that checks evaluated Mast values and
// values read from plain YAML against catalog types, like the API server
// would decode and validate them.
//
// It walks the value and the type together. Field lookup is a binary search
// over the catalog's sorted field records; nothing is allocated unless a
// finding is reported. Findings: E0501 unknown field (at the key, with a
// "did you mean" fix), E0502 wrong type, E0503 missing required field (at the
// object), E0504 invalid quantity, E0505 bad format (int32/int64 range,
// date-time, base64).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"
#include "schemas/catalog_format.h"

namespace mast::schemas {

class Validator {
 public:
  // `target`: the releases every value must be valid on; fields are looked
  // up in its newest release (see kube_catalog.h).
  Validator(const CatalogView& view, ReleaseMask target, DiagnosticSink& sink)
      : view_(view), target_(target), lookup_(ReleaseMask{1} << NewestRelease(target | 1)), sink_(sink) {}

  void Check(const Value& value, uint32_t type);

 private:
  struct Segment {
    std::string_view key;  // data() is null for a list index
    size_t index = 0;
    SourceRange key_range;
  };

  void CheckObject(const Value& value, uint32_t type);
  void CheckIdentity(const Value& value, uint32_t type);
  void CheckMissing(const Value& value, uint32_t type);
  void CheckMap(const Value& value, uint32_t type);
  void CheckList(const Value& value, uint32_t type);
  void CheckString(const Value& value, uint32_t type);
  void CheckInteger(const Value& value, uint32_t type);
  void CheckIntOrString(const Value& value, uint32_t type);
  void CheckQuantity(const Value& value, uint32_t type);
  void CheckIntegerRange(const Value& value, double number, bool is_int, Format format);

  void ReportUnknownField(const Value& object, const MapEntry& entry, uint32_t type);
  void ReportPartlyKnownField(const MapEntry& entry, uint32_t type, uint32_t field);
  void AddParentLabel(Diagnostic& diagnostic, uint32_t type) const;
  void ReportMismatch(const Value& value, uint32_t type);
  Diagnostic& Report(DiagnosticCode code, SourceRange range, std::string message);
  SourceRange Where(const Value& value) const { return value.origin().IsValid() ? value.origin() : fallback_; }
  std::string PathText() const;

  uint32_t RequiredInTarget(uint32_t type) const;

  const CatalogView& view_;
  ReleaseMask target_;
  ReleaseMask lookup_;  // the newest release of target_
  DiagnosticSink& sink_;
  std::vector<Segment> path_;
  SourceRange fallback_;  // nearest enclosing valid origin, for values built without one
  int depth_ = 0;
};

// "string \"3\"", "integer 83", "boolean true", "list", "object".
std::string DescribeValue(const Value& value);
// What a type expects, for "expected X, found Y": "integer", "object `PodSpec`".
std::string DescribeExpected(const CatalogView& view, uint32_t type);

}  // namespace mast::schemas
