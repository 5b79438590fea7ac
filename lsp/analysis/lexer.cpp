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

namespace {

// Reads the text from left to right, one token per step (LexMast).
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text), n_(static_cast<uint32_t>(text.size())) {}

  std::vector<Tok> Run() {
    while (i_ < n_) {
      const char c = text_[i_];
      if (c == '\n') {
        ++i_;
        line_begin_ = i_;
        at_line_start_ = true;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++i_;
      } else if (c == '/' && At(1) == '/') {
        LineComment();
      } else if (c == '/' && At(1) == '*') {
        Block("*/", 2, TokKind::kComment);
      } else if (c == '"' && text_.substr(i_, 3) == "\"\"\"") {
        Block("\"\"\"", 3, TokKind::kTextBlock);
      } else if (c == '"') {
        String();
      } else if (IsIdentStart(c)) {
        Word();
      } else if (IsDigit(c)) {
        Number();
      } else if (!Operator()) {
        ErrorCharacter();
      }
    }
    return std::move(out_);
  }

 private:
  char At(uint32_t ahead) const { return i_ + ahead < n_ ? text_[i_ + ahead] : '\0'; }

  void Push(TokKind kind, uint32_t begin, uint32_t end, bool terminated = true) {
    out_.push_back(Tok{kind, begin, end, terminated, at_line_start_, begin - line_begin_});
    at_line_start_ = false;
  }

  void LineComment() {
    const uint32_t begin = i_;
    const bool doc = At(2) == '/';
    while (i_ < n_ && text_[i_] != '\n' && text_[i_] != '\r') ++i_;
    Push(doc ? TokKind::kDocComment : TokKind::kComment, begin, i_);
  }

  // A block comment or a text block, up to `close` (or the end of the text).
  void Block(std::string_view close, uint32_t opening, TokKind kind) {
    const uint32_t begin = i_;
    const size_t found = text_.find(close, i_ + opening);
    const uint32_t end = found == std::string_view::npos ? n_ : static_cast<uint32_t>(found + close.size());
    Push(kind, begin, end, found != std::string_view::npos);
    // Keep line bookkeeping right across the lines it spans.
    for (uint32_t k = begin; k < end; ++k) {
      if (text_[k] == '\n') line_begin_ = k + 1;
    }
    i_ = end;
  }

  // A string runs to its closing quote or the end of its line.
  void String() {
    const uint32_t begin = i_++;
    bool terminated = false;
    while (i_ < n_ && text_[i_] != '\n' && text_[i_] != '\r') {
      if (text_[i_] == '\\' && i_ + 1 < n_ && text_[i_ + 1] != '\n') {
        i_ += 2;
        continue;
      }
      if (text_[i_++] == '"') {
        terminated = true;
        break;
      }
    }
    Push(TokKind::kString, begin, i_, terminated);
  }

  void Word() {
    const uint32_t begin = i_;
    while (i_ < n_ && IsIdentPart(text_[i_])) ++i_;
    const std::string_view word = text_.substr(begin, i_ - begin);
    const char first = text_[begin];
    Push(IsMastKeyword(word) ? TokKind::kKeyword : (first >= 'A' && first <= 'Z') ? TokKind::kTypeIdent : TokKind::kIdent,
         begin, i_);
  }

  void Number() {
    const uint32_t begin = i_;
    while (i_ < n_ && IsIdentPart(text_[i_])) ++i_;
    // A fraction, but not a range `1..5`.
    if (i_ + 1 < n_ && text_[i_] == '.' && IsDigit(text_[i_ + 1])) {
      ++i_;
      while (i_ < n_ && IsIdentPart(text_[i_])) ++i_;
    }
    if (i_ < n_ && (text_[i_] == '+' || text_[i_] == '-') && (text_[i_ - 1] == 'e' || text_[i_ - 1] == 'E')) {
      ++i_;
      while (i_ < n_ && IsDigit(text_[i_])) ++i_;
    }
    Push(TokKind::kNumber, begin, i_);
  }

  // Punctuation and operators, two characters first; false if none is here.
  bool Operator() {
    static constexpr std::array<std::string_view, 9> kTwoChar = {"..", "?.", "??", "||", "&&",
                                                                  "==", "!=", "<=", ">="};
    const std::string_view two = text_.substr(i_, 2);
    for (std::string_view op : kTwoChar) {
      if (two != op) continue;
      Push(op == "?." ? TokKind::kPunct : TokKind::kOperator, i_, i_ + 2);
      i_ += 2;
      return true;
    }
    switch (text_[i_]) {
      case '{': case '}': case '[': case ']': case '(': case ')': case ',': case ':': case '.': case '?':
        Push(TokKind::kPunct, i_, i_ + 1);
        break;
      case '+': case '-': case '*': case '/': case '%': case '<': case '>': case '!': case '=': case '|':
        Push(TokKind::kOperator, i_, i_ + 1);
        break;
      default:
        return false;
    }
    ++i_;
    return true;
  }

  // One error token per UTF-8 character.
  void ErrorCharacter() {
    uint32_t end = i_ + 1;
    while (end < n_ && (static_cast<unsigned char>(text_[end]) & 0xC0) == 0x80) ++end;
    Push(TokKind::kError, i_, end);
    i_ = end;
  }

  std::string_view text_;
  const uint32_t n_;
  uint32_t i_ = 0;
  uint32_t line_begin_ = 0;
  bool at_line_start_ = true;
  std::vector<Tok> out_;
};

}  // namespace

std::vector<Tok> LexMast(std::string_view text) { return Lexer(text).Run(); }

}  // namespace mast::lsp
