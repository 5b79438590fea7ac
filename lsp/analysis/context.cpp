#include "lsp/analysis/context.h"
#include "lsp/analysis/context_tokens.h"

#include <algorithm>

#include "schemas/kube_catalog.h"

namespace mast::lsp {

using context_tokens::IsWordKind;
using context_tokens::kNone;
using context_tokens::Unquote;

struct ContextAnalyzer::Frame {
  char bracket = 0;  // '{', '[' or '('
  size_t open = kNone;
  LTypeRef type;     // '{': the record's type; '[': the list's type
  bool schema_body = false;
  bool policy_body = false;
  bool fn_header = false;  // the parameter list of `fn f(...)`
  // Records.
  bool in_value = false;
  bool after_assign = false;  // schema body: past the `=` of a default
  std::string key;
  std::vector<std::string> keys;
  size_t entry_start = kNone;
  // Lists.
  bool comprehension_head = false;
  // Calls.
  bool is_call = false;
  size_t argument = 0;
};

ContextAnalyzer::ContextAnalyzer(std::string_view text, std::shared_ptr<const ParsedFile> file, EditorTypes& types,
                                 NameTypes names)
    : text_(text), file_(std::move(file)), names_(std::move(names)), types_(types), tokens_(LexMast(text)) {}

size_t ContextAnalyzer::TokenIndexAt(uint32_t offset) const {
  auto it = std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                             [](const Tok& tok, uint32_t value) { return tok.end <= value; });
  return static_cast<size_t>(it - tokens_.begin());
}

// The compiler's splitting rule (docs/language.md, "How a file is split"):
// outside brackets a declaration keyword starts a declaration; in column 1
// it does so even inside brackets, unless it is a field name.
size_t ContextAnalyzer::DeclarationStart(size_t limit) const {
  size_t start = 0;
  int depth = 0;
  const Tok* previous = nullptr;
  for (size_t i = 0; i < limit && i < tokens_.size(); ++i) {
    const Tok& tok = tokens_[i];
    if (tok.IsTrivia()) continue;
    std::string_view word = tok.Text(text_);
    if (tok.kind == TokKind::kKeyword && IsDeclarationKeyword(word)) {
      const Tok* next = nullptr;
      for (size_t j = i + 1; j < tokens_.size(); ++j) {
        if (!tokens_[j].IsTrivia()) {
          next = &tokens_[j];
          break;
        }
      }
      bool field_name = next && (next->Is(text_, ":") || next->Is(text_, "?"));
      bool column_one = tok.line_start && tok.column == 0 && !field_name;
      bool starts = column_one || (depth == 0 && !field_name);
      if (word == "let" && !column_one) {
        // `let` after `=`, `then`, `else`, `in` or an operator is `let ... in`.
        bool after_value = previous && (previous->kind == TokKind::kIdent || previous->kind == TokKind::kTypeIdent ||
                                        previous->kind == TokKind::kNumber || previous->kind == TokKind::kString ||
                                        previous->kind == TokKind::kTextBlock || previous->Is(text_, ")") ||
                                        previous->Is(text_, "]") || previous->Is(text_, "}") ||
                                        previous->Is(text_, "true") || previous->Is(text_, "false") ||
                                        previous->Is(text_, "null"));
        starts = depth == 0 && after_value;
      }
      if (starts) {
        start = i;
        depth = 0;
      }
    } else if (tok.Is(text_, "{") || tok.Is(text_, "[") || tok.Is(text_, "(")) {
      ++depth;
    } else if (tok.Is(text_, "}") || tok.Is(text_, "]") || tok.Is(text_, ")")) {
      if (depth > 0) --depth;
    }
    previous = &tok;
  }
  return start;
}

