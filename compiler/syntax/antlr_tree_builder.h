// Private to the parser: the tree builder, which converts ANTLR's parse tree
// into the AST. Declarations and types are built in antlr_build_decls.cpp,
// expressions, records and strings in antlr_build_exprs.cpp.
#pragma once

#include <optional>
#include <type_traits>
#include <typeinfo>
#include <string>
#include <vector>

#include "compiler/syntax/antlr_adapter.h"
#include "compiler/syntax/ast.h"

namespace mast::syntax_detail {

// Error recovery can leave a context without the token its rule names.
inline antlr4::Token* Sym(antlr4::tree::TerminalNode* node) { return node ? node->getSymbol() : nullptr; }

// `ctx` as the context of a labeled alternative (`# IntLiteral`), or null.
// Those classes derive from their rule's context and nothing derives from
// them, so the exact dynamic type answers: a dynamic_cast that fails walks
// the class hierarchy comparing type names, a tenth of parsing a file.
template <typename T>
T* As(antlr4::ParserRuleContext* ctx) {
  static_assert(std::is_base_of_v<antlr4::ParserRuleContext, T>);
  return ctx != nullptr && typeid(*ctx) == typeid(T) ? static_cast<T*>(ctx) : nullptr;
}

// The text of a rule that matched one token (a field name): that token's.
// (The runtime's RuleContext::getText joins its children through a string
// stream: it was a twentieth of parsing a file of records.)
inline std::string TextOf(antlr4::ParserRuleContext* ctx) {
  if (ctx == nullptr) return {};
  antlr4::Token* start = ctx->getStart();
  return start != nullptr && start == ctx->getStop() ? start->getText() : ctx->getText();
}

// Converts the ANTLR parse tree into the AST.
class TreeBuilder {
 public:
  TreeBuilder(const SourceFile& source, FileId file, const OffsetMap& map, DiagnosticSink& sink,
              const ParseOptions& options)
      : source_(source), file_(file), map_(map), sink_(sink), options_(options) {}

  // `tokens` must be filled. getTokens() copies the whole vector, so it is
  // taken once here, not once per declaration (50,000 `let`s took 23 s).
  void set_tokens(antlr4::CommonTokenStream* tokens);

  SourceRange RangeOf(antlr4::ParserRuleContext* ctx) const;
  SourceRange RangeOf(antlr4::tree::TerminalNode* node) const {
    return node ? RangeOf(node->getSymbol()) : SourceRange{file_, 0, 0};
  }
  SourceRange RangeOf(antlr4::Token* token) const;

  void AddImport(P::ImportDeclContext* import, ast::Module& module);
  void AddDeclaration(P::DeclarationContext* declaration, ast::Module& module);
  void AddComments(ast::Module& module);

  ast::ExprPtr BuildExpr(P::ExprContext* ctx);

 private:
  // Declarations and types (antlr_build_decls.cpp).
  std::optional<ast::Decl> BuildDecl(P::DeclarationContext* ctx);
  void BuildPolicyMembers(P::PolicyDeclContext* ctx, ast::Decl& decl);
  void BuildTestStep(P::TestStepContext* ctx, ast::Decl& decl);
  void BuildSchemaMember(P::SchemaMemberContext* ctx, ast::Decl& decl);
  std::string DocCommentBefore(antlr4::Token* token);
  ast::TypeExprPtr BuildType(P::TypeExprContext* ctx);
  ast::TypeExprPtr BuildPrimaryType(P::PrimaryTypeContext* ctx);
  void BuildRecordType(P::RecordTypeContext* ctx, ast::TypeExpr& out);
  ast::Refinement BuildRefinement(P::RefinementContext* ctx);
  ast::Number ParseNumber(antlr4::Token* token, bool negative);

  // Expressions, records and strings (antlr_build_exprs.cpp).
  ast::ExprPtr NewExpr(ast::ExprKind kind, antlr4::ParserRuleContext* ctx);
  SourceRange ExprRangeOf(antlr4::ParserRuleContext* ctx) const;
  ast::ExprPtr ErrorExpr(SourceRange range);
  static std::optional<ast::Operator> BinaryOperator(size_t token_type);
  ast::ExprPtr BuildOperand(P::OperandContext* ctx);
  ast::ExprPtr BuildOperandBase(P::OperandContext* ctx, antlr4::ParserRuleContext* parent);
  ast::ExprPtr BuildUnary(P::UnaryOperandContext* ctx);
  ast::ExprPtr ApplyPostfix(ast::ExprPtr result, P::PostfixOperandContext* ctx);
  ast::ExprPtr BuildTypedRecord(ast::ExprPtr type, P::OperandContext* type_ctx, P::RecordBodyContext* body);
  P::PostfixOperandContext* TrailingBody(P::ExprContext* expr);
  ast::ExprPtr BuildPrimary(P::PrimaryContext* ctx);
  std::optional<ast::Comprehension> BuildComprehension(const std::vector<P::ForClauseContext*>& clauses);
  ast::Comprehension BuildClause(P::ForClauseContext* clause);
  ast::Comprehension BuildClause(const std::vector<antlr4::tree::TerminalNode*>& vars, P::ExprContext* iterable,
                                 P::ExprContext* filter);
  ast::ListItem BuildListItem(P::ListItemContext* ctx);
  std::vector<ast::RecordEntry> BuildRecordBody(P::RecordBodyContext* ctx);
  bool BuildFieldEntry(P::FieldEntryContext* ctx, ast::RecordEntry& out);
  void BuildIfEntry(P::IfEntryContext* ctx, ast::RecordEntry& out);
  std::string ParsePlainString(antlr4::tree::TerminalNode* node);
  ast::ExprPtr BuildString(antlr4::tree::TerminalNode* node, bool text_block);
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

}  // namespace mast::syntax_detail
