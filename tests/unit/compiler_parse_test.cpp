// Parser tests. Positions are marked in the text with `^` lines rather than
// counted by hand.
#include <catch2/catch.hpp>

#include "driver/compile.h"
#include "emit/yaml_writer.h"
#include "schemas/kube_catalog.h"
#include "syntax/parse.h"
#include "syntax/string_literal.h"

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
