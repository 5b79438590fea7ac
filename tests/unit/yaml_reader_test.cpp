// The YAML reader: scalar resolution, origins, diagnostics and limits.
#include <cmath>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

#include "compiler/base/source.h"
#include "compiler/yaml/scalar_resolve.h"
#include "yaml_test_util.h"

namespace mast {
namespace {

using testing::Annotated;
using testing::Describe;
using testing::Read;
using testing::ReadClean;

Value ReadScalar(const std::string& text) {
  std::vector<YamlDocument> documents = ReadClean("k: " + text + "\n");
  REQUIRE(documents.size() == 1);
  const Value* value = documents[0].value.Find("k");
  REQUIRE(value != nullptr);
  return *value;
}

TEST_CASE("plain scalars resolve like go-yaml v2", "[reader]") {
  struct Case {
    const char* text;
    Value expected;
  };
  const double inf = std::numeric_limits<double>::infinity();
  const Case cases[] = {
      {"yes", Value::Bool(true)},       {"Y", Value::Bool(true)},          {"on", Value::Bool(true)},
      {"TRUE", Value::Bool(true)},      {"no", Value::Bool(false)},        {"n", Value::Bool(false)},
      {"Off", Value::Bool(false)},      {"False", Value::Bool(false)},     {"tRUE", Value::String("tRUE")},
      {"~", Value::Null()},             {"null", Value::Null()},           {"NULL", Value::Null()},
      {"nULL", Value::String("nULL")},  {"0123", Value::Int(83)},          {"08", Value::Float(8)},
      {"09.5", Value::Float(9.5)},      {"0x1F", Value::Int(31)},          {"-0x1F", Value::Int(-31)},
      {"0o17", Value::Int(15)},         {"0b101", Value::Int(5)},          {"-0b101", Value::Int(-5)},
      {"1_000", Value::Int(1000)},      {"+1", Value::Int(1)},             {"-0", Value::Int(0)},
      {"0", Value::Int(0)},             {"1:20", Value::String("1:20")},   {"1.0", Value::Float(1)},
      {".5", Value::Float(0.5)},        {"-.5", Value::Float(-0.5)},       {"1e3", Value::Float(1000)},
      {"1E-2", Value::Float(0.01)},     {"1.", Value::Float(1)},           {".inf", Value::Float(inf)},
      {"-.Inf", Value::Float(-inf)},    {"+.INF", Value::Float(inf)},      {"1e400", Value::String("1e400")},
      {"2024-01-01", Value::String("2024-01-01")},
      {"2001-12-14t21:59:43.10-05:00", Value::String("2001-12-14t21:59:43.10-05:00")},
      {"9223372036854775807", Value::Int(std::numeric_limits<int64_t>::max())},
      {"-9223372036854775808", Value::Int(std::numeric_limits<int64_t>::min())},
      {"9223372036854775808", Value::Float(9223372036854775808.0)},
      {"0x", Value::String("0x")},      {"1Gi", Value::String("1Gi")},     {"=", Value::String("=")},
      {"<<", Value::String("<<")},      {"1.2.3", Value::String("1.2.3")}, {"-x", Value::String("-x")},
      {"0x_1F", Value::Int(31)},        {"1__0", Value::Int(10)},          {"_1", Value::String("_1")},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const Value value = ReadScalar(c.text);
    CHECK(value.kind() == c.expected.kind());
    CHECK(value.Equals(c.expected));
  }
  const Value nan = ReadScalar(".NaN");
  CHECK(nan.IsFloat());
  CHECK(std::isnan(nan.AsFloat()));
}

TEST_CASE("quoted and block scalars are strings; explicit tags are honoured", "[reader]") {
  CHECK(ReadScalar("\"yes\"").Equals(Value::String("yes")));
  CHECK(ReadScalar("'0123'").Equals(Value::String("0123")));
  CHECK(ReadScalar("\"\"").Equals(Value::String("")));
  CHECK(ReadScalar("!!str 123").Equals(Value::String("123")));
  CHECK(ReadScalar("!!str").Equals(Value::String("")));
  CHECK(ReadScalar("!!int \"12\"").Equals(Value::Int(12)));
  CHECK(ReadScalar("!!float 1").Equals(Value::Float(1)));
  CHECK(ReadScalar("!!bool 'yes'").Equals(Value::Bool(true)));
  CHECK(ReadScalar("!!null ''").Equals(Value::Null()));
  CHECK(ReadScalar("!custom 5").Equals(Value::String("5")));
  CHECK(ReadScalar("! 5").Equals(Value::String("5")));
  CHECK(ReadScalar("!!binary aGk=").Equals(Value::String("aGk=")));
  CHECK(ReadScalar("!!timestamp 2024-01-01").Equals(Value::String("2024-01-01")));
  CHECK(ReadScalar("|\n  yes\n").Equals(Value::String("yes\n")));
  CHECK(ReadScalar(">-\n  a\n  b\n").Equals(Value::String("a b")));

  DiagnosticSink sink;
  const Annotated text("k: ⟦!!int abc⟧\n");
  std::vector<YamlDocument> documents = Read(text.text, sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0601);
  CHECK(sink.diagnostics()[0].range == text.ranges[0]);
  CHECK(sink.diagnostics()[0].message == "`abc` is tagged !!int but is not one; it is read as a string");
  REQUIRE(documents.size() == 1);
  CHECK(documents[0].value.Find("k")->Equals(Value::String("abc")));
}

TEST_CASE("keys become their text", "[reader]") {
  std::vector<YamlDocument> documents = ReadClean("1: a\ntrue: b\n~: c\n0x10: d\n\"q\": e\n1.50: f\n");
  REQUIRE(documents.size() == 1);
  std::vector<std::string> keys;
  for (const MapEntry& entry : documents[0].value.AsMap()) keys.push_back(entry.key);
  CHECK(keys == std::vector<std::string>{"1", "true", "~", "0x10", "q", "1.50"});
}

TEST_CASE("origins are byte ranges, also after non-ASCII text", "[reader]") {
  const Annotated text(
      "⟦⟦name⟧: ⟦\"café ☕\"⟧\n"
      "⟦list⟧:\n"
      "⟦- ⟦日本⟧\n"
      "- ⟦{⟦a⟧: ⟦1⟧}⟧⟧\n"
      "⟦block⟧: ⟦|\n"
      "  ünïcode\n⟧⟧"
      "---\n"
      "# ✓ comment\n"
      "⟦⟦ключ⟧: ⟦[⟦é⟧, ⟦2.5⟧]⟧⟧\n");
  enum {
    kMap1, kNameKey, kName, kListKey, kList, kItem0, kItem1, kAKey, kA, kBlockKey, kBlock,
    kMap2, kKey2, kFlowList, kE, kNumber,
  };
  REQUIRE(text.ranges.size() == 16);
  std::vector<YamlDocument> documents = ReadClean(text.text);
  REQUIRE(documents.size() == 2);

  const Value& first = documents[0].value;
  CHECK(first.origin() == text.ranges[kMap1]);
  const ValueMap& entries = first.AsMap();
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].key_range == text.ranges[kNameKey]);
  CHECK(entries[0].value.origin() == text.ranges[kName]);
  CHECK(entries[0].value.Equals(Value::String("café ☕")));
  CHECK(entries[1].key_range == text.ranges[kListKey]);
  const Value& list = entries[1].value;
  CHECK(list.origin() == text.ranges[kList]);
  REQUIRE(list.AsList().size() == 2);
  CHECK(list.AsList()[0].origin() == text.ranges[kItem0]);
  const Value& flow = list.AsList()[1];
  CHECK(flow.origin() == text.ranges[kItem1]);
  CHECK(flow.AsMap()[0].key_range == text.ranges[kAKey]);
  CHECK(flow.AsMap()[0].value.origin() == text.ranges[kA]);
  CHECK(entries[2].key_range == text.ranges[kBlockKey]);
  CHECK(entries[2].value.origin() == text.ranges[kBlock]);
  CHECK(entries[2].value.Equals(Value::String("ünïcode\n")));

