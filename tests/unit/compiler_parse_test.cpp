// Parser tests. Positions are marked in the text with `^` lines rather than
// counted by hand.
#include <catch2/catch.hpp>

#include <cstdint>

#include "compiler/driver/compile.h"
#include "compiler/emit/yaml_writer.h"
#include "compiler/syntax/ast_codec.h"
#include "compiler/syntax/parse.h"
#include "compiler/syntax/string_literal.h"
#include "schemas/kube_catalog.h"

using namespace mast;

namespace {

ParseResult ParseText(const std::string& text) {
  static SourceManager sources;
  FileId file = sources.Add("test.mast", text);
  return Parse(sources.Get(file), file);
}

// The byte offset of the `^` in `marker` (a line under `line` of text).
uint32_t Marked(const std::string& text, const std::string& line, const std::string& marker) {
  return static_cast<uint32_t>(text.find(line) + marker.find('^'));
}

}  // namespace

TEST_CASE("declarations keep names, kinds and exact ranges", "[parse]") {
  std::string text =
      "import \"k8s/apps/v1\" as apps\n"
      "/// Doc for App.\n"
      "schema App { name: string, replicas?: int(1..50) = 2 }\n"
      "fn f(a: int): int = a * 2\n"
      "let x = f(2)\n"
      "emit { a: x }\n";
  ParseResult result = ParseText(text);
  REQUIRE(result.diagnostics.empty());
  const ast::Module& module = result.module;
  REQUIRE(module.imports.size() == 1);
  CHECK(module.imports[0].alias == "apps");
  REQUIRE(module.decls.size() == 4);
  const ast::Decl& schema = module.decls[0];
  CHECK(schema.kind == ast::Decl::Kind::kSchema);
  CHECK(schema.doc == "Doc for App.");
  REQUIRE(schema.fields.size() == 2);
  CHECK(schema.fields[1].optional);
  REQUIRE(schema.fields[1].type->refinements.size() == 1);
  CHECK(schema.fields[1].type->refinements[0].high->int_value == 50);
  CHECK(module.decls[1].params.size() == 1);
  CHECK(module.decls[2].name_range.begin == Marked(text, "let x", "    ^"));
  CHECK(module.comments.size() == 1);
  CHECK(module.comments[0].is_doc);
}

TEST_CASE("operators follow the precedence table", "[parse]") {
  ParseResult result = ParseText("let x = a ?? b || c && d == e + f * g with h");
  REQUIRE(result.diagnostics.empty());
  const ast::Expr& top = *result.module.decls[0].value;
  REQUIRE(top.kind == ast::ExprKind::kBinary);
  CHECK(top.op == ast::Operator::kWith);
  CHECK(top.left->op == ast::Operator::kCoalesce);
  CHECK(top.left->right->op == ast::Operator::kOr);
  CHECK(top.left->right->right->op == ast::Operator::kAnd);
  CHECK(top.left->right->right->right->op == ast::Operator::kEqual);
  CHECK(top.left->right->right->right->right->op == ast::Operator::kAdd);
  CHECK(top.left->right->right->right->right->right->op == ast::Operator::kMultiply);
}

TEST_CASE("a record body after a type builds a typed record; after an if condition it holds the fields", "[parse]") {
  auto condition_text = [](const std::string& text) {
    ParseResult result = ParseText(text);
    REQUIRE(result.diagnostics.empty());
    const ast::RecordEntry& entry = result.module.decls[0].value->entries.at(0);
    REQUIRE(entry.kind == ast::RecordEntry::Kind::kIf);
    CHECK(entry.then_entries.size() == 1);
    return text.substr(entry.condition->range.begin, entry.condition->range.end - entry.condition->range.begin);
  };
  // The condition's range stops before the body, whatever its last operand.
  CHECK(condition_text("let r = { if -n { a: \"1\" } }") == "-n");
  CHECK(condition_text("let r = { if n > -1 { a: \"1\" } }") == "n > -1");
  CHECK(condition_text("let r = { if !ok { a: 1 } }") == "!ok");
  CHECK(condition_text("let r = { if let m = 2 in n > m { a: 1 } }") == "let m = 2 in n > m");
  CHECK(condition_text("let r = { if p == Point { x: 1 } { same: true } }") == "p == Point { x: 1 }");

  // The smallest int is still one literal just before a body.
  ParseResult smallest = ParseText("let r = { if big > -9223372036854775808 { b: 2 } }");
  REQUIRE(smallest.diagnostics.empty());
  const ast::Expr& compared = *smallest.module.decls[0].value->entries.at(0).condition->right;
  CHECK(compared.kind == ast::ExprKind::kInt);
  CHECK(compared.int_value == INT64_MIN);

  ParseResult typed = ParseText("let a = Point { x: 1 }\nlet b = apps.Deployment { metadata: {} }");
  REQUIRE(typed.diagnostics.empty());
  CHECK(typed.module.decls[0].value->kind == ast::ExprKind::kTypedRecord);
  CHECK(typed.module.decls[1].value->module == "apps");
  CHECK(typed.module.decls[1].value->name == "Deployment");

  // Only a type name as written: not a value, not a parenthesised type.
  for (const char* text : {"let a = p { x: 1 }", "let a = (Point) { x: 1 }", "let a = (apps.Deployment) {}",
                           "let a = Apps.Deployment {}", "let a = f(1) { x: 1 }"}) {
    ParseResult bad = ParseText(text);
    INFO(text);
    REQUIRE(bad.diagnostics.diagnostics().size() == 1);
    CHECK(bad.diagnostics.diagnostics()[0].code == DiagnosticCode::E0101);
  }
}

