// The YAML reader: libyaml events -> Values. See yaml_reader.h for the
// behaviour; this file is the only one that includes <yaml.h>.
#include "compiler/yaml/yaml_reader.h"

#include <yaml.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>

#include "compiler/base/utf8.h"
#include "compiler/yaml/block_scanner.h"
#include "compiler/yaml/scalar_resolve.h"
#include "compiler/yaml/yaml_frame.h"
#include "compiler/yaml/yaml_text.h"

namespace mast {

namespace {

using yaml_internal::Frame;
using yaml_internal::Quoted;
using yaml_internal::RewordContext;

constexpr std::string_view kMergeTag = "tag:yaml.org,2002:merge";
constexpr uint32_t kMaxOffset = std::numeric_limits<uint32_t>::max();
// The fast path declines deeper inputs; the libyaml path reports the limit.
constexpr size_t kFastPathMaxDepth = 100;

struct Anchor {
  Value value;
  uint64_t nodes = 1;   // size of the expanded subtree
  uint32_t height = 0;  // 0 for a scalar, 1 + children's for a collection
  bool is_scalar = false;
  std::string text;  // a scalar's text, for an alias used as a key
};

// Owns libyaml's parser and event so that nothing leaks on an exception.
struct LibyamlParser {
  yaml_parser_t parser;
  LibyamlParser() { yaml_parser_initialize(&parser); }
  ~LibyamlParser() { yaml_parser_delete(&parser); }
  LibyamlParser(const LibyamlParser&) = delete;
  LibyamlParser& operator=(const LibyamlParser&) = delete;
};
struct LibyamlEvent {
  yaml_event_t event;
  bool live = false;
  ~LibyamlEvent() { Clear(); }
  void Clear() {
    if (live) yaml_event_delete(&event);
    live = false;
  }
};

std::string_view AsView(const yaml_char_t* text) {
  return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

class StreamReader {
 public:
  StreamReader(FileId file, std::string_view text, DiagnosticSink& sink, const YamlReadOptions& options)
      : file_(file), text_(text), sink_(sink), options_(options), mapper_(text, true) {}

  std::vector<YamlDocument> Read();

 private:
  SourceRange Range(uint32_t begin, uint32_t end) const { return SourceRange{file_, begin, end}; }
  uint32_t ByteOf(const yaml_mark_t& mark) {
    return static_cast<uint32_t>(std::min(segment_begin_ + mapper_.ToByte(mark.index), text_.size()));
  }
  SourceRange RangeOf(const yaml_event_t& e) { return Range(ByteOf(e.start_mark), ByteOf(e.end_mark)); }
  // A one-character range at `offset`, or an empty one at a line end.
  SourceRange PointAt(uint32_t offset) const;
  // Where to place an empty node that libyaml put at `next_token`.
  uint32_t EmptyNodePosition(uint32_t next_token) const;

  void Run(size_t parse_length);
  // Reads the text with BlockScanner; false (having read nothing) when the
  // text is outside its subset.
  bool RunFastPath();
  // Where to go on after a document that nests too deeply, or npos.
  size_t NextDocumentStart(size_t from) const;
  bool Dispatch(const yaml_event_t& e);  // false at the end of the stream
  void ReportSyntaxError(const yaml_parser_t& parser);
  void LimitExceeded(SourceRange range, std::string message);

  void OnDocumentStart(const yaml_event_t& e);
  void OnDocumentEnd(const yaml_event_t& e);
  void OnScalar(const yaml_event_t& e);
  void OnAlias(const yaml_event_t& e);
  void OnCollectionStart(const yaml_event_t& e, bool is_map);
  void OnCollectionEnd(const yaml_event_t& e);

  Value MakeScalar(std::string_view text, bool plain, std::string_view tag, SourceRange range);
  bool InKeyPosition() const { return depth_ > 0 && Top().is_map && !Top().has_key; }
  Frame& Top() { return frames_[depth_ - 1]; }
  const Frame& Top() const { return frames_[depth_ - 1]; }
  void SetKey(std::string_view text, SourceRange range, bool is_merge);
  void SetInvalidKey(SourceRange range, bool report);
  void AddValue(Value value, uint64_t nodes, uint32_t height);
  void AddEntry(Frame& frame, Value value);
  void AddMerge(Frame& frame, Value value);
  void RegisterAnchor(std::string name, Value value, uint64_t nodes, uint32_t height, std::string_view text);

  FileId file_;
  std::string_view text_;
  DiagnosticSink& sink_;
  const YamlReadOptions& options_;
  yaml_internal::OffsetMapper mapper_;
  std::vector<YamlDocument> documents_;

  size_t parse_length_ = 0;  // < text_.size() when an encoding error truncated the input
  bool ascii_ = true;        // the text has no byte above 0x7F
  size_t segment_begin_ = 0;  // the byte where libyaml's current input starts
  bool skipping_ = false;    // a limit was hit; skip to the end of the document
  // The nesting limit was hit: libyaml's scanner costs time proportional to
  // the flow depth for every token, so 30,000 `[` took 7.6 s to scan. The
  // rest of the document is not read at all.
  bool abandon_document_ = false;
  uint32_t document_begin_ = 0;
  uint32_t last_token_end_ = 0;
  Value root_;
  bool root_empty_ = false;
  std::vector<Frame> frames_;  // frames_[0, depth_) are live; the rest are kept for reuse
  size_t depth_ = 0;
  std::unordered_map<std::string, Anchor> anchors_;
  uint64_t alias_nodes_ = 0;
};

uint32_t StreamReader::EmptyNodePosition(uint32_t next_token) const {
  // Walk from the end of the previous token over blanks, line breaks and
  // comments to the indicator that introduced the empty node.
  size_t i = last_token_end_;
  while (i < next_token) {
    const char c = text_[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (c == '#') {
      while (i < next_token && text_[i] != '\n') ++i;
    } else {
      break;
    }
  }
  if (i < next_token && (text_[i] == ':' || text_[i] == '-' || text_[i] == '?')) return static_cast<uint32_t>(i + 1);
  return last_token_end_;
}

SourceRange StreamReader::PointAt(uint32_t offset) const {
  if (offset >= text_.size() || text_[offset] == '\n' || text_[offset] == '\r') return Range(offset, offset);
  uint32_t code_point;
  size_t length = DecodeUtf8(text_, offset, &code_point);
  return Range(offset, offset + static_cast<uint32_t>(length == 0 ? 1 : length));
}

std::vector<YamlDocument> StreamReader::Read() {
  const size_t max_bytes = std::min<size_t>(options_.max_bytes, kMaxOffset - 1);
  if (text_.size() > max_bytes) {
    sink_.Report(DiagnosticCode::E0603, Range(0, 0),
                 "the input is " + std::to_string(text_.size()) + " bytes, more than the limit of " +
                     std::to_string(max_bytes) + " bytes");
    return {};
  }
  // Check the encoding first; on a bad byte, report it exactly and parse
  // only up to the start of its line.
  const yaml_internal::TextCheck check = yaml_internal::CheckText(text_);
  parse_length_ = text_.size();
  if (check.bad_offset != std::string_view::npos) {
    const uint32_t at = static_cast<uint32_t>(check.bad_offset);
    sink_.Report(DiagnosticCode::E0601, Range(at, at + 1), check.problem);
    const size_t line_end = text_.rfind('\n', check.bad_offset);
    parse_length_ = line_end == std::string_view::npos ? 0 : line_end + 1;
  }
  ascii_ = check.ascii;
  mapper_ = yaml_internal::OffsetMapper(text_.substr(0, parse_length_), check.ascii);
  const bool fast = options_.fast_path && check.ascii && parse_length_ == text_.size() && RunFastPath();
  if (!fast) Run(parse_length_);
  if (parse_length_ < text_.size()) {
    // The document that contains the bad line was cut short: drop it.
    while (!documents_.empty() && documents_.back().range.end >= parse_length_) documents_.pop_back();
  }
  return std::move(documents_);
}

void StreamReader::Run(size_t parse_length) {
  while (true) {
    LibyamlParser parser;
    yaml_parser_set_input_string(&parser.parser, reinterpret_cast<const unsigned char*>(text_.data()) + segment_begin_,
                                 parse_length - segment_begin_);
    LibyamlEvent event;
    while (true) {
      if (!yaml_parser_parse(&parser.parser, &event.event)) {
        ReportSyntaxError(parser.parser);
        return;
      }
      event.live = true;
      const bool more = Dispatch(event.event);
      const size_t reached = ByteOf(event.event.end_mark);
      event.Clear();
      if (!more) return;
      if (abandon_document_) {
        abandon_document_ = false;
        const size_t next = NextDocumentStart(reached);
        if (next == std::string_view::npos || next >= parse_length) return;
        segment_begin_ = next;
        mapper_ = yaml_internal::OffsetMapper(text_.substr(next, parse_length - next), ascii_);
        break;  // a new parser from the next `---`
      }
    }
  }
}

// The fast path's events, as the libyaml events they stand for.
yaml_event_t ToLibyamlEvent(const yaml_internal::FastEvent& event, std::string_view text) {
  using yaml_internal::FastEventKind;
  using yaml_internal::FastScalarStyle;
  yaml_event_t e;
  std::memset(&e, 0, sizeof e);
  e.start_mark.index = event.begin;
  e.end_mark.index = event.end;
  switch (event.kind) {
    case FastEventKind::kDocumentStart: e.type = YAML_DOCUMENT_START_EVENT; break;
    case FastEventKind::kDocumentEnd: e.type = YAML_DOCUMENT_END_EVENT; break;
    case FastEventKind::kMappingStart:
      e.type = YAML_MAPPING_START_EVENT;
      e.data.mapping_start.style = event.flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE;
      break;
    case FastEventKind::kMappingEnd: e.type = YAML_MAPPING_END_EVENT; break;
    case FastEventKind::kSequenceStart:
      e.type = YAML_SEQUENCE_START_EVENT;
      e.data.sequence_start.style = event.flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE;
      break;
    case FastEventKind::kSequenceEnd: e.type = YAML_SEQUENCE_END_EVENT; break;
    case FastEventKind::kScalar:
      e.type = YAML_SCALAR_EVENT;
      // libyaml's events are not const; the reader only reads them.
      e.data.scalar.value = reinterpret_cast<yaml_char_t*>(const_cast<char*>(text.data()));
      e.data.scalar.length = text.size();
      e.data.scalar.style = event.scalar_style == FastScalarStyle::kPlain          ? YAML_PLAIN_SCALAR_STYLE
                            : event.scalar_style == FastScalarStyle::kSingleQuoted ? YAML_SINGLE_QUOTED_SCALAR_STYLE
                                                                                   : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
      break;
  }
  return e;
}

bool StreamReader::RunFastPath() {
  yaml_internal::BlockScanner scanner(text_, std::min(options_.max_depth, kFastPathMaxDepth));
  if (!scanner.Scan()) return false;
  for (const yaml_internal::FastEvent& event : scanner.events()) {
    Dispatch(ToLibyamlEvent(event, event.kind == yaml_internal::FastEventKind::kScalar ? scanner.TextOf(event)
                                                                                        : std::string_view()));
  }
  return true;
}

size_t StreamReader::NextDocumentStart(size_t from) const {
  for (size_t at = text_.find("\n---", from); at != std::string_view::npos; at = text_.find("\n---", at + 1)) {
    const size_t after = at + 4;
    if (after == text_.size() || text_[after] == ' ' || text_[after] == '\n' || text_[after] == '\r' ||
        text_[after] == '\t') {
      return at + 1;
    }
  }
  return std::string_view::npos;
}

bool StreamReader::Dispatch(const yaml_event_t& e) {
  switch (e.type) {
    case YAML_STREAM_END_EVENT:
      return false;
    case YAML_DOCUMENT_START_EVENT:
      OnDocumentStart(e);
      return true;
    case YAML_DOCUMENT_END_EVENT:
      OnDocumentEnd(e);
      return true;
    default:
      break;
  }
  if (skipping_) return true;
  switch (e.type) {
    case YAML_SCALAR_EVENT:
      OnScalar(e);
      break;
    case YAML_ALIAS_EVENT:
      OnAlias(e);
      break;
    case YAML_MAPPING_START_EVENT:
      OnCollectionStart(e, true);
      break;
    case YAML_SEQUENCE_START_EVENT:
      OnCollectionStart(e, false);
      break;
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
      OnCollectionEnd(e);
      break;
    default:
      break;
  }
  return true;
}

void StreamReader::ReportSyntaxError(const yaml_parser_t& parser) {
  if (parser.error == YAML_MEMORY_ERROR) {
    sink_.Report(DiagnosticCode::E0601, Range(0, 0), "out of memory while reading YAML");
    return;
  }
  const uint32_t at = parser.error == YAML_READER_ERROR
                          ? static_cast<uint32_t>(std::min(segment_begin_ + parser.problem_offset, text_.size()))
                          : ByteOf(parser.problem_mark);
  // After an encoding error the input was cut at a line start; an error at
  // that cut (an unclosed quote or bracket) is an artifact of the cut.
  if (parse_length_ < text_.size() && at >= parse_length_) return;
  std::string message = parser.problem ? parser.problem : "the text does not parse";
  if (!message.empty() && message[0] >= 'A' && message[0] <= 'Z' && !(message.size() > 1 && message[1] >= 'A' && message[1] <= 'Z')) {
    message[0] = static_cast<char>(message[0] - 'A' + 'a');
  }
  if (at < text_.size() && text_[at] == '\t') {
    message += "; YAML does not allow tabs for indentation, use spaces";
  } else if (message == "mapping values are not allowed in this context") {
    message += "; check the indentation, or quote a value that contains `: `";
  }
  Diagnostic& diagnostic = sink_.Report(DiagnosticCode::E0601, PointAt(at), std::move(message));
  if (parser.context) {
    const uint32_t context_at = ByteOf(parser.context_mark);
    if (context_at != at) diagnostic.labels.push_back(Label{PointAt(context_at), RewordContext(parser.context)});
  }
}

void StreamReader::LimitExceeded(SourceRange range, std::string message) {
  sink_.Report(DiagnosticCode::E0603, range, std::move(message));
  skipping_ = true;
  depth_ = 0;
}

void StreamReader::OnDocumentStart(const yaml_event_t& e) {
  document_begin_ = ByteOf(e.start_mark);
  last_token_end_ = ByteOf(e.end_mark);
  skipping_ = false;
  depth_ = 0;
  root_ = Value();
  root_empty_ = false;
  anchors_.clear();  // anchors are scoped to their document
}

void StreamReader::OnDocumentEnd(const yaml_event_t& e) {
  if (skipping_) {
    skipping_ = false;
    return;
  }
  YamlDocument document;
  document.value = std::move(root_);
  document.range = Range(document_begin_, std::max(document_begin_, ByteOf(e.end_mark)));
  document.empty = root_empty_;
  documents_.push_back(std::move(document));
  root_ = Value();
}

Value StreamReader::MakeScalar(std::string_view text, bool plain, std::string_view tag, SourceRange range) {
  ResolvedScalar resolved;
  if (!tag.empty()) {
    TagResolution outcome;
    resolved = ResolveTaggedScalar(tag, text, &outcome);
    if (outcome == TagResolution::kMismatch) {
      std::string_view name = tag;
      if (name.substr(0, 18) == "tag:yaml.org,2002:") name.remove_prefix(18);
      sink_.Report(DiagnosticCode::E0601, range,
                   Quoted(text) + " is tagged !!" + std::string(name) + " but is not one; it is read as a string");
    }
  } else if (plain) {
    resolved = ResolvePlainScalar(text);
  }
  switch (resolved.kind) {
    case Value::Kind::kNull: return Value::Null(range);
    case Value::Kind::kBool: return Value::Bool(resolved.bool_value, range);
    case Value::Kind::kInt: return Value::Int(resolved.int_value, range);
    case Value::Kind::kFloat: return Value::Float(resolved.float_value, range);
    default: return Value::String(std::string(text), range);
  }
}

void StreamReader::OnScalar(const yaml_event_t& e) {
  const auto& scalar = e.data.scalar;
  const std::string_view text(reinterpret_cast<const char*>(scalar.value), scalar.length);
  const std::string_view tag = AsView(scalar.tag);
  const bool plain = scalar.style == YAML_PLAIN_SCALAR_STYLE;
  SourceRange range = RangeOf(e);
  if (plain && text.empty() && range.begin == range.end) {
    // An empty node: libyaml places it at the next token; point just after
    // the `:` or `-` that introduced it instead.
    const uint32_t at = EmptyNodePosition(range.begin);
    range = Range(at, at);
    if (depth_ == 0 && tag.empty() && !scalar.anchor) root_empty_ = true;
  }
  last_token_end_ = range.end;
  if (InKeyPosition()) {
    const bool is_merge = (plain && tag.empty() && text == "<<") || tag == kMergeTag;
    if (scalar.anchor) {
      RegisterAnchor(std::string(AsView(scalar.anchor)), MakeScalar(text, plain, tag, range), 1, 0, text);
    }
    SetKey(text, range, is_merge);
    return;
  }
  Value value = MakeScalar(text, plain, tag, range);
  if (scalar.anchor) RegisterAnchor(std::string(AsView(scalar.anchor)), value, 1, 0, text);
  AddValue(std::move(value), 1, 0);
}

void StreamReader::OnAlias(const yaml_event_t& e) {
  const SourceRange range = RangeOf(e);
  last_token_end_ = range.end;
  const std::string_view name = AsView(e.data.alias.anchor);
  auto it = anchors_.find(std::string(name));
  if (it == anchors_.end()) {
    sink_.Report(DiagnosticCode::E0601, range,
                 "unknown anchor " + Quoted(name) + "; an alias can only refer to an anchor defined before it in the same document");
    if (InKeyPosition()) {
      SetInvalidKey(range, false);
    } else {
      AddValue(Value::Null(range), 1, 0);
    }
    return;
  }
  const Anchor& anchor = it->second;
  alias_nodes_ += anchor.nodes;
  if (alias_nodes_ > options_.max_alias_expansion_nodes) {
    LimitExceeded(range, "aliases expand to more than " + std::to_string(options_.max_alias_expansion_nodes) +
                             " nodes in this stream (at alias " + Quoted(name) + "); this looks like an alias bomb");
    return;
  }
  if (depth_ + anchor.height > options_.max_depth) {
    LimitExceeded(range, "alias " + Quoted(name) + " makes the document nest deeper than " +
                             std::to_string(options_.max_depth) + " levels");
    return;
  }
  if (InKeyPosition()) {
    if (anchor.is_scalar) {
      SetKey(anchor.text, range, false);
    } else {
      SetInvalidKey(range, true);
    }
    return;
  }
  AddValue(anchor.value.WithOrigin(range), anchor.nodes, anchor.height);
}

void StreamReader::OnCollectionStart(const yaml_event_t& e, bool is_map) {
  const SourceRange range = RangeOf(e);
  last_token_end_ = range.end;
  if (depth_ + 1 > options_.max_depth) {
    LimitExceeded(range, "the document nests mappings and sequences deeper than " +
                             std::to_string(options_.max_depth) + " levels");
    abandon_document_ = true;
    return;
  }
  const bool key_position = InKeyPosition();
  const bool flow = is_map ? e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                           : e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
  const yaml_char_t* anchor = is_map ? e.data.mapping_start.anchor : e.data.sequence_start.anchor;
  if (depth_ == frames_.size()) frames_.emplace_back();
  Frame& frame = frames_[depth_++];
  frame.Reset(is_map, flow, key_position, range.begin);
  if (anchor) {
    frame.has_anchor = true;
    frame.anchor = AsView(anchor);
  }
}

void StreamReader::OnCollectionEnd(const yaml_event_t& e) {
  if (depth_ == 0) return;  // cannot happen with libyaml's event order
  Frame& frame = Top();
  const uint32_t end = frame.flow ? ByteOf(e.end_mark) : std::max(frame.last_end, frame.begin);
  const SourceRange range = Range(frame.begin, end);
  // The frame's vectors are scratch space reused by every collection at this
  // depth; the Value gets an exact-size copy, which saves the growth
  // reallocations and keeps memory tight.
  Value value;
  if (frame.is_map) {
    if (!frame.merges.empty()) frame.ApplyMerges();
    value = Value::Map(ValueMap(std::make_move_iterator(frame.entries.begin()),
                                std::make_move_iterator(frame.entries.end())),
                       range);
    frame.entries.clear();
  } else {
    value = Value::List(ValueList(std::make_move_iterator(frame.items.begin()),
                                  std::make_move_iterator(frame.items.end())),
                        range);
    frame.items.clear();
  }
  const uint64_t nodes = frame.nodes;
  const uint32_t height = frame.height;
  const bool is_key = frame.is_key;
  --depth_;
  if (frame.has_anchor) RegisterAnchor(std::move(frame.anchor), value, nodes, height, {});
  if (is_key) {
    SetInvalidKey(range, true);
  } else {
    AddValue(std::move(value), nodes, height);
  }
}

void StreamReader::SetKey(std::string_view text, SourceRange range, bool is_merge) {
  Frame& frame = Top();
  frame.key.assign(text.data(), text.size());
  frame.key_range = range;
  frame.has_key = true;
  frame.key_valid = true;
  frame.key_is_merge = is_merge;
  frame.nodes += 1;
  frame.last_end = range.end;
}

void StreamReader::SetInvalidKey(SourceRange range, bool report) {
  if (report) {
    sink_.Report(DiagnosticCode::E0601, range,
                 "a mapping or sequence is used as a mapping key; Kubernetes objects need string keys");
  }
  Frame& frame = Top();
  frame.has_key = true;
  frame.key_valid = false;
  frame.key_is_merge = false;
  frame.key_range = range;
  frame.last_end = range.end;
}

void StreamReader::AddValue(Value value, uint64_t nodes, uint32_t height) {
  if (depth_ == 0) {
    root_ = std::move(value);
    return;
  }
  Frame& frame = Top();
  frame.nodes += nodes;
  frame.height = std::max(frame.height, height + 1);
  frame.last_end = std::max(frame.last_end, value.origin().end);
  if (!frame.is_map) {
    frame.items.push_back(std::move(value));
    return;
  }
  frame.has_key = false;
  if (!frame.key_valid) return;
  if (frame.key_is_merge) {
    AddMerge(frame, std::move(value));
  } else {
    AddEntry(frame, std::move(value));
  }
}

void StreamReader::AddEntry(Frame& frame, Value value) {
  const int64_t existing = frame.FindKey(frame.key);
  if (existing >= 0) {
    MapEntry& first = frame.entries[static_cast<size_t>(existing)];
    Diagnostic& diagnostic =
        sink_.Report(DiagnosticCode::E0602, frame.key_range,
                     "duplicate key " + Quoted(frame.key) + "; each key may appear once in a mapping");
    diagnostic.labels.push_back(Label{first.key_range, "first set here"});
    first.value = std::move(value);
    return;
  }
  frame.entries.push_back(MapEntry{std::move(frame.key), frame.key_range, std::move(value)});
  frame.IndexLastEntry();
}

void StreamReader::AddMerge(Frame& frame, Value value) {
  bool valid = value.IsMap();
  if (value.IsList()) {
    valid = true;
    for (const Value& item : value.AsList()) valid = valid && item.IsMap();
  }
  if (!valid) {
    sink_.Report(DiagnosticCode::E0601, value.origin(),
                 "the value of the merge key `<<` must be a mapping or a list of mappings; it is ignored");
    return;
  }
  frame.merges.emplace_back(frame.entries.size(), std::move(value));
}

void StreamReader::RegisterAnchor(std::string name, Value value, uint64_t nodes, uint32_t height,
                                  std::string_view text) {
  Anchor& anchor = anchors_[std::move(name)];
  anchor.is_scalar = !value.IsList() && !value.IsMap();
  anchor.value = std::move(value);
  anchor.nodes = nodes;
  anchor.height = height;
  anchor.text.assign(text.data(), text.size());
}

}  // namespace

std::vector<YamlDocument> ReadYamlStream(FileId file, std::string_view text, DiagnosticSink& sink,
                                         const YamlReadOptions& options) {
  StreamReader reader(file, text, sink, options);
  return reader.Read();
}

}  // namespace mast
