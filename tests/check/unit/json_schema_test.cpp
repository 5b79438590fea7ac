// The JSON-schema validator on its own: each keyword with a passing and a
// failing value.
#include <catch2/catch.hpp>

#include "compiler/yaml/yaml_reader.h"
#include "schemas/check/json_schema.h"

namespace mast {
namespace {

Value Yaml(const std::string& text) {
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = ReadYamlStream(0, text, sink);
  REQUIRE(sink.empty());
  REQUIRE(documents.size() == 1);
  return documents.front().value;
}

// Codes reported for `value` against `schema`.
std::vector<std::string> Check(const std::string& schema, const std::string& value, bool closed = true) {
  const Value root = Yaml(schema);
  SchemaSet set;
  SchemaCompileOptions options;
  options.closed_by_default = closed;
  DiagnosticSink compile;
  const SchemaId id = set.Compile(root, root, "T", options, compile);
  DiagnosticSink sink;
  ValidateAgainstSchema(set, id, Yaml(value), sink);
  std::vector<std::string> out;
  for (const Diagnostic& d : compile.diagnostics()) out.push_back("schema " + std::string(d.id()) + ": " + d.message);
  for (const Diagnostic& d : sink.diagnostics()) out.push_back(std::string(d.id()) + ": " + d.message);
  return out;
}

using CodeList = std::vector<std::string>;

TEST_CASE("types, with the YAML hints", "[json-schema]") {
  CHECK(Check("{type: string}", "x").empty());
  CHECK(Check("{type: string}", "yes") ==
        CodeList{"E0502: expected string, found boolean true; quote it: YAML 1.1 reads unquoted "
              "yes/no/on/off/true/false as booleans"});
  CHECK(Check("{type: integer}", "3.0").empty());  // a whole number is an integer
  CHECK(Check("{type: integer}", "3.5") == CodeList{"E0502: expected integer, found number 3.5"});
  CHECK(Check("{type: number}", "3").empty());
  CHECK(Check("{type: [string, 'null']}", "~").empty());
  CHECK(Check("{type: [string, integer]}", "[]") == CodeList{"E0502: expected string or integer, found list"});
  CHECK(Check("{x-kubernetes-int-or-string: true}", "80").empty());
  CHECK(Check("{x-kubernetes-int-or-string: true}", "http").empty());
  CHECK(Check("{x-kubernetes-int-or-string: true}", "true") ==
        CodeList{"E0502: expected string or integer, found boolean true"});
}

TEST_CASE("nulls: unset for fields, wrong in lists unless nullable", "[json-schema]") {
  CHECK(Check("{type: object, properties: {a: {type: string}}}", "{a: null}").empty());
  CHECK(Check("{type: array, items: {type: string}}", "[a, null]") == CodeList{"E0502: expected string, found null"});
  CHECK(Check("{type: array, items: {type: string, nullable: true}}", "[a, null]").empty());
}

TEST_CASE("objects: properties, required, closed or open", "[json-schema]") {
  const std::string schema = "{type: object, required: [name], properties: {name: {type: string}, size: {type: integer}}}";
  CHECK(Check(schema, "{name: a, size: 1}").empty());
  CHECK(Check(schema, "{size: 1}") == CodeList{"E0503: missing required field `name` in `T`"});
  CHECK(Check(schema, "{name: ~}") == CodeList{"E0503: required field `name` in `T` is null; give it a value"});
  CHECK(Check(schema, "{name: a, sise: 1}") == CodeList{"E0501: unknown field `sise` in `T`; did you mean `size`?"});
  CHECK(Check(schema, "{name: a, sise: 1}", /*closed=*/false).empty());
  CHECK(Check("{type: object, additionalProperties: false}", "{a: 1}") == CodeList{"E0501: unknown field `a` in `T`"});
  CHECK(Check("{type: object, additionalProperties: {type: integer}}", "{a: 1, b: x}") ==
        CodeList{"E0502: expected integer, found string \"x\""});
  CHECK(Check("{type: object, x-kubernetes-preserve-unknown-fields: true, properties: {a: {type: integer}}}",
              "{a: 1, b: {c: d}}")
            .empty());
  CHECK(Check("{type: object, minProperties: 1, maxProperties: 1}", "{}") ==
        CodeList{"E0401: object has 0 fields; the minimum is 1"});
  CHECK(Check("{type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}",
              "{kind: Pod}") ==
        CodeList{"E0503: missing required field `apiVersion`; an embedded resource names its apiVersion and kind"});
}

TEST_CASE("strings: length in code points, pattern, enum, formats", "[json-schema]") {
  CHECK(Check("{type: string, maxLength: 2}", "\"éé\"").empty());
  CHECK(Check("{type: string, maxLength: 2}", "abc") == CodeList{"E0401: \"abc\" is 3 characters long; the maximum is 2"});
  CHECK(Check("{type: string, minLength: 2}", "a") == CodeList{"E0401: \"a\" is 1 characters long; the minimum is 2"});
  CHECK(Check("{type: string, pattern: 'b+'}", "abbc").empty());  // unanchored, like the API server
  CHECK(Check("{type: string, pattern: '^b+$'}", "abbc") ==
        CodeList{"E0401: \"abbc\" does not match the pattern `^b+$`"});
  CHECK(Check("{type: string, pattern: '[a-'}", "x").at(0).rfind("schema E0401: invalid `pattern`", 0) == 0);
  CHECK(Check("{enum: [Always, Never]}", "Never").empty());
  CHECK(Check("{enum: [Always, Never]}", "always") ==
        CodeList{"E0401: \"always\" is not one of the allowed values: `Always`, `Never`; did you mean `Always`?"});
  CHECK(Check("{enum: [1, 2]}", "2.0").empty());
  CHECK(Check("{const: x}", "zzz") == CodeList{"E0401: \"zzz\" is not one of the allowed values: `x`"});
  CHECK(Check("{type: string, format: date-time}", "\"2024-01-31T12:00:00Z\"").empty());
  CHECK(Check("{type: string, format: date-time}", "\"2024-01-31T12:00:00\"").empty());  // strfmt is lenient
  CHECK(Check("{type: string, format: date}", "\"2024-02-30\"") == CodeList{"E0505: \"2024-02-30\" is not a date like `2024-01-31`"});
  CHECK(Check("{type: string, format: byte}", "aGk=").empty());
  CHECK(Check("{type: string, format: uuid}", "123e4567e89b12d3a456426614174000").empty());
  CHECK(Check("{type: string, format: ipv4}", "10.0.0.1").empty());
  CHECK(Check("{type: string, format: ipv4}", "10.0.0.256") == CodeList{"E0505: \"10.0.0.256\" is not an IPv4 address"});
  CHECK(Check("{type: string, format: ipv6}", "::1").empty());
  CHECK(Check("{type: string, format: cidr}", "fd00::/8").empty());
  CHECK(Check("{type: string, format: email}", "not checked").empty());  // unknown formats are ignored
}

TEST_CASE("numbers: bounds, exclusive bounds, multipleOf, int32", "[json-schema]") {
  CHECK(Check("{type: integer, minimum: 1, maximum: 3}", "3").empty());
  CHECK(Check("{type: integer, minimum: 1}", "0") == CodeList{"E0401: 0 is less than the minimum 1"});
  CHECK(Check("{type: integer, maximum: 3, exclusiveMaximum: true}", "3") ==
        CodeList{"E0401: 3 is not less than 3, the exclusive maximum"});
  CHECK(Check("{type: integer, exclusiveMinimum: 0}", "0") ==  // draft 6 form
        CodeList{"E0401: 0 is not greater than 0, the exclusive minimum"});
  CHECK(Check("{type: number, multipleOf: 0.5}", "1.5").empty());
  CHECK(Check("{type: number, multipleOf: 0.5}", "1.2") == CodeList{"E0401: 1.2 is not a multiple of 0.5"});
  CHECK(Check("{type: integer, format: int32}", "2147483648") ==
        CodeList{"E0505: integer 2147483648 is out of range for int32"});
}

TEST_CASE("arrays: item counts, uniqueness, list-map keys", "[json-schema]") {
  CHECK(Check("{type: array, minItems: 1}", "[]") == CodeList{"E0401: list has 0 items; the minimum is 1"});
  CHECK(Check("{type: array, maxItems: 1}", "[a, b]") == CodeList{"E0401: list has 2 items; the maximum is 1"});
  CHECK(Check("{type: array, uniqueItems: true}", "[a, b, a]") ==
        CodeList{"E0401: duplicate item \"a\"; the items of this list must be unique"});
  CHECK(Check("{type: array, x-kubernetes-list-type: set}", "[1, 2]").empty());
  CHECK(Check("{type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [name, port]}",
              "[{name: a, port: 1}, {name: a, port: 2}, {name: a, port: 1}]") ==
        CodeList{"E0401: duplicate entry with name=\"a\", port=1; list-map keys must be unique"});
}

TEST_CASE("combinators and references", "[json-schema]") {
  const std::string one_of = "{oneOf: [{type: string}, {type: integer}]}";
  CHECK(Check(one_of, "x").empty());
  CHECK(Check(one_of, "[]").at(0) == "E0401: list matches none of the 2 schemas of `oneOf`");
  CHECK(Check("{oneOf: [{type: integer}, {minimum: 0}]}", "3") ==
        CodeList{"E0401: 3 matches 2 schemas of `oneOf`; it must match exactly one"});
  CHECK(Check("{anyOf: [{required: [a]}, {required: [b]}]}", "{b: 1}").empty());
  CHECK(Check("{allOf: [{minimum: 1}, {maximum: 2}]}", "3") == CodeList{"E0401: 3 is greater than the maximum 2"});
  CHECK(Check("{not: {enum: [root]}}", "root") == CodeList{"E0401: \"root\" matches a schema it must `not` match"});
  const std::string refs = "{definitions: {port: {type: integer, maximum: 65535}}, "
                           "type: object, properties: {p: {$ref: '#/definitions/port'}}}";
  CHECK(Check(refs, "{p: 80}").empty());
  CHECK(Check(refs, "{p: 70000}") == CodeList{"E0401: 70000 is greater than the maximum 65535"});
  CHECK(Check("{$ref: '#/nowhere'}", "1").at(0) == "schema E0505: cannot resolve `$ref` `#/nowhere`; the reference is ignored");
  // A recursive schema compiles once per node and validates nested data.
  const std::string tree = "{definitions: {node: {type: object, properties: {kids: {type: array, items: {$ref: "
                           "'#/definitions/node'}}, v: {type: integer}}}}, $ref: '#/definitions/node'}";
  CHECK(Check(tree, "{v: 1, kids: [{v: 2, kids: [{v: x}]}]}") == CodeList{"E0502: expected integer, found string \"x\""});
}

TEST_CASE("JSON pointers", "[json-schema]") {
  const Value root = Yaml("{a: {'b/c': [x, {'~d': w}]}}");
  REQUIRE(FollowJsonPointer(root, "/a/b~1c/1/~0d") != nullptr);
  CHECK(FollowJsonPointer(root, "/a/b~1c/1/~0d")->AsString() == "w");
  CHECK(FollowJsonPointer(root, "")->IsMap());
  CHECK(FollowJsonPointer(root, "/a/missing") == nullptr);
  CHECK(FollowJsonPointer(root, "/a/b~1c/7") == nullptr);
}

}  // namespace
}  // namespace mast
