#include "compiler/format/format.h"

#include <algorithm>

#include "compiler/syntax/parse.h"
#include "compiler/syntax/tokens.h"

namespace mast {
namespace {

bool Is(const Token& token, std::string_view text) { return token.text == text; }

bool IsOpen(const Token& t) { return t.kind == TokenKind::kPunctuation && (Is(t, "{") || Is(t, "[") || Is(t, "(")); }
bool IsClose(const Token& t) { return t.kind == TokenKind::kPunctuation && (Is(t, "}") || Is(t, "]") || Is(t, ")")); }
bool IsComment(const Token& t) { return t.kind == TokenKind::kComment || t.kind == TokenKind::kDocComment; }

// Ends an operand: what a binary operator, a call or an index may follow.
bool EndsOperand(const Token& t) {
  switch (t.kind) {
    case TokenKind::kIdentifier:
    case TokenKind::kTypeName:
    case TokenKind::kNumber:
    case TokenKind::kString:
    case TokenKind::kTextBlock: return true;
    case TokenKind::kKeyword: return Is(t, "true") || Is(t, "false") || Is(t, "null");
    case TokenKind::kPunctuation: return Is(t, ")") || Is(t, "]") || Is(t, "}");
    default: return false;
  }
}

// A line that starts with one of these continues the previous line's expression.
bool ContinuesExpression(const Token& t) {
  if (t.kind == TokenKind::kOperator) return !Is(t, "!");
  if (t.kind == TokenKind::kKeyword) return Is(t, "then") || Is(t, "else") || Is(t, "with");
  return t.kind == TokenKind::kPunctuation && (Is(t, ".") || Is(t, "?."));
}

// A line that ends with one of these continues on the next line.
bool ExpectsContinuation(const Token& t) {
  if (t.kind == TokenKind::kOperator) return true;
  if (t.kind == TokenKind::kKeyword) return Is(t, "then") || Is(t, "else") || Is(t, "with") || Is(t, "in");
  return false;
}

class Formatter {
 public:
  Formatter(const SourceFile& source, const std::vector<Token>& tokens, const FormatOptions& options)
      : source_(source), tokens_(tokens), options_(options) {}

  std::string Run() {
    for (size_t i = 0; i < tokens_.size(); ++i) {
      const Token& token = tokens_[i];
      if (IsDroppedComma(i)) continue;
      const Token* previous = PreviousEmitted(i);
      size_t newlines = previous ? NewlinesBetween(*previous, token) : 0;
      bool trailing_comment = IsComment(token) && previous && newlines == 0 && !IsComment(*previous);
      if (previous && newlines > 0) {
        EndLine(std::min<size_t>(newlines, MaxNewlines(*previous, token)));
        StartLine(i);
      } else if (trailing_comment) {
        trailing_comments_.push_back(out_.size());  // spaced by AlignTrailingComments
      } else if (previous) {
        if (NeedsSpace(*previous, i)) out_ += ' ';
      } else {
        StartLine(i);
      }
      out_ += token.text;
      UpdateDepth(i);
      last_emitted_ = i;
    }
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\n')) out_.pop_back();
    if (!out_.empty()) out_ += '\n';
    AlignTrailingComments();
    return out_;
  }

 private:
  const Token* PreviousEmitted(size_t i) const { return i == 0 || last_emitted_ == kNone ? nullptr : &tokens_[last_emitted_]; }

  // At most one blank line in a row, and none right after an opening
  // bracket or right before a closing one.
  static size_t MaxNewlines(const Token& previous, const Token& next) {
    return IsOpen(previous) || IsClose(next) ? 1 : 2;
  }

  const Token* NextCode(size_t i) const {
    for (size_t j = i + 1; j < tokens_.size(); ++j) {
      if (!IsComment(tokens_[j])) return &tokens_[j];
    }
    return nullptr;
  }

  // Commas that the grammar makes optional and the canonical layout leaves
  // out: a trailing comma before a closing bracket (`[1, 2,]`, `{ a: 1, }`),
  // and a comma that ends a line between the entries of a braced block
  // (records, schemas, policies, tests), where a line break separates entries.
  bool IsDroppedComma(size_t i) const {
    const Token& token = tokens_[i];
    if (token.kind != TokenKind::kPunctuation || !Is(token, ",")) return false;
    const Token* next = NextCode(i);
    if (!next || IsClose(*next)) return true;
    if (depth_stack_.empty() || depth_stack_.back().bracket != '{') return false;
    const Token* following = i + 1 < tokens_.size() ? &tokens_[i + 1] : nullptr;
    if (following && IsComment(*following) && NewlinesBetween(token, *following) == 0) {
      return NewlinesBetween(*following, *next) > 0;
    }
    return NewlinesBetween(token, *next) > 0;
  }

