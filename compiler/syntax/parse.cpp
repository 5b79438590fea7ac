// The ANTLR adapter: the only file that includes ANTLR headers. It replaces
// the default error listeners, bounds nesting and input size before the
// recursive-descent parser runs, converts the parse tree into the AST, and
// makes sure no ANTLR exception escapes.
#include "compiler/syntax/parse.h"
#include "compiler/syntax/keywords.h"

#include <antlr4-runtime.h>

#include <mutex>
#include <set>

#include "MastLexer.h"
#include "MastParser.h"
#include "compiler/syntax/string_literal.h"
#include "compiler/syntax/tokens.h"

namespace mast {
namespace {

using mast_grammar::MastLexer;
using mast_grammar::MastParser;
using P = MastParser;

// ANTLR 4.9's C++ runtime shares DFA caches between parsers without locks.
std::mutex& ParserMutex() {
  static std::mutex mutex;
  return mutex;
}

// ANTLR indexes characters in code points; ranges are bytes. Maps one to the
// other for a slice of a source file that starts at `base`.
class OffsetMap {
 public:
  OffsetMap(std::string_view text, uint32_t base) : base_(base) {
    bool ascii = true;
    for (unsigned char c : text) {
      if (c >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return;
    for (uint32_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) byte_of_cp_.push_back(i);
    }
    byte_of_cp_.push_back(static_cast<uint32_t>(text.size()));
  }

  uint32_t Byte(size_t code_point) const {
    if (byte_of_cp_.empty()) return base_ + static_cast<uint32_t>(code_point);
    if (code_point >= byte_of_cp_.size()) return base_ + byte_of_cp_.back();
    return base_ + byte_of_cp_[code_point];
  }

 private:
  uint32_t base_;
  std::vector<uint32_t> byte_of_cp_;
};

std::string Describe(antlr4::Token* token) {
  if (!token || token->getType() == antlr4::Token::EOF) return "end of the declaration";
  std::string text = token->getText();
  if (text.size() > 24) text = text.substr(0, 21) + "...";
  return "`" + text + "`";
}

class ErrorCollector : public antlr4::BaseErrorListener {
 public:
  ErrorCollector(FileId file, const OffsetMap& map, DiagnosticSink& sink, size_t limit)
      : file_(file), map_(map), sink_(sink), limit_(limit) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* token, size_t line, size_t column,
                   const std::string& message, std::exception_ptr) override {
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

 private:
  static std::string Reword(antlr4::Token* token, const std::string& message, antlr4::Recognizer* recognizer) {
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
    std::vector<std::string> names;
    if (parser) {
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
    }
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

  // For an error at `:` whose operand started on a new line right after a
  // binary operator that ends the line before: that operator.
  static antlr4::Token* DanglingOperator(antlr4::Parser* parser, antlr4::Token* token) {
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
  static antlr4::Token* PreviousToken(antlr4::Parser* parser, antlr4::Token* token) {
    if (!parser || token->getTokenIndex() == 0 || token->getTokenIndex() == static_cast<size_t>(-1)) return nullptr;
    antlr4::TokenStream* stream = parser->getTokenStream();
    if (!stream || token->getTokenIndex() > stream->size()) return nullptr;
    return stream->get(token->getTokenIndex() - 1);
  }

  FileId file_;
  const OffsetMap& map_;
  DiagnosticSink& sink_;
  size_t limit_;
  size_t count_ = 0;
  size_t skip_line_ = 0;  // errors on this line are not reported (0: none)
};

bool StartsDeclaration(size_t type);
bool EndsOperand(size_t type);
bool IsKeyword(size_t type);
antlr4::Token* DeclaredNameToken(const std::vector<antlr4::Token*>& segment);

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

std::string Unquote(std::string_view text) {
  return text.size() >= 2 ? std::string(text.substr(1, text.size() - 2)) : std::string();
}

// Error recovery can leave a context without the token its rule names.
antlr4::Token* Sym(antlr4::tree::TerminalNode* node) { return node ? node->getSymbol() : nullptr; }
std::string Text(antlr4::tree::TerminalNode* node) { return node ? node->getText() : std::string(); }

// Converts the ANTLR parse tree into the AST.
class TreeBuilder {
 public:
  TreeBuilder(const SourceFile& source, FileId file, const OffsetMap& map, DiagnosticSink& sink,
              const ParseOptions& options)
      : source_(source), file_(file), map_(map), sink_(sink), options_(options) {}

  SourceRange RangeOf(antlr4::ParserRuleContext* ctx) const {
    if (!ctx || !ctx->getStart()) return {file_, 0, 0};
    uint32_t begin = map_.Byte(ctx->getStart()->getStartIndex());
    antlr4::Token* stop = ctx->getStop();
    uint32_t end = stop && stop->getStopIndex() + 1 >= ctx->getStart()->getStartIndex() &&
                           stop->getType() != antlr4::Token::EOF
                       ? map_.Byte(stop->getStopIndex() + 1)
                       : begin;
    return {file_, begin, std::max(begin, end)};
  }
  SourceRange RangeOf(antlr4::tree::TerminalNode* node) const { return node ? RangeOf(node->getSymbol()) : SourceRange{file_, 0, 0}; }
  SourceRange RangeOf(antlr4::Token* token) const {
    if (token->getStartIndex() == static_cast<size_t>(-1) || token->getStopIndex() + 1 < token->getStartIndex()) {
      // A token error recovery made up (a missing name): an empty range
      // where the parser was, which ANTLR records as line and column.
      uint32_t at = source_.ToOffset(static_cast<uint32_t>(token->getLine()),
                                     static_cast<uint32_t>(token->getCharPositionInLine()) + 1);
      return {file_, at, at};
    }
    uint32_t begin = map_.Byte(token->getStartIndex());
    return {file_, begin, std::max(begin, map_.Byte(token->getStopIndex() + 1))};
  }

  void AddImport(P::ImportDeclContext* import, ast::Module& module) {
    if (!import->STRING() || !import->IDENT()) return;
    ast::Import out;
    out.range = RangeOf(import);
    out.path = Unquote(import->STRING()->getText());
    out.path_range = RangeOf(import->STRING());
    out.alias = import->IDENT()->getText();
    out.alias_range = RangeOf(import->IDENT());
    module.imports.push_back(std::move(out));
  }

  void AddDeclaration(P::DeclarationContext* declaration, ast::Module& module) {
    if (auto decl = BuildDecl(declaration)) module.decls.push_back(std::move(*decl));
  }

  void AddComments(ast::Module& module) {
    if (!tokens_) return;
    for (antlr4::Token* token : all_tokens_) {
      if (token->getChannel() != antlr4::Token::HIDDEN_CHANNEL) continue;
      module.comments.push_back({RangeOf(token), token->getType() == MastLexer::DOC_COMMENT});
    }
  }

  ast::ExprPtr BuildExpr(P::ExprContext* ctx) {
    if (!ctx) return ErrorExpr({file_, 0, 0});
    if (auto* e = dynamic_cast<P::IfExprContext*>(ctx)) {
      auto out = NewExpr(ast::ExprKind::kIf, ctx);
      out->left = BuildExpr(e->expr(0));
      out->right = BuildExpr(e->expr(1));
      out->third = BuildExpr(e->expr(2));
      return out;
    }
    if (auto* e = dynamic_cast<P::LetExprContext*>(ctx)) {
      auto out = NewExpr(ast::ExprKind::kLet, ctx);
      if (e->IDENT()) {
        out->name = e->IDENT()->getText();
        out->name_range = RangeOf(e->IDENT());
      }
      if (e->typeExpr()) out->type = BuildType(e->typeExpr());
      out->right = BuildExpr(e->expr(0));
      out->third = BuildExpr(e->expr(1));
      return out;
    }
    if (auto* e = dynamic_cast<P::PlainExprContext*>(ctx)) return BuildOperand(e->operand());
    return ErrorExpr(RangeOf(ctx));
  }

 private:
  std::optional<ast::Decl> BuildDecl(P::DeclarationContext* ctx) {
    ast::Decl decl;
    decl.range = RangeOf(ctx);
    decl.doc = DocCommentBefore(ctx->getStart());
    auto set_name = [&](antlr4::tree::TerminalNode* node) {
      if (!node) return false;
      decl.name = node->getText();
      decl.name_range = RangeOf(node);
      return true;
    };
    if (auto* d = ctx->typeDecl()) {
      decl.kind = ast::Decl::Kind::kType;
      if (!set_name(d->TYPE_IDENT())) return std::nullopt;
      decl.type = BuildType(d->typeExpr());
    } else if (auto* d = ctx->schemaDecl()) {
      decl.kind = ast::Decl::Kind::kSchema;
      if (!set_name(d->TYPE_IDENT())) return std::nullopt;
      for (auto* member : d->schemaMember()) BuildSchemaMember(member, decl);
    } else if (auto* d = ctx->paramDecl()) {
      decl.kind = ast::Decl::Kind::kParam;
      if (!set_name(d->IDENT())) return std::nullopt;
      decl.type = BuildType(d->typeExpr());
      if (d->expr()) decl.value = BuildExpr(d->expr());
    } else if (auto* d = ctx->fnDecl()) {
      decl.kind = ast::Decl::Kind::kFn;
      if (!set_name(d->IDENT())) return std::nullopt;
      for (auto* p : d->parameter()) {
        if (!p->IDENT()) continue;
        decl.params.push_back({p->IDENT()->getText(), RangeOf(p->IDENT()), BuildType(p->typeExpr())});
      }
      decl.type = BuildType(d->typeExpr());
      decl.value = BuildExpr(d->expr());
    } else if (auto* d = ctx->letDecl()) {
      decl.kind = ast::Decl::Kind::kLet;
      if (!set_name(d->IDENT())) return std::nullopt;
      if (d->typeExpr()) decl.type = BuildType(d->typeExpr());
      decl.value = BuildExpr(d->expr());
    } else if (auto* d = ctx->emitDecl()) {
      decl.kind = ast::Decl::Kind::kEmit;
      decl.value = BuildExpr(d->expr());
    } else if (auto* d = ctx->policyDecl()) {
      decl.kind = ast::Decl::Kind::kPolicy;
      if (!d->STRING()) return std::nullopt;
      decl.name = ParsePlainString(d->STRING());
      decl.name_range = RangeOf(d->STRING());
      for (auto* member : d->policyMember()) {
        if (auto* check = dynamic_cast<P::PolicyCheckContext*>(member)) {
          auto names = check->IDENT();
          if (names.empty()) continue;
          if (names[0]->getText() != "violations") {
            sink_.Report(DiagnosticCode::E0101, RangeOf(names[0]),
                         "a policy defines `violations(object)`, found `" + names[0]->getText() + "(...)`");
            continue;
          }
          for (size_t i = 1; i < names.size(); ++i) {
            decl.params.push_back({names[i]->getText(), RangeOf(names[i]), nullptr});
          }
          decl.value = BuildExpr(check->expr());
        } else if (auto* field = dynamic_cast<P::PolicyFieldContext*>(member)) {
          if (!field->fieldName()) continue;
          decl.policy_fields.push_back(
              {field->fieldName()->getText(), RangeOf(field->fieldName()), BuildExpr(field->expr())});
        }
      }
    } else if (auto* d = ctx->testDecl()) {
      decl.kind = ast::Decl::Kind::kTest;
      if (!d->STRING()) return std::nullopt;
      decl.name = ParsePlainString(d->STRING());
      decl.name_range = RangeOf(d->STRING());
      for (auto* step : d->testStep()) BuildTestStep(step, decl);
    } else {
      return std::nullopt;
    }
    return decl;
  }

  void BuildTestStep(P::TestStepContext* ctx, ast::Decl& decl) {
    ast::TestStep step;
    step.range = RangeOf(ctx);
    if (auto* s = dynamic_cast<P::TestLetContext*>(ctx)) {
      if (!s->IDENT()) return;
      step.kind = ast::TestStep::Kind::kLet;
      step.name = s->IDENT()->getText();
      step.name_range = RangeOf(s->IDENT());
      if (s->typeExpr()) step.type = BuildType(s->typeExpr());
      step.value = BuildExpr(s->expr());
    } else if (auto* s = dynamic_cast<P::TestAssertContext*>(ctx)) {
      step.kind = ast::TestStep::Kind::kAssert;
      step.value = BuildExpr(s->expr());
      if (s->STRING()) step.message = ParsePlainString(s->STRING());
    } else if (auto* s = dynamic_cast<P::TestExpectErrorContext*>(ctx)) {
      auto strings = s->STRING();
      if (strings.size() < 2) return;
      step.kind = ast::TestStep::Kind::kExpectError;
      for (size_t i = 0; i + 1 < strings.size(); ++i) {
        step.codes.push_back(ParsePlainString(strings[i]));
        step.code_ranges.push_back(RangeOf(strings[i]));
      }
      step.program = ParsePlainString(strings.back());
      step.program_range = RangeOf(strings.back());
    } else if (auto* s = dynamic_cast<P::TestSnapshotContext*>(ctx)) {
      auto strings = s->STRING();
      if (strings.size() != 2) return;
      step.kind = ast::TestStep::Kind::kSnapshot;
      step.program = ParsePlainString(strings[0]);
      step.program_range = RangeOf(strings[0]);
      step.snapshot = ParsePlainString(strings[1]);
      step.snapshot_range = RangeOf(strings[1]);
    } else {
      return;
    }
    decl.steps.push_back(std::move(step));
  }

  void BuildSchemaMember(P::SchemaMemberContext* ctx, ast::Decl& decl) {
    if (auto* f = dynamic_cast<P::SchemaFieldContext*>(ctx)) {
      if (!f->fieldName()) return;
      ast::SchemaField field;
      field.range = RangeOf(f);
      field.name = f->fieldName()->getText();
      field.name_range = RangeOf(f->fieldName());
      field.optional = f->QUESTION() != nullptr;
      field.type = BuildType(f->typeExpr());
      if (f->expr()) field.default_value = BuildExpr(f->expr());
      field.doc = DocCommentBefore(f->getStart());
      decl.fields.push_back(std::move(field));
    } else if (auto* c = dynamic_cast<P::SchemaCheckContext*>(ctx)) {
      ast::SchemaCheck check;
      check.range = RangeOf(c);
      check.condition = BuildExpr(c->expr());
      if (c->STRING()) {
        check.message = ParsePlainString(c->STRING());
        check.message_range = RangeOf(c->STRING());
      }
      decl.checks.push_back(std::move(check));
    }
  }

  // Joins the `///` lines directly above `token` (no blank line between).
  std::string DocCommentBefore(antlr4::Token* token) {
    if (!token || !tokens_) return {};
    std::vector<std::string> lines;
    // Segments are parsed from copies of the tokens, so find the original by
    // its position in the full stream.
    const std::vector<antlr4::Token*>& all = all_tokens_;
    auto it = std::lower_bound(all.begin(), all.end(), token->getStartIndex(),
                               [](antlr4::Token* t, size_t start) { return t->getStartIndex() < start; });
    size_t index = static_cast<size_t>(it - all.begin());
    while (index > 0 && index <= all.size()) {
      antlr4::Token* previous = tokens_->get(index - 1);
      if (previous->getType() != MastLexer::DOC_COMMENT) break;
      std::string text = previous->getText().substr(3);
      if (!text.empty() && text[0] == ' ') text.erase(0, 1);
      lines.push_back(text);
      --index;
    }
    std::string doc;
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
      if (!doc.empty()) doc += "\n";
      doc += *it;
    }
    return doc;
  }

 public:
  // `tokens` must be filled. getTokens() copies the whole vector, so it is
  // taken once here, not once per declaration (50,000 `let`s took 23 s).
  void set_tokens(antlr4::CommonTokenStream* tokens) {
    tokens_ = tokens;
    all_tokens_ = tokens->getTokens();
  }

 private:
  ast::TypeExprPtr BuildType(P::TypeExprContext* ctx) {
    auto out = std::make_unique<ast::TypeExpr>();
    if (!ctx) return out;
    out->range = RangeOf(ctx);
    auto members = ctx->primaryType();
    if (members.size() == 1) return BuildPrimaryType(members[0]);
    out->kind = ast::TypeExpr::Kind::kUnion;
    for (auto* member : members) out->children.push_back(BuildPrimaryType(member));
    return out;
  }

  ast::TypeExprPtr BuildPrimaryType(P::PrimaryTypeContext* ctx) {
    using Kind = ast::TypeExpr::Kind;
    auto out = std::make_unique<ast::TypeExpr>();
    out->range = RangeOf(ctx);
    if (auto* t = dynamic_cast<P::NamedTypeContext*>(ctx)) {
      out->kind = Kind::kNamed;
      if (!t->typeName()) {
        out->kind = Kind::kError;
        return out;
      }
      auto idents = t->typeName()->anyIdent();
      if (idents.size() == 2) {
        out->module = idents[0]->getText();
        out->name = idents[1]->getText();
      } else if (idents.size() == 1) {
        out->name = idents[0]->getText();
      }
      for (auto* r : t->refinement()) out->refinements.push_back(BuildRefinement(r));
    } else if (auto* t = dynamic_cast<P::StringLiteralTypeContext*>(ctx)) {
      out->kind = Kind::kStringLiteral;
      out->string_value = ParsePlainString(t->STRING());
    } else if (auto* t = dynamic_cast<P::IntLiteralTypeContext*>(ctx)) {
      out->kind = Kind::kIntLiteral;
      auto number = ParseNumber(Sym(t->INT()), t->MINUS() != nullptr);
      out->int_value = number.int_value;
    } else if (auto* t = dynamic_cast<P::BoolLiteralTypeContext*>(ctx)) {
      out->kind = Kind::kBoolLiteral;
      out->bool_value = t->KW_TRUE() != nullptr;
    } else if (dynamic_cast<P::NullTypeContext*>(ctx)) {
      out->kind = Kind::kNull;
    } else if (auto* t = dynamic_cast<P::ListTypeContext*>(ctx)) {
      out->kind = Kind::kList;
      out->children.push_back(BuildType(t->typeExpr()));
    } else if (auto* t = dynamic_cast<P::MapTypeContext*>(ctx)) {
      out->kind = Kind::kMap;
      out->children.push_back(BuildType(t->typeExpr(0)));
      out->children.push_back(BuildType(t->typeExpr(1)));
    } else if (auto* t = dynamic_cast<P::RecordTypeContext*>(ctx)) {
      BuildRecordType(t, *out);
    } else if (auto* t = dynamic_cast<P::ParenTypeContext*>(ctx)) {
      return BuildType(t->typeExpr());
    }
    return out;
  }

  // `{ path: string, port?: int }`. One field named like a builtin type, with
  // no `?` and no comma (`{string: int}`, `{int: string}`), is the map type
  // that both alternatives of the grammar match.
  void BuildRecordType(P::RecordTypeContext* ctx, ast::TypeExpr& out) {
    using Kind = ast::TypeExpr::Kind;
    auto fields = ctx->recordTypeField();
    static const std::set<std::string> kTypeWords = {"int", "float", "number", "string", "bool", "any",
                                                     "null", "true", "false"};
    if (fields.size() == 1 && ctx->COMMA().empty() && !fields[0]->QUESTION() && !fields[0]->STRING() &&
        kTypeWords.count(fields[0]->getStart()->getText())) {
      out.kind = Kind::kMap;
      auto key = std::make_unique<ast::TypeExpr>();
      key->range = RangeOf(fields[0]->getStart());
      const std::string word = fields[0]->getStart()->getText();
      key->kind = word == "null" ? Kind::kNull : word == "true" || word == "false" ? Kind::kBoolLiteral : Kind::kNamed;
      key->name = word;
      key->bool_value = word == "true";
      out.children.push_back(std::move(key));
      out.children.push_back(BuildType(fields[0]->typeExpr()));
      return;
    }
    out.kind = Kind::kRecord;
    for (auto* field : fields) {
      ast::RecordTypeField built;
      antlr4::Token* name = field->getStart();
      if (!name || !field->typeExpr()) continue;  // left by error recovery
      built.name = field->STRING() ? ParsePlainString(field->STRING()) : name->getText();
      built.name_range = RangeOf(name);
      built.optional = field->QUESTION() != nullptr;
      built.type = BuildType(field->typeExpr());
      out.fields.push_back(std::move(built));
    }
  }

  ast::Refinement BuildRefinement(P::RefinementContext* ctx) {
    ast::Refinement out;
    out.range = RangeOf(ctx);
    if (ctx->IDENT()) out.name = ctx->IDENT()->getText();
    if (auto* range = ctx->range()) {
      out.is_range = true;
      auto bounds = range->bound();
      antlr4::Token* dots = Sym(range->RANGE());
      for (auto* bound : bounds) {
        antlr4::Token* number = bound->INT() ? Sym(bound->INT()) : Sym(bound->FLOAT());
        if (!number || !dots || !bound->getStart()) continue;  // left by error recovery
        ast::Number value = ParseNumber(number, bound->MINUS() != nullptr);
        if (bound->getStart()->getTokenIndex() < dots->getTokenIndex()) out.low = value;
        else out.high = value;
      }
    } else if (ctx->STRING()) {
      out.text = ParsePlainString(ctx->STRING());
    }
    return out;
  }

  ast::Number ParseNumber(antlr4::Token* token, bool negative) {
    ast::Number number;
    if (!token) return number;  // a token that error recovery left out
    std::string text;
    for (char c : token->getText()) {
      if (c != '_') text += c;
    }
    if (negative) text.insert(text.begin(), '-');
    if (token->getType() == MastLexer::FLOAT) {
      number.is_int = false;
      number.float_value = std::strtod(text.c_str(), nullptr);
      return number;
    }
    errno = 0;
    char* end = nullptr;
    long long value = std::strtoll(text.c_str(), &end, 10);
    if (errno == ERANGE) {
      sink_.Report(DiagnosticCode::E0105, RangeOf(token),
                   "integer `" + text + "` does not fit in 64 bits");
    }
    number.int_value = value;
    return number;
  }

  ast::ExprPtr NewExpr(ast::ExprKind kind, antlr4::ParserRuleContext* ctx) {
    auto expr = std::make_unique<ast::Expr>();
    expr->kind = kind;
    expr->range = ExprRangeOf(ctx);
    return expr;
  }

  // The range of `ctx` as an expression. In the condition of a conditional
  // field, a context that reaches the fields' body ends before it: the body
  // is parsed as a suffix of the condition's last operand.
  SourceRange ExprRangeOf(antlr4::ParserRuleContext* ctx) const {
    SourceRange range = RangeOf(ctx);
    if (detached_body_ && ctx) {
      const SourceRange body = RangeOf(detached_body_->postfix());
      if (range.begin < body.begin && range.end >= body.end) range.end = RangeOf(detached_body_->operand()).end;
    }
    return range;
  }

  ast::ExprPtr ErrorExpr(SourceRange range) {
    auto expr = std::make_unique<ast::Expr>();
    expr->kind = ast::ExprKind::kError;
    expr->range = range;
    return expr;
  }

  static std::optional<ast::Operator> BinaryOperator(size_t token_type) {
    using Op = ast::Operator;
    switch (token_type) {
      case MastLexer::WITH: return Op::kWith;
      case MastLexer::COALESCE: return Op::kCoalesce;
      case MastLexer::OR: return Op::kOr;
      case MastLexer::AND: return Op::kAnd;
      case MastLexer::EQ: return Op::kEqual;
      case MastLexer::NEQ: return Op::kNotEqual;
      case MastLexer::LT: return Op::kLess;
      case MastLexer::LE: return Op::kLessEqual;
      case MastLexer::GT: return Op::kGreater;
      case MastLexer::GE: return Op::kGreaterEqual;
      case MastLexer::PLUS: return Op::kAdd;
      case MastLexer::MINUS: return Op::kSubtract;
      case MastLexer::STAR: return Op::kMultiply;
      case MastLexer::SLASH: return Op::kDivide;
      case MastLexer::PERCENT: return Op::kModulo;
      default: return std::nullopt;
    }
  }

  // `a + b + c` and `a.b.c` nest to the left. Their contexts are walked down
  // the left spine in a loop and folded back up, so that a long chain needs
  // no deep recursion here.
  ast::ExprPtr BuildOperand(P::OperandContext* ctx) {
    if (!ctx) return ErrorExpr({file_, 0, 0});
    std::vector<P::OperandContext*> spine;
    P::OperandContext* base = ctx;
    while (base) {
      if (auto* p = dynamic_cast<P::PostfixOperandContext*>(base)) {
        spine.push_back(base);
        base = p->operand();
      } else if (auto* b = dynamic_cast<P::BinaryOperandContext*>(base)) {
        spine.push_back(base);
        base = b->operand(0);
      } else {
        break;
      }
    }
    ast::ExprPtr result = BuildOperandBase(base, spine.empty() ? ctx : spine.back());
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
      if (auto* p = dynamic_cast<P::PostfixOperandContext*>(*it)) {
        if (p != detached_body_) result = ApplyPostfix(std::move(result), p);
        continue;
      }
      auto* b = static_cast<P::BinaryOperandContext*>(*it);
      ast::ExprPtr right = b->operand().size() > 1 ? BuildOperand(b->operand(1)) : ErrorExpr(RangeOf(b));
      auto binary = std::make_unique<ast::Expr>();
      binary->kind = ast::ExprKind::kBinary;
      binary->op = (b->op ? BinaryOperator(b->op->getType()) : std::nullopt).value_or(ast::Operator::kAdd);
      binary->range = SourceRange::Join(result->range, right->range);
      binary->left = std::move(result);
      binary->right = std::move(right);
      result = std::move(binary);
    }
    return result;
  }

  // The innermost operand of a left spine: a primary or a unary operator.
  ast::ExprPtr BuildOperandBase(P::OperandContext* ctx, antlr4::ParserRuleContext* parent) {
    if (!ctx) return ErrorExpr(RangeOf(parent));
    if (auto* p = dynamic_cast<P::PrimaryOperandContext*>(ctx)) return BuildPrimary(p->primary());
    if (auto* u = dynamic_cast<P::UnaryOperandContext*>(ctx)) return BuildUnary(u);
    return ErrorExpr(RangeOf(ctx));
  }

  ast::ExprPtr BuildUnary(P::UnaryOperandContext* ctx) {
    // `-` before an integer literal is read with it, so that the smallest
    // int, -9223372036854775808, is a literal (its digits alone overflow).
    if (ctx->MINUS()) {
      // (Looking through a conditional field's body: `if n > -1 { ... }`.)
      P::OperandContext* operand = ctx->operand();
      if (operand && operand == detached_body_) operand = detached_body_->operand();
      if (auto* inner = dynamic_cast<P::PrimaryOperandContext*>(operand)) {
        if (auto* literal = dynamic_cast<P::IntLiteralContext*>(inner->primary())) {
          auto out = NewExpr(ast::ExprKind::kInt, ctx);
          out->int_value = ParseNumber(Sym(literal->INT()), true).int_value;
          return out;
        }
      }
    }
    auto out = NewExpr(ast::ExprKind::kUnary, ctx);
    out->op = ctx->NOT() ? ast::Operator::kNot : ast::Operator::kNegate;
    out->left = ctx->operand() ? BuildOperand(ctx->operand()) : ErrorExpr(RangeOf(ctx));
    // Fold `-5` into a literal so that negative bounds read naturally.
    if (out->op == ast::Operator::kNegate && out->left->kind == ast::ExprKind::kInt) {
      out->left->int_value = -out->left->int_value;
      out->left->range = out->range;
      return std::move(out->left);
    }
    if (out->op == ast::Operator::kNegate && out->left->kind == ast::ExprKind::kFloat) {
      out->left->float_value = -out->left->float_value;
      out->left->range = out->range;
      return std::move(out->left);
    }
    return out;
  }

  // `result` is the operand of `ctx`, built; this applies ctx's postfix.
  ast::ExprPtr ApplyPostfix(ast::ExprPtr result, P::PostfixOperandContext* ctx) {
    P::PostfixContext* postfix = ctx->postfix();
    if (!postfix) return result;
    SourceRange range = SourceRange::Join(result->range, RangeOf(postfix));
    auto out = std::make_unique<ast::Expr>();
    out->range = range;
    if (auto* p = dynamic_cast<P::FieldAccessContext*>(postfix)) {
      out->kind = ast::ExprKind::kField;
      if (p->fieldName()) {
        out->name = p->fieldName()->getText();
        out->name_range = RangeOf(p->fieldName());
      }
    } else if (auto* p = dynamic_cast<P::OptionalFieldAccessContext*>(postfix)) {
      out->kind = ast::ExprKind::kOptionalField;
      if (p->fieldName()) {
        out->name = p->fieldName()->getText();
        out->name_range = RangeOf(p->fieldName());
      }
    } else if (auto* p = dynamic_cast<P::IndexAccessContext*>(postfix)) {
      out->kind = ast::ExprKind::kIndex;
      out->right = BuildExpr(p->expr());
    } else if (auto* p = dynamic_cast<P::CallArgsContext*>(postfix)) {
      out->kind = ast::ExprKind::kCall;
      for (auto* arg : p->expr()) out->args.push_back(BuildExpr(arg));
    } else if (auto* p = dynamic_cast<P::RecordSuffixContext*>(postfix)) {
      return BuildTypedRecord(std::move(result), ctx->operand(), p->recordBody());
    } else {
      return result;
    }
    out->left = std::move(result);
    return out;
  }

  // `Name { ... }` or `module.Name { ... }`: a record body may follow only a
  // type name, as written (not `(Name) { ... }`); `type` is built from
  // `type_ctx`.
  ast::ExprPtr BuildTypedRecord(ast::ExprPtr type, P::OperandContext* type_ctx, P::RecordBodyContext* body) {
    auto out = std::make_unique<ast::Expr>();
    out->kind = ast::ExprKind::kTypedRecord;
    out->range = SourceRange::Join(type->range, RangeOf(body));
    out->entries = BuildRecordBody(body);
    auto primary_of = [](P::OperandContext* operand) -> P::PrimaryContext* {
      auto* primary = dynamic_cast<P::PrimaryOperandContext*>(operand);
      return primary ? primary->primary() : nullptr;
    };
    if (dynamic_cast<P::TypeNameRefContext*>(primary_of(type_ctx)) && type->kind == ast::ExprKind::kName) {
      out->name = type->name;
      out->name_range = type->name_range;
      return out;
    }
    auto* member = dynamic_cast<P::PostfixOperandContext*>(type_ctx);
    auto* field = member ? dynamic_cast<P::FieldAccessContext*>(member->postfix()) : nullptr;
    const bool module_type = field && field->fieldName() && field->fieldName()->anyIdent() &&
                             field->fieldName()->anyIdent()->TYPE_IDENT() &&
                             dynamic_cast<P::NameRefContext*>(primary_of(member->operand()));
    if (module_type && type->kind == ast::ExprKind::kField && type->left->kind == ast::ExprKind::kName) {
      out->module = type->left->name;
      out->name = type->name;
      out->name_range = SourceRange::Join(type->left->range, type->name_range);
      return out;
    }
    sink_.Report(DiagnosticCode::E0101, {file_, RangeOf(body).begin, RangeOf(body).begin + 1},
                 "a record body `{ ... }` follows a value here; only a type builds a record, as in "
                 "`Name { ... }` or `apps.Deployment { ... }` (a missing `,` or `]`?)");
    return ErrorExpr(out->range);
  }

  // The record body that ends the condition of `if cond { ... }`: the
  // innermost postfix of the condition's last operand, or null.
  P::PostfixOperandContext* TrailingBody(P::ExprContext* expr) {
    antlr4::ParserRuleContext* at = expr;
    while (at) {
      if (auto* e = dynamic_cast<P::IfExprContext*>(at)) {
        at = e->expr().size() == 3 ? e->expr(2) : nullptr;
      } else if (auto* e = dynamic_cast<P::LetExprContext*>(at)) {
        at = e->expr().size() == 2 ? e->expr(1) : nullptr;
      } else if (auto* e = dynamic_cast<P::PlainExprContext*>(at)) {
        at = e->operand();
      } else if (auto* b = dynamic_cast<P::BinaryOperandContext*>(at)) {
        at = b->operand().size() == 2 ? b->operand(1) : nullptr;
      } else if (auto* u = dynamic_cast<P::UnaryOperandContext*>(at)) {
        at = u->operand();
      } else if (auto* p = dynamic_cast<P::PostfixOperandContext*>(at)) {
        return dynamic_cast<P::RecordSuffixContext*>(p->postfix()) ? p : nullptr;
      } else {
        return nullptr;
      }
    }
    return nullptr;
  }

  ast::ExprPtr BuildPrimary(P::PrimaryContext* ctx) {
    using K = ast::ExprKind;
    if (!ctx) return ErrorExpr({file_, 0, 0});
    if (auto* p = dynamic_cast<P::IntLiteralContext*>(ctx)) {
      auto out = NewExpr(K::kInt, ctx);
      out->int_value = ParseNumber(Sym(p->INT()), false).int_value;
      return out;
    }
    if (auto* p = dynamic_cast<P::FloatLiteralContext*>(ctx)) {
      auto out = NewExpr(K::kFloat, ctx);
      out->float_value = ParseNumber(Sym(p->FLOAT()), false).float_value;
      return out;
    }
    if (auto* p = dynamic_cast<P::StringLiteralContext*>(ctx)) return BuildString(p->STRING(), false);
    if (auto* p = dynamic_cast<P::TextBlockLiteralContext*>(ctx)) return BuildString(p->TEXT_BLOCK(), true);
    if (auto* p = dynamic_cast<P::BoolLiteralContext*>(ctx)) {
      auto out = NewExpr(K::kBool, ctx);
      out->bool_value = p->KW_TRUE() != nullptr;
      return out;
    }
    if (dynamic_cast<P::NullLiteralContext*>(ctx)) return NewExpr(K::kNull, ctx);
    if (auto* p = dynamic_cast<P::NameRefContext*>(ctx)) {
      auto out = NewExpr(K::kName, ctx);
      out->name = Text(p->IDENT());
      out->name_range = out->range;
      return out;
    }
    if (auto* p = dynamic_cast<P::TypeNameRefContext*>(ctx)) {
      auto out = NewExpr(K::kName, ctx);
      out->name = Text(p->TYPE_IDENT());
      out->name_range = out->range;
      return out;
    }
    if (auto* p = dynamic_cast<P::RecordLiteralContext*>(ctx)) {
      auto out = NewExpr(K::kRecord, ctx);
      out->entries = BuildRecordBody(p->recordBody());
      return out;
    }
    if (auto* p = dynamic_cast<P::ListLiteralContext*>(ctx)) {
      auto out = NewExpr(K::kList, ctx);
      for (auto* item : p->listItem()) out->items.push_back(BuildListItem(item));
      return out;
    }
    if (auto* p = dynamic_cast<P::ParenExprContext*>(ctx)) return BuildExpr(p->expr());
    return ErrorExpr(RangeOf(ctx));
  }

  // The clauses of `for x in xs, y in ys`: the first, with the others nested.
  std::optional<ast::Comprehension> BuildComprehension(const std::vector<P::ForClauseContext*>& clauses) {
    if (clauses.empty()) return std::nullopt;
    if (clauses.size() > options_.max_nesting) {
      // Each clause nests the ones after it, in every phase that walks them.
      sink_.Report(DiagnosticCode::E0102, RangeOf(clauses[options_.max_nesting]),
                   "more than " + std::to_string(options_.max_nesting) +
                       " `for` clauses in one comprehension; split it with `let`");
      return std::nullopt;
    }
    ast::Comprehension out = BuildClause(clauses[0]);
    for (size_t i = 1; i < clauses.size(); ++i) out.nested.push_back(BuildClause(clauses[i]));
    return out;
  }

  ast::Comprehension BuildClause(P::ForClauseContext* clause) {
    auto exprs = clause->expr();
    return BuildClause(clause->IDENT(), exprs.empty() ? nullptr : exprs[0], exprs.size() > 1 ? exprs[1] : nullptr);
  }

  ast::Comprehension BuildClause(const std::vector<antlr4::tree::TerminalNode*>& vars, P::ExprContext* iterable,
                                 P::ExprContext* filter) {
    ast::Comprehension out;
    if (!vars.empty()) {
      out.key_var = vars[0]->getText();
      out.key_var_range = RangeOf(vars[0]);
    }
    if (vars.size() > 1) {
      out.value_var = vars[1]->getText();
      out.value_var_range = RangeOf(vars[1]);
    }
    out.iterable = BuildExpr(iterable);
    if (filter) out.filter = BuildExpr(filter);
    return out;
  }

  ast::ListItem BuildListItem(P::ListItemContext* ctx) {
    ast::ListItem item;
    item.range = RangeOf(ctx);
    if (auto* e = dynamic_cast<P::ListElementContext*>(ctx)) {
      item.value = BuildExpr(e->expr());
    } else if (auto* f = dynamic_cast<P::ListForContext*>(ctx)) {
      item.comprehension = BuildComprehension(f->forClause());
      item.value = BuildExpr(f->expr());
    }
    return item;
  }

  std::vector<ast::RecordEntry> BuildRecordBody(P::RecordBodyContext* ctx) {
    std::vector<ast::RecordEntry> entries;
    if (!ctx) return entries;
    for (auto* entry : ctx->recordEntry()) {
      ast::RecordEntry out;
      out.range = RangeOf(entry);
      if (auto* f = dynamic_cast<P::FieldEntryContext*>(entry)) {
        out.kind = ast::RecordEntry::Kind::kField;
        auto* key = f->fieldKey();
        if (!key) continue;
        out.key_range = RangeOf(key);
        if (key->fieldName()) {
          out.key = key->fieldName()->getText();
        } else if (key->STRING()) {
          auto string = BuildString(key->STRING(), false);
          if (string->parts.size() == 1 && !string->parts[0].expr) out.key = string->parts[0].text;
          else out.key_expr = std::move(string);
        } else if (key->expr()) {
          out.key_expr = BuildExpr(key->expr());
        }
        out.value = BuildExpr(f->expr());
      } else if (auto* i = dynamic_cast<P::IfEntryContext*>(entry)) {
        out.kind = ast::RecordEntry::Kind::kIf;
        P::PostfixOperandContext* body = TrailingBody(i->expr());
        P::PostfixOperandContext* outer = detached_body_;
        detached_body_ = body;
        out.condition = BuildExpr(i->expr());
        detached_body_ = outer;
        if (body) {
          out.then_entries = BuildRecordBody(static_cast<P::RecordSuffixContext*>(body->postfix())->recordBody());
        } else if (i->expr()) {
          SourceRange end = RangeOf(i->expr());
          sink_.Report(DiagnosticCode::E0101, {file_, end.end, end.end},
                       "a conditional field needs its fields in braces: `if condition { name: value }`");
        }
        if (i->recordBody()) {
          out.has_else = true;
          out.else_entries = BuildRecordBody(i->recordBody());
        }
      } else if (auto* r = dynamic_cast<P::ForEntryContext*>(entry)) {
        out.kind = ast::RecordEntry::Kind::kFor;
        auto exprs = r->expr();
        out.comprehension = BuildComprehension(r->forClause());
        if (exprs.size() < 2 || !out.comprehension) continue;
        out.key_expr = BuildExpr(exprs[0]);
        out.key_range = out.key_expr->range;
        out.value = BuildExpr(exprs.back());
      }
      entries.push_back(std::move(out));
    }
    return entries;
  }

  std::string ParsePlainString(antlr4::tree::TerminalNode* node) {
    auto expr = BuildString(node, false);
    std::string text;
    for (const auto& part : expr->parts) text += part.text;
    return text;
  }

  // Decodes escapes and parses each ${...} with a nested parser.
  ast::ExprPtr BuildString(antlr4::tree::TerminalNode* node, bool text_block) {
    auto out = std::make_unique<ast::Expr>();
    out->kind = ast::ExprKind::kString;
    if (!node) return out;
    out->range = RangeOf(node);
    StringLiteralPieces pieces = SplitStringLiteral(source_.text(), out->range.begin, out->range.end, text_block);
    for (const StringLiteralError& error : pieces.errors) {
      sink_.Report(DiagnosticCode::E0104, {file_, error.begin, error.end}, error.message);
    }
    for (StringLiteralPiece& piece : pieces.pieces) {
      ast::StringPart part;
      if (piece.is_expression) {
        part.expr = ParseEmbedded(piece.begin, piece.end);
      } else {
        part.text = std::move(piece.text);
      }
      out->parts.push_back(std::move(part));
    }
    return out;
  }

  ast::ExprPtr ParseEmbedded(uint32_t begin, uint32_t end);

  const SourceFile& source_;
  FileId file_;
  const OffsetMap& map_;
  DiagnosticSink& sink_;
  const ParseOptions& options_;
  antlr4::CommonTokenStream* tokens_ = nullptr;
  std::vector<antlr4::Token*> all_tokens_;  // tokens_->getTokens()
  // The record body of the conditional field being built, which its
  // condition's operand must not take as a typed record.
  P::PostfixOperandContext* detached_body_ = nullptr;
};

// Runs the lexer and parser over [begin, end) of the source and hands the
// requested rule to `build`. Holds the parser mutex for the whole run.
template <typename Build>
auto RunParser(const SourceFile& source, FileId file, uint32_t begin, uint32_t end, DiagnosticSink& sink,
               const ParseOptions& options, bool whole_file, Build build) -> decltype(build(
    std::declval<TreeBuilder&>(), std::declval<P&>())) {
  std::string_view text(source.text().data() + begin, end - begin);
  if (!CheckInterpolationScan(text, begin, file, sink)) return decltype(build(std::declval<TreeBuilder&>(), std::declval<P&>())){};
  OffsetMap map(text, begin);
  antlr4::ANTLRInputStream input(text.data(), text.size());
  MastLexer lexer(&input);
  ErrorCollector errors(file, map, sink, options.max_syntax_errors);
  lexer.removeErrorListeners();
  lexer.addErrorListener(&errors);
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  MastParser parser(&tokens);
  parser.removeErrorListeners();
  parser.addErrorListener(&errors);
  TreeBuilder builder(source, file, map, sink, options);
  builder.set_tokens(&tokens);
  if (!CheckNesting(tokens, map, file, options, /*declarations=*/false, sink)) {
    return decltype(build(builder, parser)){};
  }
  (void)whole_file;
  return build(builder, parser);
}

ast::ExprPtr TreeBuilder::ParseEmbedded(uint32_t begin, uint32_t end) {
  // Already under the parser mutex: the nested parser shares it.
  return RunParser(source_, file_, begin, end, sink_, options_, false, [](TreeBuilder& builder, P& parser) {
    P::ExprContext* expr = parser.expr();
    if (parser.getCurrentToken()->getType() != antlr4::Token::EOF) {
      parser.notifyErrorListeners(parser.getCurrentToken(), "extra input in interpolation", nullptr);
    }
    return builder.BuildExpr(expr);
  });
}


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

// Splits the default-channel tokens into top-level declarations: a new one
// starts at a declaration keyword outside brackets, or at a `let` that follows
// a complete operand or starts a line (a `let` right after `=`, `then`,
// `else` or `in` is a let-expression).
// Parsing each segment alone keeps a syntax error from spilling into the
// declarations after it.
std::vector<std::vector<antlr4::Token*>> SplitDeclarations(antlr4::CommonTokenStream& tokens) {
  std::vector<antlr4::Token*> visible;
  for (antlr4::Token* token : tokens.getTokens()) {
    if (token->getChannel() == antlr4::Token::DEFAULT_CHANNEL && token->getType() != antlr4::Token::EOF) {
      visible.push_back(token);
    }
  }
  std::vector<std::vector<antlr4::Token*>> segments;
  int depth = 0;
  size_t previous = 0;
  for (size_t i = 0; i < visible.size(); ++i) {
    antlr4::Token* token = visible[i];
    size_t type = token->getType();
    size_t next = i + 1 < visible.size() ? visible[i + 1]->getType() : 0;
    bool at_line_start = token->getCharPositionInLine() == 0;
    bool continues_expression = previous == MastLexer::ASSIGN || previous == MastLexer::THEN ||
                                previous == MastLexer::ELSE || previous == MastLexer::IN;
    bool top_level_let = type == MastLexer::LET &&
                         (previous == 0 || EndsOperand(previous) || (at_line_start && !continues_expression));
    bool after_dot = previous == MastLexer::DOT || previous == MastLexer::QUESTION_DOT;  // `svc.type`
    bool starts = depth <= 0 && !after_dot && (StartsDeclaration(type) || top_level_let);
    // An unclosed bracket must not swallow the rest of the file: a declaration
    // keyword at the start of a line (and not a field name) starts over.
    bool is_field_name = next == MastLexer::COLON || next == MastLexer::QUESTION;
    if (!starts && depth > 0 && at_line_start && !is_field_name && !continues_expression && !after_dot &&
        (StartsDeclaration(type) || type == MastLexer::LET)) {
      starts = true;
      depth = 0;
    }
    if (segments.empty() || starts) segments.emplace_back();
    segments.back().push_back(token);
    if (type == MastLexer::LPAREN || type == MastLexer::LBRACKET || type == MastLexer::LBRACE) ++depth;
    if (type == MastLexer::RPAREN || type == MastLexer::RBRACKET || type == MastLexer::RBRACE) depth = std::max(0, depth - 1);
    previous = type;
  }
  return segments;
}

void ParseFileBySegments(const SourceFile& source, FileId file, const ParseOptions& options, ParseResult& result) {
  std::string_view text = source.text();
  if (!CheckInterpolationScan(text, 0, file, result.diagnostics)) return;
  OffsetMap map(text, 0);
  antlr4::ANTLRInputStream input(text.data(), text.size());
  MastLexer lexer(&input);
  ErrorCollector errors(file, map, result.diagnostics, options.max_syntax_errors);
  lexer.removeErrorListeners();
  lexer.addErrorListener(&errors);
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  TreeBuilder builder(source, file, map, result.diagnostics, options);
  builder.set_tokens(&tokens);
  result.module.file = file;
  if (!CheckNesting(tokens, map, file, options, /*declarations=*/true, result.diagnostics)) return;
  bool seen_declaration = false;
  size_t skip_segment_at = static_cast<size_t>(-1);  // a segment already reported
  for (const std::vector<antlr4::Token*>& segment : SplitDeclarations(tokens)) {
    if (segment.front()->getTokenIndex() == skip_segment_at) continue;
    std::vector<std::unique_ptr<antlr4::Token>> copies;
    for (antlr4::Token* token : segment) copies.push_back(std::make_unique<antlr4::CommonToken>(token));
    auto eof = std::make_unique<antlr4::CommonToken>(segment.back());
    eof->setType(antlr4::Token::EOF);
    eof->setText("<EOF>");
    eof->setStartIndex(segment.back()->getStopIndex() + 1);
    eof->setStopIndex(segment.back()->getStopIndex());
    copies.push_back(std::move(eof));
    antlr4::ListTokenSource source_tokens(std::move(copies));
    antlr4::CommonTokenStream stream(&source_tokens);
    MastParser parser(&stream);
    size_t first = segment.front()->getType();
    bool is_import = first == MastLexer::IMPORT;
    if (!is_import && !StartsDeclaration(first) && first != MastLexer::LET) {
      result.diagnostics.Report(DiagnosticCode::E0101, builder.RangeOf(segment.front()),
                                "unexpected " + Describe(segment.front()) +
                                    "; expected a declaration (`let`, `fn`, `emit`, `schema`, `type`, `param`, `test` or `import`)");
      continue;
    }
    if (is_import && seen_declaration) {
      result.diagnostics.Report(DiagnosticCode::E0101, builder.RangeOf(segment.front()),
                                "imports must come first; move this import above the declarations");
    }
    seen_declaration = seen_declaration || !is_import;
    // A keyword where a name belongs: say so, instead of ANTLR's "missing a
    // name" and the errors that follow from it. (A keyword that starts
    // declarations splits `import ... as policy` into two segments.)
    antlr4::Token* name = DeclaredNameToken(segment);
    if (!name && is_import && segment.size() == 3 && segment[2]->getType() == MastLexer::AS) {
      for (size_t i = segment[2]->getTokenIndex() + 1; i < tokens.size(); ++i) {
        antlr4::Token* next = tokens.get(i);
        if (next->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
        // Only on the same line: `as` at the end of a line being typed,
        // followed by a real `policy "..." {`, is an unfinished import.
        if (IsKeyword(next->getType()) && next->getLine() == segment[2]->getLine()) {
          name = next;
          skip_segment_at = next->getTokenIndex();
        }
        break;
      }
    }
    if (name && IsKeyword(name->getType())) {
      Diagnostic& d = result.diagnostics.Report(
          DiagnosticCode::E0101, builder.RangeOf(name),
          "`" + name->getText() + "` is a keyword, so it cannot name " +
              (is_import ? std::string("an import") : std::string("a declaration")) + "; choose another name");
      if (is_import) d.notes.push_back("for example `as " + name->getText() + "v1`");
      continue;
    }
    auto parse_segment = [&]() -> antlr4::ParserRuleContext* {
      if (is_import) return parser.importDecl();
      return parser.declaration();
    };
    // Two stages, as ANTLR recommends: the fast SLL prediction with no error
    // recovery, which parses correct code; only when it fails, the full LL
    // prediction with recovery and error reporting.
    antlr4::ParserRuleContext* tree = nullptr;
    parser.removeErrorListeners();
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
      tree = parse_segment();
    } catch (const antlr4::ParseCancellationException&) {
      tree = nullptr;
    }
    if (!tree) {
      stream.seek(0);
      parser.reset();
      parser.addErrorListener(&errors);
      parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
      parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
      tree = parse_segment();
    }
    const size_t reported_before = result.diagnostics.diagnostics().size();
    const size_t decls_before = result.module.decls.size();
    if (is_import) builder.AddImport(static_cast<P::ImportDeclContext*>(tree), result.module);
    else builder.AddDeclaration(static_cast<P::DeclarationContext*>(tree), result.module);
    bool broken = parser.getNumberOfSyntaxErrors() > 0;
    if (!broken && stream.LA(1) != antlr4::Token::EOF) {
      result.diagnostics.Report(DiagnosticCode::E0101, builder.RangeOf(stream.LT(1)),
                                "unexpected " + Describe(stream.LT(1)) + "; expected the end of the declaration");
      broken = true;
    }
    // Errors the tree builder found (a bad escape, a stray record body)
    // break the declaration too; the ones before it stand.
    broken = broken || result.diagnostics.diagnostics().size() > reported_before;
    if (broken && result.module.decls.size() > decls_before) result.module.decls.back().has_syntax_error = true;
  }
  builder.AddComments(result.module);
}

}  // namespace

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
    ParseFileBySegments(source, file, options, result);
  } catch (const std::exception& error) {
    result.diagnostics.Report(DiagnosticCode::E0101, {file, 0, 0},
                              std::string("the parser failed: ") + error.what());
  }
  result.module.file = file;
  return result;
}