// Expected type of a value that starts at token `at`, given the open frames.
LTypeRef ContextAnalyzer::ValueExpectedType(const std::vector<Frame>& frames, size_t decl_start, size_t at) {
  if (frames.empty()) return DeclaredType(decl_start, at);
  const Frame& top = frames.back();
  if (top.bracket == '{') {
    if (top.schema_body) {
      if (!top.in_value || !top.after_assign || top.entry_start == kNone) return nullptr;
      size_t i = top.entry_start;
      while (i < at && !tokens_[i].Is(text_, ":")) ++i;
      ++i;
      return TypeFromTokens(i, at);
    }
    if (top.policy_body) return nullptr;
    if (!top.in_value) return top.type;  // `if c {`: a conditional entry of the same record
    if (std::optional<FieldInfo> field = types_.Field(top.type, top.key)) return field->type;
    return types_.MapValue(top.type);
  }
  if (top.bracket == '[') return top.comprehension_head ? nullptr : types_.Element(top.type);
  if (top.bracket == '(') {
    if (top.fn_header) return nullptr;
    if (top.is_call) return CalleeParameterType(top.open, top.argument);
    std::vector<Frame> outer(frames.begin(), frames.end() - 1);
    return ValueExpectedType(outer, decl_start, top.open);
  }
  return nullptr;
}

bool ContextAnalyzer::EndsValue(size_t i) const {
  const Tok& tok = tokens_[i];
  const std::string_view word = tok.Text(text_);
  return tok.kind == TokKind::kIdent || tok.kind == TokKind::kTypeIdent || tok.kind == TokKind::kNumber ||
         tok.kind == TokKind::kString || tok.kind == TokKind::kTextBlock || word == ")" || word == "]" || word == "}" ||
         word == "true" || word == "false" || word == "null";
}

void ContextAnalyzer::StartEntry(Frame& record) {
  record.in_value = false;
  record.after_assign = false;
  record.key.clear();
  record.entry_start = kNone;
}

bool ContextAnalyzer::StartsEntryOnNewLine(const Frame& record, size_t i, size_t previous) const {
  const Tok& tok = tokens_[i];
  if (record.bracket != '{' || !record.in_value || !tok.line_start || previous == kNone || !EndsValue(previous) ||
      !(IsWordKind(tok.kind) || tok.kind == TokKind::kString)) {
    return false;
  }
  const bool key_follows =
      i + 1 < tokens_.size() && (tokens_[i + 1].Is(text_, ":") ||
                                 (tokens_[i + 1].Is(text_, "?") && i + 2 < tokens_.size() && tokens_[i + 2].Is(text_, ":")));
  const std::string_view word = tok.Text(text_);
  return key_follows || word == "if" || word == "for" || word == "check";
}

ContextAnalyzer::Frame ContextAnalyzer::OpenRecord(const std::vector<Frame>& frames, size_t begin, size_t i,
                                                   size_t previous) {
  Frame frame;
  frame.bracket = '{';
  frame.open = i;
  const size_t name = previous;
  if (name != kNone && tokens_[name].kind == TokKind::kTypeIdent) {
    if (name >= 1 && tokens_[name - 1].Is(text_, "schema")) {
      frame.schema_body = true;
    } else {
      std::string alias;
      if (name >= 2 && tokens_[name - 1].Is(text_, ".") && tokens_[name - 2].kind == TokKind::kIdent) {
        alias = std::string(tokens_[name - 2].Text(text_));
      }
      frame.type = types_.Named(file_, alias, tokens_[name].Text(text_));
    }
  } else if (name != kNone && tokens_[name].kind == TokKind::kString && name >= 1 &&
             tokens_[name - 1].Is(text_, "policy")) {
    frame.policy_body = true;
  } else {
    frame.type = ValueExpectedType(frames, begin, i);
  }
  if (!frame.schema_body && !frame.policy_body &&
      (!frame.type || frame.type->kind == LType::Kind::kUnknown || frame.type->kind == LType::Kind::kAny)) {
    if (LTypeRef inferred = InferRecordFromEntries(i)) frame.type = inferred;
  }
  return frame;
}

ContextAnalyzer::Frame ContextAnalyzer::OpenBracket(const std::vector<Frame>& frames, size_t begin, size_t i,
                                                    size_t previous) {
  const char bracket = text_[tokens_[i].begin];
  if (bracket == '{') return OpenRecord(frames, begin, i, previous);
  Frame frame;
  frame.bracket = bracket;
  frame.open = i;
  if (bracket == '[') {
    frame.type = ValueExpectedType(frames, begin, i);
  } else if (previous != kNone) {
    const Tok& before = tokens_[previous];
    frame.fn_header = before.kind == TokKind::kIdent && previous >= 1 && tokens_[previous - 1].Is(text_, "fn");
    frame.is_call = !frame.fn_header && (before.kind == TokKind::kIdent || before.Is(text_, ")") || before.Is(text_, "]"));
  }
  return frame;
}