  // Trailing comments on consecutive lines start in one column: two spaces
  // after the longest line's code.
  void AlignTrailingComments() {
    std::string aligned;
    size_t copied = 0;
    for (size_t run = 0; run < trailing_comments_.size();) {
      size_t end = run + 1;
      while (end < trailing_comments_.size() &&
             LineStart(trailing_comments_[end]) == NextLineStart(trailing_comments_[end - 1])) {
        ++end;
      }
      size_t column = 0;
      for (size_t k = run; k < end; ++k) column = std::max(column, CodeWidth(trailing_comments_[k]));
      for (size_t k = run; k < end; ++k) {
        size_t at = trailing_comments_[k];
        aligned.append(out_, copied, at - copied);
        aligned.append(column + 2 - CodeWidth(at), ' ');
        copied = at;
      }
      run = end;
    }
    aligned.append(out_, copied, std::string::npos);
    out_ = std::move(aligned);
  }

  size_t LineStart(size_t at) const {
    size_t newline = out_.rfind('\n', at == 0 ? 0 : at - 1);
    return newline == std::string::npos || at == 0 ? 0 : newline + 1;
  }
  size_t NextLineStart(size_t at) const {
    size_t newline = out_.find('\n', at);
    return newline == std::string::npos ? out_.size() : newline + 1;
  }
  // Code points between the start of the line and `at`.
  size_t CodeWidth(size_t at) const {
    size_t width = 0;
    for (size_t k = LineStart(at); k < at; ++k) width += (static_cast<unsigned char>(out_[k]) & 0xC0) != 0x80;
    return width;
  }

  size_t NewlinesBetween(const Token& a, const Token& b) const {
    return static_cast<size_t>(std::count(source_.text().begin() + a.range.end, source_.text().begin() + b.range.begin, '\n'));
  }

  void EndLine(size_t newlines) {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    out_.append(newlines, '\n');
  }

  // A line is indented one level deeper than the line that opened its
  // innermost bracket; a line that starts by closing brackets lines up with
  // the line that opened them. So `[{` opened on one line is one level.
  void StartLine(size_t i) {
    const Token& token = tokens_[i];
    line_ = i;
    size_t open = depth_stack_.size();
    for (size_t j = i; j < tokens_.size() && IsClose(tokens_[j]) && open > 0; ++j) {
      if (j > i && NewlinesBetween(tokens_[j - 1], tokens_[j]) > 0) break;
      --open;
    }
    size_t indent = 0;
    if (open < depth_stack_.size()) {
      indent = depth_stack_[open].line_indent;
    } else if (open > 0) {
      indent = depth_stack_[open - 1].line_indent + options_.indent;
    }
    if (!IsClose(token) && i > 0) {
      const Token* previous = PreviousCode(i);
      if (ContinuesExpression(token) || (previous && ExpectsContinuation(*previous))) indent += options_.indent;
    }
    line_indent_ = indent;
    out_.append(indent, ' ');
  }

  const Token* PreviousCode(size_t i) const {
    for (size_t j = i; j-- > 0;) {
      if (!IsComment(tokens_[j])) return &tokens_[j];
    }
    return nullptr;
  }

  void UpdateDepth(size_t i) {
    const Token& token = tokens_[i];
    if (IsOpen(token)) depth_stack_.push_back({token.text[0], line_indent_, IsMapTypeBrace(i)});
    if (IsClose(token) && !depth_stack_.empty()) depth_stack_.pop_back();
  }