  const Value& second = documents[1].value;
  CHECK(second.origin() == text.ranges[kMap2]);
  CHECK(second.AsMap()[0].key_range == text.ranges[kKey2]);
  CHECK(second.AsMap()[0].key == "ключ");
  const Value& flow_list = second.AsMap()[0].value;
  CHECK(flow_list.origin() == text.ranges[kFlowList]);
  CHECK(flow_list.AsList()[0].origin() == text.ranges[kE]);
  CHECK(flow_list.AsList()[1].origin() == text.ranges[kNumber]);

  // Line and column (1-based, bytes) through the source buffer.
  SourceFile file("test.yaml", text.text);
  const LineColumn number = file.ToLineColumn(text.ranges[kNumber].begin);
  CHECK(number.line == 9);
  CHECK(number.column == 16);  // "ключ: [é, " is 15 bytes
  const LineColumn item = file.ToLineColumn(text.ranges[kAKey].begin);
  CHECK(item.line == 4);
  CHECK(item.column == 4);
  CHECK(file.ToLineColumn(entries[2].value.origin().begin).line == 5);

  // Document ranges: the first ends where `---` starts.
  CHECK(documents[0].range.begin == 0);
  CHECK(documents[0].range.end == text.text.find("---"));
  CHECK(documents[1].range.begin == text.text.find("---"));
  CHECK(documents[1].range.end == text.text.size());
}

