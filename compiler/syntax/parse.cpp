// The parser's entry points, and the front of the ANTLR adapter: the only
// files that include ANTLR headers are this one and the antlr_*.{h,cpp}
// files beside it. The adapter replaces ANTLR's default error listeners
// (antlr_errors.cpp), bounds nesting and input size before the
// recursive-descent parser runs (antlr_tokens.cpp), parses a file one
// declaration at a time (antlr_declarations.cpp), converts the parse tree
// into the AST (antlr_build_*.cpp), and makes sure no ANTLR exception
// escapes (here).
#include "compiler/syntax/parse.h"

#include <mutex>

#include "compiler/syntax/antlr_tree_builder.h"
#include "compiler/syntax/keywords.h"
#include "compiler/syntax/tokens.h"

namespace mast {

namespace {

// ANTLR 4.9's C++ runtime shares DFA caches between parsers without locks.
std::mutex& ParserMutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace

namespace syntax_detail {

ast::ExprPtr ParseExpressionRange(const SourceFile& source, FileId file, uint32_t begin, uint32_t end,
                                  DiagnosticSink& sink, const ParseOptions& options, const char* extra_input) {
  std::string_view text(source.text().data() + begin, end - begin);
  if (!CheckInterpolationScan(text, begin, file, sink)) return nullptr;
  OffsetMap map(text, begin);
  antlr4::ListTokenSource lexed(LexMast(text));
  ErrorCollector errors(file, map, sink, options.max_syntax_errors);
  antlr4::CommonTokenStream tokens(&lexed);
  tokens.fill();
  MastParser parser(&tokens);
  parser.removeErrorListeners();
  parser.addErrorListener(&errors);
  TreeBuilder builder(source, file, map, sink, options);
  builder.set_tokens(&tokens);
  if (!CheckNesting(tokens, map, file, options, /*declarations=*/false, sink)) return nullptr;
  P::ExprContext* expr = parser.expr();
  if (parser.getCurrentToken()->getType() != antlr4::Token::EOF) {
    parser.notifyErrorListeners(parser.getCurrentToken(), extra_input, nullptr);
  }
  return builder.BuildExpr(expr);
}

}  // namespace syntax_detail

ParseResult Parse(const SourceFile& source, FileId file, const ParseOptions& options) {
  ParseResult result;
  result.module.file = file;
  if (source.text().size() > options.max_bytes) {
    result.diagnostics.Report(DiagnosticCode::E0103, {file, 0, 0},
                              "file is larger than the limit of " + std::to_string(options.max_bytes) +
                                  " bytes; split it into files that import each other");
    return result;
  }
  std::lock_guard<std::mutex> lock(ParserMutex());
  try {
    syntax_detail::ParseFileBySegments(source, file, options, result);
  } catch (const std::exception& error) {
    result.diagnostics.Report(DiagnosticCode::E0101, {file, 0, 0},
                              std::string("the parser failed: ") + error.what());
  }
  result.module.file = file;
  return result;
}

std::vector<Token> Lex(const SourceFile& source, FileId file) {
  using syntax_detail::MastLexer;
  std::vector<Token> out;
  std::string_view text = source.text();
  syntax_detail::OffsetMap map(text, 0);
  std::lock_guard<std::mutex> lock(ParserMutex());
  try {
    antlr4::ListTokenSource lexed(syntax_detail::LexMast(text));
    antlr4::CommonTokenStream tokens(&lexed);
    tokens.fill();
    for (antlr4::Token* token : tokens.getTokens()) {
      size_t type = token->getType();
      if (type == antlr4::Token::EOF) break;
      TokenKind kind = TokenKind::kPunctuation;
      switch (type) {
        case MastLexer::IDENT: kind = TokenKind::kIdentifier; break;
        case MastLexer::TYPE_IDENT: kind = TokenKind::kTypeName; break;
        case MastLexer::INT: case MastLexer::FLOAT: kind = TokenKind::kNumber; break;
        case MastLexer::STRING: kind = TokenKind::kString; break;
        case MastLexer::TEXT_BLOCK: kind = TokenKind::kTextBlock; break;
        case MastLexer::LINE_COMMENT: case MastLexer::BLOCK_COMMENT: kind = TokenKind::kComment; break;
        case MastLexer::DOC_COMMENT: kind = TokenKind::kDocComment; break;
        case MastLexer::ERROR_CHAR: case MastLexer::UNTERMINATED_STRING: kind = TokenKind::kError; break;
        case MastLexer::LBRACE: case MastLexer::RBRACE: case MastLexer::LBRACKET: case MastLexer::RBRACKET:
        case MastLexer::LPAREN: case MastLexer::RPAREN: case MastLexer::COMMA: case MastLexer::COLON:
        case MastLexer::DOT: case MastLexer::QUESTION_DOT: case MastLexer::QUESTION:
          kind = TokenKind::kPunctuation;
          break;
        default:
          kind = type >= MastLexer::IMPORT && type <= MastLexer::KW_NULL ? TokenKind::kKeyword : TokenKind::kOperator;
          break;
      }
      uint32_t begin = map.Byte(token->getStartIndex());
      uint32_t end = map.Byte(token->getStopIndex() + 1);
      out.push_back({kind, {file, begin, end}, std::string(text.substr(begin, end - begin))});
    }
  } catch (const std::exception&) {
    out.push_back({TokenKind::kError, {file, 0, 0}, ""});
  }
  return out;
}

ast::ExprPtr ParseExpression(const SourceFile& source, FileId file, DiagnosticSink& sink,
                             const ParseOptions& options) {
  if (source.text().size() > options.max_bytes) {
    sink.Report(DiagnosticCode::E0103, {file, 0, 0}, "expression is too large");
    return nullptr;
  }
  std::lock_guard<std::mutex> lock(ParserMutex());
  try {
    return syntax_detail::ParseExpressionRange(source, file, 0, static_cast<uint32_t>(source.text().size()), sink,
                                               options, "extra input");
  } catch (const std::exception& error) {
    sink.Report(DiagnosticCode::E0101, {file, 0, 0}, std::string("the parser failed: ") + error.what());
    return nullptr;
  }
}

bool IsMastKeyword(std::string_view word) {
  using syntax_detail::MastLexer;
  antlr4::ANTLRInputStream empty("");
  MastLexer lexer(&empty);
  const antlr4::dfa::Vocabulary& vocabulary = lexer.getVocabulary();
  for (size_t type = 1; type <= vocabulary.getMaxTokenType(); ++type) {
    if (!syntax_detail::IsKeyword(type)) continue;
    const std::string literal = vocabulary.getLiteralName(type);  // "'import'"
    if (literal.size() == word.size() + 2 && literal.compare(1, word.size(), word) == 0) return true;
  }
  return false;
}

}  // namespace mast
