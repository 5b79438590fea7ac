// The ANTLR adapter's error listener: ANTLR's syntax errors become E0101
// diagnostics that say what was found, what was expected and, for common
// slips, how to fix them.
#include <set>

#include "compiler/syntax/antlr_adapter.h"

namespace mast::syntax_detail {

std::string Describe(antlr4::Token* token) {
  if (!token || token->getType() == antlr4::Token::EOF) return "end of the declaration";
  std::string text = token->getText();
  if (text.size() > 24) text = text.substr(0, 21) + "...";
  return "`" + text + "`";
}

void ErrorCollector::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* token, size_t, size_t,
                                 const std::string& message, std::exception_ptr) {
  if (count_++ >= limit_) return;
  SourceRange range;
  std::string text;
  if (token) {
    if (token->getLine() == skip_line_) return;  // the line a dangling operator swallowed
    uint32_t begin = map_.Byte(token->getStartIndex());
    uint32_t end = token->getType() == antlr4::Token::EOF ? begin : map_.Byte(token->getStopIndex() + 1);
    range = {file_, begin, end};
    text = Reword(token, message, recognizer);
    if (antlr4::Token* op = DanglingOperator(dynamic_cast<antlr4::Parser*>(recognizer), token)) {
      // `replicas: base *` then `name: "a"` on the next line: the operator
      // took the next line's field name as its operand, and the error shows
      // up at that field's `:`. Report the operator, and not the rest of
      // the line it swallowed.
      range = {file_, map_.Byte(op->getStartIndex()), map_.Byte(op->getStopIndex() + 1)};
      text = "`" + op->getText() + "` at the end of the line has no right-hand operand; "
             "complete the expression, or remove the `" + op->getText() + "`";
      skip_line_ = token->getLine();
    }
  } else {
    // A lexer error: ANTLR gives no token, only the character index.
    auto* lexer = dynamic_cast<antlr4::Lexer*>(recognizer);
    uint32_t begin = lexer ? map_.Byte(lexer->tokenStartCharIndex) : 0;
    range = {file_, begin, begin + 1};
    text = "unexpected character";
  }
  sink_.Report(DiagnosticCode::E0101, range, text);
}

std::string ErrorCollector::Reword(antlr4::Token* token, const std::string& message,
                                   antlr4::Recognizer* recognizer) {
  std::string found = Describe(token);
  if (token->getType() == MastLexer::UNTERMINATED_STRING) return "unterminated string; add the closing `\"`";
  if (token->getType() == MastLexer::ERROR_CHAR) return "unexpected character " + found;
  auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
  if (antlr4::Token* previous = PreviousToken(parser, token)) {
    size_t type = previous->getType();
    // `[80, 443, , 8443]`: the value between two commas is missing, not a comma.
    if (token->getType() == MastLexer::COMMA &&
        (type == MastLexer::COMMA || type == MastLexer::LBRACKET || type == MastLexer::LPAREN)) {
      return "unexpected `,` after " + Describe(previous) + "; a value is missing here: remove the `,` or write the value";
    }
  }
  const std::vector<std::string> names = ExpectedTokenNames(parser);
  std::string expected;
  if (!names.empty() && names.size() <= 6) {
    for (size_t i = 0; i < names.size(); ++i) {
      if (i) expected += i + 1 == names.size() ? " or " : ", ";
      expected += names[i];
    }
  }
  if (message.rfind("missing", 0) == 0 && !expected.empty()) return "missing " + expected + " before " + found;
  if (!expected.empty()) return "unexpected " + found + "; expected " + expected;
  return "unexpected " + found;
}

// What the parser expected at an error, as words: "an expression" for any
// token that starts one, then the other tokens by name. Empty without a parser.
std::vector<std::string> ErrorCollector::ExpectedTokenNames(antlr4::Parser* parser) {
  std::vector<std::string> names;
  if (!parser) return names;
  antlr4::misc::IntervalSet set = parser->getExpectedTokens();
  bool expression = set.contains(static_cast<ssize_t>(MastLexer::INT)) && set.contains(static_cast<ssize_t>(MastLexer::IDENT));
  if (expression) names.push_back("an expression");
  const antlr4::dfa::Vocabulary& vocabulary = parser->getVocabulary();
  for (ssize_t type : set.toList()) {
    static const std::set<ssize_t> kExpressionStart = {
        MastLexer::INT, MastLexer::FLOAT, MastLexer::STRING, MastLexer::TEXT_BLOCK, MastLexer::IDENT,
        MastLexer::TYPE_IDENT, MastLexer::LPAREN, MastLexer::LBRACKET, MastLexer::LBRACE, MastLexer::NOT,
        MastLexer::MINUS, MastLexer::IF, MastLexer::LET, MastLexer::KW_TRUE, MastLexer::KW_FALSE,
        MastLexer::KW_NULL};
    if (expression && kExpressionStart.count(type)) continue;
    std::string name = type == static_cast<ssize_t>(antlr4::Token::EOF)
                           ? "the end of the declaration"
                           : vocabulary.getDisplayName(static_cast<size_t>(type));
    if (name.size() >= 2 && name.front() == '\'') name = "`" + name.substr(1, name.size() - 2) + "`";
    else if (name == "IDENT") name = "a name";
    else if (name == "TYPE_IDENT") name = "a capitalized type name";
    else if (name == "STRING") name = "a string";
    else if (name == "INT") name = "an integer";
    else if (name == "FLOAT") name = "a number";
    names.push_back(name);
  }
  return names;
}

// For an error at `:` whose operand started on a new line right after a
// binary operator that ends the line before: that operator.
antlr4::Token* ErrorCollector::DanglingOperator(antlr4::Parser* parser, antlr4::Token* token) {
  if (token->getType() != MastLexer::COLON) return nullptr;
  antlr4::Token* name = PreviousToken(parser, token);
  if (!name || (name->getType() != MastLexer::IDENT && name->getType() != MastLexer::TYPE_IDENT)) return nullptr;
  antlr4::Token* op = PreviousToken(parser, name);
  if (!op || op->getLine() >= name->getLine()) return nullptr;
  switch (op->getType()) {
    case MastLexer::STAR: case MastLexer::SLASH: case MastLexer::PERCENT: case MastLexer::PLUS:
    case MastLexer::MINUS: case MastLexer::LT: case MastLexer::LE: case MastLexer::GT: case MastLexer::GE:
    case MastLexer::EQ: case MastLexer::NEQ: case MastLexer::AND: case MastLexer::OR: case MastLexer::COALESCE:
    case MastLexer::WITH:
      return op;
    default:
      return nullptr;
  }
}

// The token before `token` in the parser's stream, or null.
antlr4::Token* ErrorCollector::PreviousToken(antlr4::Parser* parser, antlr4::Token* token) {
  if (!parser || token->getTokenIndex() == 0 || token->getTokenIndex() == static_cast<size_t>(-1)) return nullptr;
  antlr4::TokenStream* stream = parser->getTokenStream();
  if (!stream || token->getTokenIndex() > stream->size()) return nullptr;
  return stream->get(token->getTokenIndex() - 1);
}

}  // namespace mast::syntax_detail