TEST_CASE("origins after a UTF-8 BOM and with CRLF line ends", "[reader]") {
  const Annotated text("\xEF\xBB\xBF⟦a⟧: ⟦é⟧\r\n⟦b⟧: ⟦2⟧\r\n");
  std::vector<YamlDocument> documents = ReadClean(text.text);
  REQUIRE(documents.size() == 1);
  const ValueMap& entries = documents[0].value.AsMap();
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].key_range == text.ranges[0]);
  CHECK(entries[0].value.origin() == text.ranges[1]);
  CHECK(entries[1].key_range == text.ranges[2]);
  CHECK(entries[1].value.origin() == text.ranges[3]);
}

TEST_CASE("an empty value is a zero-width null after its key", "[reader]") {
  const Annotated text("⟦a⟧:⟦⟧\nb: 1\nc:\n-⟦⟧\n- x\n-⟦⟧ # comment\n");
  std::vector<YamlDocument> documents = ReadClean(text.text);
  REQUIRE(documents.size() == 1);
  const Value& a = documents[0].value.AsMap()[0].value;
  CHECK(a.IsNull());
  CHECK(a.origin() == text.ranges[1]);
  const ValueList& items = documents[0].value.Find("c")->AsList();
  REQUIRE(items.size() == 3);
  CHECK(items[0].IsNull());
  CHECK(items[0].origin() == text.ranges[2]);
  CHECK(items[2].IsNull());
  CHECK(items[2].origin() == text.ranges[3]);
}

TEST_CASE("empty documents and comment-only files", "[reader]") {
  CHECK(ReadClean("").empty());
  CHECK(ReadClean("# only a comment\n\n# another\n").empty());
  {
    std::vector<YamlDocument> documents = ReadClean("---\n");
    REQUIRE(documents.size() == 1);
    CHECK(documents[0].empty);
    CHECK(documents[0].value.IsNull());
  }
  {
    std::vector<YamlDocument> documents = ReadClean("a: 1\n---\n# nothing here\n---\nb: 2\n---\n...\n");
    REQUIRE(documents.size() == 4);
    CHECK(!documents[0].empty);
    CHECK(documents[1].empty);
    CHECK(!documents[2].empty);
    CHECK(documents[3].empty);
  }
  {
    std::vector<YamlDocument> documents = ReadClean("--- null\n---\n~\n--- ''\n");
    REQUIRE(documents.size() == 3);
    CHECK(!documents[0].empty);
    CHECK(documents[0].value.IsNull());
    CHECK(!documents[1].empty);
    CHECK(!documents[2].empty);
    CHECK(documents[2].value.Equals(Value::String("")));
  }
}

