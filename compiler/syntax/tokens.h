// The token stream of a Mast file, comments included, for tools that work on
// tokens rather than on the syntax tree (the formatter, semantic tokens).
// Produced by the ANTLR adapter, so no other file needs ANTLR headers.
#pragma once

#include <string>
#include <vector>

#include "compiler/base/source.h"

namespace mast {

enum class TokenKind {
  kKeyword,      // import, let, if, ... (also when used as a field name)
  kIdentifier,   // lower-case names
  kTypeName,     // capitalized names
  kNumber,
  kString,       // "..." with its quotes
  kTextBlock,    // """..."""
  kComment,      // // ... and /* ... */
  kDocComment,   // /// ...
  kPunctuation,  // { } [ ] ( ) , : . ?. ? 
  kOperator,     // + - * / % == != < <= > >= && || ! ?? = | ..
  kError,        // a character the lexer rejects, or an unterminated string
};

struct Token {
  TokenKind kind;
  SourceRange range;
  std::string text;
};

// Every token of the file in order, comments included; no end-of-file token.
std::vector<Token> Lex(const SourceFile& source, FileId file);

}  // namespace mast
