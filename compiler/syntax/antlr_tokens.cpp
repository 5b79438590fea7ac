// The ANTLR adapter's token classes and input limits: which tokens start a
// declaration or end an operand, and the checks that run over the token
// stream (or the text) before the recursive-descent parser sees it, so that
// no input makes it, or any later phase, recurse or scan without bound.
#include "compiler/syntax/antlr_adapter.h"

namespace mast::syntax_detail {

bool EndsOperand(size_t type) {
  switch (type) {
    case MastLexer::IDENT: case MastLexer::TYPE_IDENT: case MastLexer::INT: case MastLexer::FLOAT:
    case MastLexer::STRING: case MastLexer::TEXT_BLOCK: case MastLexer::RPAREN: case MastLexer::RBRACKET:
    case MastLexer::RBRACE: case MastLexer::KW_TRUE: case MastLexer::KW_FALSE: case MastLexer::KW_NULL:
      return true;
    default:
      return false;
  }
}

bool IsKeyword(size_t type) {
  switch (type) {
    case MastLexer::IMPORT: case MastLexer::AS: case MastLexer::TYPE: case MastLexer::SCHEMA:
    case MastLexer::PARAM: case MastLexer::FN: case MastLexer::LET: case MastLexer::EMIT:
    case MastLexer::POLICY: case MastLexer::CHECK: case MastLexer::IF: case MastLexer::THEN:
    case MastLexer::ELSE: case MastLexer::FOR: case MastLexer::IN: case MastLexer::WITH:
    case MastLexer::KW_TRUE: case MastLexer::KW_FALSE: case MastLexer::KW_NULL:
    case MastLexer::TEST: case MastLexer::ASSERT: case MastLexer::EXPECT_ERROR: case MastLexer::SNAPSHOT:
      return true;
    default:
      return false;
  }
}

// The token where a declaration puts the name it declares (an import's
// alias), or null.
antlr4::Token* DeclaredNameToken(const std::vector<antlr4::Token*>& segment) {
  switch (segment.front()->getType()) {
    case MastLexer::IMPORT:
      return segment.size() > 3 && segment[2]->getType() == MastLexer::AS ? segment[3] : nullptr;
    case MastLexer::LET: case MastLexer::FN: case MastLexer::PARAM: case MastLexer::TYPE: case MastLexer::SCHEMA:
      return segment.size() > 1 ? segment[1] : nullptr;
    default:
      return nullptr;
  }
}

bool StartsDeclaration(size_t type) {
  switch (type) {
    case MastLexer::IMPORT: case MastLexer::TYPE: case MastLexer::SCHEMA: case MastLexer::PARAM:
    case MastLexer::FN: case MastLexer::EMIT: case MastLexer::POLICY: case MastLexer::TEST:
      return true;
    default:
      return false;
  }
}

namespace {

// Whether a token after a complete operand makes the syntax tree one level
// deeper on the left: a binary operator or a postfix (`.f`, `?.f`, `[i]`,
// `(args)`, `{...}`). A chain of them (`1 + 1 + ...`, `a.b.c...`, `f()()`)
// is a left-deep tree, and every phase walks trees recursively.
bool ExtendsChain(size_t type) {
  switch (type) {
    case MastLexer::STAR: case MastLexer::SLASH: case MastLexer::PERCENT: case MastLexer::PLUS:
    case MastLexer::MINUS: case MastLexer::LT: case MastLexer::LE: case MastLexer::GT: case MastLexer::GE:
    case MastLexer::EQ: case MastLexer::NEQ: case MastLexer::AND: case MastLexer::OR: case MastLexer::COALESCE:
    case MastLexer::WITH: case MastLexer::DOT: case MastLexer::QUESTION_DOT: case MastLexer::LBRACKET:
    case MastLexer::LPAREN: case MastLexer::LBRACE:
      return true;
    default:
      return false;
  }
}

}  // namespace

// Rejects input that nests deeper than the limits before the recursive
// parser sees it. Counts open brackets plus, per bracket level, prefix
// operators and if/let keywords (each adds a level of recursion in the
// grammar): at most `limits.max_nesting`. Binary operators and postfixes
// after an operand add a level of the syntax tree each, until a separator
// (`,` `:` `=`) or the end of the bracket; brackets, prefixes and chains
// together are at most `limits.max_depth`.
//
// `declarations`: the tokens are a whole file, which the parser splits into
// declarations, so a declaration keyword (or a `let` at the start of a
// line) at the top level starts over. In one expression (`-D`, an
// interpolation) a `let` is a `let ... in` that nests like any other.
bool CheckNesting(antlr4::CommonTokenStream& tokens, const OffsetMap& map, FileId file, const ParseOptions& limits,
                  bool declarations, DiagnosticSink& sink) {
  std::vector<size_t> level_extra{0};
  std::vector<size_t> level_chain{0};
  size_t depth = 0;
  size_t chain = 0;  // the sum of level_chain
  size_t previous = 0;
  for (antlr4::Token* token : tokens.getTokens()) {
    if (token->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    size_t type = token->getType();
    // A new top-level declaration ends the if/let chains of the one before.
    bool starts_declaration = declarations && level_extra.size() == 1 &&
                              (StartsDeclaration(type) || (type == MastLexer::LET && token->getCharPositionInLine() == 0));
    if (starts_declaration) {
      depth -= level_extra[0];
      level_extra[0] = 0;
    }
    const bool after_operand = EndsOperand(previous);
    if (starts_declaration || type == MastLexer::COMMA || type == MastLexer::COLON || type == MastLexer::ASSIGN) {
      chain -= level_chain.back();
      level_chain.back() = 0;
    } else if (after_operand && ExtendsChain(type)) {
      ++level_chain.back();
      ++chain;
    }
    switch (type) {
      case MastLexer::LPAREN:
      case MastLexer::LBRACKET:
      case MastLexer::LBRACE:
        level_extra.push_back(0);
        level_chain.push_back(0);
        ++depth;
        break;
      case MastLexer::RPAREN:
      case MastLexer::RBRACKET:
      case MastLexer::RBRACE:
        if (level_extra.size() > 1) {
          depth -= 1 + level_extra.back();
          level_extra.pop_back();
          chain -= level_chain.back();
          level_chain.pop_back();
        }
        break;
      case MastLexer::IF:
      case MastLexer::LET:
        ++level_extra.back();
        ++depth;
        break;
      case MastLexer::NOT:
      case MastLexer::MINUS:
        if (!after_operand) {
          ++level_extra.back();
          ++depth;
        }
        break;
      default:
        break;
    }
    previous = type;
    if (depth > limits.max_nesting || depth + chain > limits.max_depth) {
      uint32_t begin = map.Byte(token->getStartIndex());
      const bool nesting = depth > limits.max_nesting;
      sink.Report(DiagnosticCode::E0102, {file, begin, begin + 1},
                  nesting ? "nesting is deeper than " + std::to_string(limits.max_nesting) +
                                " levels; split the expression with `let`"
                          : "the expression is deeper than " + std::to_string(limits.max_depth) +
                                " levels (a chain of operators, fields or calls counts one level per link); "
                                "split it with `let`");
      return false;
    }
  }
  return true;
}

// The lexer reads an interpolation `${...}` to its first `}` or line end,
// and tries that again from every `"` of a broken string: a line of
// thousands of `"${` without a `}` took the lexer 25 s. This measures that
// work in one linear pass (the distance from each `${` to its stop) and
// rejects the text, at the first such `${`, when it would be far more than
// the text's own size. Real interpolations stop within a few dozen bytes, so
// their work stays under the text's size; at 16 times, a 1 MB file of open
// `${` (found by fuzz_parse) lexes in about 2 s instead of 7.
bool CheckInterpolationScan(std::string_view text, uint32_t base, FileId file, DiagnosticSink& sink) {
  const uint64_t budget = 16 * uint64_t{text.size()} + (uint64_t{1} << 20);
  uint64_t work = 0;
  size_t brace = text.size();      // the next `}` at or after i
  size_t line_end = text.size();   // the next line break at or after i
  size_t quote = text.size();      // the next `"` at or after i
  size_t first_open = std::string_view::npos;
  for (size_t i = text.size(); i-- > 0;) {
    const char c = text[i];
    if (c == '\n' || c == '\r') line_end = brace = quote = i;
    if (c == '}') brace = i;
    if (c == '"') quote = i;
    if (c == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      // A `"` before the `}` may hide it in a string ("${join(xs, "}")}"):
      // the lexer then may read to the end of the line.
      size_t stop = quote < brace ? line_end : brace;
      work += stop - i;
      if (stop - i > 64) first_open = i;
    }
  }
  if (work <= budget || first_open == std::string_view::npos) return true;
  const uint32_t at = base + static_cast<uint32_t>(first_open);
  sink.Report(DiagnosticCode::E0104, {file, at, at + 2},
              "too many interpolations `${` are left open on this line; close each one with `}`");
  return false;
}

}  // namespace mast::syntax_detail
