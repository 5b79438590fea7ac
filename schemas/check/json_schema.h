// A small JSON-schema validator over Values, for the schemas the embedded
// catalog cannot express: a CustomResourceDefinition's openAPIV3Schema and
// the kubeconform-style JSON schemas of `--schema-dir`.
//
// Why a validator of its own rather than converting CRD schemas into a
// KubeCatalog: the catalog format stores types, fields and formats only,
// while CRD schemas carry value constraints (pattern, enum, minimum/maximum,
// minLength/maxLength, minItems/maxItems, uniqueItems, list-type,
// anyOf/oneOf/allOf/not) that the catalog has no place for. Converting would
// mean synthesizing an OpenAPI document, running the catalog validator, and
// then walking the value a second time for the constraints. A direct
// validator is one walk, keeps every keyword's source range for findings in
// the CRD itself, and serves `--schema-dir` (plain JSON Schema, with $ref and
// `"type": ["string", "null"]`) with the same code.
//
// Schemas are compiled once from Values (what the YAML reader returns for a
// CRD or a .json schema) into nodes held in a vector and referred to by id.
// A compiled SchemaSet is immutable, so validation may run on many threads.
//
// Findings use the catalog validator's codes: E0501 unknown field, E0502
// wrong type, E0503 missing required field, E0505 bad format, and
// kConstraintCode for a broken value constraint.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"

namespace re2 {
class RE2;
}

namespace mast {

// The code for a value that breaks a schema constraint (pattern, enum,
// bounds, lengths, item counts, uniqueness, anyOf/oneOf/not). E0401's
// summary says exactly this ("a value breaks a range, length, pattern or
// literal constraint"). If the registry gains a dedicated E05xx code for
// schema constraints, change it here.
inline constexpr DiagnosticCode kConstraintCode = DiagnosticCode::E0401;

using SchemaId = uint32_t;
inline constexpr SchemaId kNoSchema = 0xFFFFFFFFu;

enum SchemaType : uint8_t {
  kTypeNull = 1,
  kTypeBoolean = 2,
  kTypeObject = 4,
  kTypeArray = 8,
  kTypeNumber = 16,
  kTypeInteger = 32,
  kTypeString = 64,
};

enum class SchemaFormat : uint8_t {
  kNone, kInt32, kInt64, kByte, kDateTime, kDate, kUuid, kIpv4, kIpv6, kCidr
};

enum class ListType : uint8_t { kAtomic, kSet, kMap };

struct SchemaNode {
  uint8_t types = 0;  // SchemaType bits; 0 = any type
  bool nullable = false;
  bool int_or_string = false;     // x-kubernetes-int-or-string
  bool preserve_unknown = false;  // x-kubernetes-preserve-unknown-fields
  bool embedded_resource = false;  // x-kubernetes-embedded-resource
  bool closed = false;            // unknown properties are errors
  bool unique_items = false;
  ListType list_type = ListType::kAtomic;
  SchemaFormat format = SchemaFormat::kNone;
  bool exclusive_minimum = false;
  bool exclusive_maximum = false;
  std::optional<double> minimum, maximum, multiple_of;
  std::optional<uint64_t> min_length, max_length, min_items, max_items, min_properties, max_properties;

  std::vector<std::pair<std::string, SchemaId>> properties;  // sorted by name
  SchemaId additional = kNoSchema;  // schema of properties not listed
  SchemaId items = kNoSchema;
  std::vector<std::string> required;
  std::vector<std::string> list_map_keys;
  std::vector<Value> enum_values;
  bool has_enum = false;
  std::shared_ptr<const re2::RE2> pattern;
  std::string pattern_text;
  std::vector<SchemaId> all_of, any_of, one_of;
  SchemaId not_schema = kNoSchema;

  std::string name;  // for messages: "CronTab", "CronTab.spec", "spec.ports[]"
  std::string description;  // for hover in the editor (crd: imports)

  SchemaId FindProperty(std::string_view key) const;
};

struct SchemaCompileOptions {
  // Objects that list `properties` but say nothing of `additionalProperties`
  // reject other keys. True for CRD structural schemas (the API server's
  // strict field validation) and for --schema-dir (kubeconform -strict).
  bool closed_by_default = true;
  // Keep each schema's `description` (for the editor); off by default, as
  // checking never shows them and CRD descriptions are most of their size.
  bool keep_descriptions = false;
  // Resolves a `$ref` found in the document whose root is `from_root`:
  // returns the referenced schema Value and its document root (for nested
  // refs), or nullptr when it cannot be found. Unset: only local refs
  // (`#/definitions/...`, `#/components/schemas/...`) resolve.
  std::function<const Value*(std::string_view ref, const Value& from_root, const Value** target_root)> resolve_ref;
};

class SchemaSet {
 public:
  // Compiles `schema` (whose document root is `root`, for local $refs).
  // Problems in the schema itself (a bad regex, an unresolvable $ref) are
  // reported to `sink` at the schema's source and the keyword is ignored.
  SchemaId Compile(const Value& schema, const Value& root, std::string name, const SchemaCompileOptions& options,
                   DiagnosticSink& sink);

  const SchemaNode& node(SchemaId id) const { return nodes_[id]; }
  size_t size() const { return nodes_.size(); }

 private:
  struct Compiler;
  std::vector<SchemaNode> nodes_;
};

struct SchemaValidateOptions {
  // At the root of a custom resource, `apiVersion`, `kind` and `metadata`
  // are the API server's business, not the schema's: they are skipped here
  // and checked by the caller (metadata against ObjectMeta).
  bool custom_resource_root = false;
};

// Validates `value` against schema `id` of `set`; findings go to `sink`
// with an "at `path`" note.
void ValidateAgainstSchema(const SchemaSet& set, SchemaId id, const Value& value, DiagnosticSink& sink,
                           const SchemaValidateOptions& options = {});

// E0501 for `key`, not a property of `node`, with a "did you mean" among its
// properties and the fix; worded as validation words it, so that the
// compiler's static check (CustomResourceTypes) reports the same finding.
Diagnostic& ReportUnknownProperty(const SchemaNode& node, std::string_view key, SourceRange key_range,
                                  DiagnosticSink& sink);

// Follows a JSON pointer ("/definitions/io.k8s.api.core.v1.Pod") in `root`.
const Value* FollowJsonPointer(const Value& root, std::string_view pointer);

}  // namespace mast
