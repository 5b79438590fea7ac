#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "lsp/analysis/context.h"
#include "test_util.h"

using namespace mast::lsp;
using mast::lsp::testing::Marked;

namespace {

struct Fixture {
  Workspace workspace = testing::EmptyWorkspace();
  EditorTypes types{workspace};

  CursorContext At(const std::string& marked_text) {
    Marked marked(marked_text);
    auto file = ParseFile("/w/a.mast", marked.text);
    ContextAnalyzer analyzer(file->text(), file, types);
    return analyzer.At(marked.offset);
  }
  std::vector<std::string> Fields(const LTypeRef& type) {
    std::vector<std::string> names;
    for (const FieldInfo& field : types.Fields(type)) names.push_back(field.name);
    return names;
  }
};

bool HasField(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

constexpr const char* kLib = R"(import "k8s/apps/v1" as apps
schema App { name: string, image: string, tier: "web" | "worker" = "web" }
)";

}  // namespace

TEST_CASE("record keys inside a function's typed result", "[context]") {
  Fixture f;
  CursorContext c = f.At(std::string(kLib) + R"(fn d(app: App): apps.Deployment = {
  spec: {
    <|>
  }
}
)");
  REQUIRE(c.kind == CursorContext::Kind::kRecordKey);
  CHECK(HasField(f.Fields(c.record), "template"));
}