void ContextAnalyzer::ReadSeparator(Frame& top, std::string_view word, size_t previous) const {
  if (word == ",") {
    if (top.bracket == '{') StartEntry(top);
    else if (top.bracket == '[') top.comprehension_head = false;
    else ++top.argument;
  } else if (word == ":" && top.bracket == '{' && !top.in_value) {
    size_t key = previous;
    if (key != kNone && tokens_[key].Is(text_, "?") && key > top.open + 1) --key;
    if (key != kNone && key > top.open && (IsWordKind(tokens_[key].kind) || tokens_[key].kind == TokKind::kString)) {
      top.key = Unquote(tokens_[key].Text(text_));
      top.keys.push_back(top.key);
    }
    top.in_value = true;
  } else if (word == "=" && top.bracket == '{' && top.schema_body && top.in_value) {
    top.after_assign = true;
  } else if (word == "for" && top.bracket == '[') {
    top.comprehension_head = true;
  } else if (word == ":" && top.bracket == '[' && top.comprehension_head) {
    top.comprehension_head = false;
  }
}

std::vector<ContextAnalyzer::Frame> ContextAnalyzer::Scan(size_t begin, size_t end) {
  std::vector<Frame> frames;
  size_t previous = kNone;
  for (size_t i = begin; i < end; ++i) {
    const Tok& tok = tokens_[i];
    if (tok.IsTrivia()) continue;
    const std::string_view word = tok.Text(text_);
    if (!frames.empty()) {
      Frame& top = frames.back();
      // A record entry that starts on a new line after a complete value.
      if (StartsEntryOnNewLine(top, i, previous)) StartEntry(top);
      if (top.bracket == '{' && !top.in_value && top.entry_start == kNone && word != "}" && word != ",") {
        top.entry_start = i;
      }
    }
    if (word == "{" || word == "[" || word == "(") {
      Frame frame = OpenBracket(frames, begin, i, previous);
      frames.push_back(std::move(frame));
    } else if (word == "}" || word == "]" || word == ")") {
      const char open = word == "}" ? '{' : word == "]" ? '[' : '(';
      for (size_t k = frames.size(); k-- > 0;) {
        if (frames[k].bracket == open) {
          frames.resize(k);
          break;
        }
      }
    } else if (!frames.empty()) {
      ReadSeparator(frames.back(), word, previous);
    }
    previous = i;
  }
  return frames;
}


// Where the cursor is in the tokens: the declaration it is in, the brackets
// open around it, and the last token before it.
struct ContextAnalyzer::CursorScan {
  size_t scan_end = 0;
  size_t decl_start = 0;
  std::vector<Frame> frames;
  size_t previous = kNone;  // the last non-trivia token before scan_end
};

bool ContextAnalyzer::PreviousIs(const CursorScan& scan, std::string_view token) const {
  return scan.previous != kNone && tokens_[scan.previous].Is(text_, token);
}

// Sets the word or string the cursor is in and where the scan before it
// ends; false when the cursor is where nothing completes (a comment, a
// text block).
bool ContextAnalyzer::LocateCursorWord(uint32_t offset, CursorContext& context, size_t& scan_end) const {
  size_t index = TokenIndexAt(offset);  // first token ending after offset
  // The token the cursor is in or right after.
  size_t current = kNone;
  if (index < tokens_.size() && tokens_[index].begin < offset) current = index;
  else if (index > 0 && tokens_[index - 1].end == offset) current = index - 1;

  scan_end = index;
  if (current == kNone) return true;
  const Tok& tok = tokens_[current];
  if (tok.kind == TokKind::kComment || tok.kind == TokKind::kDocComment) {
    if (tok.end > offset || tok.kind == TokKind::kDocComment || tok.Text(text_).substr(0, 2) == "//") return false;
  }
  if (IsWordKind(tok.kind)) {
    context.word_begin = tok.begin;
    context.word_end = tok.end;
    context.prefix = std::string(text_.substr(tok.begin, offset - tok.begin));
    scan_end = current;
  } else if (tok.kind == TokKind::kString && (tok.begin < offset && (offset < tok.end || !tok.terminated))) {
    context.string_begin = tok.begin;
    context.string_end = tok.end;
    context.string_terminated = tok.terminated;
    context.string_prefix = std::string(text_.substr(tok.begin + 1, offset - tok.begin - 1));
    scan_end = current;
  } else if (tok.kind == TokKind::kTextBlock && tok.begin < offset && offset < tok.end) {
    return false;
  } else {
    scan_end = current + 1;
  }
  return true;
}

