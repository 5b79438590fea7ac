// The static checker's semantic index (sema/semantic_index.h): what each
// name refers to, where that is declared, and its type. Positions are marked
// in the text with `$` before a name.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <filesystem>

#include "compiler/base/file_io.h"
#include "compiler/driver/compile.h"
#include "schemas/kube_catalog.h"

namespace mast {
namespace {

// Options of a check that stops after the checks and fills `index` (none
// when null), with the embedded Kubernetes catalog.
CompileOptions CheckOptions(SemanticIndex* index) {
  CompileOptions options;
  options.external = &KubeCatalog::Embedded();
  options.semantic_index = index;
  options.check_only = true;
  return options;
}

// A program of overlay files checked with an index. `$` marks positions (in
// the first file) and is removed from the text.
struct Indexed {
  SourceManager sources;
  SemanticIndex index;
  CompileResult result;
  std::vector<uint32_t> marks;
  FileId main = kNoFile;

  explicit Indexed(std::string text, std::vector<std::pair<std::string, std::string>> others = {}) {
    for (size_t at = text.find('$'); at != std::string::npos; at = text.find('$', at)) {
      marks.push_back(static_cast<uint32_t>(at));
      text.erase(at, 1);
    }
    CompileOptions options = CheckOptions(&index);
    options.project_root = "/project";
    options.overlays.emplace_back("/project/main.mast", text);
    for (auto& other : others) options.overlays.emplace_back("/project/" + other.first, other.second);
    result = Compile(sources, {"/project/main.mast"}, options);
    main = sources.Find("/project/main.mast");
  }

  const SemanticEntry& At(size_t mark) const {
    const SemanticEntry* entry = index.At(main, marks.at(mark));
    REQUIRE(entry != nullptr);
    return *entry;
  }
  std::string Text(SourceRange range) const {
    return sources.Get(range.file).text().substr(range.begin, range.end - range.begin);
  }
};

TEST_CASE("a local's uses refer to its binding, with its type", "[index]") {
  Indexed program(R"(fn double($n: int): int = let $twice = $n * 2 in $twice
let $xs = [for $x in [1, 2] if $x > 1: $x]
)");
  const SemanticEntry& param = program.At(0);
  CHECK(param.definition);
  CHECK(param.symbol.kind == SymbolKind::kParameter);
  const SemanticEntry& use = program.At(2);
  CHECK(use.symbol.kind == SymbolKind::kParameter);
  CHECK(use.symbol.definition.begin == param.range.begin);
  REQUIRE(use.type);
  CHECK(TypeToString(*use.type) == "int");
  CHECK(program.At(3).symbol.definition.begin == program.At(1).range.begin);
  CHECK(program.At(3).symbol.kind == SymbolKind::kLocal);
  CHECK(program.At(4).symbol.kind == SymbolKind::kDeclaration);
  CHECK(program.At(5).symbol.kind == SymbolKind::kLoopVariable);
  CHECK(program.At(6).symbol.definition.begin == program.At(5).range.begin);
  CHECK(program.At(7).symbol.definition.begin == program.At(5).range.begin);
}

TEST_CASE("globals, builtins, schema fields as keys and as fields read", "[index]") {
  Indexed program(R"(schema $App {
  $name: string
  port: int = 80
}
let $app = $App { $name: "web" }
let label = $upper($app.$name)
)");
  CHECK(program.At(0).symbol.declares == SemanticSymbol::Declares::kSchema);
  const SemanticEntry& field = program.At(1);
  CHECK(field.definition);
  CHECK(field.symbol.kind == SymbolKind::kSchemaField);
  CHECK(program.At(3).symbol.definition.begin == program.At(0).range.begin);
  const SemanticEntry& key = program.At(4);
  CHECK(key.symbol.kind == SymbolKind::kSchemaField);
  CHECK(key.symbol.definition.begin == field.range.begin);
  CHECK(program.At(5).symbol.kind == SymbolKind::kBuiltin);
  const SemanticEntry& app = program.At(6);
  CHECK(app.symbol.definition.begin == program.At(2).range.begin);
  REQUIRE(app.type);
  CHECK(app.type->kind == Type::Kind::kSchema);
  const SemanticEntry& read = program.At(7);
  CHECK(read.symbol.kind == SymbolKind::kSchemaField);
  CHECK(read.symbol.definition.begin == field.range.begin);
  CHECK(program.Text(read.range) == "name");
}

TEST_CASE("an imported module's members and Kubernetes types and fields", "[index]") {
  Indexed program(R"(import "lib.mast" as $lib
import "k8s/apps/v1" as $apps
let d = $apps.$Deployment { $metadata: { name: $lib.$prefix } }
let $n: $lib.$Port = 8
)",
                  {{"lib.mast", "let prefix = \"web\"\ntype Port = int(1..10)\n"}});
  CHECK(program.At(0).definition);
  CHECK(program.At(0).symbol.kind == SymbolKind::kImport);
  CHECK(program.At(2).symbol.kind == SymbolKind::kImport);
  CHECK(program.At(2).symbol.definition.begin == program.At(1).range.begin);
  const SemanticEntry& deployment = program.At(3);
  CHECK(deployment.symbol.kind == SymbolKind::kExternalType);
  CHECK(program.Text(deployment.range) == "Deployment");
  const SemanticEntry& metadata = program.At(4);
  CHECK(metadata.symbol.kind == SymbolKind::kExternalField);
  REQUIRE(metadata.type);
  CHECK(metadata.type->kind == Type::Kind::kExternal);
  CHECK(program.At(5).symbol.definition.begin == program.At(0).range.begin);
  const SemanticEntry& prefix = program.At(6);
  CHECK(prefix.symbol.kind == SymbolKind::kDeclaration);
  CHECK(program.sources.Get(prefix.symbol.definition.file).path() == "/project/lib.mast");
  REQUIRE(prefix.type);
  CHECK(prefix.type->kind == Type::Kind::kString);
  const SemanticEntry& port = program.At(9);
  CHECK(program.Text(port.range) == "Port");
  CHECK(program.Text(port.symbol.definition) == "Port");
}

