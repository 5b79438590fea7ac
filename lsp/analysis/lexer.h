// A tolerant Mast lexer for editor features. The compiler's tokens come from
// ANTLR under a global mutex; completion and semantic tokens run on every
// keystroke on text that is usually broken, so this small hand-written lexer
// splits the text the same way (same token classes as grammar/Mast.g4) and
// never fails: anything unexpected is a one-character error token, and an
// unterminated string or comment runs to the end of its line or the text.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace mast::lsp {

enum class TokKind : uint8_t {
  kIdent,       // lower-case name (or `_name`)
  kTypeIdent,   // capitalized name
  kKeyword,     // import, let, if, true, null, ...
  kNumber,
  kString,      // "..." (also unterminated: `terminated` is false)
  kTextBlock,   // """..."""
  kComment,     // // and /* */
  kDocComment,  // ///
  kPunct,       // { } [ ] ( ) , : . ?. ?
  kOperator,    // + - * / % == != < <= > >= && || ! ?? = | ..
  kError,
};

struct Tok {
  TokKind kind;
  uint32_t begin;
  uint32_t end;
  bool terminated = true;       // strings, text blocks and block comments
  bool line_start = false;      // first token on its line
  uint32_t column = 0;          // 0-based byte column of `begin`

  std::string_view Text(std::string_view source) const { return source.substr(begin, end - begin); }
  bool Is(std::string_view source, std::string_view text) const { return Text(source) == text; }
  bool IsTrivia() const { return kind == TokKind::kComment || kind == TokKind::kDocComment; }
};

std::vector<Tok> LexMast(std::string_view text);

bool IsMastKeyword(std::string_view word);
// Keywords that start a declaration (`let` only in some places).
bool IsDeclarationKeyword(std::string_view word);

}  // namespace mast::lsp
