// Types from tokens, for the cursor context in code the parser may not
// accept: type annotations, a declaration's declared type, a header's
// parameters, a callee's parameter types, a record type inferred from its
// entries, and the type of a receiver chain (`app.spec.`). What the tokens
// spell is resolved by the compiler (EditorTypes::ResolveText, Resolve,
// Named); only reading the tokens is done here.
#include "lsp/analysis/context.h"

#include <set>
#include <string>

#include "lsp/analysis/context_tokens.h"

namespace mast::lsp {

using context_tokens::IsWordKind;
using context_tokens::kNone;
using context_tokens::Unquote;

// The type written at token `i` (up to `end`), read as far as it goes and
// closed where the text stops (`[apps.Deployment` reads `[apps.Deployment]`),
// then resolved by the compiler (EditorTypes::ResolveText).
LTypeRef ContextAnalyzer::TypeFromTokens(size_t& i, size_t end) {
  return types_.ResolveText(TypeTextFromTokens(i, end, 0), file_);
}

// Skips a bracketed run that starts at token `i` (`(1..50)`, a record type's
// `{...}`) and returns its text; "" when it is not closed before `end`.
std::string ContextAnalyzer::BracketedText(size_t& i, size_t end, std::string_view open, std::string_view close) {
  const uint32_t begin = tokens_[i].begin;
  for (int nesting = 0; i < end; ++i) {
    if (tokens_[i].Is(text_, open)) ++nesting;
    if (tokens_[i].Is(text_, close) && --nesting == 0) {
      ++i;
      return std::string(text_.substr(begin, tokens_[i - 1].end - begin));
    }
  }
  return "";
}

std::string ContextAnalyzer::TypeTextFromTokens(size_t& i, size_t end, int depth) {
  if (depth > 16) return "";
  std::string out;
  for (;;) {
    while (i < end && tokens_[i].IsTrivia()) ++i;
    if (i >= end) break;
    const Tok& tok = tokens_[i];
    std::string_view word = tok.Text(text_);
    std::string member;
    if (tok.kind == TokKind::kIdent || tok.kind == TokKind::kTypeIdent) {
      member = std::string(word);
      ++i;
      if (i + 1 < end && tokens_[i].Is(text_, ".") && IsWordKind(tokens_[i + 1].kind)) {
        member += "." + std::string(tokens_[i + 1].Text(text_));
        i += 2;
      }
      if (i < end && tokens_[i].Is(text_, "(")) member += BracketedText(i, end, "(", ")");  // refinements
    } else if (tok.kind == TokKind::kString || tok.kind == TokKind::kNumber || word == "true" || word == "false" ||
               word == "null") {
      member = std::string(word);
      ++i;
    } else if (word == "[") {
      ++i;
      member = "[" + TypeTextFromTokens(i, end, depth + 1) + "]";
      if (i < end && tokens_[i].Is(text_, "]")) ++i;
    } else if (word == "{" && IsRecordTypeStart(i + 1, end)) {
      member = BracketedText(i, end, "{", "}");  // `{ path: string, port?: int }`
    } else if (word == "{") {
      ++i;
      std::string key = TypeTextFromTokens(i, end, depth + 1);
      if (i < end && tokens_[i].Is(text_, ":")) ++i;
      member = "{" + key + ": " + TypeTextFromTokens(i, end, depth + 1) + "}";
      if (i < end && tokens_[i].Is(text_, "}")) ++i;
    } else if (word == "(") {
      ++i;
      member = "(" + TypeTextFromTokens(i, end, depth + 1) + ")";
      if (i < end && tokens_[i].Is(text_, ")")) ++i;
    } else {
      break;
    }
    out += (out.empty() ? "" : " | ") + member;
    while (i < end && tokens_[i].IsTrivia()) ++i;
    if (i < end && tokens_[i].Is(text_, "|")) {
      ++i;
      continue;
    }
    break;
  }
  return out;
}

// Whether the tokens after a `{` in a type start a record type's field (a
// lowercase or quoted name, then `:` or `?`) rather than a map's key type.
bool ContextAnalyzer::IsRecordTypeStart(size_t i, size_t end) const {
  while (i < end && tokens_[i].IsTrivia()) ++i;
  if (i >= end || !(IsWordKind(tokens_[i].kind) || tokens_[i].kind == TokKind::kString) ||
      tokens_[i].kind == TokKind::kTypeIdent) {
    return false;
  }
  static const std::set<std::string_view> kTypeWords = {"string", "int", "float", "number", "bool",
                                                        "any",    "null", "true", "false"};
  if (kTypeWords.count(tokens_[i].Text(text_))) return false;
  ++i;
  while (i < end && tokens_[i].IsTrivia()) ++i;
  return i < end && (tokens_[i].Is(text_, ":") || tokens_[i].Is(text_, "?"));
}

// The declared type of the declaration's value: `let x: T =`, `param p: T =`,
// `fn f(...): T =`. Unknown when there is no `=` before `end`.
LTypeRef ContextAnalyzer::DeclaredType(size_t start, size_t end) {
  auto unknown = types_.Unknown();
  if (start >= tokens_.size()) return unknown;
  std::string_view keyword = tokens_[start].Text(text_);
  size_t i = start + 1;
  if (keyword == "let" || keyword == "param") {
    if (i + 1 < end && tokens_[i + 1].Is(text_, ":")) {
      i += 2;
      LTypeRef type = TypeFromTokens(i, end);
      if (i < end && tokens_[i].Is(text_, "=")) return type;
    }
    return unknown;
  }
  if (keyword == "fn") {
    int nesting = 0;
    for (; i < end; ++i) {
      if (tokens_[i].Is(text_, "(")) ++nesting;
      else if (tokens_[i].Is(text_, ")") && --nesting == 0) break;
    }
    if (i + 1 < end && tokens_[i + 1].Is(text_, ":")) {
      i += 2;
      LTypeRef type = TypeFromTokens(i, end);
      if (i < end && tokens_[i].Is(text_, "=")) return type;
    }
  }
  return unknown;
}

std::vector<std::pair<std::string, LTypeRef>> ContextAnalyzer::HeaderParameters(uint32_t offset) {
  std::vector<std::pair<std::string, LTypeRef>> out;
  size_t start = DeclarationStart(TokenIndexAt(offset));
  if (start >= tokens_.size() || !tokens_[start].Is(text_, "fn")) return out;
  size_t i = start + 1;
  while (i < tokens_.size() && !tokens_[i].Is(text_, "(")) {
    if (i > start + 3) return out;
    ++i;
  }
  ++i;
  while (i < tokens_.size() && tokens_[i].begin < offset) {
    if (tokens_[i].Is(text_, ")")) break;
    if (tokens_[i].kind == TokKind::kIdent && i + 1 < tokens_.size() && tokens_[i + 1].Is(text_, ":")) {
      std::string name(tokens_[i].Text(text_));
      i += 2;
      out.emplace_back(name, TypeFromTokens(i, tokens_.size()));
      continue;
    }
    ++i;
  }
  return out;
}

LTypeRef ContextAnalyzer::InferRecordFromEntries(size_t open) {
  std::string api_version;
  std::string kind;
  int depth = 0;
  for (size_t i = open; i < tokens_.size(); ++i) {
    const Tok& tok = tokens_[i];
    if (tok.Is(text_, "{") || tok.Is(text_, "[") || tok.Is(text_, "(")) {
      ++depth;
      continue;
    }
    if (tok.Is(text_, "}") || tok.Is(text_, "]") || tok.Is(text_, ")")) {
      if (--depth <= 0) break;
      continue;
    }
    if (depth != 1 || i + 2 >= tokens_.size() || !tokens_[i + 1].Is(text_, ":")) continue;
    if (tokens_[i + 2].kind != TokKind::kString) continue;
    std::string key = Unquote(tok.Text(text_));
    if (key == "apiVersion") api_version = Unquote(tokens_[i + 2].Text(text_));
    if (key == "kind") kind = Unquote(tokens_[i + 2].Text(text_));
  }
  if (api_version.empty() || kind.empty()) return nullptr;
  std::optional<ExternalTypeId> id = types_.catalog().FindResource(api_version, kind);
  if (!id) return nullptr;
  return types_.External(*id);
}

LTypeRef ContextAnalyzer::CalleeParameterType(size_t open, size_t argument) {
  if (open == 0 || open == kNone) return nullptr;
  const Tok& name = tokens_[open - 1];
  if (name.kind != TokKind::kIdent) return nullptr;
  std::shared_ptr<const ParsedFile> target = file_;
  if (open >= 3 && tokens_[open - 2].Is(text_, ".") && tokens_[open - 3].kind == TokKind::kIdent) {
    auto import = file_->imports.find(tokens_[open - 3].Text(text_));
    if (import == file_->imports.end() || import->second.target_path.empty()) return nullptr;
    target = types_.workspace().Parse(import->second.target_path);
    if (!target) return nullptr;
  }
  auto decl = target->decls.find(name.Text(text_));
  if (decl == target->decls.end() || decl->second->kind != ast::Decl::Kind::kFn) return nullptr;
  const ast::Decl& fn = *decl->second;
  if (argument >= fn.params.size() || !fn.params[argument].type) return nullptr;
  return types_.Resolve(*fn.params[argument].type, target);
}

LTypeRef ContextAnalyzer::ReceiverType(const std::vector<std::string>& receiver, uint32_t offset) {
  if (receiver.empty()) return nullptr;
  LTypeRef type;
  const std::string& first = receiver[0];
  for (const auto& [name, param_type] : HeaderParameters(offset)) {
    if (name == first) type = param_type;
  }
  if (!type && names_) type = names_(first, offset);
  if (!type && file_) {
    auto decl = file_->decls.find(first);
    if (decl != file_->decls.end() && decl->second->type &&
        (decl->second->kind == ast::Decl::Kind::kLet || decl->second->kind == ast::Decl::Kind::kParam)) {
      type = types_.Resolve(*decl->second->type, file_);
    }
  }
  for (size_t i = 1; type && i < receiver.size(); ++i) {
    if (std::optional<FieldInfo> field = types_.Field(type, receiver[i])) type = field->type;
    else type = types_.MapValue(type);
  }
  return type;
}
}  // namespace mast::lsp
