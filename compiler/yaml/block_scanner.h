// A fast path for the YAML that Kubernetes users write (internal to yaml/).
//
// libyaml's scanner costs about 180 instructions a byte, half of `mast
// check`. Most manifests use a small part of YAML: block mappings and
// sequences, one-line plain and quoted scalars, one-line flow collections
// and comments. BlockScanner reads exactly that part, in one pass, and
// produces the events libyaml would produce, with the same marks (byte
// offsets; the text is ASCII). On anything outside it (anchors, tags, block
// scalars, multi-line scalars or flow collections, `?` keys, directives,
// tabs, CR, unusual escapes) and on anything libyaml would reject, Scan()
// returns false and the caller reads the text with libyaml instead, which
// also reports the errors. So the fast path never decides what is valid
// YAML: it only declines. A differential test and a fuzz target hold its
// events to libyaml's on every input it accepts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mast::yaml_internal {

enum class FastEventKind : uint8_t {
  kDocumentStart,
  kDocumentEnd,
  kMappingStart,
  kMappingEnd,
  kSequenceStart,
  kSequenceEnd,
  kScalar,
};

enum class FastScalarStyle : uint8_t { kPlain, kSingleQuoted, kDoubleQuoted };

struct FastEvent {
  FastEventKind kind;
  FastScalarStyle scalar_style = FastScalarStyle::kPlain;
  bool flow = false;        // a flow collection (`[...]`, `{...}`)
  bool owned_text = false;  // the scalar's text is in the scanner's buffer (it had escapes)
  uint32_t begin = 0;       // libyaml's start and end marks, as byte offsets
  uint32_t end = 0;
  uint32_t text_begin = 0;  // a scalar's text: offset into the input, or into the buffer
  uint32_t text_length = 0;
};

class BlockScanner {
 public:
  // `max_depth`: decline inputs that nest deeper (the libyaml path reports limits).
  BlockScanner(std::string_view text, size_t max_depth);

  // Reads the whole text; false when it is outside the fast path's subset.
  bool Scan();

  const std::vector<FastEvent>& events() const { return events_; }
  std::string_view TextOf(const FastEvent& event) const;

 private:
  bool ScanDocuments();
  bool ParseBlockNode(size_t at, int parent_indent, size_t* next);
  bool ParseValue(size_t after_indicator, int indent, bool mapping_value, size_t* next);
  bool ParseInlineNode(size_t at, int indent, bool mapping_value, size_t* next);
  bool ParseBlockMapping(size_t at, int indent, size_t* next);
  bool ParseBlockSequence(size_t at, int indent, bool indentless, size_t* next);
  bool ParseFlow(size_t at, size_t* end);
  bool ParseFlowEntry(size_t at, bool in_mapping, size_t* end);
  bool ParseFlowNode(size_t at, size_t* end);
  bool FinishLine(size_t end, int indent, size_t* next);

  // Scalars. Each emits its event on success.
  bool ScanScalar(size_t at, bool flow, size_t* end);
  bool ScanKey(size_t at, size_t* end);
  bool ScanPlainFlow(size_t at, size_t* end);
  bool ScanSingleQuoted(size_t at, size_t* end);
  bool ScanDoubleQuoted(size_t at, size_t* end);
  // The end of a one-line plain scalar in block context (its last non-space
  // byte + 1); `*stop` is where scanning stopped: a line break, the end, the
  // space before a comment, or a `:` followed by a blank.
  size_t PlainBlockEnd(size_t at, size_t* stop) const;
  // The closing quote of a one-line quoted scalar, or npos.
  size_t ClosingQuote(size_t at) const;
  bool CanStartPlain(size_t at, bool flow) const;
  // Whether a key (plain or quoted) starts at `at` and is followed by `: `.
  bool IsKeyLine(size_t at) const;

  // Positions.
  char At(size_t at) const { return at < text_.size() ? text_[at] : '\0'; }
  bool IsBlankOrEnd(size_t at) const { return at >= text_.size() || text_[at] == ' ' || text_[at] == '\n'; }
  size_t SkipSpaces(size_t at) const;
  // From the start of a line, skips blank and comment lines; sets line_start_
  // to the line of the returned position (the text's size at the end).
  bool SkipBlankLines(size_t line, size_t* content);
  // Past the rest of a line that may hold only spaces and a comment.
  bool RestOfLine(size_t at, size_t* next_line) const;
  bool IsDocumentMarker(size_t at) const;
  bool IsSequenceEntry(size_t at) const { return At(at) == '-' && IsBlankOrEnd(at + 1); }
  bool IsContent(size_t at) const { return at < text_.size() && !IsDocumentMarker(at); }
  int Column(size_t at) const { return static_cast<int>(at - line_start_); }

  // Events.
  void Emit(FastEventKind kind, bool flow, size_t begin, size_t end);
  void EmitScalar(FastScalarStyle style, size_t begin, size_t end, size_t text_begin, size_t text_end);
  void EmitOwnedScalar(FastScalarStyle style, size_t begin, size_t end, size_t buffer_begin);
  void EmitEmptyScalar(size_t at) { EmitScalar(FastScalarStyle::kPlain, at, at, at, at); }
  bool Enter();
  void Leave() { --depth_; }

  std::string_view text_;
  size_t max_depth_;
  size_t depth_ = 0;
  size_t line_start_ = 0;
  std::vector<FastEvent> events_;
  std::string buffer_;  // unescaped text of quoted scalars with escapes
};

}  // namespace mast::yaml_internal