TEST_CASE("duplicate keys are reported at the second key", "[reader]") {
  DiagnosticSink sink;
  const Annotated text("⟦name⟧: a\nother: 1\n⟦name⟧: b\n");
  std::vector<YamlDocument> documents = Read(text.text, sink);
  REQUIRE(sink.diagnostics().size() == 1);
  const Diagnostic& diagnostic = sink.diagnostics()[0];
  CHECK(diagnostic.code == DiagnosticCode::E0602);
  CHECK(diagnostic.range == text.ranges[1]);
  CHECK(diagnostic.message == "duplicate key `name`; each key may appear once in a mapping");
  REQUIRE(diagnostic.labels.size() == 1);
  CHECK(diagnostic.labels[0].range == text.ranges[0]);
  CHECK(diagnostic.labels[0].message == "first set here");
  REQUIRE(documents.size() == 1);
  const ValueMap& entries = documents[0].value.AsMap();
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].key == "name");
  CHECK(entries[0].value.Equals(Value::String("b")));  // the later value, at the first position

  // Large mappings use a hash index; quoted and plain spellings are the same key.
  std::string big;
  for (int i = 0; i < 100; ++i) big += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  big += "\"k57\": again\nk3: again\n";
  DiagnosticSink big_sink;
  std::vector<YamlDocument> big_documents = Read(big, big_sink);
  CHECK(big_sink.diagnostics().size() == 2);
  REQUIRE(big_documents.size() == 1);
  CHECK(big_documents[0].value.AsMap().size() == 100);
  CHECK(big_documents[0].value.Find("k57")->Equals(Value::String("again")));
}

TEST_CASE("anchors, aliases and shared storage", "[reader]") {
  const Annotated text("base: &b [1, 2]\ncopy: ⟦*b⟧\nname: &n hello\nkeys:\n  *n : world\n");
  std::vector<YamlDocument> documents = ReadClean(text.text);
  REQUIRE(documents.size() == 1);
  const Value& base = *documents[0].value.Find("base");
  const Value& copy = *documents[0].value.Find("copy");
  CHECK(copy.Equals(base));
  CHECK(&copy.AsList() == &base.AsList());  // shared, not copied
  CHECK(copy.origin() == text.ranges[0]);
  CHECK(documents[0].value.Find("keys")->Find("hello") != nullptr);

  DiagnosticSink sink;
  Read("a: *missing\n", sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0601);
  CHECK(sink.diagnostics()[0].message.find("unknown anchor `missing`") == 0);
}

TEST_CASE("merge keys", "[reader]") {
  std::vector<YamlDocument> documents = ReadClean(
      "base: &base {a: 1, b: 2, c: 3}\n"
      "extra: &extra {c: 30, d: 40}\n"
      "one:\n  <<: *base\n  b: 20\n"
      "before:\n  a: 10\n  <<: *base\n"
      "many:\n  x: 0\n  <<: [*extra, *base]\n  y: 9\n"
      "inline:\n  <<: {k: v}\n"
      "quoted:\n  \"<<\": literal\n");
  REQUIRE(documents.size() == 1);
  const Value& root = documents[0].value;
  const Value& one = *root.Find("one");
  REQUIRE(one.AsMap().size() == 3);
  CHECK(one.AsMap()[0].key == "a");
  CHECK(one.AsMap()[1].key == "c");
  CHECK(one.AsMap()[2].key == "b");
  CHECK(one.Find("b")->Equals(Value::Int(20)));
  const Value& before = *root.Find("before");
  CHECK(before.Find("a")->Equals(Value::Int(10)));  // explicit key wins even before `<<`
  CHECK(before.AsMap().size() == 3);
  const Value& many = *root.Find("many");
  std::vector<std::string> many_keys;
  for (const MapEntry& entry : many.AsMap()) many_keys.push_back(entry.key);
  CHECK(many_keys == std::vector<std::string>{"x", "c", "d", "a", "b", "y"});
  CHECK(many.Find("c")->Equals(Value::Int(30)));  // earlier source wins
  CHECK(root.Find("inline")->Find("k")->Equals(Value::String("v")));
  CHECK(root.Find("quoted")->Find("<<")->Equals(Value::String("literal")));

  DiagnosticSink sink;
  std::vector<YamlDocument> bad = Read("a:\n  <<: 5\n  b: 1\n", sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0601);
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].value.Find("a")->AsMap().size() == 1);
}