  // The `:` before a check's or an assertion's message (`check replicas >= 2 :
  // "message"`, `assert x == 1 : "message"`), and a snapshot's (`snapshot
  // "app.mast" : "app.yaml"`).
  bool IsCheckColon(size_t i) const {
    const Token& first = tokens_[line_];
    bool message_keyword = Is(first, "check") || Is(first, "assert") || Is(first, "snapshot");
    if (!message_keyword || first.kind != TokenKind::kKeyword ||
        (line_ + 1 < tokens_.size() && Is(tokens_[line_ + 1], ":"))) {
      return false;
    }
    int depth = 0;
    for (size_t j = line_; j < i; ++j) {
      if (IsOpen(tokens_[j])) ++depth;
      if (IsClose(tokens_[j])) --depth;
    }
    return depth == 0;
  }

  bool IsUnary(size_t i) const {
    const Token& token = tokens_[i];
    if (!(Is(token, "-") || Is(token, "!")) || token.kind != TokenKind::kOperator) return false;
    if (Is(token, "!")) return true;
    const Token* previous = PreviousCode(i);
    return !previous || !EndsOperand(*previous);
  }

  // A keyword used as a field name (`type: "ClusterIP"`, `svc.type`).
  bool IsKeywordAsName(size_t i) const {
    const Token& token = tokens_[i];
    if (token.kind != TokenKind::kKeyword) return false;
    if (i + 1 < tokens_.size() && (Is(tokens_[i + 1], ":") || Is(tokens_[i + 1], "?"))) {
      return !(Is(token, "else") || Is(token, "then"));
    }
    return i > 0 && (Is(tokens_[i - 1], ".") || Is(tokens_[i - 1], "?."));
  }

  // `{string: T}`, the map type, is written tight, like `[T]`; every other
  // braced block has a space inside its braces: `{ name: "web" }`.
  bool IsMapTypeBrace(size_t i) const {
    return Is(tokens_[i], "{") && i + 2 < tokens_.size() && Is(tokens_[i + 1], "string") &&
           Is(tokens_[i + 2], ":");
  }

  bool NeedsSpace(const Token& left, size_t i) const {
    const Token& right = tokens_[i];
    if (IsComment(right) || IsComment(left)) return true;
    // Tight pairs.
    if (Is(right, ",") || Is(right, ".") || Is(right, "?.") || Is(left, ".") || Is(left, "?.")) return false;
    if (Is(right, "..") && (Is(left, ":") || Is(left, ","))) return true;  // `len: ..63`
    if (Is(left, "..") || Is(right, "..")) return false;
    if (Is(right, ":")) return IsCheckColon(i);
    if (Is(right, "?") && right.kind == TokenKind::kPunctuation) return false;
    if (Is(left, "(") || Is(left, "[") || Is(right, ")") || Is(right, "]")) return false;
    if (Is(left, "{")) return !Is(right, "}") && !depth_stack_.back().tight;
    if (Is(right, "}")) return depth_stack_.empty() || !depth_stack_.back().tight;
    if (left.kind == TokenKind::kOperator && IsUnary(last_emitted_)) return false;
    bool left_is_name = EndsOperand(left) || IsKeywordAsName(last_emitted_);
    if ((Is(right, "(") || Is(right, "[")) && left_is_name && left.kind != TokenKind::kKeyword) return false;
    if (Is(right, "(") && IsKeywordAsName(last_emitted_)) return false;
    return true;
  }

  const SourceFile& source_;
  const std::vector<Token>& tokens_;
  const FormatOptions& options_;
  struct Open {
    char bracket;
    size_t line_indent;  // indentation of the line that opened it
    bool tight;          // `{string: T}`: no spaces inside
  };
  static constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<Open> depth_stack_;
  size_t line_ = 0;         // index of the first token of the current line
  size_t line_indent_ = 0;  // indentation of the current line
  size_t last_emitted_ = kNone;           // the last token written (dropped commas are not)
  std::vector<size_t> trailing_comments_;  // offsets in out_ where a trailing comment starts
  std::string out_;
};

}  // namespace

FormatResult FormatMast(const SourceFile& source, FileId file, const FormatOptions& options) {
  FormatResult result;
  ParseResult parsed = Parse(source, file);
  if (parsed.diagnostics.HasErrors()) {
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  std::vector<Token> tokens = Lex(source, file);
  for (const Token& token : tokens) {
    if (token.kind == TokenKind::kError) {
      result.diagnostics.Report(DiagnosticCode::E0101, token.range, "unexpected character `" + token.text + "`");
      return result;
    }
  }
  result.text = Formatter(source, tokens, options).Run();
  result.ok = true;
  return result;
}

}  // namespace mast
