// Byte-level handling of YAML input around libyaml (internal to yaml/):
// checking the encoding before parsing, and turning libyaml's character
// positions into byte offsets; and the wording of libyaml's messages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mast::yaml_internal {

struct TextCheck {
  bool ascii = true;  // no byte above 0x7F before `bad_offset`
  size_t bad_offset = std::string_view::npos;  // first byte libyaml would reject
  std::string problem;  // what is wrong there (lowercase, with a hint)
};

// Finds the first byte that is not well-formed UTF-8 or is a character YAML
// forbids (C0 and C1 controls other than tab, LF, CR and NEL; DEL; U+FFFE,
// U+FFFF), exactly as libyaml's reader would, but with an exact location:
// libyaml decodes ahead in 16 KiB chunks and would fail before delivering
// the documents that precede the bad byte.
TextCheck CheckText(std::string_view text);

// libyaml's mark.index counts characters (code points), not bytes; this
// converts to byte offsets. Marks arrive in nearly increasing order, so a
// cursor that walks forwards (and, rarely, backwards) costs O(distance).
class OffsetMapper {
 public:
  // `ascii`: the text has no byte above 0x7F, so offsets need no walking.
  OffsetMapper(std::string_view text, bool ascii);
  uint32_t ToByte(size_t index);

 private:
  std::string_view text_;
  bool ascii_;
  size_t base_ = 0;  // libyaml drops a leading UTF-8 BOM without counting it
  size_t cursor_char_ = 0;
  size_t cursor_byte_ = 0;
};

// `text` in backticks for a message, cut to 60 bytes (at a character boundary) with "...".
std::string Quoted(std::string_view text);

// libyaml's error context in Mast's words: "while parsing a block mapping"
// -> "in the block mapping that starts here".
std::string RewordContext(std::string_view context);

}  // namespace mast::yaml_internal