TEST_CASE("complex keys are reported", "[reader]") {
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = Read("? [a, b]\n: v\nok: 1\n", sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0601);
  REQUIRE(documents.size() == 1);
  CHECK(documents[0].value.AsMap().size() == 1);
  CHECK(documents[0].value.Find("ok") != nullptr);
}

TEST_CASE("alias expansion is bounded", "[reader]") {
  const std::string bomb =
      "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
      "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
      "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
      "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
      "---\n"
      "next: document\n";
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = Read(bomb, sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0603);
  CHECK(sink.diagnostics()[0].message.find("aliases expand to more than 1000000 nodes") == 0);
  // The bomb is dropped; the next document is still read.
  REQUIRE(documents.size() == 1);
  CHECK(documents[0].value.Find("next") != nullptr);

  YamlReadOptions small;
  small.max_alias_expansion_nodes = 20;
  DiagnosticSink small_sink;
  Read("a: &a [1, 2, 3]\nb: [*a, *a, *a, *a, *a, *a]\n", small_sink, small);
  CHECK(small_sink.diagnostics().size() == 1);
}

TEST_CASE("a document past the nesting limit is skipped unscanned, and positions after it stay exact", "[reader]") {
  // libyaml's scanner costs time proportional to the flow depth for every
  // token: 100,000 `[` took over a minute. Reading resumes at the next `---`
  // with a new parser, whose offsets are shifted back into the file.
  const std::string deep = "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  const Annotated text(deep + "---\nb: 1\n⟦b⟧: 2\n---\nc: ⟦é⟧x\n");
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = Read(text.text, sink, YamlReadOptions{});
  REQUIRE(sink.diagnostics().size() == 2);
  CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0603);
  CHECK(sink.diagnostics()[1].code == DiagnosticCode::E0602);
  CHECK(sink.diagnostics()[1].range == text.ranges[0]);
  REQUIRE(documents.size() == 2);
  CHECK(documents[1].value.Find("c")->AsString() == "éx");
  CHECK(documents[1].value.Find("c")->origin().begin == text.ranges[1].begin);  // after a non-ASCII restart too
}

TEST_CASE("nesting depth is bounded", "[reader]") {
  YamlReadOptions options;
  options.max_depth = 10;
  {
    DiagnosticSink sink;
    std::vector<YamlDocument> documents = Read(std::string(10, '[') + std::string(10, ']') + "\n", sink, options);
    CHECK(sink.empty());
    CHECK(documents.size() == 1);
  }
  {
    DiagnosticSink sink;
    const Annotated text(std::string(10, '[') + "⟦[⟧" + std::string(11, ']') + "\n---\nok: 1\n");
    std::vector<YamlDocument> documents = Read(text.text, sink, options);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0603);
    CHECK(sink.diagnostics()[0].range == text.ranges[0]);
    REQUIRE(documents.size() == 1);
    CHECK(documents[0].value.Find("ok") != nullptr);
  }
  {
    // Depth through an alias counts too.
    DiagnosticSink sink;
    Read("a: &a [[[[[[1]]]]]]\nb: [[[[*a]]]]\n", sink, options);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0603);
  }
  {
    // The default limit holds a deeply nested but reasonable document, and
    // stops a hostile one without exhausting the stack.
    DiagnosticSink sink;
    Read(std::string(100000, '[') + std::string(100000, ']'), sink);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0603);
  }
}

TEST_CASE("input size is bounded", "[reader]") {
  YamlReadOptions options;
  options.max_bytes = 8;
  DiagnosticSink sink;
  CHECK(Read("a: 12345678\n", sink, options).empty());
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0603);
}

