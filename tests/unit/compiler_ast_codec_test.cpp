// The syntax-tree codec and the parse cache: every Mast file in the
// repository survives encode -> decode -> encode unchanged, corrupt bytes are
// rejected, and a compilation served from the cache gives the same output
// and diagnostics as one that parses.
#include <catch2/catch.hpp>

#include <filesystem>

#include "compiler/base/file_io.h"
#include "compiler/diagnostics/render.h"
#include "compiler/driver/compile.h"
#include "compiler/driver/parse_cache.h"
#include "compiler/emit/yaml_writer.h"
#include "compiler/syntax/ast_codec.h"
#include "compiler/syntax/parse.h"
#include "schemas/kube_catalog.h"

using namespace mast;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> RepositoryMastFiles() {
  std::vector<fs::path> files;
  for (const char* folder : {"tests/golden", "tests/mast_test", "samples", "policies/builtin", "bench", "tests/lsp"}) {
    fs::path root = fs::path(MAST_SOURCE_DIR) / folder;
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.path().extension() == ".mast") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool AllRangesIn(const ast::Expr* expr, FileId file);

bool RangeIn(SourceRange range, FileId file) { return !range.IsValid() || range.file == file; }

bool EntriesIn(const std::vector<ast::RecordEntry>& entries, FileId file) {
  for (const ast::RecordEntry& entry : entries) {
    if (!RangeIn(entry.range, file) || !RangeIn(entry.key_range, file) || !AllRangesIn(entry.value.get(), file) ||
        !AllRangesIn(entry.condition.get(), file) || !EntriesIn(entry.then_entries, file) ||
        !EntriesIn(entry.else_entries, file)) {
      return false;
    }
  }
  return true;
}

bool AllRangesIn(const ast::Expr* expr, FileId file) {
  if (!expr) return true;
  if (!RangeIn(expr->range, file) || !RangeIn(expr->name_range, file)) return false;
  for (const ast::ListItem& item : expr->items) {
    if (!AllRangesIn(item.value.get(), file)) return false;
  }
  for (const ast::ExprPtr& arg : expr->args) {
    if (!AllRangesIn(arg.get(), file)) return false;
  }
  return EntriesIn(expr->entries, file) && AllRangesIn(expr->left.get(), file) &&
         AllRangesIn(expr->right.get(), file) && AllRangesIn(expr->third.get(), file);
}

}  // namespace

TEST_CASE("every Mast file in the repository round-trips through the codec", "[codec]") {
  std::vector<fs::path> files = RepositoryMastFiles();
  REQUIRE(files.size() > 60);
  SourceManager sources;
  size_t encoded_files = 0;
  for (const fs::path& path : files) {
    CAPTURE(path.string());
    std::string text;
    std::string error;
    REQUIRE(ReadFileToString(path.string(), &text, &error, 8u << 20));
    FileId file = sources.Add(path.string(), text);
    ParseResult parsed = Parse(sources.Get(file), file);
    std::string encoded = EncodeModule(parsed.module);
    FileId other = sources.Add(path.string() + " (copy)", text);
    std::optional<ast::Module> decoded = DecodeModule(encoded, other);
    REQUIRE(decoded.has_value());
    CHECK(decoded->file == other);
    CHECK(decoded->decls.size() == parsed.module.decls.size());
    CHECK(decoded->comments.size() == parsed.module.comments.size());
    for (const ast::Decl& decl : decoded->decls) {
      CHECK(RangeIn(decl.range, other));
      CHECK(AllRangesIn(decl.value.get(), other));
      for (const ast::TestStep& step : decl.steps) {
        CHECK(RangeIn(step.range, other));
        CHECK(RangeIn(step.program_range, other));
        CHECK(AllRangesIn(step.value.get(), other));
      }
    }
    CHECK(EncodeModule(*decoded) == encoded);
    ++encoded_files;
  }
  CHECK(encoded_files == files.size());
}

TEST_CASE("truncated or corrupted encodings are rejected without a crash", "[codec]") {
  SourceManager sources;
  std::string text =
      "import \"k8s/apps/v1\" as apps\n"
      "/// A port.\n"
      "type Port = int(1..65535) | \"http\"\n"
      "schema App { name: string(len: 1..63, matches: \"^[a-z]+$\"), port?: Port = 80 }\n"
      "fn f(x: int): int = if x > 1 then -x * 2 else let y = x in y\n"
      "let xs = [for a, b in {a: 1} if b > 0: \"${a}\"]\n"
      "emit { for k, v in {x: 1}: k: v, if true { z: null } else { z: 1.5 }, (\"q\"): xs?.a ?? [0][0] }\n";
  FileId file = sources.Add("t.mast", text);
  ParseResult parsed = Parse(sources.Get(file), file);
  REQUIRE(parsed.diagnostics.empty());
  std::string encoded = EncodeModule(parsed.module);
  REQUIRE(DecodeModule(encoded, file).has_value());
  for (size_t size = 0; size < encoded.size(); ++size) {
    CHECK_FALSE(DecodeModule(std::string_view(encoded).substr(0, size), file).has_value());
  }
  // Flipped bytes may decode to another valid tree, but never crash.
  for (size_t i = 0; i < encoded.size(); ++i) {
    std::string corrupt = encoded;
    corrupt[i] = static_cast<char>(corrupt[i] ^ 0xA5);
    (void)DecodeModule(corrupt, file);
  }
  CHECK_FALSE(DecodeModule(encoded + "x", file).has_value());
  CHECK_FALSE(DecodeModule("not a tree", file).has_value());
}

