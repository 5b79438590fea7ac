// `mast import --crd` and `--values`: Mast `schema` declarations for the
// served versions of CustomResourceDefinitions, and for a Helm chart's
// values (compiler/emit/mast_schema_writer.h writes them).
#pragma once

#include <string>
#include <vector>

#include "compiler/emit/mast_schema_writer.h"
#include "compiler/value/value.h"

namespace mast::cli {

// Schemas for every served version of every CRD among `objects` (one named
// by the kind, or kind and version when several are served), with
// `apiVersion` and `kind` fixed to the version's. Objects that are not CRDs
// are counted in `skipped`. Returns how many versions were written.
size_t WriteCrdSchemas(const std::vector<Value>& objects, MastSchemaWriter& writer, size_t& skipped);

// A `Values` schema whose defaults are `values` (a chart's values.yaml), and
// a `param chart: Values` that a program reads them from (`values` is a
// built-in function). "" when `values` is not a mapping.
std::string WriteValuesSchema(const Value& values, MastSchemaWriter& writer);

}  // namespace mast::cli