TEST_CASE("a declaration that does not parse is indexed, not reported again", "[index]") {
  const std::string text = "let $base = 1\nlet broken = $base + \nlet ok = $base\n";
  Indexed program(text);
  CHECK(program.At(1).symbol.definition.begin == program.At(0).range.begin);
  CHECK(program.At(2).symbol.definition.begin == program.At(0).range.begin);

  // The same diagnostics as without an index.
  SourceManager sources;
  CompileOptions options = CheckOptions(nullptr);
  options.project_root = "/project";
  options.overlays.emplace_back("/project/main.mast", program.sources.Get(program.main).text());
  CompileResult plain = Compile(sources, {"/project/main.mast"}, options);
  REQUIRE(plain.diagnostics.diagnostics().size() == program.result.diagnostics.diagnostics().size());
  for (size_t i = 0; i < plain.diagnostics.diagnostics().size(); ++i) {
    CHECK(plain.diagnostics.diagnostics()[i].code == program.result.diagnostics.diagnostics()[i].code);
  }
}

// Half-typed text is indexed without a crash, and every entry and every
// definition lies inside its file: each seed of the parser and compiler
// fuzz corpora, whole and cut at eight places.
TEST_CASE("the fuzz seeds are indexed whole and cut short", "[index]") {
  size_t programs = 0;
  for (const char* corpus : {"fuzz_parse", "fuzz_compile"}) {
    const std::filesystem::path directory = std::filesystem::path(MAST_SOURCE_DIR) / "tests/fuzz/corpus" / corpus;
    for (const auto& seed : std::filesystem::directory_iterator(directory)) {
      std::string text;
      std::string error;
      if (!ReadFileToString(seed.path().string(), &text, &error, 1u << 20)) continue;
      for (size_t cut = 1; cut <= 8; ++cut) {
        SourceManager sources;
        SemanticIndex index;
        CompileOptions options = CheckOptions(&index);
        options.overlays.emplace_back("/project/main.mast", text.substr(0, text.size() * cut / 8));
        Compile(sources, {"/project/main.mast"}, options);
        ++programs;
        for (const SemanticEntry& entry : index.entries()) {
          REQUIRE(sources.Has(entry.range.file));
          CHECK(entry.range.end <= sources.Get(entry.range.file).text().size());
          if (!entry.symbol.definition.IsValid()) continue;
          REQUIRE(sources.Has(entry.symbol.definition.file));
          CHECK(entry.symbol.definition.end <= sources.Get(entry.symbol.definition.file).text().size());
        }
      }
    }
  }
  CHECK(programs > 100);
}

