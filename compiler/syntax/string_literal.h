// Splits the text of a string literal token into literal pieces (escapes
// decoded) and the byte ranges of its ${...} interpolations.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mast {

struct StringLiteralPiece {
  bool is_expression = false;
  std::string text;        // decoded literal text
  uint32_t begin = 0;      // expression text, inside ${ }
  uint32_t end = 0;
};

struct StringLiteralError {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string message;
};

struct StringLiteralPieces {
  std::vector<StringLiteralPiece> pieces;
  std::vector<StringLiteralError> errors;
};

// `begin`/`end` delimit the whole token in `source`, quotes included.
// "..." strings decode \n \t \r \" \\ \$ \u{hex}; """...""" text blocks are
// raw, drop the first line break and strip the common indentation.
StringLiteralPieces SplitStringLiteral(std::string_view source, uint32_t begin, uint32_t end, bool text_block);

// The `}` that closes an interpolation whose expression starts at `from`
// (just after `${`): the first one outside a quoted string, so that
// "${join(xs, "}")}" works, as the lexer reads it. npos when there is none
// before `stop` (or, outside text blocks, before the end of the line).
size_t InterpolationEnd(std::string_view source, size_t from, size_t stop, bool text_block);

}  // namespace mast
