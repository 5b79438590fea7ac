// The fast path (yaml/block_scanner.h) against libyaml: on every input, the
// reader must return the same documents, origins, key ranges and
// diagnostics with the fast path on and off, and the fast path must take
// the inputs it is meant for and decline the rest.
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "compiler/base/file_io.h"
#include "compiler/yaml/block_scanner.h"
#include "yaml_dump.h"

namespace mast {
namespace {

using testing::ReadAndDump;

YamlReadOptions WithFastPath(bool on) {
  YamlReadOptions options;
  options.fast_path = on;
  return options;
}

bool FastPathTakes(std::string_view text) {
  yaml_internal::BlockScanner scanner(text, 100);
  return scanner.Scan();
}

void RequireSameRead(std::string_view text) {
  INFO("input:\n" << text);
  REQUIRE(ReadAndDump(text, WithFastPath(true)) == ReadAndDump(text, WithFastPath(false)));
}

// Inputs in the fast path's subset.
const std::vector<std::string> kTaken = {
    "a: 1\nb: two\n",
    "a: 1",
    "key:\n- a\n- b\nother: 3\n",
    "- name: x\n  image: y\n- name: z\n",
    "- - a\n  - b\n- c\n",
    "a:\n  b:\n    c: d\n  e: f\ng: h\n",
    "a: {x: 1, y: [1, 2, {z: w}]}\n",
    "a: 'it''s'\nb: \"q\\\"x\\n\\\\\"\n",
    "a:\nb:\n",
    "- \n- a\n-\n",
    "---\n---\na: 1\n",
    "---\n",
    "--- \n# c\n",
    "# only comments\n\n",
    "",
    "a: 1\n---\nb: 2\n---\n",
    "--- # c\na: 1 # comment\n# tail\n",
    "  a: 1\n  b: 2\n",
    "'quoted key': 1\n\"k\" : 2\n",
    "url: http://x.y/z:80\nimage: nginx:1.27\n",
    "a: b#c\nd: e #f\n",
    "a: -1\nb: -x\nc: --\n",
    "[a, b]\n",
    "{a: 1}\n",
    "a: []\nb: {}\nc: [ ]\n",
    "<<: {a: 1}\nb: 2\n",
    "a: 1\na: 2\n",
    "a: ~\nb: null\nc: true\nd: 0x1F\ne: 1e3\nf: .inf\ng: 012\n",
    "x:\n  - a\n  -\n    b: 1\n",
    "a:    \n  b: 1\n",
    "- a: 1\n  b:\n  - x\n  c: 2\n",
    "a: \"\"\nb: ''\n",
    "a b: c d  \n",
    "plain scalar document\n",
    "a: [\"x\", 'y', {\"k\": v}]\n",
    "a: {url: http://x:80/y}\n",
    "a:\n  # comment between\n  b: 1\n",
    "a:\n\n\n  b: 1\n\n",
    "a:\n    - deep\nb: 1\n",
    "key:\n  - a\n  - b\n",
    "- {a: 1}\n- [b]\n- 'c'\n",
    "a: \"x: y\"\nb: 'p # q'\n",
    "---\na: 1\n--- \nb: 2\n",
    "a: [a b, c  d]\n",
    "a: 1 \n",
    "a: \"\\t\\0\\/\\ \"\n",
};

// Inputs the fast path leaves to libyaml (outside its subset, or errors).
const std::vector<std::string> kDeclined = {
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: |\n  text\n",
    "a: >\n  text\n",
    "a: multi\n  line\n",
    "a: [1,\n 2]\n",
    "? a\n: b\n",
    "%YAML 1.1\n---\na: 1\n",
    "a:\tb\n",
    "a: 1\r\n",
    "a: \"\\u00e9\"\n",
    "a: [a, ]\n",
    "a: b: c\n",
    "key: - a\n",
    "...\n",
    "a: 1\n...\n",
    "a: 'x\n  y'\n",
    "a:\n  - b\n c: 1\n",
    "a: \"x\"#c\n",
    "a:\n  b: 1\n   c: 2\n",
    "- a\nb: 1\n",
    "a: 1\n- b\n",
    "a: {b}\n",
    "a: {b: }\n",
    "a: [b: c]\n",
    "a: [b:, c]\n",
    "a: @x\n",
    "a: `x`\n",
    "[a]: b\n",
    "a: 1\n  b: 2\n",
};

TEST_CASE("the fast path takes the common subset and reads it as libyaml does", "[yaml][fast-path]") {
  for (const std::string& text : kTaken) {
    INFO("input:\n" << text);
    CHECK(FastPathTakes(text));
    RequireSameRead(text);
  }
}

TEST_CASE("the fast path declines the rest, which libyaml reads", "[yaml][fast-path]") {
  for (const std::string& text : kDeclined) {
    INFO("input:\n" << text);
    CHECK_FALSE(FastPathTakes(text));
    RequireSameRead(text);
  }
}

// Every one-byte deletion, and every insertion of a YAML-significant byte,
// at every position of every sample: near-misses of the subset are where
// a fast path goes wrong.
TEST_CASE("one-byte edits of the samples read the same on both paths", "[yaml][fast-path]") {
  const std::string inserts = " :-#'\"\n[]{},&!|>?.\\";
  size_t taken = 0;
  for (const std::vector<std::string>* list : {&kTaken, &kDeclined}) {
    for (const std::string& text : *list) {
      for (size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size()) {
          const std::string deleted = text.substr(0, i) + text.substr(i + 1);
          taken += FastPathTakes(deleted) ? 1 : 0;
          RequireSameRead(deleted);
        }
        for (char c : inserts) {
          const std::string inserted = text.substr(0, i) + c + text.substr(i);
          taken += FastPathTakes(inserted) ? 1 : 0;
          RequireSameRead(inserted);
        }
      }
    }
  }
  CHECK(taken > 5000);  // the edits exercise the fast path, not only libyaml
}

TEST_CASE("every YAML and JSON file of the repository reads the same on both paths", "[yaml][fast-path]") {
  namespace fs = std::filesystem;
  size_t files = 0;
  size_t taken = 0;
  for (const char* folder : {"tests", "samples", "docs", "policies", "editors"}) {
    const fs::path root = fs::path(MAST_SOURCE_DIR) / folder;
    if (!fs::exists(root)) continue;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root)) {
      const std::string extension = entry.path().extension().string();
      if (!entry.is_regular_file() || (extension != ".yaml" && extension != ".yml" && extension != ".json")) continue;
      if (entry.file_size() > (size_t{4} << 20)) continue;
      std::string text;
      std::string error;
      if (!ReadFileToString(entry.path().string(), &text, &error, size_t{4} << 20)) continue;
      ++files;
      taken += FastPathTakes(text) ? 1 : 0;
      INFO(entry.path().string());
      RequireSameRead(text);
    }
  }
  INFO(files << " files, " << taken << " taken by the fast path");
  CHECK(files > 150);
  CHECK(taken > 100);
}

TEST_CASE("the fast path declines nesting past its limit and the reader reports it as before", "[yaml][fast-path]") {
  std::string deep;
  for (int i = 0; i < 120; ++i) deep += std::string(static_cast<size_t>(i) * 2, ' ') + "k:\n";
  deep += std::string(240, ' ') + "k: v\n";
  CHECK_FALSE(FastPathTakes(deep));
  RequireSameRead(deep);
  YamlReadOptions shallow = WithFastPath(true);
  shallow.max_depth = 3;
  YamlReadOptions shallow_slow = shallow;
  shallow_slow.fast_path = false;
  const std::string nested = "a:\n  b:\n    c:\n      d: 1\n";
  REQUIRE(ReadAndDump(nested, shallow) == ReadAndDump(nested, shallow_slow));
  CHECK(ReadAndDump(nested, shallow).find("E0603") != std::string::npos);
}

}  // namespace
}  // namespace mast