void ContextAnalyzer::StringContext(const CursorScan& scan, CursorContext& context) {
  if (PreviousIs(scan, "import")) {
    context.kind = CursorContext::Kind::kImportPath;
    return;
  }
  context.kind = CursorContext::Kind::kStringValue;
  context.expected = ValueExpectedType(scan.frames, scan.decl_start, scan.scan_end);
  if (scan.frames.empty() && !context.expected) context.expected = DeclaredType(scan.decl_start, scan.scan_end);
}

// Member access: `a.b.` + word.
void ContextAnalyzer::MemberContext(const CursorScan& scan, CursorContext& context) const {
  std::vector<std::string> chain;
  size_t k = scan.previous;
  while (k != kNone && k >= 1 && (tokens_[k].Is(text_, ".") || tokens_[k].Is(text_, "?.")) &&
         IsWordKind(tokens_[k - 1].kind)) {
    chain.insert(chain.begin(), std::string(tokens_[k - 1].Text(text_)));
    if (k < 2) break;
    k -= 2;
  }
  if (chain.empty()) return;
  context.kind = CursorContext::Kind::kMember;
  context.receiver = std::move(chain);
}

// Outside any bracket: a declaration's start, name, type or value.
void ContextAnalyzer::TopLevelContext(const CursorScan& scan, uint32_t offset, CursorContext& context) {
  uint32_t line_start = offset;
  while (line_start > 0 && text_[line_start - 1] != '\n') --line_start;
  bool at_column_one = context.word_begin == line_start;
  if (scan.previous == kNone || at_column_one) {
    context.kind = CursorContext::Kind::kDeclaration;
    return;
  }
  bool assigned = tokens_[scan.decl_start].Is(text_, "emit");
  for (size_t k = scan.decl_start; k < scan.scan_end; ++k) {
    if (tokens_[k].Is(text_, "=")) assigned = true;
  }
  bool type_alias = tokens_[scan.decl_start].Is(text_, "type");
  if ((!assigned && (PreviousIs(scan, ":") || PreviousIs(scan, "|"))) ||
      (type_alias && (PreviousIs(scan, "=") || PreviousIs(scan, "|")))) {
    // `let x: T`, `param p: T`, `fn f(...): T`, `type T = U | V`.
    context.kind = CursorContext::Kind::kType;
    return;
  }
  if (!assigned) return;  // a name being declared
  context.kind = CursorContext::Kind::kValue;
  context.expected = DeclaredType(scan.decl_start, scan.scan_end);
}

// Inside parentheses (a call, a parameter list) or a list.
void ContextAnalyzer::ParenOrListContext(const CursorScan& scan, CursorContext& context) {
  const Frame& top = scan.frames.back();
  if (top.bracket == '(') {
    if (top.fn_header) {
      context.kind = PreviousIs(scan, ":") || PreviousIs(scan, "|") ? CursorContext::Kind::kType
                                                                     : CursorContext::Kind::kNone;
      return;
    }
    if (PreviousIs(scan, ":") && scan.previous >= 2 && tokens_[scan.previous - 2].Is(text_, "let")) {
      context.kind = CursorContext::Kind::kType;
      return;
    }
  }
  context.kind = CursorContext::Kind::kValue;
  context.expected = ValueExpectedType(scan.frames, scan.decl_start, scan.scan_end);
}

