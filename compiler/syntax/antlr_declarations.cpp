// The ANTLR adapter's declaration splitter: lexes a whole file, splits its
// tokens into top-level declarations and parses each one alone, so that a
// syntax error cannot spill into the declarations after it.
#include <algorithm>
#include <memory>

#include "compiler/syntax/antlr_tree_builder.h"

namespace mast::syntax_detail {

namespace {

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

// What the walk over a file's segments carries from one to the next.
struct SegmentWalk {
  bool seen_declaration = false;
  size_t skip_segment_at = static_cast<size_t>(-1);  // a segment already reported
};

// The token a segment's declaration takes as its name. A keyword that starts
// declarations splits `import ... as policy` into two segments: then the
// keyword after `as`, if on the same line, whose own segment is skipped.
antlr4::Token* NameToCheck(const std::vector<antlr4::Token*>& segment, antlr4::CommonTokenStream& tokens,
                           SegmentWalk& walk) {
  antlr4::Token* name = DeclaredNameToken(segment);
  const bool is_import = segment.front()->getType() == MastLexer::IMPORT;
  if (!name && is_import && segment.size() == 3 && segment[2]->getType() == MastLexer::AS) {
    for (size_t i = segment[2]->getTokenIndex() + 1; i < tokens.size(); ++i) {
      antlr4::Token* next = tokens.get(i);
      if (next->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
      // Only on the same line: `as` at the end of a line being typed,
      // followed by a real `policy "..." {`, is an unfinished import.
      if (IsKeyword(next->getType()) && next->getLine() == segment[2]->getLine()) {
        name = next;
        walk.skip_segment_at = next->getTokenIndex();
      }
      break;
    }
  }
  return name;
}

// Checks how a segment starts, before it is parsed: with a declaration,
// imports before the declarations, and a name that is not a keyword.
// Reports what is wrong; false for a segment not to parse.
bool CheckSegmentStart(const std::vector<antlr4::Token*>& segment, antlr4::CommonTokenStream& tokens,
                       const TreeBuilder& builder, SegmentWalk& walk, DiagnosticSink& diagnostics) {
  size_t first = segment.front()->getType();
  bool is_import = first == MastLexer::IMPORT;
  if (!is_import && !StartsDeclaration(first) && first != MastLexer::LET) {
    diagnostics.Report(DiagnosticCode::E0101, builder.RangeOf(segment.front()),
                       "unexpected " + Describe(segment.front()) +
                           "; expected a declaration (`let`, `fn`, `emit`, `schema`, `type`, `param`, `test` or `import`)");
    return false;
  }
  if (is_import && walk.seen_declaration) {
    diagnostics.Report(DiagnosticCode::E0101, builder.RangeOf(segment.front()),
                       "imports must come first; move this import above the declarations");
  }
  walk.seen_declaration = walk.seen_declaration || !is_import;
  // A keyword where a name belongs: say so, instead of ANTLR's "missing a
  // name" and the errors that follow from it.
  antlr4::Token* name = NameToCheck(segment, tokens, walk);
  if (name && IsKeyword(name->getType())) {
    Diagnostic& d = diagnostics.Report(
        DiagnosticCode::E0101, builder.RangeOf(name),
        "`" + name->getText() + "` is a keyword, so it cannot name " +
            (is_import ? std::string("an import") : std::string("a declaration")) + "; choose another name");
    if (is_import) d.notes.push_back("for example `as " + name->getText() + "v1`");
    return false;
  }
  return true;
}

// Two stages, as ANTLR recommends: the fast SLL prediction with no error
// recovery, which parses correct code; only when it fails, the full LL
// prediction with recovery and error reporting.
antlr4::ParserRuleContext* ParseTwoStage(MastParser& parser, antlr4::CommonTokenStream& stream, ErrorCollector& errors,
                                         bool is_import) {
  auto parse_segment = [&]() -> antlr4::ParserRuleContext* {
    if (is_import) return parser.importDecl();
    return parser.declaration();
  };
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
  return tree;
}

// Parses one segment, from copies of its tokens that end in an EOF of their
// own, and adds what it declares to the module, marked when it is broken.
void ParseSegment(const std::vector<antlr4::Token*>& segment, ErrorCollector& errors, TreeBuilder& builder,
                  ParseResult& result) {
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
  const bool is_import = segment.front()->getType() == MastLexer::IMPORT;
  antlr4::ParserRuleContext* tree = ParseTwoStage(parser, stream, errors, is_import);
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

}  // namespace

void ParseFileBySegments(const SourceFile& source, FileId file, const ParseOptions& options, ParseResult& result) {
  std::string_view text = source.text();
  if (!CheckInterpolationScan(text, 0, file, result.diagnostics)) return;
  OffsetMap map(text, 0);
  antlr4::ListTokenSource lexed(LexMast(text));
  ErrorCollector errors(file, map, result.diagnostics, options.max_syntax_errors);
  antlr4::CommonTokenStream tokens(&lexed);
  tokens.fill();
  TreeBuilder builder(source, file, map, result.diagnostics, options);
  builder.set_tokens(&tokens);
  result.module.file = file;
  if (!CheckNesting(tokens, map, file, options, /*declarations=*/true, result.diagnostics)) return;
  SegmentWalk walk;
  for (const std::vector<antlr4::Token*>& segment : SplitDeclarations(tokens)) {
    if (segment.front()->getTokenIndex() == walk.skip_segment_at) continue;
    if (!CheckSegmentStart(segment, tokens, builder, walk, result.diagnostics)) continue;
    ParseSegment(segment, errors, builder, result);
  }
  builder.AddComments(result.module);
}

}  // namespace mast::syntax_detail
