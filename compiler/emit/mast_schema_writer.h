// Writes Mast `schema` declarations (for `mast import --crd` and `mast
// import --values`):
//   - from an OpenAPI v3 schema, a CRD version's `openAPIV3Schema`: one
//     schema per object with properties, named by its path (`Certificate`,
//     `CertificateSpec`, `CertificateSpecPrivateKey`); `required` fields are
//     plain, the others optional (`field?: T`); enums become literal unions,
//     `pattern` `string(matches: ...)`, lengths `len:`, bounds `int(a..b)`,
//     int-or-string `int | string`, nullable `T | null`, defaults `= value`
//     and descriptions `///` docs. An object whose property names cannot be
//     schema fields, or that keeps unknown fields, is a `{string: T}` map;
//   - from a Helm chart's values: one schema per record, every field with its
//     value as the default, so that `Values {}` is the chart's defaults.
// Nesting deeper than a bound becomes `any`.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/value/value.h"

namespace mast {

class MastSchemaWriter {
 public:
  // Declarations for `schema` (a CRD version's openAPIV3Schema) named
  // `root_name` (made unique among the names written so far); returns the
  // root schema's name.
  // `root_fields` replace (or add) fields of the root schema, as written
  // after the name: {"kind", "\"Certificate\" = \"Certificate\""}.
  std::string FromOpenApi(std::string_view root_name, const Value& schema,
                          const std::vector<std::pair<std::string, std::string>>& root_fields = {});
  // Declarations for the record `values`; returns the root schema's name.
  std::string FromValues(std::string_view root_name, const Value& values);

  // Every declaration written so far, in order.
  const std::string& text() const { return text_; }

 private:
  std::string OpenApiType(const Value& schema, const std::string& name, int depth);
  std::string OpenApiObject(const Value& schema, const std::string& name, int depth);
  std::string ValueType(const Value& value, const std::string& name, int depth);
  std::string UniqueName(std::string_view wanted);

  std::vector<std::pair<std::string, std::string>> root_fields_;  // while writing a root
  std::set<std::string> names_;
  std::string text_;
};

}  // namespace mast
