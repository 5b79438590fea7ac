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

StringLiteralPieces SplitStringLiteral(std::string_view source, uint32_t begin, uint32_t end, bool text_block) {
  StringLiteralPieces result;
  const uint32_t quote = text_block ? 3 : 1;
  if (end < begin + 2 * quote) {
    if (end >= begin + quote) begin += quote;
    result.pieces.push_back({false, {}, begin, begin});
    return result;
  }
  uint32_t i = begin + quote;
  const uint32_t stop = end - quote;
  size_t indent = 0;
  if (text_block) {
    std::string_view body = source.substr(i, stop - i);
    if (!body.empty() && body[0] == '\n') ++i;
    else if (body.size() > 1 && body[0] == '\r' && body[1] == '\n') i += 2;
    indent = CommonIndent(source.substr(i, stop - i));
  }
  std::string text;
  size_t column = 0;  // position within the current text-block line
  auto flush = [&] {
    if (!text.empty()) result.pieces.push_back({false, std::move(text), 0, 0});
    text.clear();
  };
  while (i < stop) {
    char c = source[i];
    if (text_block && c == '\r' && i + 1 < stop && source[i + 1] == '\n') {
      ++i;  // CRLF becomes LF in text blocks
      continue;
    }
    if (text_block && column < indent && (c == ' ' || c == '\t')) {
      ++column;
      ++i;
      continue;
    }
    if (c == '$' && i + 1 < stop && source[i + 1] == '{') {
      size_t close = InterpolationEnd(source, i + 2, stop, text_block);
      if (close == std::string_view::npos) {
        result.errors.push_back({i, stop, "unterminated `${` in string; add the closing `}`"});
        break;
      }
      flush();
      uint32_t expr_begin = i + 2;
      uint32_t expr_end = static_cast<uint32_t>(close);
      if (expr_begin == expr_end) {
        result.errors.push_back({i, expr_end + 1, "empty interpolation `${}`"});
      } else {
        result.pieces.push_back({true, {}, expr_begin, expr_end});
      }
      column += expr_end + 1 - i;
      i = expr_end + 1;
      continue;
    }
    if (!text_block && c == '\\' && i + 1 < stop) {
      char e = source[i + 1];
      switch (e) {
        case 'n': text += '\n'; break;
        case 't': text += '\t'; break;
        case 'r': text += '\r'; break;
        case '"': text += '"'; break;
        case '\\': text += '\\'; break;
        case '$': text += '$'; break;
        case '0': text += '\0'; break;
        case 'u': {
          size_t close = source.find('}', i + 2);
          bool ok = i + 2 < stop && source[i + 2] == '{' && close != std::string_view::npos && close < stop &&
                    close > i + 3 && close - (i + 3) <= 6;
          uint32_t cp = 0;
          if (ok) {
            for (size_t k = i + 3; k < close && ok; ++k) {
              char h = source[k];
              int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                          : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
              if (digit < 0) ok = false;
              else cp = cp * 16 + static_cast<uint32_t>(digit);
            }
          }
          if (!ok || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            result.errors.push_back({i, i + 2, "invalid unicode escape; write `\\u{1F600}` with 1 to 6 hex digits"});
            i += 2;
            continue;
          }
          AppendUtf8(text, cp);
          i = static_cast<uint32_t>(close) + 1;
          continue;
        }
        default:
          result.errors.push_back({i, i + 2, std::string("unknown escape `\\") + e +
                                                 "`; use one of \\n \\t \\r \\\" \\\\ \\$ \\u{...}"});
          break;
      }
      i += 2;
      continue;
    }
    text += c;
    column = c == '\n' ? 0 : column + 1;
    ++i;
  }
  if (text_block && !text.empty()) {
    // The line holding the closing """ is not part of the text.
    size_t last_newline = text.rfind('\n');
    std::string_view tail = std::string_view(text).substr(last_newline == std::string::npos ? 0 : last_newline + 1);
    if (tail.find_first_not_of(" \t") == std::string_view::npos) {
      text.erase(last_newline == std::string::npos ? 0 : last_newline + 1);
    }
  }
  flush();
  if (result.pieces.empty()) result.pieces.push_back({false, {}, 0, 0});
  return result;
}

}  // namespace mast
