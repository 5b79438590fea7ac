// sema/: type resolution and conformance without an evaluator, and the
// builtins' signatures against their implementations.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "compiler/eval/builtin_table.h"
#include "compiler/sema/builtins.h"
#include "compiler/sema/conform.h"
#include "compiler/sema/resolve_type.h"
#include "compiler/syntax/parse.h"

namespace mast {
namespace {

constexpr const char* kSchemaText = R"(schema App {
  name: string
  port: int(1..65535) = 8080
  check port != 22 : "not the ssh port"
}
)";

// A program of one module parsed from `text`.
struct OneModule {
  SourceManager sources;
  Program program;
  ModuleInfo* module = nullptr;

  explicit OneModule(const std::string& text) {
    const FileId file = sources.Add("app.mast", text);
    auto info = std::make_unique<ModuleInfo>();
    info->file = file;
    info->path = "app.mast";
    info->ast = Parse(sources.Get(file), file).module;
    for (const ast::Decl& decl : info->ast.decls) info->decls[decl.name] = &decl;
    module = info.get();
    program.modules.push_back(std::move(info));
    program.entries.push_back(module);
  }
};

Value Record(std::initializer_list<std::pair<std::string, Value>> fields) {
  ValueMap entries;
  for (const auto& [key, value] : fields) entries.push_back({key, {}, value});
  return Value::Map(std::move(entries));
}

// A context that answers for defaults and checks as evaluation would, with
// fixed values, and counts what it was asked.
class FixedContext final : public ConformContext {
 public:
  FixedContext(Program& program, Value check_outcome) : ConformContext(program), outcome_(std::move(check_outcome)) {}
  void CountStep() override {}
  bool Keeps(const DiagnosticSink&) const override { return true; }
  void ExplainValue(Diagnostic&, const Value&, const DiagnosticSink&) const override {}
  void ExplainMissingField(Diagnostic&, const Value&, const std::string&, const DiagnosticSink&) const override {}
  void ValidatedExternal(const Value&, const Type&, DiagnosticSink&, size_t) override {}
  std::optional<Value> EvaluateDefault(const ast::Expr&, ModuleInfo&) override {
    ++defaults;
    return Value::Int(8080);
  }
  std::optional<Value> EvaluateCheck(const ast::Expr&, ModuleInfo&, const ast::Decl&, const Value&) override {
    ++checks;
    return outcome_;
  }
  int defaults = 0;
  int checks = 0;

 private:
  Value outcome_;
};

TEST_CASE("sema resolves a schema and conforms to it without an evaluator", "[sema]") {
  OneModule one(kSchemaText);
  DiagnosticSink sink;
  TypeResolver types(one.program, sink);
  TypeRef app = types.TypeOfName(*one.module, "", "App", {});
  REQUIRE(app->kind == Type::Kind::kSchema);
  CHECK(TypeToString(*app->schema->fields[1].type) == "int(1..65535)");

  StaticConformContext context(one.program);
  SECTION("a default and a check are left to evaluation") {
    Value conformed = Conform(Record({{"name", Value::String("web")}}), *app, sink, context);
    CHECK_FALSE(sink.HasErrors());  // no E0303 for the defaulted port, no check run
    REQUIRE(conformed.Find("port") != nullptr);
    CHECK(conformed.Find("port")->IsNull());
  }
  SECTION("refinements are data: checked here") {
    Conform(Record({{"name", Value::String("web")}, {"port", Value::Int(0)}}), *app, sink, context);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0401);
    CHECK_FALSE(Fits(Value::String("x"), *app, context));
  }
}

TEST_CASE("sema asks its context for a schema's defaults and checks", "[sema]") {
  OneModule one(kSchemaText);
  DiagnosticSink sink;
  TypeRef app = TypeResolver(one.program, sink).TypeOfName(*one.module, "", "App", {});
  SECTION("a check that holds") {
    FixedContext context(one.program, Value::Bool(true));
    Value conformed = Conform(Record({{"name", Value::String("web")}}), *app, sink, context);
    CHECK(context.defaults == 1);
    CHECK(context.checks == 1);
    CHECK(conformed.Find("port")->AsInt() == 8080);
    CHECK_FALSE(sink.HasErrors());
  }
  SECTION("a check that fails") {
    FixedContext context(one.program, Value::Bool(false));
    Conform(Record({{"name", Value::String("web")}}), *app, sink, context);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0402);
    CHECK(sink.diagnostics()[0].message == "check failed: not the ssh port");
  }
  SECTION("a check that is not boolean") {
    FixedContext context(one.program, Value::Int(1));
    Conform(Record({{"name", Value::String("web")}}), *app, sink, context);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0301);
  }
}

TEST_CASE("sema reports a type error once, then abandons the declaration", "[sema]") {
  OneModule one("type Port = int(1..65535)\n");
  DiagnosticSink sink;
  TypeResolver types(one.program, sink);
  CHECK_THROWS_AS(types.TypeOfName(*one.module, "", "Prot", {}), DeclarationAbort);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0206);
  CHECK(sink.diagnostics()[0].message == "unknown type `Prot`; did you mean `Port`?");
}

TEST_CASE("a printed type reads as it is written: quotes and backslashes escaped", "[sema]") {
  OneModule one(R"(type Version = string(matches: "^v[0-9]+\\.[0-9]+$")
type Quoted = "say \"hi\"" | "a\\b" | "\${x}"
)");
  DiagnosticSink sink;
  TypeResolver types(one.program, sink);
  Type version = *types.TypeOfName(*one.module, "", "Version", {});
  version.name.clear();  // the structure, not the alias
  CHECK(TypeToString(version) == R"(string(matches: "^v[0-9]+\\.[0-9]+$"))");
  Type quoted = *types.TypeOfName(*one.module, "", "Quoted", {});
  quoted.name.clear();
  CHECK(TypeToString(quoted) == R"("say \"hi\"" | "a\\b" | "\${x}")");
  CHECK_FALSE(sink.HasErrors());
}

TEST_CASE("every builtin signature has an implementation, and the other way round", "[sema]") {
  const std::vector<BuiltinSignature> all = AllBuiltins();
  REQUIRE(all.size() == BuiltinNames().size());
  for (const BuiltinSignature& signature : all) {
    INFO(signature.name);
    const Builtin* builtin = Evaluator::FindBuiltin(signature.name);
    REQUIRE(builtin != nullptr);
    CHECK(builtin->signature.signature == signature.signature);
    CHECK(IsBuiltin(signature.name));
  }
  CHECK_FALSE(IsBuiltin("lenn"));
  CHECK(FindBuiltinSignature("len")->max_args == 1);
}

}  // namespace
}  // namespace mast
