#include "compiler/yaml/yaml_text.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "compiler/base/utf8.h"

namespace mast::yaml_internal {

TextCheck CheckText(std::string_view text) {
  static const auto kPlainAscii = [] {
    std::array<bool, 256> table{};
    for (int c = 0x20; c < 0x7F; ++c) table[c] = true;
    table['\t'] = table['\n'] = table['\r'] = true;
    return table;
  }();
  TextCheck check;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    while (i < size && kPlainAscii[bytes[i]]) ++i;  // runs of printable ASCII
    if (i == size) break;
    uint32_t code_point = bytes[i];
    const size_t length = bytes[i] < 0x80 ? 1 : DecodeUtf8(text, i, &code_point);
    if (length != 0 && IsYamlPrintable(code_point)) {
      check.ascii = false;
      i += length;
      continue;
    }
    char buffer[112];
    if (length == 0) {
      std::snprintf(buffer, sizeof buffer, "invalid UTF-8 byte 0x%02X; YAML and JSON files must be UTF-8",
                    static_cast<unsigned>(bytes[i]));
    } else {
      std::snprintf(buffer, sizeof buffer,
                    "control character U+%04X is not allowed; write it as an escape in a double-quoted string",
                    static_cast<unsigned>(code_point));
    }
    check.bad_offset = i;
    check.problem = buffer;
    return check;
  }
  return check;
}

OffsetMapper::OffsetMapper(std::string_view text, bool ascii) : text_(text), ascii_(ascii) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") base_ = 3;
  cursor_byte_ = base_;
}

uint32_t OffsetMapper::ToByte(size_t index) {
  if (ascii_) return static_cast<uint32_t>(std::min(index + base_, text_.size()));
  const auto sequence_length = [](uint8_t lead) -> size_t {
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) return 2;
    if ((lead & 0xF0) == 0xE0) return 3;
    return 4;
  };
  while (cursor_char_ < index && cursor_byte_ < text_.size()) {
    cursor_byte_ += sequence_length(static_cast<uint8_t>(text_[cursor_byte_]));
    ++cursor_char_;
  }
  while (cursor_char_ > index && cursor_byte_ > base_) {
    --cursor_byte_;
    while (cursor_byte_ > base_ && (static_cast<uint8_t>(text_[cursor_byte_]) & 0xC0) == 0x80) --cursor_byte_;
    --cursor_char_;
  }
  return static_cast<uint32_t>(std::min(cursor_byte_, text_.size()));
}

std::string Quoted(std::string_view text) {
  constexpr size_t kMax = 60;
  std::string out = "`";
  if (text.size() > kMax) {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<uint8_t>(text[cut]) & 0xC0) == 0x80) --cut;
    out.append(text.substr(0, cut)).append("...");
  } else {
    out.append(text);
  }
  out += '`';
  return out;
}

std::string RewordContext(std::string_view context) {
  for (std::string_view prefix : {"while parsing ", "while scanning "}) {
    if (context.substr(0, prefix.size()) == prefix) {
      std::string_view rest = context.substr(prefix.size());
      if (rest.substr(0, 2) == "a ") rest.remove_prefix(2);
      if (rest.substr(0, 3) == "an ") rest.remove_prefix(3);
      return "in the " + std::string(rest) + " that starts here";
    }
  }
  return std::string(context);
}

}  // namespace mast::yaml_internal
