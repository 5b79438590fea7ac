// Helpers for the language server's unit tests: text with a cursor marker,
// and a workspace with no open buffers.
#pragma once

#include <string>

#include "lsp/analysis/workspace.h"

namespace mast::lsp::testing {

// "let x = <|>" -> text without the marker, and the marker's byte offset.
struct Marked {
  std::string text;
  uint32_t offset = 0;
  explicit Marked(std::string marked) {
    size_t at = marked.find("<|>");
    offset = at == std::string::npos ? static_cast<uint32_t>(marked.size()) : static_cast<uint32_t>(at);
    if (at != std::string::npos) marked.erase(at, 3);
    text = std::move(marked);
  }
};

inline Workspace EmptyWorkspace() {
  return Workspace([](const std::string&) -> std::optional<SourceText> { return std::nullopt; },
                   [] { return std::vector<std::string>{}; });
}

}  // namespace mast::lsp::testing
