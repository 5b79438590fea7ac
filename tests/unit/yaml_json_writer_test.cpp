// The JSON writer: escaping, numbers, layout, streams.
#include <cmath>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

#include "compiler/emit/json_writer.h"
#include "yaml_test_util.h"

namespace mast {
namespace {

using testing::Map;
using testing::ReadClean;
using testing::Str;

TEST_CASE("json: compact and pretty layout", "[json]") {
  const Value value = Map({
      {"b", Value::Int(1)},
      {"a", Value::List({Value::Bool(true), Value::Null(), Value::Float(1.0), Value::Float(0.1)})},
      {"empty", Value::Map({})},
      {"none", Value::List({})},
      {"nested", Map({{"x", Str("y")}})},
  });
  CHECK(WriteJson(value, false) ==
        R"({"b":1,"a":[true,null,1.0,0.1],"empty":{},"none":[],"nested":{"x":"y"}})");
  CHECK(WriteJson(value, true) ==
        "{\n"
        "  \"b\": 1,\n"
        "  \"a\": [\n"
        "    true,\n"
        "    null,\n"
        "    1.0,\n"
        "    0.1\n"
        "  ],\n"
        "  \"empty\": {},\n"
        "  \"none\": [],\n"
        "  \"nested\": {\n"
        "    \"x\": \"y\"\n"
        "  }\n"
        "}");
  CHECK(WriteJson(Str("s"), true) == "\"s\"");
  CHECK(WriteJson(Value::Int(std::numeric_limits<int64_t>::min()), false) == "-9223372036854775808");
}

TEST_CASE("json: string escapes and UTF-8", "[json]") {
  CHECK(WriteJson(Str("q\"b\\s/"), false) == R"("q\"b\\s/")");
  CHECK(WriteJson(Str("\b\f\n\r\t"), false) == R"("\b\f\n\r\t")");
  // DEL, C1 controls, NEL, LS and PS are escaped: YAML readers reject or
  // reinterpret them raw, and JSON output is read as YAML by kubectl.
  CHECK(WriteJson(Str(std::string("\0\x01\x1f\x7f", 4)), false) == "\"\\u0000\\u0001\\u001f\\u007f\"");
  CHECK(WriteJson(Str("é日本😀\xe2\x80\xa8"), false) == "\"é日本😀\\u2028\"");
  CHECK(WriteJson(Str("\xc2\x82\xc2\x85"), false) == "\"\\u0082\\u0085\"");
  CHECK(WriteJson(Str("bad\xff\xc3"), false) == "\"bad\xef\xbf\xbd\xef\xbf\xbd\"");
  CHECK(WriteJson(Map({{"k\"ey", Value::Int(1)}}), false) == R"({"k\"ey":1})");
}

TEST_CASE("json: floats via FormatFloat, non-finite as null", "[json]") {
  CHECK(WriteJson(Value::Float(1.0), false) == "1.0");
  CHECK(WriteJson(Value::Float(0.1), false) == "0.1");
  CHECK(WriteJson(Value::Float(-2.5e-300), false) == FormatFloat(-2.5e-300));
  CHECK(WriteJson(Value::Float(std::nan("")), false) == "null");
  CHECK(WriteJson(Value::Float(std::numeric_limits<double>::infinity()), false) == "null");
  CHECK(WriteJson(Value::Float(-std::numeric_limits<double>::infinity()), false) == "null");
}

TEST_CASE("json: output reads back as the same values", "[json]") {
  const Value value = Map({
      {"s", Str("yes")},
      {"n", Str("0123")},
      {"t", Str("tab\there \"quoted\" \\ é \x01")},
      {"i", Value::Int(-42)},
      {"f", Value::Float(1e300)},
      {"g", Value::Float(1.0)},
      {"b", Value::Bool(false)},
      {"z", Value::Null()},
      {"l", Value::List({Value::List({}), Value::Map({})})},
  });
  for (bool pretty : {false, true}) {
    std::vector<YamlDocument> documents = ReadClean(WriteJson(value, pretty));
    REQUIRE(documents.size() == 1);
    CHECK(documents[0].value.Equals(value));
  }
}

TEST_CASE("json: streams", "[json]") {
  const Value pod = Map({{"metadata", Map({{"name", Str("p")}})}, {"kind", Str("Pod")}, {"apiVersion", Str("v1")}});
  CHECK(WriteJsonStream({pod}) ==
        "{\n"
        "  \"apiVersion\": \"v1\",\n"
        "  \"kind\": \"Pod\",\n"
        "  \"metadata\": {\n"
        "    \"name\": \"p\"\n"
        "  }\n"
        "}\n");
  CHECK(WriteJsonStream({pod, Map({{"kind", Str("Service")}})}) ==
        "{\n"
        "  \"apiVersion\": \"v1\",\n"
        "  \"kind\": \"List\",\n"
        "  \"items\": [\n"
        "    {\n"
        "      \"apiVersion\": \"v1\",\n"
        "      \"kind\": \"Pod\",\n"
        "      \"metadata\": {\n"
        "        \"name\": \"p\"\n"
        "      }\n"
        "    },\n"
        "    {\n"
        "      \"kind\": \"Service\"\n"
        "    }\n"
        "  ]\n"
        "}\n");
  CHECK(WriteJsonStream({}) == "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": []\n}\n");
  // Nested maps are not reordered.
  CHECK(WriteJsonStream({Map({{"spec", Map({{"kind", Str("x")}, {"a", Value::Int(1)}})}, {"kind", Str("K")}})}) ==
        "{\n  \"kind\": \"K\",\n  \"spec\": {\n    \"kind\": \"x\",\n    \"a\": 1\n  }\n}\n");
}

}  // namespace
}  // namespace mast