TEST_CASE("each syntax error is reported and the next declaration still parses", "[parse]") {
  ParseResult result = ParseText("let a = (1 +\nlet b = 2\nemit { x: }\nlet c = 3\n");
  CHECK(result.diagnostics.ErrorCount() == 2);
  std::vector<std::string> names;
  for (const ast::Decl& decl : result.module.decls) names.push_back(decl.name);
  CHECK(std::find(names.begin(), names.end(), "b") != names.end());
  CHECK(std::find(names.begin(), names.end(), "c") != names.end());
}

TEST_CASE("keywords can be field names and record commas are optional", "[parse]") {
  ParseResult result = ParseText("let s = { type: \"ClusterIP\" if: 1\n for: 2 }\nlet t = s.type");
  CHECK(result.diagnostics.empty());
  REQUIRE(result.module.decls[0].value->entries.size() == 3);
  CHECK(result.module.decls[0].value->entries[1].key == "if");
}

TEST_CASE("deep nesting is rejected before the parser recurses", "[parse]") {
  std::string deep = "let x = " + std::string(100000, '(') + "1" + std::string(100000, ')');
  ParseResult result = ParseText(deep);
  REQUIRE(result.diagnostics.diagnostics().size() == 1);
  CHECK(result.diagnostics.diagnostics()[0].code == DiagnosticCode::E0102);
  ParseResult negations = ParseText("let x = " + std::string(100000, '!') + "true");
  CHECK(negations.diagnostics.diagnostics()[0].code == DiagnosticCode::E0102);
}

TEST_CASE("long operator, field and call chains count toward the depth bound", "[parse]") {
  // Left-deep chains made trees 700,000 levels deep, and every phase walks
  // trees recursively (SIGSEGV in the checker, the codec, destruction).
  auto chain = [](const std::string& link, size_t n) {
    std::string text = "let x = r";
    for (size_t i = 0; i < n; ++i) text += link;
    return text + "\n";
  };
  for (const std::string link : {" + 1", ".a", "()", " && true", "[0]", "?.b", " ?? 1"}) {
    INFO(link);
    ParseResult shallow = ParseText(chain(link, 1400));
    CHECK(shallow.diagnostics.empty());
    // The codec (built-in policies, parse cache) takes any tree the parser returns.
    std::optional<ast::Module> decoded = DecodeModule(EncodeModule(shallow.module), 0);
    CHECK(decoded.has_value());
    ParseResult deep = ParseText(chain(link, 200000));
    REQUIRE(deep.diagnostics.diagnostics().size() == 1);
    CHECK(deep.diagnostics.diagnostics()[0].code == DiagnosticCode::E0102);
    CHECK(deep.module.decls.empty());
  }
  // A separator ends a chain: long lists of short expressions are fine.
  std::string list = "let x = [";
  for (int i = 0; i < 3000; ++i) list += "a + b, ";
  CHECK(ParseText(list + "]\n").diagnostics.empty());
  std::string record = "let x = {";
  for (int i = 0; i < 3000; ++i) record += "f" + std::to_string(i) + ": a.b.c\n";
  CHECK(ParseText(record + "}\n").diagnostics.empty());
}

TEST_CASE("in one expression, a let at the start of a line nests like any let", "[parse]") {
  // Found by fuzz_parse with a 1 MB -max_len: the depth count started over
  // at each line-initial `let`, as for a file's declarations, so a `-D`
  // value of many such lines reached ANTLR and recursed 60,000 deep.
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "let x = !!!!!!!!\n";
  SourceManager sources;
  const FileId file = sources.Add("<command line>", text);
  DiagnosticSink sink;
  ParseExpression(sources.Get(file), file, sink);
  REQUIRE(!sink.empty());
  CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0102);
  // As a file, the same lines are 3,000 declarations (each one shallow).
  ParseResult as_file = ParseText(text);
  for (const Diagnostic& d : as_file.diagnostics.diagnostics()) CHECK(d.code != DiagnosticCode::E0102);
}

TEST_CASE("lines of open interpolations are refused before the lexer goes quadratic", "[parse]") {
  std::string text = "let x = ";
  for (int i = 0; i < 20000; ++i) text += "\"${";
  ParseResult result = ParseText(text + "\n");
  REQUIRE(result.diagnostics.diagnostics().size() == 1);
  CHECK(result.diagnostics.diagnostics()[0].code == DiagnosticCode::E0104);
  CHECK(result.diagnostics.diagnostics()[0].range.begin == 9);  // the first `${`
  // Ordinary interpolations, however many, are not affected.
  std::string many = "let y = 1\nlet x = \"";
  for (int i = 0; i < 20000; ++i) many += "${y}-";
  CHECK(ParseText(many + "\"\n").diagnostics.empty());
}