std::vector<Token> Lex(const SourceFile& source, FileId file) {
  std::vector<Token> out;
  std::string_view text = source.text();
  OffsetMap map(text, 0);
  std::lock_guard<std::mutex> lock(ParserMutex());
  try {
    antlr4::ANTLRInputStream input(text.data(), text.size());
    MastLexer lexer(&input);
    lexer.removeErrorListeners();
    antlr4::CommonTokenStream tokens(&lexer);
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
    return RunParser(source, file, 0, static_cast<uint32_t>(source.text().size()), sink, options, false,
                     [](TreeBuilder& builder, P& parser) {
                       P::ExprContext* expr = parser.expr();
                       if (parser.getCurrentToken()->getType() != antlr4::Token::EOF) {
                         parser.notifyErrorListeners(parser.getCurrentToken(), "extra input", nullptr);
                       }
                       return builder.BuildExpr(expr);
                     });
  } catch (const std::exception& error) {
    sink.Report(DiagnosticCode::E0101, {file, 0, 0}, std::string("the parser failed: ") + error.what());
    return nullptr;
  }
}

bool IsMastKeyword(std::string_view word) {
  antlr4::ANTLRInputStream empty("");
  MastLexer lexer(&empty);
  const antlr4::dfa::Vocabulary& vocabulary = lexer.getVocabulary();
  for (size_t type = 1; type <= vocabulary.getMaxTokenType(); ++type) {
    if (!IsKeyword(type)) continue;
    const std::string literal = vocabulary.getLiteralName(type);  // "'import'"
    if (literal.size() == word.size() + 2 && literal.compare(1, word.size(), word) == 0) return true;
  }
  return false;
}

}  // namespace mast
