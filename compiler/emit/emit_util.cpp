#include "compiler/emit/emit_util.h"

#include <cstdio>

#include "compiler/base/utf8.h"

namespace mast::emit_internal {

namespace {

constexpr uint32_t kReplacement = 0xFFFD;

void AppendHex(std::string& out, const char* format, uint32_t code_point) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, format, static_cast<unsigned>(code_point));
  out += buffer;
}

}  // namespace

std::vector<const MapEntry*> ManifestOrder(const ValueMap& entries) {
  std::vector<const MapEntry*> order;
  order.reserve(entries.size());
  static constexpr std::string_view kFirst[] = {"apiVersion", "kind", "metadata"};
  for (std::string_view name : kFirst) {
    for (const MapEntry& entry : entries) {
      if (entry.key == name) {
        order.push_back(&entry);
        break;
      }
    }
  }
  for (const MapEntry& entry : entries) {
    if (entry.key != kFirst[0] && entry.key != kFirst[1] && entry.key != kFirst[2]) order.push_back(&entry);
  }
  return order;
}

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      // Copy the run of plain ASCII at once.
      size_t run = i + 1;
      while (run < text.size()) {
        const unsigned char next = static_cast<unsigned char>(text[run]);
        if (next < 0x20 || next >= 0x7F || next == '"' || next == '\\') break;
        ++run;
      }
      out.append(text.substr(i, run - i));
      i = run;
      continue;
    }
    ++i;
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default: break;
    }
    if (c < 0x20) {
      AppendHex(out, "\\u%04x", c);
      continue;
    }
    uint32_t code_point;
    const size_t length = DecodeUtf8(text, i - 1, &code_point);
    if (length == 0) {
      AppendUtf8(out, kReplacement);
      continue;
    }
    i += length - 1;
    // JSON allows these raw, but YAML readers (JSON is read as YAML here and
    // by kubectl) reject C1 controls and treat NEL, LS and PS as line breaks.
    if (code_point == 0x7F || (code_point >= 0x80 && code_point <= 0x9F) || code_point == 0x2028 ||
        code_point == 0x2029 || code_point == 0xFEFF) {
      AppendHex(out, "\\u%04x", code_point);
      continue;
    }
    out.append(text.substr(i - length, length));
  }
  out += '"';
}

void AppendYamlDoubleQuoted(std::string& out, std::string_view text) {
  out += '"';
  size_t i = 0;
  while (i < text.size()) {
    uint32_t code_point;
    size_t length = DecodeUtf8(text, i, &code_point);
    if (length == 0) {  // an invalid byte
      AppendUtf8(out, kReplacement);
      ++i;
      continue;
    }
    const size_t at = i;
    i += length;
    switch (code_point) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\0': out += "\\0"; continue;
      case '\a': out += "\\a"; continue;
      case '\b': out += "\\b"; continue;
      case '\t': out += "\\t"; continue;
      case '\n': out += "\\n"; continue;
      case '\v': out += "\\v"; continue;
      case '\f': out += "\\f"; continue;
      case '\r': out += "\\r"; continue;
      case 0x1B: out += "\\e"; continue;
      case 0x85: out += "\\N"; continue;
      case 0x2028: out += "\\L"; continue;
      case 0x2029: out += "\\P"; continue;
      default: break;
    }
    if (code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F)) {
      AppendHex(out, "\\x%02X", code_point);
    } else if (code_point == 0xFEFF || !IsYamlPrintable(code_point)) {
      AppendHex(out, "\\u%04X", code_point);
    } else {
      out.append(text.substr(at, length));
    }
  }
  out += '"';
}

}  // namespace mast::emit_internal
