#include "lsp/analysis/lexer.h"

#include <array>

namespace mast::lsp {

namespace {

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentPart(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool IsMastKeyword(std::string_view word) {
  static constexpr std::array<std::string_view, 23> kKeywords = {
      "import", "as", "type", "schema", "param", "fn", "let", "emit", "policy", "check",
      "if", "then", "else", "for", "in", "with", "true", "false", "null",
      "test", "assert", "expect_error", "snapshot"};
  for (std::string_view keyword : kKeywords) {
    if (word == keyword) return true;
  }
  return false;
}

bool IsDeclarationKeyword(std::string_view word) {
  return word == "import" || word == "type" || word == "schema" || word == "param" || word == "fn" ||
         word == "let" || word == "emit" || word == "policy" || word == "test";
}

std::vector<Tok> LexMast(std::string_view text) {
  std::vector<Tok> out;
  const uint32_t n = static_cast<uint32_t>(text.size());
  uint32_t i = 0;
  uint32_t line_begin = 0;
  bool at_line_start = true;
  auto push = [&](TokKind kind, uint32_t begin, uint32_t end, bool terminated = true) {
    Tok tok{kind, begin, end, terminated, at_line_start, begin - line_begin};
    out.push_back(tok);
    at_line_start = false;
  };
  while (i < n) {
    char c = text[i];
    if (c == '\n') {
      ++i;
      line_begin = i;
      at_line_start = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    uint32_t begin = i;
    if (c == '/' && i + 1 < n && text[i + 1] == '/') {
      bool doc = i + 2 < n && text[i + 2] == '/';
      while (i < n && text[i] != '\n' && text[i] != '\r') ++i;
      push(doc ? TokKind::kDocComment : TokKind::kComment, begin, i);
      continue;
    }
    if (c == '/' && i + 1 < n && text[i + 1] == '*') {
      size_t close = text.find("*/", i + 2);
      uint32_t end = close == std::string_view::npos ? n : static_cast<uint32_t>(close + 2);
      push(TokKind::kComment, begin, end, close != std::string_view::npos);
      // Keep line bookkeeping right across a multi-line comment.
      for (uint32_t k = begin; k < end; ++k) {
        if (text[k] == '\n') line_begin = k + 1;
      }
      i = end;
      continue;
    }
    if (c == '"' && text.substr(i, 3) == "\"\"\"") {
      size_t close = text.find("\"\"\"", i + 3);
      uint32_t end = close == std::string_view::npos ? n : static_cast<uint32_t>(close + 3);
      push(TokKind::kTextBlock, begin, end, close != std::string_view::npos);
      for (uint32_t k = begin; k < end; ++k) {
        if (text[k] == '\n') line_begin = k + 1;
      }
      i = end;
      continue;
    }
    if (c == '"') {
      ++i;
      bool terminated = false;
      while (i < n && text[i] != '\n' && text[i] != '\r') {
        if (text[i] == '\\' && i + 1 < n && text[i + 1] != '\n') {
          i += 2;
          continue;
        }
        if (text[i] == '"') {
          ++i;
          terminated = true;
          break;
        }
        ++i;
      }
      push(TokKind::kString, begin, i, terminated);
      continue;
    }
    if (IsIdentStart(c)) {
      while (i < n && IsIdentPart(text[i])) ++i;
      std::string_view word = text.substr(begin, i - begin);
      TokKind kind = IsMastKeyword(word) ? TokKind::kKeyword
                     : (c >= 'A' && c <= 'Z') ? TokKind::kTypeIdent
                                              : TokKind::kIdent;
      push(kind, begin, i);
      continue;
    }
    if (IsDigit(c)) {
      while (i < n && (IsIdentPart(text[i]))) ++i;
      // A fraction, but not a range `1..5`.
      if (i + 1 < n && text[i] == '.' && IsDigit(text[i + 1])) {
        ++i;
        while (i < n && IsIdentPart(text[i])) ++i;
      }
      if (i < n && (text[i] == '+' || text[i] == '-') && (text[i - 1] == 'e' || text[i - 1] == 'E')) {
        ++i;
        while (i < n && IsDigit(text[i])) ++i;
      }
      push(TokKind::kNumber, begin, i);
      continue;
    }
    static constexpr std::array<std::string_view, 9> kTwoChar = {"..", "?.", "??", "||", "&&",
                                                                  "==", "!=", "<=", ">="};
    std::string_view two = text.substr(i, 2);
    bool matched = false;
    for (std::string_view op : kTwoChar) {
      if (two == op) {
        push(op == "?." ? TokKind::kPunct : TokKind::kOperator, begin, i + 2);
        i += 2;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    switch (c) {
      case '{': case '}': case '[': case ']': case '(': case ')': case ',': case ':': case '.': case '?':
        push(TokKind::kPunct, begin, i + 1);
        break;
      case '+': case '-': case '*': case '/': case '%': case '<': case '>': case '!': case '=': case '|':
        push(TokKind::kOperator, begin, i + 1);
        break;
      default: {
        // One error token per UTF-8 character.
        uint32_t end = i + 1;
        while (end < n && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
        push(TokKind::kError, begin, end);
        i = end;
        continue;
      }
    }
    ++i;
  }
  return out;
}

}  // namespace mast::lsp
