// The tree builder, part one: declarations, their doc comments, and types
// (with refinements and number literals).
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <set>

#include "compiler/syntax/antlr_tree_builder.h"

namespace mast::syntax_detail {

namespace {

std::string Unquote(std::string_view text) {
  return text.size() >= 2 ? std::string(text.substr(1, text.size() - 2)) : std::string();
}

}  // namespace

SourceRange TreeBuilder::RangeOf(antlr4::ParserRuleContext* ctx) const {
  if (!ctx || !ctx->getStart()) return {file_, 0, 0};
  uint32_t begin = map_.Byte(ctx->getStart()->getStartIndex());
  antlr4::Token* stop = ctx->getStop();
  uint32_t end = stop && stop->getStopIndex() + 1 >= ctx->getStart()->getStartIndex() &&
                         stop->getType() != antlr4::Token::EOF
                     ? map_.Byte(stop->getStopIndex() + 1)
                     : begin;
  return {file_, begin, std::max(begin, end)};
}

SourceRange TreeBuilder::RangeOf(antlr4::Token* token) const {
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

void TreeBuilder::AddImport(P::ImportDeclContext* import, ast::Module& module) {
  if (!import->STRING() || !import->IDENT()) return;
  ast::Import out;
  out.range = RangeOf(import);
  out.path = Unquote(import->STRING()->getText());
  out.path_range = RangeOf(import->STRING());
  out.alias = import->IDENT()->getText();
  out.alias_range = RangeOf(import->IDENT());
  module.imports.push_back(std::move(out));
}

void TreeBuilder::AddDeclaration(P::DeclarationContext* declaration, ast::Module& module) {
  if (auto decl = BuildDecl(declaration)) module.decls.push_back(std::move(*decl));
}

void TreeBuilder::AddComments(ast::Module& module) {
  if (!tokens_) return;
  for (antlr4::Token* token : all_tokens_) {
    if (token->getChannel() != antlr4::Token::HIDDEN_CHANNEL) continue;
    module.comments.push_back({RangeOf(token), token->getType() == MastLexer::DOC_COMMENT});
  }
}

std::optional<ast::Decl> TreeBuilder::BuildDecl(P::DeclarationContext* ctx) {
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
    BuildPolicyMembers(d, decl);
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

// `violations(object) = ...` and the policy's fields.
void TreeBuilder::BuildPolicyMembers(P::PolicyDeclContext* ctx, ast::Decl& decl) {
  for (auto* member : ctx->policyMember()) {
    if (auto* check = As<P::PolicyCheckContext>(member)) {
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
    } else if (auto* field = As<P::PolicyFieldContext>(member)) {
      if (!field->fieldName()) continue;
      decl.policy_fields.push_back(
          {TextOf(field->fieldName()), RangeOf(field->fieldName()), BuildExpr(field->expr())});
    }
  }
}

void TreeBuilder::BuildTestStep(P::TestStepContext* ctx, ast::Decl& decl) {
  ast::TestStep step;
  step.range = RangeOf(ctx);
  if (auto* s = As<P::TestLetContext>(ctx)) {
    if (!s->IDENT()) return;
    step.kind = ast::TestStep::Kind::kLet;
    step.name = s->IDENT()->getText();
    step.name_range = RangeOf(s->IDENT());
    if (s->typeExpr()) step.type = BuildType(s->typeExpr());
    step.value = BuildExpr(s->expr());
  } else if (auto* s = As<P::TestAssertContext>(ctx)) {
    step.kind = ast::TestStep::Kind::kAssert;
    step.value = BuildExpr(s->expr());
    if (s->STRING()) step.message = ParsePlainString(s->STRING());
  } else if (auto* s = As<P::TestExpectErrorContext>(ctx)) {
    auto strings = s->STRING();
    if (strings.size() < 2) return;
    step.kind = ast::TestStep::Kind::kExpectError;
    for (size_t i = 0; i + 1 < strings.size(); ++i) {
      step.codes.push_back(ParsePlainString(strings[i]));
      step.code_ranges.push_back(RangeOf(strings[i]));
    }
    step.program = ParsePlainString(strings.back());
    step.program_range = RangeOf(strings.back());
  } else if (auto* s = As<P::TestSnapshotContext>(ctx)) {
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

void TreeBuilder::BuildSchemaMember(P::SchemaMemberContext* ctx, ast::Decl& decl) {
  if (auto* f = As<P::SchemaFieldContext>(ctx)) {
    if (!f->fieldName()) return;
    ast::SchemaField field;
    field.range = RangeOf(f);
    field.name = TextOf(f->fieldName());
    field.name_range = RangeOf(f->fieldName());
    field.optional = f->QUESTION() != nullptr;
    field.type = BuildType(f->typeExpr());
    if (f->expr()) field.default_value = BuildExpr(f->expr());
    field.doc = DocCommentBefore(f->getStart());
    decl.fields.push_back(std::move(field));
  } else if (auto* c = As<P::SchemaCheckContext>(ctx)) {
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
std::string TreeBuilder::DocCommentBefore(antlr4::Token* token) {
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

void TreeBuilder::set_tokens(antlr4::CommonTokenStream* tokens) {
  tokens_ = tokens;
  all_tokens_ = tokens->getTokens();
}

ast::TypeExprPtr TreeBuilder::BuildType(P::TypeExprContext* ctx) {
  auto out = std::make_unique<ast::TypeExpr>();
  if (!ctx) return out;
  out->range = RangeOf(ctx);
  auto members = ctx->primaryType();
  if (members.size() == 1) return BuildPrimaryType(members[0]);
  out->kind = ast::TypeExpr::Kind::kUnion;
  for (auto* member : members) out->children.push_back(BuildPrimaryType(member));
  return out;
}

ast::TypeExprPtr TreeBuilder::BuildPrimaryType(P::PrimaryTypeContext* ctx) {
  using Kind = ast::TypeExpr::Kind;
  auto out = std::make_unique<ast::TypeExpr>();
  out->range = RangeOf(ctx);
  if (auto* t = As<P::NamedTypeContext>(ctx)) {
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
  } else if (auto* t = As<P::StringLiteralTypeContext>(ctx)) {
    out->kind = Kind::kStringLiteral;
    out->string_value = ParsePlainString(t->STRING());
  } else if (auto* t = As<P::IntLiteralTypeContext>(ctx)) {
    out->kind = Kind::kIntLiteral;
    auto number = ParseNumber(Sym(t->INT()), t->MINUS() != nullptr);
    out->int_value = number.int_value;
  } else if (auto* t = As<P::BoolLiteralTypeContext>(ctx)) {
    out->kind = Kind::kBoolLiteral;
    out->bool_value = t->KW_TRUE() != nullptr;
  } else if (As<P::NullTypeContext>(ctx)) {
    out->kind = Kind::kNull;
  } else if (auto* t = As<P::ListTypeContext>(ctx)) {
    out->kind = Kind::kList;
    out->children.push_back(BuildType(t->typeExpr()));
  } else if (auto* t = As<P::MapTypeContext>(ctx)) {
    out->kind = Kind::kMap;
    out->children.push_back(BuildType(t->typeExpr(0)));
    out->children.push_back(BuildType(t->typeExpr(1)));
  } else if (auto* t = As<P::RecordTypeContext>(ctx)) {
    BuildRecordType(t, *out);
  } else if (auto* t = As<P::ParenTypeContext>(ctx)) {
    return BuildType(t->typeExpr());
  }
  return out;
}

// `{ path: string, port?: int }`. One field named like a builtin type, with
// no `?` and no comma (`{string: int}`, `{int: string}`), is the map type
// that both alternatives of the grammar match.
void TreeBuilder::BuildRecordType(P::RecordTypeContext* ctx, ast::TypeExpr& out) {
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

ast::Refinement TreeBuilder::BuildRefinement(P::RefinementContext* ctx) {
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

ast::Number TreeBuilder::ParseNumber(antlr4::Token* token, bool negative) {
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

}  // namespace mast::syntax_detail
