// The fast path's scanner and parser in one pass; see block_scanner.h. The
// marks it gives each event are the ones libyaml gives (parser.c and
// scanner.c of libyaml 0.2.5):
// - an implicit document starts and ends at zero width: at its first token,
//   and at the next `---` (or the end of the text);
// - a block collection starts at zero width at its first key or `-`;
// - a flow collection's start and end cover its bracket;
// - an empty node is a zero-width plain scalar just after the `:` or `-`
//   that introduced it, or, for an empty document, at the next `---` or the
//   end of the text.
#include "compiler/yaml/block_scanner.h"

#include <array>
#include <cstring>
#include <limits>

namespace mast::yaml_internal {

namespace {

// libyaml forgets a possible key after 1,024 characters; stay well below.
constexpr size_t kMaxKeyLength = 1000;

// Bytes that stop the run of ordinary characters of a plain scalar.
constexpr std::array<bool, 256> MakeStops(std::string_view stops) {
  std::array<bool, 256> table{};
  for (char c : stops) table[static_cast<unsigned char>(c)] = true;
  return table;
}
constexpr std::array<bool, 256> kBlockPlainStops = MakeStops(" \n:");
constexpr std::array<bool, 256> kFlowPlainStops = MakeStops(" \n:,[]{}");

bool IsIndicator(char c) {
  switch (c) {
    case '-': case '?': case ':': case ',': case '[': case ']': case '{': case '}': case '#':
    case '&': case '*': case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
      return true;
    default:
      return false;
  }
}

bool IsFlowIndicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

// The byte a double-quoted escape stands for, or -1 for escapes the fast path leaves to libyaml.
int EscapedByte(char c) {
  switch (c) {
    case '0': return 0;
    case 'a': return 7;
    case 'b': return 8;
    case 't': return 9;
    case 'n': return 10;
    case 'v': return 11;
    case 'f': return 12;
    case 'r': return 13;
    case 'e': return 27;
    case ' ': case '"': case '/': case '\\': return c;
    default: return -1;
  }
}

}  // namespace

BlockScanner::BlockScanner(std::string_view text, size_t max_depth) : text_(text), max_depth_(max_depth) {}

std::string_view BlockScanner::TextOf(const FastEvent& event) const {
  const std::string_view source = event.owned_text ? std::string_view(buffer_) : text_;
  return source.substr(event.text_begin, event.text_length);
}

bool BlockScanner::Scan() {
  if (text_.size() >= std::numeric_limits<uint32_t>::max()) return false;
  // Tabs and CR change how libyaml counts indentation and breaks; leave them to it.
  if (std::memchr(text_.data(), '\t', text_.size()) != nullptr) return false;
  if (std::memchr(text_.data(), '\r', text_.size()) != nullptr) return false;
  events_.clear();
  buffer_.clear();
  events_.reserve(text_.size() / 8 + 4);
  return ScanDocuments();
}

bool BlockScanner::ScanDocuments() {
  size_t at;
  if (!SkipBlankLines(0, &at)) return false;
  while (at < text_.size()) {
    size_t content = at;
    if (IsDocumentMarker(at)) {
      Emit(FastEventKind::kDocumentStart, false, at, at + 3);
      size_t line;
      if (!RestOfLine(at + 3, &line) || !SkipBlankLines(line, &content)) return false;
      if (!IsContent(content)) {
        EmitEmptyScalar(content);
        Emit(FastEventKind::kDocumentEnd, false, content, content);
        at = content;
        continue;
      }
    } else {
      Emit(FastEventKind::kDocumentStart, false, at, at);
    }
    size_t next;
    if (!ParseBlockNode(content, -1, &next)) return false;
    if (IsContent(next)) return false;  // more after the root node
    Emit(FastEventKind::kDocumentEnd, false, next, next);
    at = next;
  }
  return true;
}

// A node that starts a line (at its first content byte).
bool BlockScanner::ParseBlockNode(size_t at, int parent_indent, size_t* next) {
  if (IsSequenceEntry(at)) return ParseBlockSequence(at, Column(at), false, next);
  const char c = text_[at];
  const bool flow = c == '[' || c == '{';
  if (!flow && IsKeyLine(at)) return ParseBlockMapping(at, Column(at), next);
  size_t end;
  if (!(flow ? ParseFlow(at, &end) : ScanScalar(at, false, &end))) return false;
  return FinishLine(end, parent_indent, next);
}

// The node after a `:` or `-` of a block collection whose indentation is `indent`.
bool BlockScanner::ParseValue(size_t after_indicator, int indent, bool mapping_value, size_t* next) {
  const size_t start = SkipSpaces(after_indicator);
  if (start < text_.size() && text_[start] != '\n' && text_[start] != '#') {
    return ParseInlineNode(start, indent, mapping_value, next);
  }
  size_t line;
  size_t content;
  if (!RestOfLine(after_indicator, &line) || !SkipBlankLines(line, &content)) return false;
  if (IsContent(content)) {
    const int column = Column(content);
    if (column > indent) return ParseBlockNode(content, indent, next);
    if (mapping_value && column == indent && IsSequenceEntry(content)) {
      return ParseBlockSequence(content, indent, true, next);
    }
  }
  EmitEmptyScalar(after_indicator);
  *next = content;
  return true;
}

// A node on the same line as the `:` or `-` before it.
bool BlockScanner::ParseInlineNode(size_t at, int indent, bool mapping_value, size_t* next) {
  const char c = text_[at];
  const bool flow = c == '[' || c == '{';
  if (IsSequenceEntry(at) || (!flow && IsKeyLine(at))) {
    // `- - a` and `- a: b` nest a compact collection; after a `:` both are errors.
    if (mapping_value) return false;
    if (c == '-' && IsSequenceEntry(at)) return ParseBlockSequence(at, Column(at), false, next);
    return ParseBlockMapping(at, Column(at), next);
  }
  size_t end;
  if (!(flow ? ParseFlow(at, &end) : ScanScalar(at, false, &end))) return false;
  return FinishLine(end, indent, next);
}

bool BlockScanner::ParseBlockMapping(size_t at, int indent, size_t* next) {
  if (!Enter()) return false;
  Emit(FastEventKind::kMappingStart, false, at, at);
  size_t key = at;
  while (true) {
    size_t key_end;
    if (!ScanKey(key, &key_end)) return false;
    const size_t colon = SkipSpaces(key_end);
    if (At(colon) != ':' || !IsBlankOrEnd(colon + 1) || colon - key > kMaxKeyLength) return false;
    size_t after;
    if (!ParseValue(colon + 1, indent, true, &after)) return false;
    if (!IsContent(after) || Column(after) < indent) {
      *next = after;
      break;
    }
    if (Column(after) > indent || IsSequenceEntry(after)) return false;
    key = after;
  }
  Emit(FastEventKind::kMappingEnd, false, *next, *next);
  Leave();
  return true;
}

bool BlockScanner::ParseBlockSequence(size_t at, int indent, bool indentless, size_t* next) {
  if (!Enter()) return false;
  Emit(FastEventKind::kSequenceStart, false, at, at);
  size_t entry = at;
  while (true) {
    size_t after;
    if (!ParseValue(entry + 1, indent, false, &after)) return false;
    if (!IsContent(after) || Column(after) < indent) {
      *next = after;
      break;
    }
    if (Column(after) > indent) return false;
    if (!IsSequenceEntry(after)) {
      if (!indentless) return false;
      *next = after;  // the mapping that holds the sequence goes on
      break;
    }
    entry = after;
  }
  Emit(FastEventKind::kSequenceEnd, false, *next, *next);
  Leave();
  return true;
}

// A flow collection on one line.
bool BlockScanner::ParseFlow(size_t at, size_t* end) {
  if (!Enter()) return false;
  const bool mapping = text_[at] == '{';
  const char close = mapping ? '}' : ']';
  Emit(mapping ? FastEventKind::kMappingStart : FastEventKind::kSequenceStart, true, at, at + 1);
  size_t p = SkipSpaces(at + 1);
  while (At(p) != close) {
    size_t entry_end;
    if (!ParseFlowEntry(p, mapping, &entry_end)) return false;
    p = SkipSpaces(entry_end);
    if (At(p) == ',') {
      p = SkipSpaces(p + 1);
      if (At(p) == close) return false;  // a trailing comma: leave it to libyaml
    } else if (At(p) != close) {
      return false;
    }
  }
  Emit(mapping ? FastEventKind::kMappingEnd : FastEventKind::kSequenceEnd, true, p, p + 1);
  *end = p + 1;
  Leave();
  return true;
}

bool BlockScanner::ParseFlowEntry(size_t at, bool in_mapping, size_t* end) {
  if (!in_mapping) {
    // `[a: b]` would be a one-pair mapping inside the sequence.
    return ParseFlowNode(at, end) && At(SkipSpaces(*end)) != ':';
  }
  if (At(at) == '[' || At(at) == '{') return false;
  size_t key_end;
  if (!ScanScalar(at, true, &key_end)) return false;
  const size_t colon = SkipSpaces(key_end);
  if (At(colon) != ':' || At(colon + 1) != ' ' || colon - at > kMaxKeyLength) return false;
  return ParseFlowNode(SkipSpaces(colon + 1), end);
}

bool BlockScanner::ParseFlowNode(size_t at, size_t* end) {
  const char c = At(at);
  if (c == '[' || c == '{') return ParseFlow(at, end);
  return ScanScalar(at, true, end);
}

// After a node that ends its line: the line may only hold a comment, and the
// next content may not be indented deeper than `indent` (that would be a
// continuation of a multi-line scalar, or an error).
bool BlockScanner::FinishLine(size_t end, int indent, size_t* next) {
  size_t line;
  if (!RestOfLine(end, &line) || !SkipBlankLines(line, next)) return false;
  return !IsContent(*next) || Column(*next) <= indent;
}

bool BlockScanner::ScanScalar(size_t at, bool flow, size_t* end) {
  const char c = At(at);
  if (c == '\'') return ScanSingleQuoted(at, end);
  if (c == '"') return ScanDoubleQuoted(at, end);
  if (!CanStartPlain(at, flow)) return false;
  if (flow) return ScanPlainFlow(at, end);
  size_t stop;
  const size_t last = PlainBlockEnd(at, &stop);
  if (At(stop) == ':') return false;  // `a: b: c`
  EmitScalar(FastScalarStyle::kPlain, at, last, at, last);
  *end = last;
  return true;
}

bool BlockScanner::ScanKey(size_t at, size_t* end) {
  const char c = At(at);
  if (c == '\'') return ScanSingleQuoted(at, end);
  if (c == '"') return ScanDoubleQuoted(at, end);
  if (!CanStartPlain(at, false)) return false;
  size_t stop;
  const size_t last = PlainBlockEnd(at, &stop);
  if (At(stop) != ':') return false;
  EmitScalar(FastScalarStyle::kPlain, at, last, at, last);
  *end = last;
  return true;
}

size_t BlockScanner::PlainBlockEnd(size_t at, size_t* stop) const {
  const size_t size = text_.size();
  size_t p = at;
  size_t last = at;
  while (p < size) {
    const unsigned char c = static_cast<unsigned char>(text_[p]);
    if (!kBlockPlainStops[c]) {
      last = ++p;
      continue;
    }
    if (c == '\n') break;
    if (c == ' ') {
      if (At(p + 1) == '#') break;
      ++p;
      continue;
    }
    if (IsBlankOrEnd(p + 1)) break;  // `: `
    last = ++p;                      // `:` inside, as in `image: nginx:1.27`
  }
  *stop = p;
  return last;
}

bool BlockScanner::ScanPlainFlow(size_t at, size_t* end) {
  const size_t size = text_.size();
  size_t p = at;
  size_t last = at;
  while (p < size) {
    const unsigned char c = static_cast<unsigned char>(text_[p]);
    if (!kFlowPlainStops[c]) {
      last = ++p;
      continue;
    }
    if (c == '\n') return false;  // a flow collection over several lines
    if (IsFlowIndicator(static_cast<char>(c))) break;
    if (c == ' ') {
      if (At(p + 1) == '#') return false;  // a comment inside a flow collection
      ++p;
      continue;
    }
    const char after = At(p + 1);  // c == ':'
    if (after == ' ' || after == '\n' || after == '\0') break;
    if (after == '?' || IsFlowIndicator(after)) return false;  // libyaml rejects `a:,`
    last = ++p;
  }
  if (p >= size) return false;
  EmitScalar(FastScalarStyle::kPlain, at, last, at, last);
  *end = last;
  return true;
}

size_t BlockScanner::ClosingQuote(size_t at) const {
  const char quote = text_[at];
  for (size_t p = at + 1; p < text_.size(); ++p) {
    const char c = text_[p];
    if (c == '\n') return std::string_view::npos;
    if (quote == '\'' && c == '\'') {
      if (At(p + 1) != '\'') return p;
      ++p;
    } else if (quote == '"' && c == '"') {
      return p;
    } else if (quote == '"' && c == '\\') {
      if (EscapedByte(At(p + 1)) < 0) return std::string_view::npos;
      ++p;
    }
  }
  return std::string_view::npos;
}

bool BlockScanner::ScanSingleQuoted(size_t at, size_t* end) {
  const size_t close = ClosingQuote(at);
  if (close == std::string_view::npos) return false;
  *end = close + 1;
  const std::string_view inner = text_.substr(at + 1, close - at - 1);
  if (inner.find('\'') == std::string_view::npos) {
    EmitScalar(FastScalarStyle::kSingleQuoted, at, close + 1, at + 1, close);
    return true;
  }
  const size_t buffer_begin = buffer_.size();
  for (size_t i = 0; i < inner.size(); ++i) {
    buffer_ += inner[i];
    if (inner[i] == '\'') ++i;  // `''` stands for `'`
  }
  EmitOwnedScalar(FastScalarStyle::kSingleQuoted, at, close + 1, buffer_begin);
  return true;
}

bool BlockScanner::ScanDoubleQuoted(size_t at, size_t* end) {
  const size_t close = ClosingQuote(at);
  if (close == std::string_view::npos) return false;
  *end = close + 1;
  const std::string_view inner = text_.substr(at + 1, close - at - 1);
  if (inner.find('\\') == std::string_view::npos) {
    EmitScalar(FastScalarStyle::kDoubleQuoted, at, close + 1, at + 1, close);
    return true;
  }
  const size_t buffer_begin = buffer_.size();
  for (size_t i = 0; i < inner.size(); ++i) {
    if (inner[i] == '\\') {
      buffer_ += static_cast<char>(EscapedByte(inner[++i]));
    } else {
      buffer_ += inner[i];
    }
  }
  EmitOwnedScalar(FastScalarStyle::kDoubleQuoted, at, close + 1, buffer_begin);
  return true;
}

bool BlockScanner::CanStartPlain(size_t at, bool flow) const {
  const char c = At(at);
  if (c == '\0' || c == ' ' || c == '\n') return false;
  if (c != '-') return !IsIndicator(c);
  const char after = At(at + 1);
  return after != '\0' && after != ' ' && after != '\n' && !(flow && IsFlowIndicator(after));
}

bool BlockScanner::IsKeyLine(size_t at) const {
  size_t end;
  const char c = At(at);
  if (c == '\'' || c == '"') {
    const size_t close = ClosingQuote(at);
    if (close == std::string_view::npos) return false;
    end = SkipSpaces(close + 1);
  } else {
    if (!CanStartPlain(at, false)) return false;
    PlainBlockEnd(at, &end);
  }
  return At(end) == ':' && IsBlankOrEnd(end + 1);
}

size_t BlockScanner::SkipSpaces(size_t at) const {
  while (at < text_.size() && text_[at] == ' ') ++at;
  return at;
}

bool BlockScanner::SkipBlankLines(size_t line, size_t* content) {
  const size_t size = text_.size();
  while (line < size) {
    line_start_ = line;
    const size_t at = SkipSpaces(line);
    const char c = At(at);
    if (c == '\n') {
      line = at + 1;
    } else if (c == '#') {
      const void* line_break = std::memchr(text_.data() + at, '\n', size - at);
      if (line_break == nullptr) break;
      line = static_cast<size_t>(static_cast<const char*>(line_break) - text_.data()) + 1;
    } else if (c == '\0' && at == size) {
      break;
    } else {
      // `...` ends a document and `%` starts a directive: libyaml's part.
      if (at == line && (c == '%' || (text_.compare(at, 3, "...") == 0 && IsBlankOrEnd(at + 3)))) return false;
      *content = at;
      return true;
    }
  }
  line_start_ = size;
  *content = size;
  return true;
}

bool BlockScanner::RestOfLine(size_t at, size_t* next_line) const {
  const size_t p = SkipSpaces(at);
  const size_t size = text_.size();
  if (p >= size) {
    *next_line = size;
    return true;
  }
  if (text_[p] == '\n') {
    *next_line = p + 1;
    return true;
  }
  // A comment needs a blank before it: `"a"#b` is an error.
  if (text_[p] != '#' || (p > 0 && text_[p - 1] != ' ' && text_[p - 1] != '\n')) return false;
  const void* line_break = std::memchr(text_.data() + p, '\n', size - p);
  *next_line = line_break == nullptr ? size : static_cast<size_t>(static_cast<const char*>(line_break) - text_.data()) + 1;
  return true;
}

bool BlockScanner::IsDocumentMarker(size_t at) const {
  return at == line_start_ && text_.compare(at, 3, "---") == 0 && IsBlankOrEnd(at + 3);
}

void BlockScanner::Emit(FastEventKind kind, bool flow, size_t begin, size_t end) {
  FastEvent event;
  event.kind = kind;
  event.flow = flow;
  event.begin = static_cast<uint32_t>(begin);
  event.end = static_cast<uint32_t>(end);
  events_.push_back(event);
}

void BlockScanner::EmitScalar(FastScalarStyle style, size_t begin, size_t end, size_t text_begin, size_t text_end) {
  FastEvent event;
  event.kind = FastEventKind::kScalar;
  event.scalar_style = style;
  event.begin = static_cast<uint32_t>(begin);
  event.end = static_cast<uint32_t>(end);
  event.text_begin = static_cast<uint32_t>(text_begin);
  event.text_length = static_cast<uint32_t>(text_end - text_begin);
  events_.push_back(event);
}

void BlockScanner::EmitOwnedScalar(FastScalarStyle style, size_t begin, size_t end, size_t buffer_begin) {
  EmitScalar(style, begin, end, buffer_begin, buffer_.size());
  events_.back().owned_text = true;
}

bool BlockScanner::Enter() { return ++depth_ <= max_depth_; }

}  // namespace mast::yaml_internal