// Whether the cursor is where a record's next key goes: not in a value, or
// on a new line after a complete one.
bool ContextAnalyzer::AtRecordKey(const CursorScan& scan, const CursorContext& context) const {
  const Frame& top = scan.frames.back();
  if (!top.in_value) return true;
  if (scan.previous == kNone || scan.previous <= top.open) return false;
  const Tok& last = tokens_[scan.previous];
  std::string_view lw = last.Text(text_);
  bool complete = last.kind == TokKind::kIdent || last.kind == TokKind::kTypeIdent ||
                  last.kind == TokKind::kNumber || last.kind == TokKind::kString || lw == ")" || lw == "]" ||
                  lw == "}" || lw == "true" || lw == "false" || lw == "null";
  bool newline = text_.substr(last.end, context.word_begin - last.end).find('\n') != std::string_view::npos;
  return complete && newline;
}

// Inside a record (or a schema or policy body).
void ContextAnalyzer::RecordContext(const CursorScan& scan, CursorContext& context) {
  const Frame& top = scan.frames.back();
  if (AtRecordKey(scan, context)) {
    size_t entry = top.entry_start;
    bool condition = entry != kNone && entry < scan.scan_end && scan.previous != kNone && scan.previous >= entry &&
                     (tokens_[entry].Is(text_, "if") || tokens_[entry].Is(text_, "for"));
    if (condition && !top.in_value) {
      context.kind = CursorContext::Kind::kValue;
      return;
    }
    context.kind = CursorContext::Kind::kRecordKey;
    context.record = top.type;
    context.present_keys = top.keys;
    context.in_schema = top.schema_body;
    if (top.policy_body) context.in_schema = false;
    return;
  }
  if (top.schema_body) {
    context.kind = top.after_assign ? CursorContext::Kind::kValue : CursorContext::Kind::kType;
    if (top.after_assign) context.expected = ValueExpectedType(scan.frames, scan.decl_start, scan.scan_end);
    return;
  }
  if (PreviousIs(scan, ":") && scan.previous >= 2 && tokens_[scan.previous - 2].Is(text_, "let")) {
    context.kind = CursorContext::Kind::kType;
    return;
  }
  context.kind = CursorContext::Kind::kValue;
  context.expected = ValueExpectedType(scan.frames, scan.decl_start, scan.scan_end);
}

CursorContext ContextAnalyzer::At(uint32_t offset) {
  CursorContext context;
  context.word_begin = context.word_end = offset;
  CursorScan scan;
  if (!LocateCursorWord(offset, context, scan.scan_end)) return context;
  scan.decl_start = DeclarationStart(scan.scan_end);
  scan.frames = Scan(scan.decl_start, scan.scan_end);
  for (size_t k = scan.scan_end; k-- > scan.decl_start;) {
    if (!tokens_[k].IsTrivia()) {
      scan.previous = k;
      break;
    }
  }
  if (context.string_end > context.string_begin) {
    StringContext(scan, context);
  } else if (PreviousIs(scan, ".") || PreviousIs(scan, "?.")) {
    MemberContext(scan, context);
  } else if (scan.frames.empty()) {
    TopLevelContext(scan, offset, context);
  } else if (scan.frames.back().bracket == '(' || scan.frames.back().bracket == '[') {
    ParenOrListContext(scan, context);
  } else {
    RecordContext(scan, context);
  }
  return context;
}

std::optional<KeyAt> ContextAnalyzer::KeyAtOffset(uint32_t offset) {
  size_t index = TokenIndexAt(offset);
  // A cursor right after a word (end inclusive) is on that word.
  bool inside = index < tokens_.size() && tokens_[index].begin <= offset;
  if (!inside || !(IsWordKind(tokens_[index].kind) || tokens_[index].kind == TokKind::kString)) {
    if (index > 0 && tokens_[index - 1].end == offset) --index;
    else if (!inside) return std::nullopt;
  }
  const Tok& tok = tokens_[index];
  if (!IsWordKind(tok.kind) && tok.kind != TokKind::kString) return std::nullopt;
  size_t next = index + 1;
  if (next < tokens_.size() && tokens_[next].Is(text_, "?")) ++next;
  if (next >= tokens_.size() || !tokens_[next].Is(text_, ":")) return std::nullopt;
  size_t decl_start = DeclarationStart(index);
  std::vector<Frame> frames = Scan(decl_start, index);
  if (frames.empty() || frames.back().bracket != '{') return std::nullopt;
  Frame& top = frames.back();
  // The token must be in key position: first of its entry.
  if (top.in_value) {
    size_t previous = index;
    while (previous > top.open && tokens_[previous - 1].IsTrivia()) --previous;
    if (previous == 0) return std::nullopt;
    const Tok& last = tokens_[previous - 1];
    bool newline = text_.substr(last.end, tok.begin - last.end).find('\n') != std::string_view::npos;
    if (!newline) return std::nullopt;
  }
  if (top.schema_body || top.policy_body) return std::nullopt;
  KeyAt key;
  key.key = Unquote(tok.Text(text_));
  key.key_begin = tok.begin;
  key.key_end = tok.end;
  key.record = top.type;
  key.field = types_.Field(top.type, key.key);
  return key;
}