TEST_CASE("record keys in an unclosed list of records", "[context]") {
  Fixture f;
  CursorContext c = f.At(std::string(kLib) + R"(fn d(app: App): apps.Deployment = {
  spec: {
    template: {
      spec: { containers: [{ name: app.name, image: app.image, ima<|>
)");
  REQUIRE(c.kind == CursorContext::Kind::kRecordKey);
  CHECK(c.prefix == "ima");
  CHECK(HasField(f.Fields(c.record), "imagePullPolicy"));
  CHECK(HasField(c.present_keys, "name"));
}

TEST_CASE("values of a literal union field", "[context]") {
  Fixture f;
  CursorContext c = f.At(std::string(kLib) + "let a = App { name: \"x\", tier: <|> }\n");
  REQUIRE(c.kind == CursorContext::Kind::kValue);
  CHECK(f.types.LiteralValues(c.expected) == std::vector<std::string>{"\"web\"", "\"worker\""});
}

TEST_CASE("member access after a parameter", "[context]") {
  Fixture f;
  CursorContext c = f.At(std::string(kLib) + "fn g(app: App): string = app.<|>\n");
  REQUIRE(c.kind == CursorContext::Kind::kMember);
  CHECK(c.receiver == std::vector<std::string>{"app"});
}

TEST_CASE("a new line after a value starts the next key", "[context]") {
  Fixture f;
  CursorContext c = f.At(std::string(kLib) + "let a = App {\n  name: \"x\"\n  <|>\n}\n");
  REQUIRE(c.kind == CursorContext::Kind::kRecordKey);
  CHECK(HasField(c.present_keys, "name"));
}

TEST_CASE("untyped records with apiVersion and kind are Kubernetes objects", "[context]") {
  Fixture f;
  CursorContext c = f.At(std::string(kLib) + "emit { apiVersion: \"v1\", kind: \"Service\", spec: { <|> } }\n");
  REQUIRE(c.kind == CursorContext::Kind::kRecordKey);
  CHECK(HasField(f.Fields(c.record), "selector"));
}

TEST_CASE("import paths and type annotations", "[context]") {
  Fixture f;
  CHECK(f.At("import \"k8s/<|>").kind == CursorContext::Kind::kImportPath);
  CHECK(f.At(std::string(kLib) + "let x: <|>").kind == CursorContext::Kind::kType);
  CHECK(f.At(std::string(kLib) + "fn f(a: <|>").kind == CursorContext::Kind::kType);
  CHECK(f.At(std::string(kLib) + "le<|>").kind == CursorContext::Kind::kDeclaration);
  CHECK(f.At(std::string(kLib) + "// a comment <|>\n").kind == CursorContext::Kind::kNone);
}

TEST_CASE("record keys with brackets closed after the cursor", "[context]") {
  Fixture f;
  CursorContext c = f.At(R"(import "k8s/apps/v1" as apps
/// An app.
schema App { name: string, image: string, replicas: int(1..10) = 2 }
fn deployment(app: App): apps.Deployment = {
  metadata: { name: app.name }
  spec: {
    replicas: app.replicas
    selector: { matchLabels: { app: app.name } }
    template: {
      metadata: { labels: { app: app.name } }
      spec: { containers: [{ name: app.name, image: app.image, ima<|>
    }
  }
}
)");
  REQUIRE(c.kind == CursorContext::Kind::kRecordKey);
  CHECK(HasField(f.Fields(c.record), "imagePullPolicy"));
}

TEST_CASE("conditional entries keep the record's type", "[context]") {
  Fixture f;
  CursorContext c = f.At(std::string(kLib) + R"(fn d(app: App): apps.Deployment = {
  spec: {
    if app.tier == "web" {
      <|>
    }
  }
}
)");
  REQUIRE(c.kind == CursorContext::Kind::kRecordKey);
  CHECK(HasField(f.Fields(c.record), "replicas"));
}

TEST_CASE("comprehension items take the list's item type", "[context]") {
  Fixture f;
  CursorContext c = f.At(std::string(kLib) + R"(fn d(apps2: [App]): apps.Deployment = {
  spec: { template: { spec: { containers: [for a in apps2: { <|> }] } } }
}
)");
  REQUIRE(c.kind == CursorContext::Kind::kRecordKey);
  CHECK(HasField(f.Fields(c.record), "imagePullPolicy"));
}

TEST_CASE("boolean and enum-like values", "[context]") {
  Fixture f;
  CursorContext c = f.At(std::string(kLib) + "fn d(): apps.Deployment = { spec: { paused: <|> } }\n");
  REQUIRE(c.kind == CursorContext::Kind::kValue);
  CHECK(f.types.LiteralValues(c.expected) == std::vector<std::string>{"true", "false"});
}

TEST_CASE("typed records nested in untyped code", "[context]") {
  Fixture f;
  CursorContext c = f.At(std::string(kLib) + "emit [apps.Deployment { spec: { strategy: { <|>\n");
  REQUIRE(c.kind == CursorContext::Kind::kRecordKey);
  CHECK(HasField(f.Fields(c.record), "rollingUpdate"));
}

TEST_CASE("strings of a literal union", "[context]") {
  Fixture f;
  CursorContext c = f.At(std::string(kLib) + "let a = App { name: \"x\", tier: \"wo<|>\" }\n");
  REQUIRE(c.kind == CursorContext::Kind::kStringValue);
  CHECK(c.string_prefix == "wo");
  CHECK(f.types.LiteralValues(c.expected).size() == 2);
}

TEST_CASE("a parameter's nested fields", "[context]") {
  Fixture f;
  Marked marked(std::string(kLib) + "fn g(d: apps.Deployment): int = d.spec.<|>\n");
  auto file = ParseFile("/w/a.mast", marked.text);
  ContextAnalyzer analyzer(file->text(), file, f.types);
  CursorContext c = analyzer.At(marked.offset);
  REQUIRE(c.kind == CursorContext::Kind::kMember);
  CHECK(c.receiver == std::vector<std::string>{"d", "spec"});
  CHECK(HasField(f.Fields(analyzer.ReceiverType(c.receiver, marked.offset)), "replicas"));
}

TEST_CASE("types read from tokens are resolved as the compiler resolves them", "[context]") {
  Fixture f;
  // An unclosed header: the parser gives up on it; the parameters' types are
  // read from tokens and resolved by the compiler, refinements included.
  Marked marked(std::string(kLib) + "type Port = int(1..65535)\n" +
                "fn g(p: int(1..5), q: Port, r: [apps.Deployment] | null, s: Missing, t: {int: string}) = <|>\n");
  auto file = ParseFile("/w/a.mast", marked.text);
  ContextAnalyzer analyzer(file->text(), file, f.types);
  std::map<std::string, std::string> printed;
  for (const auto& [name, type] : analyzer.HeaderParameters(marked.offset)) {
    printed[name] = type->kind == LType::Kind::kUnknown ? "unknown" : f.types.ToString(type);
  }
  CHECK(printed["p"] == "int(1..5)");
  CHECK(printed["q"] == "Port");
  CHECK(printed["r"] == "[apps.Deployment] | null");
  CHECK(printed["s"] == "unknown");  // E0206 in the compiler
  CHECK(printed["t"] == "unknown");  // map keys must be `string` (E0306)
}

TEST_CASE("a schema with a field type the compiler rejects keeps its other fields", "[context]") {
  Fixture f;
  // `strng` is E0206, so the compiler rejects `Web` as a whole; the editor
  // keeps the fields it resolves (the one being fixed reads as `any`).
  CursorContext c = f.At("schema Web { name: string, image: strng, port: int = 80 }\nlet w = Web { <|> }\n");
  REQUIRE(c.kind == CursorContext::Kind::kRecordKey);
  std::vector<FieldInfo> fields = f.types.Fields(c.record);
  REQUIRE(fields.size() == 3);
  CHECK(f.types.ToString(fields[0].type) == "string");
  CHECK(f.types.ToString(fields[1].type) == "any");
  CHECK(fields[2].default_text == "80");
}