TEST_CASE("a syntax error is located and earlier documents are kept", "[reader]") {
  // In a flow sequence, `2` and `d` on the next line are one plain scalar
  // "2 d"; the `:` after it is the error.
  const Annotated text("a: 1\n---\nb: 2\n---\nc: [1, 2\nd⟦:⟧ 4\n---\ne: 5\n");
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = Read(text.text, sink);
  INFO(Describe(sink.diagnostics()));
  REQUIRE(sink.diagnostics().size() == 1);
  const Diagnostic& diagnostic = sink.diagnostics()[0];
  CHECK(diagnostic.code == DiagnosticCode::E0601);
  CHECK(diagnostic.range == text.ranges[0]);
  CHECK(diagnostic.message == "did not find expected ',' or ']'");
  REQUIRE(diagnostic.labels.size() == 1);
  CHECK(diagnostic.labels[0].message == "in the flow sequence that starts here");
  CHECK(diagnostic.labels[0].range.begin == text.text.find('['));
  REQUIRE(documents.size() == 2);
  CHECK(documents[0].value.Find("a") != nullptr);
  CHECK(documents[1].value.Find("b") != nullptr);
}

TEST_CASE("syntax error messages", "[reader]") {
  {
    const Annotated text("a:\n⟦\t⟧b: 1\n");
    DiagnosticSink sink;
    Read(text.text, sink);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].range == text.ranges[0]);
    CHECK(sink.diagnostics()[0].message ==
          "found character that cannot start any token; YAML does not allow tabs for indentation, use spaces");
  }
  {
    DiagnosticSink sink;
    Read("a: b: c\n", sink);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].message ==
          "mapping values are not allowed in this context; check the indentation, or quote a value that contains `: `");
  }
  {
    DiagnosticSink sink;
    Read("a: \"unterminated\n", sink);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].message == "found unexpected end of stream");
    CHECK(sink.diagnostics()[0].labels.at(0).message == "in the quoted scalar that starts here");
  }
}

TEST_CASE("bad encoding is located exactly and earlier documents are kept", "[reader]") {
  const Annotated text("a: 1\n---\nb: \"x\ny\"\nc: ⟦\xff⟧\n---\nd: 4\n");
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = Read(text.text, sink);
  INFO(Describe(sink.diagnostics()));
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0601);
  CHECK(sink.diagnostics()[0].range == text.ranges[0]);
  CHECK(sink.diagnostics()[0].message == "invalid UTF-8 byte 0xFF; YAML and JSON files must be UTF-8");
  REQUIRE(documents.size() == 1);
  CHECK(documents[0].value.Find("a") != nullptr);

  DiagnosticSink control_sink;
  const Annotated control("k: \"a⟦\x01⟧\"\n");
  CHECK(Read(control.text, control_sink).empty());
  REQUIRE(control_sink.diagnostics().size() == 1);
  CHECK(control_sink.diagnostics()[0].range == control.ranges[0]);
  CHECK(control_sink.diagnostics()[0].message.find("control character U+0001") == 0);
}

TEST_CASE("JSON input", "[reader]") {
  const Annotated text(
      "⟦{\n"
      "\t\"apiVersion\": \"v1\",\n"
      "\t⟦\"kind\"⟧:⟦\"ConfigMap\"⟧,\n"
      "\t\"data\": {\"a\": \"caf\\u00e9\", \"n\": \"0123\", \"yes\": \"yes\"},\n"
      "\t\"list\": [1, 2.5, -3e2, true, false, null, \"\", {}, []]\n"
      "}⟧\n");
  std::vector<YamlDocument> documents = ReadClean(text.text);
  REQUIRE(documents.size() == 1);
  const Value& root = documents[0].value;
  CHECK(root.origin() == text.ranges[0]);
  CHECK(root.AsMap()[1].key_range == text.ranges[1]);
  CHECK(root.AsMap()[1].value.origin() == text.ranges[2]);
  CHECK(root.Find("data")->Find("a")->Equals(Value::String("café")));
  CHECK(root.Find("data")->Find("n")->Equals(Value::String("0123")));
  CHECK(root.Find("data")->Find("yes")->Equals(Value::String("yes")));
  const ValueList& list = root.Find("list")->AsList();
  REQUIRE(list.size() == 9);
  CHECK(list[0].Equals(Value::Int(1)));
  CHECK(list[1].Equals(Value::Float(2.5)));
  CHECK(list[2].Equals(Value::Float(-300)));
  CHECK(list[3].Equals(Value::Bool(true)));
  CHECK(list[5].IsNull());
  CHECK(list[6].Equals(Value::String("")));
  CHECK(list[7].IsMap());
  CHECK(list[8].IsList());
}

}  // namespace
}  // namespace mast
