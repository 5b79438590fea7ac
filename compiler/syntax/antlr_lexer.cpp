// The Mast lexer, written out: the token rules of grammar/Mast.g4 (longest
// match, the first rule on a tie), producing the tokens the generated ANTLR
// lexer produces, field for field. The generated lexer walks a DFA it builds
// while it runs, under locks, over the text converted to UTF-32: it was a
// third of parsing a file the parser had seen before, and its first run a
// third of parsing one it had not. tests/unit/compiler_lexer_test.cpp holds
// the two against each other, token by token, on every file of the
// repository, on hand-written cases and on mutations of both.
#include "compiler/syntax/antlr_adapter.h"

namespace mast::syntax_detail {

namespace {

struct Keyword {
  std::string_view text;
  size_t type;
};

constexpr Keyword kKeywords[] = {
    {"import", MastLexer::IMPORT}, {"as", MastLexer::AS},         {"type", MastLexer::TYPE},
    {"schema", MastLexer::SCHEMA}, {"param", MastLexer::PARAM},   {"fn", MastLexer::FN},
    {"let", MastLexer::LET},       {"emit", MastLexer::EMIT},     {"policy", MastLexer::POLICY},
    {"check", MastLexer::CHECK},   {"if", MastLexer::IF},         {"then", MastLexer::THEN},
    {"else", MastLexer::ELSE},     {"for", MastLexer::FOR},       {"in", MastLexer::IN},
    {"with", MastLexer::WITH},     {"test", MastLexer::TEST},     {"assert", MastLexer::ASSERT},
    {"expect_error", MastLexer::EXPECT_ERROR}, {"snapshot", MastLexer::SNAPSHOT},
    {"true", MastLexer::KW_TRUE},  {"false", MastLexer::KW_FALSE}, {"null", MastLexer::KW_NULL},
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_';
}
bool IsLineBreak(char c) { return c == '\r' || c == '\n'; }

// The lengths of the rules that start at `at` in `text`; each returns 0 when
// its rule does not match there.
class Rules {
 public:
  explicit Rules(std::string_view text) : text_(text) {}

  char At(size_t i) const { return i < text_.size() ? text_[i] : '\0'; }
  bool Has(size_t i) const { return i < text_.size(); }

  // DIGITS : [0-9] ('_'? [0-9])*
  size_t Digits(size_t at) const {
    if (!IsDigit(At(at))) return 0;
    size_t i = at + 1;
    while (true) {
      if (IsDigit(At(i))) ++i;
      else if (At(i) == '_' && IsDigit(At(i + 1))) i += 2;
      else return i - at;
    }
  }
  // EXPONENT : [eE] [+-]? [0-9]+
  size_t Exponent(size_t at) const {
    if (At(at) != 'e' && At(at) != 'E') return 0;
    size_t i = at + 1;
    if (At(i) == '+' || At(i) == '-') ++i;
    const size_t digits_from = i;
    while (IsDigit(At(i))) ++i;
    return i > digits_from ? i - at : 0;
  }
  // INT or FLOAT: the longer; FLOAT when one matches.
  size_t Number(size_t at, size_t* type) const {
    const size_t whole = Digits(at);
    size_t best = whole;
    *type = MastLexer::INT;
    if (At(at + whole) == '.') {
      if (const size_t fraction = Digits(at + whole + 1)) {
        const size_t end = at + whole + 1 + fraction;
        best = end - at + Exponent(end);
        *type = MastLexer::FLOAT;
      }
    }
    if (const size_t exponent = Exponent(at + whole); exponent && whole + exponent > best) {
      best = whole + exponent;
      *type = MastLexer::FLOAT;
    }
    return best;
  }
  // '"""' .*? '"""'. (An unclosed one has no `"""` after it, so the search
  // runs to the end of the text once, unlike BLOCK_COMMENT's.)
  size_t TextBlock(size_t at) const {
    if (text_.compare(at, 3, "\"\"\"") != 0) return 0;
    const size_t close = text_.find("\"\"\"", at + 3);
    return close == std::string_view::npos ? 0 : close + 3 - at;
  }
  // INNER_STRING : '"' (ESCAPE | ~["\\\r\n])* '"'
  size_t InnerString(size_t at) const {
    size_t i = at + 1;
    while (Has(i)) {
      const char c = At(i);
      if (c == '"') return i + 1 - at;
      if (c == '\\') {
        if (!Has(i + 1)) return 0;
        i += 2;
      } else if (IsLineBreak(c)) {
        return 0;
      } else {
        ++i;
      }
    }
    return 0;
  }
  // INTERPOLATION : '${' (~[}"\r\n] | INNER_STRING)* '}'
  size_t Interpolation(size_t at) const {
    size_t i = at + 2;
    while (Has(i)) {
      const char c = At(i);
      if (c == '}') return i + 1 - at;
      if (c == '"') {
        const size_t inner = InnerString(i);
        if (inner == 0) return 0;
        i += inner;
      } else if (IsLineBreak(c)) {
        return 0;
      } else {
        ++i;
      }
    }
    return 0;
  }
  // STRING_PART at `at`: ESCAPE | INTERPOLATION | ~["\\\r\n$] | '$' ~["{\r\n\\]
  size_t StringPart(size_t at) const {
    if (!Has(at)) return 0;
    const char c = At(at);
    if (c == '\\') return Has(at + 1) ? 2 : 0;
    if (c == '"' || IsLineBreak(c)) return 0;
    if (c != '$') return 1;
    if (At(at + 1) == '{') return Interpolation(at);
    if (!Has(at + 1)) return 0;
    const char next = At(at + 1);
    return next == '"' || IsLineBreak(next) || next == '\\' ? 0 : 2;
  }
  // STRING : '"' STRING_PART* '$'? '"', else UNTERMINATED_STRING : '"'
  // STRING_PART* '$'?
  size_t String(size_t at, size_t* type) const {
    size_t i = at + 1;
    while (const size_t part = StringPart(i)) i += part;
    *type = MastLexer::STRING;
    // (At() reads past the end as '\0', which is neither '"' nor '$'.)
    if (At(i) == '"') return i + 1 - at;
    if (At(i) == '$' && At(i + 1) == '"') return i + 2 - at;
    *type = MastLexer::UNTERMINATED_STRING;
    return (At(i) == '$' ? i + 1 : i) - at;
  }
  // Comments: DOC_COMMENT '///' ~[\r\n]*, LINE_COMMENT '//' ~[\r\n]*,
  // BLOCK_COMMENT '/*' .*? '*/'.
  size_t Comment(size_t at, size_t* type) const {
    if (At(at) != '/') return 0;
    if (At(at + 1) == '/') {
      *type = At(at + 2) == '/' ? MastLexer::DOC_COMMENT : MastLexer::LINE_COMMENT;
      size_t i = at + 2;
      while (Has(i) && !IsLineBreak(At(i))) ++i;
      return i - at;
    }
    if (At(at + 1) == '*') {
      const size_t close = FindCommentClose(at + 2);
      if (close == std::string_view::npos) return 0;
      *type = MastLexer::BLOCK_COMMENT;
      return close + 2 - at;
    }
    return 0;
  }

