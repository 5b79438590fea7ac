// A document as the compiler checked it (analysis/checked.h), kept by the
// workspace: reused for the same buffers, checked again when a buffer it
// read has changed.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "lsp/analysis/workspace.h"

namespace mast::lsp {
namespace {

constexpr const char* kDirectory = "/tmp/mast-checked-test/";

struct Buffers {
  std::map<std::string, SourceText> open;

  void Set(const std::string& name, int64_t version, const std::string& text) {
    const std::string path = kDirectory + name;
    open[path] = SourceText{path, version, std::make_shared<const std::string>(text)};
  }
  Workspace MakeWorkspace() {
    return Workspace(
        [this](const std::string& path) -> std::optional<SourceText> {
          auto it = open.find(path);
          if (it == open.end()) return std::nullopt;
          return it->second;
        },
        [this] {
          std::vector<std::string> paths;
          for (const auto& [path, text] : open) paths.push_back(path);
          return paths;
        });
  }
};

// Where the name at `offset` of app.mast is declared, as a byte offset.
uint32_t DefinitionOf(const CheckedDocument& checked, uint32_t offset) {
  const SemanticEntry* entry = checked.At(std::string(kDirectory) + "app.mast", offset);
  REQUIRE(entry != nullptr);
  return entry->symbol.definition.begin;
}

TEST_CASE("a checked document is reused until a buffer it read changes", "[checked]") {
  Buffers buffers;
  const std::string app = "import \"lib.mast\" as lib\nlet p = lib.port\n";
  const uint32_t port_use = static_cast<uint32_t>(app.find("lib.port") + 4);
  buffers.Set("lib.mast", 1, "let port = 80\n");
  buffers.Set("app.mast", 1, app);
  Workspace workspace = buffers.MakeWorkspace();
  const SourceText& document = buffers.open[std::string(kDirectory) + "app.mast"];

  auto first = workspace.Checked(document.path, 1, document.text, nullptr);
  CHECK(DefinitionOf(*first, port_use) == 4);
  CHECK(workspace.Checked(document.path, 1, document.text, nullptr) == first);

  // The library gains a line above `port`; app.mast itself is unchanged.
  buffers.Set("lib.mast", 2, "let other = 1\nlet port = 80\n");
  auto second = workspace.Checked(document.path, 1, document.text, nullptr);
  CHECK(second != first);
  CHECK(DefinitionOf(*second, port_use) == 18);
}

}  // namespace
}  // namespace mast::lsp