std::optional<RecordAt> ContextAnalyzer::RecordFrom(uint32_t offset) {
  size_t open = TokenIndexAt(offset);
  while (open < tokens_.size() && !tokens_[open].Is(text_, "{")) {
    // Only a typed record's name (or nothing) may come before its brace.
    const Tok& tok = tokens_[open];
    if (!(tok.kind == TokKind::kIdent || tok.kind == TokKind::kTypeIdent || tok.Is(text_, "."))) return std::nullopt;
    ++open;
  }
  if (open >= tokens_.size()) return std::nullopt;
  size_t decl_start = DeclarationStart(open);
  std::vector<Frame> frames = Scan(decl_start, open + 1);
  if (frames.empty() || frames.back().bracket != '{') return std::nullopt;
  RecordAt record;
  record.open = tokens_[open].begin;
  record.type = frames.back().type;
  record.close = static_cast<uint32_t>(text_.size());
  int depth = 0;
  size_t previous = open;
  // Ends the value of the last key seen at the last token before `i`.
  auto end_value = [&] {
    if (!record.values.empty() && record.values.back().second == 0 && previous > open &&
        tokens_[previous].end > record.values.back().first) {
      record.values.back().second = tokens_[previous].end;
    }
  };
  for (size_t i = open; i < tokens_.size(); ++i) {
    const Tok& tok = tokens_[i];
    if (tok.IsTrivia()) continue;
    if (tok.Is(text_, "{") || tok.Is(text_, "[") || tok.Is(text_, "(")) {
      ++depth;
    } else if (tok.Is(text_, "}") || tok.Is(text_, "]") || tok.Is(text_, ")")) {
      if (--depth == 0) {
        end_value();
        record.close = tok.begin;
        record.closed = true;
        record.last_entry_end = tokens_[previous].end;
        break;
      }
    } else if (depth == 1 && tok.Is(text_, ",")) {
      end_value();
    } else if (depth == 1 && i + 1 < tokens_.size() && tokens_[i + 1].Is(text_, ":") &&
               (IsWordKind(tok.kind) || tok.kind == TokKind::kString) &&
               (tokens_[previous].Is(text_, "{") || tokens_[previous].Is(text_, ",") || tok.line_start)) {
      end_value();
      record.keys.push_back(Unquote(tok.Text(text_)));
      record.values.emplace_back(tokens_[i + 1].end, 0);
      if (tok.line_start && record.entry_indent.empty()) record.entry_indent = std::string(tok.column, ' ');
    }
    previous = i;
  }
  for (auto& [begin, end] : record.values) {
    while (begin < end && (text_[begin] == ' ' || text_[begin] == '\t' || text_[begin] == '\n')) ++begin;
  }
  record.multiline = text_.substr(record.open, record.close - record.open).find('\n') != std::string_view::npos;
  if (record.multiline && record.entry_indent.empty()) {
    uint32_t line = record.close;
    while (line > 0 && text_[line - 1] != '\n') --line;
    uint32_t spaces = 0;
    while (line + spaces < text_.size() && text_[line + spaces] == ' ') ++spaces;
    record.entry_indent = std::string(spaces + 2, ' ');
  }
  return record;
}

std::optional<RecordAt> ContextAnalyzer::RecordAround(uint32_t offset) {
  const size_t index = TokenIndexAt(offset);
  std::vector<Frame> frames = Scan(DeclarationStart(index), index);
  for (size_t k = frames.size(); k-- > 0;) {
    if (frames[k].bracket == '{') return RecordFrom(tokens_[frames[k].open].begin);
  }
  return std::nullopt;
}

}  // namespace mast::lsp
