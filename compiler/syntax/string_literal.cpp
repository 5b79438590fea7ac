#include "compiler/syntax/string_literal.h"

#include <algorithm>

#include "compiler/base/utf8.h"

namespace mast {
namespace {

// Smallest indentation of the non-blank lines of a text block.
size_t CommonIndent(std::string_view body) {
  size_t indent = std::string_view::npos;
  size_t line_start = 0;
  while (line_start <= body.size()) {
    size_t line_end = body.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = body.size();
    std::string_view line = body.substr(line_start, line_end - line_start);
    size_t spaces = line.find_first_not_of(" \t\r");
    bool last_line = line_end == body.size();
    if (spaces != std::string_view::npos) indent = std::min(indent, spaces);
    else if (last_line) indent = std::min(indent, line.size());  // indentation of the closing """
    line_start = line_end + 1;
  }
  return indent == std::string_view::npos ? 0 : indent;
}

}  // namespace

size_t InterpolationEnd(std::string_view source, size_t from, size_t stop, bool text_block) {
  for (size_t i = from; i < stop; ++i) {
    if (source[i] == '}') return i;
    if (!text_block && (source[i] == '\n' || source[i] == '\r')) return std::string_view::npos;
    if (source[i] != '"') continue;
    size_t j = i + 1;
    while (j < stop && source[j] != '"' && source[j] != '\n' && source[j] != '\r') j += source[j] == '\\' ? 2 : 1;
    if (j >= stop || source[j] != '"') return std::string_view::npos;
    i = j;
  }
  return std::string_view::npos;
}

namespace {

int HexDigit(char h) {
  if (h >= '0' && h <= '9') return h - '0';
  if (h >= 'a' && h <= 'f') return h - 'a' + 10;
  if (h >= 'A' && h <= 'F') return h - 'A' + 10;
  return -1;
}

// Reads a string literal's body from left to right into text pieces and
// interpolations (SplitStringLiteral).
class LiteralSplitter {
 public:
  LiteralSplitter(std::string_view source, uint32_t begin, uint32_t stop, bool text_block)
      : source_(source), i_(begin), stop_(stop), text_block_(text_block) {}

  StringLiteralPieces Split() {
    if (text_block_) SkipOpeningLine();
    while (i_ < stop_) {
      const char c = source_[i_];
      if (text_block_ && c == '\r' && i_ + 1 < stop_ && source_[i_ + 1] == '\n') {
        ++i_;  // CRLF becomes LF in text blocks
      } else if (text_block_ && column_ < indent_ && (c == ' ' || c == '\t')) {
        ++column_;
        ++i_;
      } else if (c == '$' && i_ + 1 < stop_ && source_[i_ + 1] == '{') {
        if (!Interpolation()) break;
      } else if (!text_block_ && c == '\\' && i_ + 1 < stop_) {
        Escape();
      } else {
        text_ += c;
        column_ = c == '\n' ? 0 : column_ + 1;
        ++i_;
      }
    }
    if (text_block_) DropClosingLine();
    Flush();
    if (result_.pieces.empty()) result_.pieces.push_back({false, {}, 0, 0});
    return std::move(result_);
  }

 private:
  // A text block starts on the line after its opening quotes, and its
  // lines lose their common indentation.
  void SkipOpeningLine() {
    std::string_view body = source_.substr(i_, stop_ - i_);
    if (!body.empty() && body[0] == '\n') ++i_;
    else if (body.size() > 1 && body[0] == '\r' && body[1] == '\n') i_ += 2;
    indent_ = CommonIndent(source_.substr(i_, stop_ - i_));
  }

  // `${expr}` at i_; false when it is not closed (the rest is not read).
  bool Interpolation() {
    const size_t close = InterpolationEnd(source_, i_ + 2, stop_, text_block_);
    if (close == std::string_view::npos) {
      result_.errors.push_back({i_, stop_, "unterminated `${` in string; add the closing `}`"});
      return false;
    }
    Flush();
    const uint32_t expr_begin = i_ + 2;
    const uint32_t expr_end = static_cast<uint32_t>(close);
    if (expr_begin == expr_end) {
      result_.errors.push_back({i_, expr_end + 1, "empty interpolation `${}`"});
    } else {
      result_.pieces.push_back({true, {}, expr_begin, expr_end});
    }
    column_ += expr_end + 1 - i_;
    i_ = expr_end + 1;
    return true;
  }

  // A backslash escape at i_.
  void Escape() {
    const char e = source_[i_ + 1];
    switch (e) {
      case 'n': text_ += '\n'; break;
      case 't': text_ += '\t'; break;
      case 'r': text_ += '\r'; break;
      case '"': text_ += '"'; break;
      case '\\': text_ += '\\'; break;
      case '$': text_ += '$'; break;
      case '0': text_ += '\0'; break;
      case 'u': UnicodeEscape(); return;
      default:
        result_.errors.push_back(
            {i_, i_ + 2, std::string("unknown escape `\\") + e + "`; use one of \\n \\t \\r \\\" \\\\ \\$ \\u{...}"});
        break;
    }
    i_ += 2;
  }

  // `\u{1F600}` at i_: 1 to 6 hex digits naming a code point that is not a
  // surrogate.
  void UnicodeEscape() {
    const size_t close = source_.find('}', i_ + 2);
    bool ok = i_ + 2 < stop_ && source_[i_ + 2] == '{' && close != std::string_view::npos && close < stop_ &&
              close > i_ + 3 && close - (i_ + 3) <= 6;
    uint32_t code_point = 0;
    for (size_t k = i_ + 3; ok && k < close; ++k) {
      const int digit = HexDigit(source_[k]);
      ok = digit >= 0;
      code_point = code_point * 16 + static_cast<uint32_t>(std::max(digit, 0));
    }
    if (!ok || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      result_.errors.push_back({i_, i_ + 2, "invalid unicode escape; write `\\u{1F600}` with 1 to 6 hex digits"});
      i_ += 2;
      return;
    }
    AppendUtf8(text_, code_point);
    i_ = static_cast<uint32_t>(close) + 1;
  }

  // The line holding a text block's closing quotes is not part of the text.
  void DropClosingLine() {
    if (text_.empty()) return;
    const size_t last_newline = text_.rfind('\n');
    const size_t tail_begin = last_newline == std::string::npos ? 0 : last_newline + 1;
    if (std::string_view(text_).substr(tail_begin).find_first_not_of(" \t") == std::string_view::npos) {
      text_.erase(tail_begin);
    }
  }

  void Flush() {
    if (!text_.empty()) result_.pieces.push_back({false, std::move(text_), 0, 0});
    text_.clear();
  }

  std::string_view source_;
  uint32_t i_;
  const uint32_t stop_;
  const bool text_block_;
  size_t indent_ = 0;
  size_t column_ = 0;  // position within the current text-block line
  std::string text_;
  StringLiteralPieces result_;
};

}  // namespace

StringLiteralPieces SplitStringLiteral(std::string_view source, uint32_t begin, uint32_t end, bool text_block) {
  const uint32_t quote = text_block ? 3 : 1;
  if (end < begin + 2 * quote) {
    if (end >= begin + quote) begin += quote;
    StringLiteralPieces result;
    result.pieces.push_back({false, {}, begin, begin});
    return result;
  }
  return LiteralSplitter(source, begin + quote, end - quote, text_block).Split();
}

}  // namespace mast