TEST_CASE("open interpolations behind other text on one line are refused too", "[parse]") {
  // Found by fuzz_parse with 1 MB inputs: a megabyte of `{}||` and then
  // thousands of open `"${`, all on one line (24M steps of lexer work), lexed
  // for seconds under the old budget of 64 times the size.
  std::string text = "let x = ";
  for (int i = 0; i < 250000; ++i) text += "{}||";
  const size_t first_open = text.size();
  for (int i = 0; i < 4000; ++i) text += "\"${";
  ParseResult result = ParseText(text + "\n");
  REQUIRE_FALSE(result.diagnostics.diagnostics().empty());
  CHECK(result.diagnostics.diagnostics()[0].code == DiagnosticCode::E0104);
  CHECK(result.diagnostics.diagnostics()[0].range.begin == first_open + 1);
}

TEST_CASE("non-ASCII text keeps byte ranges exact", "[parse]") {
  std::string text = "let greeting = \"héllo 😀\"\nlet after = oops\n";
  ParseResult result = ParseText(text);
  REQUIRE(result.module.decls.size() == 2);
  CHECK(result.module.decls[1].value->range.begin == text.find("oops"));
  CHECK(result.module.decls[0].value->parts[0].text == "héllo 😀");
}

TEST_CASE("string literals decode escapes and find interpolations", "[string]") {
  std::string text = R"("a\tb ${x} \u{e9} \$")";
  StringLiteralPieces pieces = SplitStringLiteral(text, 0, static_cast<uint32_t>(text.size()), false);
  REQUIRE(pieces.errors.empty());
  REQUIRE(pieces.pieces.size() == 3);
  CHECK(pieces.pieces[0].text == "a\tb ");
  CHECK(pieces.pieces[1].is_expression);
  CHECK(text.substr(pieces.pieces[1].begin, pieces.pieces[1].end - pieces.pieces[1].begin) == "x");
  CHECK(pieces.pieces[2].text == " \xC3\xA9 $");
}

TEST_CASE("text blocks strip the common indentation", "[string]") {
  std::string text = "\"\"\"\n    server {\n      listen 80;\n    }\n    \"\"\"";
  StringLiteralPieces pieces = SplitStringLiteral(text, 0, static_cast<uint32_t>(text.size()), true);
  REQUIRE(pieces.pieces.size() == 1);
  CHECK(pieces.pieces[0].text == "server {\n  listen 80;\n}\n");
}

TEST_CASE("compiling the same program twice gives byte-identical output", "[compile]") {
  auto build = [] {
    SourceManager sources;
    CompileOptions options;
    options.external = &KubeCatalog::Embedded();
    CompileResult result = Compile(sources, {std::string(MAST_SOURCE_DIR) + "/samples/webapp/webapp.mast"}, options);
    REQUIRE_FALSE(result.diagnostics.HasErrors());
    return WriteYamlStream(result.documents);
  };
  std::string first = build();
  CHECK(first.find("kind: Deployment") != std::string::npos);
  CHECK(build() == first);
}

TEST_CASE("a test block keeps its steps in order, with their parts", "[parse][test]") {
  std::string text =
      "test \"web\" {\n"
      "  let d: int = 2\n"
      "  assert d == 2 : \"two\"\n"
      "  assert d > 1,\n"
      "  expect_error \"E0401\", \"E0501\" in \"bad.mast\"\n"
      "  snapshot \"app.mast\" : \"app.yaml\"\n"
      "}\n";
  ParseResult result = ParseText(text);
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.module.decls.size() == 1);
  const ast::Decl& test = result.module.decls[0];
  CHECK(test.kind == ast::Decl::Kind::kTest);
  CHECK(test.name == "web");
  REQUIRE(test.steps.size() == 5);
  CHECK(test.steps[0].kind == ast::TestStep::Kind::kLet);
  CHECK(test.steps[0].name == "d");
  CHECK(test.steps[0].type != nullptr);
  CHECK(test.steps[1].kind == ast::TestStep::Kind::kAssert);
  CHECK(test.steps[1].message == "two");
  CHECK(test.steps[2].message.empty());
  CHECK(test.steps[3].kind == ast::TestStep::Kind::kExpectError);
  CHECK(test.steps[3].codes == std::vector<std::string>{"E0401", "E0501"});
  CHECK(test.steps[3].program == "bad.mast");
  CHECK(test.steps[4].kind == ast::TestStep::Kind::kSnapshot);
  CHECK(test.steps[4].program == "app.mast");
  CHECK(test.steps[4].snapshot == "app.yaml");
  CHECK(test.steps[4].snapshot_range.begin == Marked(text, "  snapshot", "                        ^"));
}
