// Small token helpers shared by the cursor-context files (context.cpp, which
// scans brackets and finds what the cursor is in, and context_types.cpp,
// which reads types from tokens). Internal to lsp/analysis.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "lsp/analysis/lexer.h"

namespace mast::lsp::context_tokens {

inline constexpr size_t kNone = static_cast<size_t>(-1);

inline bool IsWordKind(TokKind kind) {
  return kind == TokKind::kIdent || kind == TokKind::kTypeIdent || kind == TokKind::kKeyword;
}

inline std::string Unquote(std::string_view text) {
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') return std::string(text.substr(1, text.size() - 2));
  if (!text.empty() && text.front() == '"') return std::string(text.substr(1));
  return std::string(text);
}

}  // namespace mast::lsp::context_tokens
