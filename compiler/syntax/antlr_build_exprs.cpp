// The tree builder, part two: expressions (operator and postfix chains,
// literals, comprehensions), record bodies and strings with interpolations.
#include "compiler/syntax/antlr_tree_builder.h"
#include "compiler/syntax/string_literal.h"

namespace mast::syntax_detail {

namespace {

std::string Text(antlr4::tree::TerminalNode* node) { return node ? node->getText() : std::string(); }

}  // namespace

ast::ExprPtr TreeBuilder::BuildExpr(P::ExprContext* ctx) {
  if (!ctx) return ErrorExpr({file_, 0, 0});
  if (auto* e = As<P::IfExprContext>(ctx)) {
    auto out = NewExpr(ast::ExprKind::kIf, ctx);
    const std::vector<P::ExprContext*> exprs = e->expr();
    out->left = BuildExpr(exprs.size() > 0 ? exprs[0] : nullptr);
    out->right = BuildExpr(exprs.size() > 1 ? exprs[1] : nullptr);
    out->third = BuildExpr(exprs.size() > 2 ? exprs[2] : nullptr);
    return out;
  }
  if (auto* e = As<P::LetExprContext>(ctx)) {
    auto out = NewExpr(ast::ExprKind::kLet, ctx);
    if (e->IDENT()) {
      out->name = e->IDENT()->getText();
      out->name_range = RangeOf(e->IDENT());
    }
    if (P::TypeExprContext* type = e->typeExpr()) out->type = BuildType(type);
    const std::vector<P::ExprContext*> exprs = e->expr();
    out->right = BuildExpr(exprs.size() > 0 ? exprs[0] : nullptr);
    out->third = BuildExpr(exprs.size() > 1 ? exprs[1] : nullptr);
    return out;
  }
  if (auto* e = As<P::PlainExprContext>(ctx)) return BuildOperand(e->operand());
  return ErrorExpr(RangeOf(ctx));
}

ast::ExprPtr TreeBuilder::NewExpr(ast::ExprKind kind, antlr4::ParserRuleContext* ctx) {
  auto expr = std::make_unique<ast::Expr>();
  expr->kind = kind;
  expr->range = ExprRangeOf(ctx);
  return expr;
}

// The range of `ctx` as an expression. In the condition of a conditional
// field, a context that reaches the fields' body ends before it: the body
// is parsed as a suffix of the condition's last operand.
SourceRange TreeBuilder::ExprRangeOf(antlr4::ParserRuleContext* ctx) const {
  SourceRange range = RangeOf(ctx);
  if (detached_body_ && ctx) {
    const SourceRange body = RangeOf(detached_body_->postfix());
    if (range.begin < body.begin && range.end >= body.end) range.end = RangeOf(detached_body_->operand()).end;
  }
  return range;
}

ast::ExprPtr TreeBuilder::ErrorExpr(SourceRange range) {
  auto expr = std::make_unique<ast::Expr>();
  expr->kind = ast::ExprKind::kError;
  expr->range = range;
  return expr;
}

std::optional<ast::Operator> TreeBuilder::BinaryOperator(size_t token_type) {
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
ast::ExprPtr TreeBuilder::BuildOperand(P::OperandContext* ctx) {
  if (!ctx) return ErrorExpr({file_, 0, 0});
  std::vector<P::OperandContext*> spine;
  P::OperandContext* base = ctx;
  while (base) {
    if (auto* p = As<P::PostfixOperandContext>(base)) {
      spine.push_back(base);
      base = p->operand();
    } else if (auto* b = As<P::BinaryOperandContext>(base)) {
      spine.push_back(base);
      base = b->operand(0);
    } else {
      break;
    }
  }
  ast::ExprPtr result = BuildOperandBase(base, spine.empty() ? ctx : spine.back());
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    if (auto* p = As<P::PostfixOperandContext>(*it)) {
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
ast::ExprPtr TreeBuilder::BuildOperandBase(P::OperandContext* ctx, antlr4::ParserRuleContext* parent) {
  if (!ctx) return ErrorExpr(RangeOf(parent));
  if (auto* p = As<P::PrimaryOperandContext>(ctx)) return BuildPrimary(p->primary());
  if (auto* u = As<P::UnaryOperandContext>(ctx)) return BuildUnary(u);
  return ErrorExpr(RangeOf(ctx));
}

ast::ExprPtr TreeBuilder::BuildUnary(P::UnaryOperandContext* ctx) {
  // `-` before an integer literal is read with it, so that the smallest
  // int, -9223372036854775808, is a literal (its digits alone overflow).
  if (ctx->MINUS()) {
    // (Looking through a conditional field's body: `if n > -1 { ... }`.)
    P::OperandContext* operand = ctx->operand();
    if (operand && operand == detached_body_) operand = detached_body_->operand();
    if (auto* inner = As<P::PrimaryOperandContext>(operand)) {
      if (auto* literal = As<P::IntLiteralContext>(inner->primary())) {
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
ast::ExprPtr TreeBuilder::ApplyPostfix(ast::ExprPtr result, P::PostfixOperandContext* ctx) {
  P::PostfixContext* postfix = ctx->postfix();
  if (!postfix) return result;
  SourceRange range = SourceRange::Join(result->range, RangeOf(postfix));
  auto out = std::make_unique<ast::Expr>();
  out->range = range;
  if (auto* p = As<P::FieldAccessContext>(postfix)) {
    out->kind = ast::ExprKind::kField;
    if (P::FieldNameContext* name = p->fieldName()) {
      out->name = TextOf(name);
      out->name_range = RangeOf(name);
    }
  } else if (auto* p = As<P::OptionalFieldAccessContext>(postfix)) {
    out->kind = ast::ExprKind::kOptionalField;
    if (P::FieldNameContext* name = p->fieldName()) {
      out->name = TextOf(name);
      out->name_range = RangeOf(name);
    }
  } else if (auto* p = As<P::IndexAccessContext>(postfix)) {
    out->kind = ast::ExprKind::kIndex;
    out->right = BuildExpr(p->expr());
  } else if (auto* p = As<P::CallArgsContext>(postfix)) {
    out->kind = ast::ExprKind::kCall;
    for (auto* arg : p->expr()) out->args.push_back(BuildExpr(arg));
  } else if (auto* p = As<P::RecordSuffixContext>(postfix)) {
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
ast::ExprPtr TreeBuilder::BuildTypedRecord(ast::ExprPtr type, P::OperandContext* type_ctx,
                                          P::RecordBodyContext* body) {
  auto out = std::make_unique<ast::Expr>();
  out->kind = ast::ExprKind::kTypedRecord;
  out->range = SourceRange::Join(type->range, RangeOf(body));
  out->entries = BuildRecordBody(body);
  auto primary_of = [](P::OperandContext* operand) -> P::PrimaryContext* {
    auto* primary = As<P::PrimaryOperandContext>(operand);
    return primary ? primary->primary() : nullptr;
  };
  if (As<P::TypeNameRefContext>(primary_of(type_ctx)) && type->kind == ast::ExprKind::kName) {
    out->name = type->name;
    out->name_range = type->name_range;
    return out;
  }
  auto* member = As<P::PostfixOperandContext>(type_ctx);
  auto* field = member ? As<P::FieldAccessContext>(member->postfix()) : nullptr;
  const bool module_type = field && field->fieldName() && field->fieldName()->anyIdent() &&
                           field->fieldName()->anyIdent()->TYPE_IDENT() &&
                           As<P::NameRefContext>(primary_of(member->operand()));
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
P::PostfixOperandContext* TreeBuilder::TrailingBody(P::ExprContext* expr) {
  antlr4::ParserRuleContext* at = expr;
  while (at) {
    if (auto* e = As<P::IfExprContext>(at)) {
      const std::vector<P::ExprContext*> exprs = e->expr();
      at = exprs.size() == 3 ? exprs[2] : nullptr;
    } else if (auto* e = As<P::LetExprContext>(at)) {
      const std::vector<P::ExprContext*> exprs = e->expr();
      at = exprs.size() == 2 ? exprs[1] : nullptr;
    } else if (auto* e = As<P::PlainExprContext>(at)) {
      at = e->operand();
    } else if (auto* b = As<P::BinaryOperandContext>(at)) {
      at = b->operand().size() == 2 ? b->operand(1) : nullptr;
    } else if (auto* u = As<P::UnaryOperandContext>(at)) {
      at = u->operand();
    } else if (auto* p = As<P::PostfixOperandContext>(at)) {
      return As<P::RecordSuffixContext>(p->postfix()) ? p : nullptr;
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

ast::ExprPtr TreeBuilder::BuildPrimary(P::PrimaryContext* ctx) {
  using K = ast::ExprKind;
  if (!ctx) return ErrorExpr({file_, 0, 0});
  if (auto* p = As<P::IntLiteralContext>(ctx)) {
    auto out = NewExpr(K::kInt, ctx);
    out->int_value = ParseNumber(Sym(p->INT()), false).int_value;
    return out;
  }
  if (auto* p = As<P::FloatLiteralContext>(ctx)) {
    auto out = NewExpr(K::kFloat, ctx);
    out->float_value = ParseNumber(Sym(p->FLOAT()), false).float_value;
    return out;
  }
  if (auto* p = As<P::StringLiteralContext>(ctx)) return BuildString(p->STRING(), false);
  if (auto* p = As<P::TextBlockLiteralContext>(ctx)) return BuildString(p->TEXT_BLOCK(), true);
  if (auto* p = As<P::BoolLiteralContext>(ctx)) {
    auto out = NewExpr(K::kBool, ctx);
    out->bool_value = p->KW_TRUE() != nullptr;
    return out;
  }
  if (As<P::NullLiteralContext>(ctx)) return NewExpr(K::kNull, ctx);
  if (auto* p = As<P::NameRefContext>(ctx)) {
    auto out = NewExpr(K::kName, ctx);
    out->name = Text(p->IDENT());
    out->name_range = out->range;
    return out;
  }
  if (auto* p = As<P::TypeNameRefContext>(ctx)) {
    auto out = NewExpr(K::kName, ctx);
    out->name = Text(p->TYPE_IDENT());
    out->name_range = out->range;
    return out;
  }
  if (auto* p = As<P::RecordLiteralContext>(ctx)) {
    auto out = NewExpr(K::kRecord, ctx);
    out->entries = BuildRecordBody(p->recordBody());
    return out;
  }
  if (auto* p = As<P::ListLiteralContext>(ctx)) {
    auto out = NewExpr(K::kList, ctx);
    for (auto* item : p->listItem()) out->items.push_back(BuildListItem(item));
    return out;
  }
  if (auto* p = As<P::ParenExprContext>(ctx)) return BuildExpr(p->expr());
  return ErrorExpr(RangeOf(ctx));
}

// The clauses of `for x in xs, y in ys`: the first, with the others nested.
std::optional<ast::Comprehension> TreeBuilder::BuildComprehension(
    const std::vector<P::ForClauseContext*>& clauses) {
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

ast::Comprehension TreeBuilder::BuildClause(P::ForClauseContext* clause) {
  auto exprs = clause->expr();
  return BuildClause(clause->IDENT(), exprs.empty() ? nullptr : exprs[0], exprs.size() > 1 ? exprs[1] : nullptr);
}

ast::Comprehension TreeBuilder::BuildClause(const std::vector<antlr4::tree::TerminalNode*>& vars,
                                            P::ExprContext* iterable, P::ExprContext* filter) {
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

ast::ListItem TreeBuilder::BuildListItem(P::ListItemContext* ctx) {
  ast::ListItem item;
  item.range = RangeOf(ctx);
  if (auto* e = As<P::ListElementContext>(ctx)) {
    item.value = BuildExpr(e->expr());
  } else if (auto* f = As<P::ListForContext>(ctx)) {
    item.comprehension = BuildComprehension(f->forClause());
    item.value = BuildExpr(f->expr());
  }
  return item;
}

std::vector<ast::RecordEntry> TreeBuilder::BuildRecordBody(P::RecordBodyContext* ctx) {
  std::vector<ast::RecordEntry> entries;
  if (!ctx) return entries;
  for (auto* entry : ctx->recordEntry()) {
    ast::RecordEntry out;
    out.range = RangeOf(entry);
    if (auto* f = As<P::FieldEntryContext>(entry)) {
      if (!BuildFieldEntry(f, out)) continue;
    } else if (auto* i = As<P::IfEntryContext>(entry)) {
      BuildIfEntry(i, out);
    } else if (auto* r = As<P::ForEntryContext>(entry)) {
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

// `name: value`, `"key": value` or `(expr): value`. False for an entry that
// error recovery left without a key, which is dropped.
bool TreeBuilder::BuildFieldEntry(P::FieldEntryContext* ctx, ast::RecordEntry& out) {
  out.kind = ast::RecordEntry::Kind::kField;
  auto* key = ctx->fieldKey();
  if (!key) return false;
  out.key_range = RangeOf(key);
  if (P::FieldNameContext* name = key->fieldName()) {
    out.key = TextOf(name);
  } else if (key->STRING()) {
    auto string = BuildString(key->STRING(), false);
    if (string->parts.size() == 1 && !string->parts[0].expr) out.key = string->parts[0].text;
    else out.key_expr = std::move(string);
  } else if (key->expr()) {
    out.key_expr = BuildExpr(key->expr());
  }
  // The value is the entry's last child (found by a cast that succeeds,
  // where the generated accessor tries every child in turn).
  auto* value = ctx->children.empty() ? nullptr : dynamic_cast<P::ExprContext*>(ctx->children.back());
  out.value = BuildExpr(value != nullptr ? value : ctx->expr());
  return true;
}

// `if condition { fields } else { fields }`: the grammar reads the first
// body as a record suffix of the condition, which is detached here.
void TreeBuilder::BuildIfEntry(P::IfEntryContext* ctx, ast::RecordEntry& out) {
  out.kind = ast::RecordEntry::Kind::kIf;
  P::PostfixOperandContext* body = TrailingBody(ctx->expr());
  P::PostfixOperandContext* outer = detached_body_;
  detached_body_ = body;
  out.condition = BuildExpr(ctx->expr());
  detached_body_ = outer;
  if (body) {
    out.then_entries = BuildRecordBody(static_cast<P::RecordSuffixContext*>(body->postfix())->recordBody());
  } else if (ctx->expr()) {
    SourceRange end = RangeOf(ctx->expr());
    sink_.Report(DiagnosticCode::E0101, {file_, end.end, end.end},
                 "a conditional field needs its fields in braces: `if condition { name: value }`");
  }
  if (ctx->recordBody()) {
    out.has_else = true;
    out.else_entries = BuildRecordBody(ctx->recordBody());
  }
}

std::string TreeBuilder::ParsePlainString(antlr4::tree::TerminalNode* node) {
  auto expr = BuildString(node, false);
  std::string text;
  for (const auto& part : expr->parts) text += part.text;
  return text;
}

// Decodes escapes and parses each ${...} with a nested parser.
ast::ExprPtr TreeBuilder::BuildString(antlr4::tree::TerminalNode* node, bool text_block) {
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

ast::ExprPtr TreeBuilder::ParseEmbedded(uint32_t begin, uint32_t end) {
  // Already under the parser mutex: the nested parser shares it.
  return ParseExpressionRange(source_, file_, begin, end, sink_, options_, "extra input in interpolation");
}

}  // namespace mast::syntax_detail