// What recording costs: a check of a program with and without an index,
// parses cached. Hidden ([.bench]); on a Release build:
//   python3 bench/lsp/gen_workspace.py /tmp/ws
//   MAST_INDEX_BENCH_FILE=/tmp/ws/mast/team-2.mast build/tests/unit_compiler "[.bench]"
TEST_CASE("semantic index cost", "[.bench]") {
  const char* file = std::getenv("MAST_INDEX_BENCH_FILE");
  if (!file) return;
  ParseCache cache;
  auto best = [&](bool indexed) {
    double best_ms = 1e300;
    size_t entries = 0;
    for (int i = 0; i < 30; ++i) {
      SourceManager sources;
      SemanticIndex index;
      CompileOptions options = CheckOptions(indexed ? &index : nullptr);
      options.parse_cache = &cache;
      const auto start = std::chrono::steady_clock::now();
      Compile(sources, {file}, options);
      const auto stop = std::chrono::steady_clock::now();
      best_ms = std::min(best_ms, std::chrono::duration<double, std::milli>(stop - start).count());
      entries = index.entries().size();
    }
    std::printf("%s: best %.2f ms (%zu entries)\n", indexed ? "with index" : "without", best_ms, entries);
  };
  best(false);
  best(true);
  best(false);
  best(true);
}

}  // namespace
}  // namespace mast

namespace mast {
namespace {

std::vector<std::string> NamesInScope(const Indexed& program, size_t mark) {
  std::vector<std::string> names;
  for (const SemanticScope* scope : program.index.ScopesAt(program.main, program.marks.at(mark))) {
    names.push_back(scope->binding.symbol.name);
  }
  return names;
}

TEST_CASE("the locals in scope at an offset, innermost first, with their types", "[index]") {
  Indexed program(R"(fn f(app: string, n: int): [int] = [for i in range(n) if $i > 0: let k = i * 2 in $k]
$
schema S { port: int
  check $port > 0 }
test "t" {
  let a = 1
  assert $a == 1
}
)");
  CHECK(NamesInScope(program, 0) == std::vector<std::string>{"i", "n", "app"});
  CHECK(NamesInScope(program, 1) == std::vector<std::string>{"k", "i", "n", "app"});
  CHECK(NamesInScope(program, 2).empty());
  CHECK(NamesInScope(program, 3) == std::vector<std::string>{"port"});
  CHECK(NamesInScope(program, 4) == std::vector<std::string>{"a"});
  const SemanticScope* loop = program.index.ScopesAt(program.main, program.marks.at(1))[1];
  REQUIRE(loop->binding.type);
  CHECK(TypeToString(*loop->binding.type) == "int");  // an item of `range(n)`
}

TEST_CASE("checking types a list literal's items, an if, ?? and builtin results", "[index]") {
  Indexed program(R"(schema App { name: string }
let $apps = [App { name: "a" }, App { name: "b" }]
let $either = if true then apps[0] else reverse(apps)[0]
let $fallback = apps[0] ?? App { name: "c" }
let $count = len(apps)
)");
  auto type_at = [&](size_t mark) {
    const SemanticEntry& entry = program.At(mark);
    return entry.type ? TypeToString(*entry.type) : std::string("null");
  };
  CHECK(type_at(0) == "[App]");
  CHECK(type_at(1) == "App");
  CHECK(type_at(2) == "App");
  CHECK(type_at(3) == "int");
}

}  // namespace
}  // namespace mast