 private:
  // The first `*/` at or after `from`. Where there is none, there is none
  // after any later place either: remembered, so that a text of many
  // unclosed `/*` is searched to its end once, not once for each.
  size_t FindCommentClose(size_t from) const {
    if (from >= no_comment_close_from_) return std::string_view::npos;
    const size_t found = text_.find("*/", from);
    if (found == std::string_view::npos) no_comment_close_from_ = from;
    return found;
  }

  std::string_view text_;
  mutable size_t no_comment_close_from_ = std::string_view::npos;  // no `*/` at or after
};

size_t Operator(std::string_view text, size_t at, size_t* type) {
  struct Spelling {
    std::string_view text;
    size_t type;
  };
  static constexpr Spelling kTwo[] = {
      {"..", MastLexer::RANGE}, {"?.", MastLexer::QUESTION_DOT}, {"??", MastLexer::COALESCE},
      {"||", MastLexer::OR},    {"&&", MastLexer::AND},          {"==", MastLexer::EQ},
      {"!=", MastLexer::NEQ},   {"<=", MastLexer::LE},           {">=", MastLexer::GE},
  };
  for (const Spelling& two : kTwo) {
    if (text.compare(at, 2, two.text) == 0) {
      *type = two.type;
      return 2;
    }
  }
  switch (text[at]) {
    case '<': *type = MastLexer::LT; return 1;
    case '>': *type = MastLexer::GT; return 1;
    case '=': *type = MastLexer::ASSIGN; return 1;
    case '!': *type = MastLexer::NOT; return 1;
    case '+': *type = MastLexer::PLUS; return 1;
    case '-': *type = MastLexer::MINUS; return 1;
    case '*': *type = MastLexer::STAR; return 1;
    case '/': *type = MastLexer::SLASH; return 1;
    case '%': *type = MastLexer::PERCENT; return 1;
    case '|': *type = MastLexer::PIPE; return 1;
    case '?': *type = MastLexer::QUESTION; return 1;
    case ':': *type = MastLexer::COLON; return 1;
    case ',': *type = MastLexer::COMMA; return 1;
    case '.': *type = MastLexer::DOT; return 1;
    case '(': *type = MastLexer::LPAREN; return 1;
    case ')': *type = MastLexer::RPAREN; return 1;
    case '{': *type = MastLexer::LBRACE; return 1;
    case '}': *type = MastLexer::RBRACE; return 1;
    case '[': *type = MastLexer::LBRACKET; return 1;
    case ']': *type = MastLexer::RBRACKET; return 1;
    default: return 0;
  }
}

// The token at `at`: its type and length in bytes (at least one).
size_t NextToken(const Rules& rules, std::string_view text, size_t at, size_t* type) {
  const char c = text[at];
  if ((c >= 'a' && c <= 'z') || c == '_' || (c >= 'A' && c <= 'Z')) {
    size_t i = at + 1;
    while (i < text.size() && IsWordChar(text[i])) ++i;
    const std::string_view word = text.substr(at, i - at);
    *type = c >= 'A' && c <= 'Z' ? MastLexer::TYPE_IDENT : MastLexer::IDENT;
    for (const Keyword& keyword : kKeywords) {
      if (word == keyword.text) {
        *type = keyword.type;
        break;
      }
    }
    return word.size();
  }
  if (IsDigit(c)) return rules.Number(at, type);
  if (c == '"') {
    if (const size_t block = rules.TextBlock(at)) {
      *type = MastLexer::TEXT_BLOCK;
      return block;
    }
    return rules.String(at, type);
  }
  if (const size_t comment = rules.Comment(at, type)) return comment;
  if (const size_t op = Operator(text, at, type)) return op;
  // ERROR_CHAR : . (one code point)
  *type = MastLexer::ERROR_CHAR;
  size_t i = at + 1;
  while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  return i - at;
}

// What the tokens name as their source. ANTLR's error recovery makes the
// token it finds missing from the source of the token at hand (and reads
// that source's input stream): every token needs one. It produces nothing.
class LexedSource final : public antlr4::TokenSource {
 public:
  std::unique_ptr<antlr4::Token> nextToken() override {
    return std::make_unique<antlr4::CommonToken>(antlr4::Token::EOF);
  }
  size_t getLine() const override { return 0; }
  size_t getCharPositionInLine() override { return 0; }
  antlr4::CharStream* getInputStream() override { return nullptr; }
  std::string getSourceName() override { return "mast"; }
  antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override {
    return antlr4::CommonTokenFactory::DEFAULT.get();
  }
};

std::unique_ptr<antlr4::CommonToken> NewToken(size_t type) {
  static LexedSource source;
  return std::make_unique<antlr4::CommonToken>(std::pair<antlr4::TokenSource*, antlr4::CharStream*>(&source, nullptr),
                                               type, antlr4::Token::DEFAULT_CHANNEL, 0, 0);
}

}  // namespace

std::vector<std::unique_ptr<antlr4::Token>> LexMast(std::string_view text) {
  std::vector<std::unique_ptr<antlr4::Token>> tokens;
  const Rules rules(text);
  size_t at = 0;
  size_t code_point = 0;  // ANTLR's index of `at`
  size_t line = 1;
  size_t column = 0;  // in code points
  // Moves `at` to `to`, counting the code points, lines and columns passed.
  auto advance = [&](size_t to) {
    for (; at < to; ++at) {
      const auto c = static_cast<unsigned char>(text[at]);
      if ((c & 0xC0) == 0x80) continue;
      ++code_point;
      if (c == '\n') {
        ++line;
        column = 0;
      } else {
        ++column;
      }
    }
  };
  while (at < text.size()) {
    const char c = text[at];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {  // WS -> skip
      size_t end = at;
      while (end < text.size() && (text[end] == ' ' || text[end] == '\t' || text[end] == '\r' || text[end] == '\n')) {
        ++end;
      }
      advance(end);
      continue;
    }
    size_t type = 0;
    const size_t length = NextToken(rules, text, at, &type);
    std::unique_ptr<antlr4::CommonToken> token = NewToken(type);
    const bool hidden =
        type == MastLexer::DOC_COMMENT || type == MastLexer::LINE_COMMENT || type == MastLexer::BLOCK_COMMENT;
    token->setChannel(hidden ? antlr4::Token::HIDDEN_CHANNEL : antlr4::Token::DEFAULT_CHANNEL);
    token->setStartIndex(code_point);
    token->setLine(line);
    token->setCharPositionInLine(column);
    token->setText(std::string(text.substr(at, length)));
    advance(at + length);
    token->setStopIndex(code_point - 1);
    tokens.push_back(std::move(token));
  }
  std::unique_ptr<antlr4::CommonToken> eof = NewToken(antlr4::Token::EOF);
  eof->setStartIndex(code_point);
  eof->setStopIndex(code_point - 1);
  eof->setLine(line);
  eof->setCharPositionInLine(column);
  eof->setText("<EOF>");
  tokens.push_back(std::move(eof));
  return tokens;
}

}  // namespace mast::syntax_detail
