// The YAML writer: strings come back as the same strings, kinds survive,
// key order and multi-line forms are exact.
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include "compiler/emit/yaml_writer.h"
#include "yaml_test_util.h"

namespace mast {
namespace {

using testing::Escaped;
using testing::Map;
using testing::ReadClean;
using testing::Str;

// The 74 probe strings of DEPENDENCIES.md §4 (the 71 that yaml-cpp printed
// unquoted or quoted by itself, plus three ordinary ones), then more.
const std::vector<std::string>& ProbeStrings() {
  static const std::vector<std::string> kStrings = {
      // bool words
      "yes", "no", "Yes", "NO", "on", "off", "On", "OFF", "y", "n", "Y", "N", "true", "false", "True", "FALSE",
      // numbers
      "0123", "08", "09", "012", "123", "-5", "+1", "1.0", "1e3", "1E3", ".5", "1_000", "0x1F", "0o17", "0b101",
      "1:20", "190:20:30",
      // special floats
      ".inf", "-.inf", ".NaN", ".nan",
      // dates
      "2024-01-01", "2001-12-14t21:59:43.10-05:00",
      // merge and value keys
      "=", "<<",
      // null-like
      "null", "Null", "NULL", "~", "",
      // spaces, indicators, line breaks, tabs
      " lead", "trail ", "a: b", "a #b", "- a", "-", "?a", ":a", "@a", "`a", "*a", "&a", "!a", "%a", "|a", ">a",
      "{a", "[a", "'a", "\"a", ",a", "#a", "\\a", "a\nb", "a\tb",
      // ordinary
      "plain", "nginx:1.25", "app.kubernetes.io/name",
      // more bool/null/float spellings
      "YES", "No", "ON", "Off", "TRUE", "False", "+.inf", ".Inf", "-.INF", "+.INF", ".NAN", "tRUE", "nULL",
      // more numbers
      "0", "-0", "00", "0.", "1.", "-.5", "+.5", "1e-3", "1E+3", "1_0e5", "0b_101", "0x_1F", "+0x1F", "-0o17",
      "1__0", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551616",
      "1e400", "1.2.3", "12:30:45", "1:60", "0x", "0b", "0o", "0xg", "1_", "_1", "NaN", "Infinity", "inf", "nan",
      "1Gi", "100m", "500Mi", "8080/TCP", "10s", "1.25",
      // timestamps
      "2001-12-14 21:59:43.10 -5", "2024-1-2", "2001-12-14T21:59:43Z", "2024-01-01x",
      // flags, paths, markers
      "--port=8080", "-x", "---", "---a", "...", "....x", "a:", "a:b", "a#b", "a ,b", "[]", "{}", "null ", "<<<",
      "=a", "~a", "yes please", "on-call", "n/a", "a - b", "http://example.com:8080/x?y=1#z", "key=value",
      "$(VAR)", "${VAR}", "a'b", "a\"b", "a\\b",
      // whitespace and line breaks
      " ", "  ", "\t", "a\r\nb", "line\n", "line\n\n", "\n", "\n\n", " \n", "a\n ", " lead\nx", "\nlead-break",
      "a\n\n\nb\n\n", "  two\n  lines\n", "x\n\ty", "\ttab-first\nx", "a\n\n", "last\n  \n", "trailing-space \nx",
      // control characters and Unicode
      std::string("nul\0byte", 8), "\x01", "bell\a", "esc\x1b", "del\x7f", "é", "日本語", "emoji 😀",
      "nel\xc2\x85x", "ls\xe2\x80\xa8x", "ps\xe2\x80\xa9x", "\xef\xbb\xbf" "bom", "nbsp\xc2\xa0", "c1\xc2\x9f",
      "café: au lait", "multi\nligne é\n",
  };
  return kStrings;
}

// Strings that any YAML 1.1 reader (go-yaml v2 for Kubernetes, PyYAML)
// would read as something else when written plain: the writer must quote them.
const std::vector<std::string>& MustQuote() {
  static const std::vector<std::string> kStrings = {
      "yes", "no", "Yes", "NO", "on", "off", "On", "OFF", "y", "n", "Y", "N", "true", "false", "True", "FALSE",
      "0123", "08", "09", "012", "123", "-5", "+1", "1.0", "1e3", "1E3", ".5", "1_000", "0x1F", "0o17", "0b101",
      "1:20", "190:20:30", ".inf", "-.inf", ".NaN", ".nan", "2024-01-01", "2001-12-14t21:59:43.10-05:00", "=",
      "<<", "null", "Null", "NULL", "~", "", "0", "1.", "12:30:45", "1.2.3", "2024-1-2", "9223372036854775808",
  };
  return kStrings;
}

std::string WriteOne(const std::string& key, const Value& value) { return WriteYaml(Map({{key, value}})); }

// Reads one document that must be a single-entry mapping and returns its value.
Value ReadBackValue(const std::string& text) {
  std::vector<YamlDocument> documents = ReadClean(text);
  REQUIRE(documents.size() == 1);
  REQUIRE(documents[0].value.IsMap());
  REQUIRE(documents[0].value.AsMap().size() == 1);
  return documents[0].value.AsMap()[0].value;
}

void CheckRoundTrip(const std::string& text) {
  INFO("string " << Escaped(text));
  // As a value, a key, a list item, a nested list item, a top-level document.
  const Value document = Map({
      {"value", Str(text)},
      {text, Str("as-key")},
      {"list", Value::List({Str(text), Value::List({Str(text)}), Map({{"k", Str(text)}})})},
  });
  const std::string yaml = WriteYamlStream({document, Str(text)});
  INFO("yaml:\n" << yaml);
  std::vector<YamlDocument> documents = ReadClean(yaml);
  REQUIRE(documents.size() == 2);
  CHECK(documents[0].value.Equals(document));
  CHECK(documents[1].value.Equals(Str(text)));
  CHECK(WriteYamlStream({document, Str(text)}) == yaml);  // deterministic
}

TEST_CASE("probe strings round-trip as identical strings", "[writer]") {
  for (const std::string& text : ProbeStrings()) CheckRoundTrip(text);
  CHECK(ProbeStrings().size() > 74);
}

TEST_CASE("strings that resolve to other types are double-quoted", "[writer]") {
  for (const std::string& text : MustQuote()) {
    const std::string yaml = WriteOne("k", Str(text));
    INFO(Escaped(text) << " -> " << yaml);
    CHECK(yaml.substr(0, 4) == "k: \"");
    // An independent reader (yaml-cpp) sees a quoted scalar with this text.
    const YAML::Node node = YAML::Load(yaml);
    CHECK(node["k"].Tag() == "!");
    CHECK(node["k"].as<std::string>() == text);
    // Also as a key.
    const std::string as_key = WriteOne(text, Str("v"));
    CHECK(as_key[0] == '"');
  }
}

TEST_CASE("every probe string reads back through yaml-cpp too", "[writer]") {
  for (const std::string& text : ProbeStrings()) {
    // yaml-cpp cannot carry NUL bytes through as<std::string>() reliably and
    // normalises some line characters; skip what it cannot represent.
    // It also decodes `\N` (NEL) to a lone 0x85 byte instead of UTF-8.
    if (text.find('\0') != std::string::npos || text.find("\xc2\x85") != std::string::npos) continue;
    const std::string yaml = WriteOne("k", Str(text));
    INFO(Escaped(text) << " -> " << yaml);
    const YAML::Node node = YAML::Load(yaml);
    CHECK(node["k"].as<std::string>() == text);
    // Plain output is only used where yaml-cpp too would keep a string.
    if (node["k"].Tag() == "?") {
      CHECK(text == node["k"].Scalar());
      CHECK(text.find('\n') == std::string::npos);
    }
  }
}

TEST_CASE("ordinary strings stay plain", "[writer]") {
  for (std::string text : {"plain", "nginx:1.25", "app.kubernetes.io/name", "1Gi", "100m", "500Mi", "--port=8080",
                           "-x", "a:b", "a#b", "http://example.com:8080/x?y=1#z", "café", "日本語", "yes please",
                           "$(VAR)", "n/a"}) {
    INFO(text);
    CHECK(WriteOne("k", Str(text)) == "k: " + text + "\n");
  }
}

TEST_CASE("numbers, bools and null keep their kinds", "[writer]") {
  const std::vector<Value> values = {
      Value::Int(0),
      Value::Int(-1),
      Value::Int(42),
      Value::Int(std::numeric_limits<int64_t>::max()),
      Value::Int(std::numeric_limits<int64_t>::min()),
      Value::Float(1.0),
      Value::Float(0.1),
      Value::Float(-2.5),
      Value::Float(1000.0),
      Value::Float(123456789.0),
      Value::Float(1e300),
      Value::Float(-1e-300),
      Value::Float(5e-324),
      Value::Float(1e21),
      Value::Float(std::numeric_limits<double>::infinity()),
      Value::Float(-std::numeric_limits<double>::infinity()),
      Value::Bool(true),
      Value::Bool(false),
      Value::Null(),
  };
  for (const Value& value : values) {
    const std::string yaml = WriteOne("k", value);
    INFO(yaml);
    const Value back = ReadBackValue(yaml);
    CHECK(back.kind() == value.kind());
    CHECK(back.Equals(value));
    if (!value.IsNull()) {
      const YAML::Node node = YAML::Load(yaml);
      CHECK(node["k"].Tag() == "?");  // plain: typed by the reader
    }
  }
  CHECK(WriteOne("k", Value::Float(1.0)) == "k: 1.0\n");
  CHECK(WriteOne("k", Value::Float(0.1)) == "k: 0.1\n");
  CHECK(WriteOne("k", Value::Float(1e300)) == "k: 1.0e+300\n");
  CHECK(WriteOne("k", Value::Int(-7)) == "k: -7\n");
  CHECK(WriteOne("k", Value::Bool(true)) == "k: true\n");
  CHECK(WriteOne("k", Value::Null()) == "k: null\n");
  CHECK(WriteOne("k", Value::Float(std::numeric_limits<double>::infinity())) == "k: .inf\n");
  const Value nan = ReadBackValue(WriteOne("k", Value::Float(std::nan(""))));
  CHECK(nan.IsFloat());
  CHECK(std::isnan(nan.AsFloat()));
}

TEST_CASE("layout: kubectl style, empty collections, nesting", "[writer]") {
  const Value document = Map({
      {"apiVersion", Str("v1")},
      {"kind", Str("Pod")},
      {"metadata", Map({{"name", Str("web")}, {"labels", Value::Map({})}})},
      {"spec", Map({
                   {"containers", Value::List({Map({{"name", Str("app")},
                                                     {"args", Value::List({Str("--port=8080"), Str("-v")})},
                                                     {"ports", Value::List({Map({{"containerPort", Value::Int(80)}})})}})})},
                   {"volumes", Value::List({})},
                   {"matrix", Value::List({Value::List({Value::Int(1), Value::Int(2)}), Value::List({}),
                                           Value::Map({})})},
               })},
  });
  CHECK(WriteYaml(document) ==
        "apiVersion: v1\n"
        "kind: Pod\n"
        "metadata:\n"
        "  name: web\n"
        "  labels: {}\n"
        "spec:\n"
        "  containers:\n"
        "  - name: app\n"
        "    args:\n"
        "    - --port=8080\n"
        "    - -v\n"
        "    ports:\n"
        "    - containerPort: 80\n"
        "  volumes: []\n"
        "  matrix:\n"
        "  - - 1\n"
        "    - 2\n"
        "  - []\n"
        "  - {}\n");
  CHECK(ReadClean(WriteYaml(document))[0].value.Equals(document));
  CHECK(WriteYaml(Value::Map({})) == "{}\n");
  CHECK(WriteYaml(Value::List({})) == "[]\n");
  CHECK(WriteYaml(Str("x")) == "x\n");
  CHECK(WriteYaml(Value::Null()) == "null\n");
}

TEST_CASE("top-level apiVersion, kind, metadata come first; nested order kept", "[writer]") {
  const Value document = Map({
      {"spec", Map({{"kind", Str("inner")}, {"apiVersion", Str("x")}, {"b", Value::Int(1)}, {"a", Value::Int(2)}})},
      {"metadata", Map({{"name", Str("web")}})},
      {"zeta", Value::Int(1)},
      {"kind", Str("ConfigMap")},
      {"alpha", Value::Int(2)},
      {"apiVersion", Str("v1")},
  });
  CHECK(WriteYamlStream({document}) ==
        "apiVersion: v1\n"
        "kind: ConfigMap\n"
        "metadata:\n"
        "  name: web\n"
        "spec:\n"
        "  kind: inner\n"
        "  apiVersion: x\n"
        "  b: 1\n"
        "  a: 2\n"
        "zeta: 1\n"
        "alpha: 2\n");
  // WriteYaml keeps the order as is.
  CHECK(WriteYaml(document).substr(0, 6) == "spec:\n");
  // A document without those keys keeps its order.
  CHECK(WriteYamlStream({Map({{"b", Value::Int(1)}, {"a", Value::Int(2)}})}) == "b: 1\na: 2\n");
}

TEST_CASE("documents are separated by --- lines", "[writer]") {
  CHECK(WriteYamlStream({}) == "");
  CHECK(WriteYamlStream({Map({{"a", Value::Int(1)}})}) == "a: 1\n");
  CHECK(WriteYamlStream({Map({{"a", Value::Int(1)}}), Map({{"b", Value::Int(2)}}), Value::Null()}) ==
        "a: 1\n---\nb: 2\n---\nnull\n");
  std::vector<YamlDocument> documents = ReadClean(WriteYamlStream({Map({{"a", Str("---")}}), Str("...")}));
  REQUIRE(documents.size() == 2);
  CHECK(documents[1].value.Equals(Str("...")));
  // Literal blocks with kept trailing lines end before the next `---`.
  const std::vector<Value> blocks = {Str("a\n\n"), Str(" b\n\n\n"), Str("c"), Str("\td\n")};
  const std::string text = WriteYamlStream(blocks);
  CHECK(text == "|+\n  a\n\n---\n|2+\n   b\n\n\n---\nc\n---\n|2\n  \td\n");
  documents = ReadClean(text);
  REQUIRE(documents.size() == blocks.size());
  for (size_t i = 0; i < blocks.size(); ++i) CHECK(documents[i].value.Equals(blocks[i]));
}

TEST_CASE("multi-line strings use literal blocks with exact chomping", "[writer]") {
  CHECK(WriteOne("k", Str("a\n")) == "k: |\n  a\n");
  CHECK(WriteOne("k", Str("a")) == "k: a\n");  // one line: plain
  CHECK(WriteOne("k", Str("a\nb")) == "k: |-\n  a\n  b\n");
  CHECK(WriteOne("k", Str("a\n\n")) == "k: |+\n  a\n\n");
  CHECK(WriteOne("k", Str("a\n\nb\n")) == "k: |\n  a\n\n  b\n");
  CHECK(WriteOne("k", Str(" a\nb\n")) == "k: |2\n   a\n  b\n");
  CHECK(WriteOne("k", Str("\na")) == "k: |2-\n\n  a\n");
  CHECK(WriteOne("k", Str("\n")) == "k: \"\\n\"\n");
  CHECK(WriteOne("k", Str("a\r\nb")) == "k: \"a\\r\\nb\"\n");
  CHECK(WriteYaml(Value::List({Str("x\ny\n")})) == "- |\n  x\n  y\n");
  CHECK(WriteYaml(Str("x\ny")) == "|-\n  x\n  y\n");
  CHECK(WriteYaml(Map({{"a", Map({{"b", Value::List({Map({{"c", Str(" s\n")}})})}})}})) ==
        "a:\n  b:\n  - c: |2\n       s\n");
  const std::vector<std::string> texts = {
      "a\n", "a", "a\n\n", "a\n\n\n", " a\n", "  a\n b\nc", "\n\na\n", "a\n  b\n    c\n", "#!/bin/sh\necho hi\n",
      "key: value\n- item\n", "---\n...\n", "a\n\n\n\nb", "\ta\nb\n", "a\n\tb\n", "é\n日本\n", "  \n a\n",
  };
  for (const std::string& text : texts) CheckRoundTrip(text);
}

TEST_CASE("keys: quoting, empty key, long keys", "[writer]") {
  CHECK(WriteOne("", Str("v")) == "\"\": v\n");
  CHECK(WriteOne("yes", Str("v")) == "\"yes\": v\n");
  CHECK(WriteOne("a: b", Str("v")) == "\"a: b\": v\n");
  CHECK(WriteOne("multi\nline", Str("v")) == "\"multi\\nline\": v\n");
  const std::string long_key(1500, 'k');
  const Value document = Map({{long_key, Value::List({Value::Int(1)})}, {"x" + long_key, Str("v")}, {"z", Value::Int(1)}});
  const std::string yaml = WriteYaml(document);
  CHECK(yaml.substr(0, 2) == "? ");
  CHECK(ReadClean(yaml)[0].value.Equals(document));
}

TEST_CASE("invalid UTF-8 is written as U+FFFD", "[writer]") {
  const std::string yaml = WriteOne("k", Str("a\xff" "b"));
  CHECK(yaml == "k: \"a\xef\xbf\xbd" "b\"\n");
  CHECK(ReadBackValue(yaml).Equals(Str("a\xef\xbf\xbd" "b")));
}

TEST_CASE("random strings round-trip", "[writer]") {
  // Characters that matter to YAML, mixed at random.
  const std::vector<std::string> alphabet = {
      "a", "z", "0", "1", "9", ".", "-", "+", "_", ":", "#", " ", " ", "\n", "\n", "\t", "'", "\"", "\\", "!",
      "&", "*", "?", "|", ">", "%", "@", "`", ",", "[", "]", "{", "}", "~", "=", "<", "y", "n", "e", "x",
      "\r", "é", "\xe2\x80\xa8", "\xc2\x85", "\x01", "\x7f", "\xef\xbb\xbf",
  };
  std::mt19937 random(12345);
  for (int iteration = 0; iteration < 3000; ++iteration) {
    const size_t length = random() % 12;
    std::string text;
    for (size_t i = 0; i < length; ++i) text += alphabet[random() % alphabet.size()];
    CheckRoundTrip(text);
  }
}

}  // namespace
}  // namespace mast