TEST_CASE("a compilation served from the parse cache matches one that parses", "[codec][cache]") {
  const ExternalTypes& catalog = KubeCatalog::Embedded();
  ParseCache cache;
  std::string sample = std::string(MAST_SOURCE_DIR) + "/samples/multienv/prod.mast";
  REQUIRE(fs::exists(sample));
  std::string outputs[2];
  std::string diagnostics[2];
  for (int run = 0; run < 2; ++run) {
    SourceManager sources;
    CompileOptions options;
    options.external = &catalog;
    options.parse_cache = &cache;
    CompileResult result = Compile(sources, {sample}, options);
    outputs[run] = WriteYamlStream(result.documents);
    diagnostics[run] = RenderText(sources, result.diagnostics.diagnostics());
  }
  ParseCache::Stats stats = cache.stats();
  CHECK(stats.entries >= 2);           // prod.mast and the library it imports
  CHECK(stats.hits == stats.entries);  // the second run parsed nothing
  CHECK_FALSE(outputs[0].empty());
  CHECK(outputs[1] == outputs[0]);
  CHECK(diagnostics[1] == diagnostics[0]);
}

TEST_CASE("the parse cache misses on changed text and evicts the least recently used", "[cache]") {
  SourceManager sources;
  auto parse = [&](const std::string& text) {
    FileId file = sources.Add("x.mast", text);
    return Parse(sources.Get(file), file).module;
  };
  auto text_of = [](char name) { return std::string("let ") + name + " = \"" + std::string(500, name) + "\"\n"; };
  ParseCache probe;
  probe.Store("a.mast", text_of('a'), parse(text_of('a')));
  size_t entry_bytes = probe.stats().bytes;
  REQUIRE(entry_bytes > 1000);

  ParseCache cache(entry_bytes * 5 / 2);  // room for two entries
  cache.Store("a.mast", text_of('a'), parse(text_of('a')));
  CHECK(cache.Find("a.mast", text_of('a'), 7).has_value());
  CHECK(cache.Find("a.mast", text_of('a'), 7)->decls.at(0).range.file == 7);
  CHECK_FALSE(cache.Find("a.mast", text_of('b'), 7).has_value());  // changed text
  CHECK_FALSE(cache.Find("b.mast", text_of('a'), 7).has_value());  // other path
  cache.Store("b.mast", text_of('b'), parse(text_of('b')));
  cache.Store("c.mast", text_of('c'), parse(text_of('c')));
  CHECK(cache.stats().bytes <= entry_bytes * 5 / 2);
  CHECK_FALSE(cache.Find("a.mast", text_of('a'), 7).has_value());  // evicted first
  CHECK(cache.Find("b.mast", text_of('b'), 7).has_value());        // now the most recent
  cache.Store("d.mast", text_of('d'), parse(text_of('d')));
  CHECK_FALSE(cache.Find("c.mast", text_of('c'), 7).has_value());
  CHECK(cache.Find("b.mast", text_of('b'), 7).has_value());
  CHECK(cache.Find("d.mast", text_of('d'), 7).has_value());
}

TEST_CASE("trees with tokens made up by error recovery survive the codec", "[codec]") {
  // Found by fuzz_parse: a missing name or message became a backwards range.
  for (const char* text : {"type=", "let=", "schema{", "fn(", "schema A { check x : }", "policy { }"}) {
    CAPTURE(text);
    SourceManager sources;
    FileId file = sources.Add("broken.mast", text);
    ParseResult parsed = Parse(sources.Get(file), file);
    CHECK_FALSE(parsed.diagnostics.empty());
    for (const ast::Decl& decl : parsed.module.decls) {
      CHECK(decl.name_range.begin <= decl.name_range.end);
      for (const ast::SchemaCheck& check : decl.checks) CHECK(check.message_range.begin <= check.message_range.end);
    }
    std::string encoded = EncodeModule(parsed.module);
    std::optional<ast::Module> decoded = DecodeModule(encoded, file);
    REQUIRE(decoded.has_value());
    CHECK(EncodeModule(*decoded) == encoded);
  }
}
