#include "lsp/protocol/json_text.h"

#include <cstdint>

namespace mast::lsp {

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// The length of the valid UTF-8 sequence at `text[at]` (at least 2 bytes
// long: ASCII is handled by the caller), or 0 when it is not one: no
// overlong forms, no surrogates, nothing above U+10FFFF.
size_t ValidSequence(std::string_view text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
  }
  return length;
}

void AppendEscaped(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: break;
  }
  constexpr char kHex[] = "0123456789abcdef";
  out += "\\u00";
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

void AppendPosition(std::string& out, const Position& position) {
  out += "{\"line\":";
  out += std::to_string(position.line);
  out += ",\"character\":";
  out += std::to_string(position.character);
  out += '}';
}

void AppendRange(std::string& out, const Range& range) {
  out += "{\"start\":";
  AppendPosition(out, range.start);
  out += ",\"end\":";
  AppendPosition(out, range.end);
  out += '}';
}

void AppendMember(std::string& out, std::string_view key, std::string_view value) {
  out += ",\"";
  out += key;
  out += "\":";
  AppendJsonString(out, value);
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  size_t plain_from = 0;  // the run of bytes copied as they are
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (const size_t length = ValidSequence(text, i)) {
        i += length;
        continue;
      }
    }
    out.append(text.data() + plain_from, i - plain_from);
    if (c >= 0x80) out += kReplacement;
    else AppendEscaped(out, c);
    plain_from = ++i;
  }
  out.append(text.data() + plain_from, text.size() - plain_from);
  out += '"';
}

void AppendDiagnostic(std::string& out, const Diagnostic& diagnostic) {
  out += "{\"range\":";
  AppendRange(out, diagnostic.range);
  out += ",\"severity\":";
  out += std::to_string(static_cast<int>(diagnostic.severity));
  AppendMember(out, "message", diagnostic.message);
  if (!diagnostic.code.empty()) AppendMember(out, "code", diagnostic.code);
  if (!diagnostic.source.empty()) AppendMember(out, "source", diagnostic.source);
  if (!diagnostic.code_description_href.empty()) {
    out += ",\"codeDescription\":{\"href\":";
    AppendJsonString(out, diagnostic.code_description_href);
    out += '}';
  }
  if (!diagnostic.related.empty()) {
    out += ",\"relatedInformation\":[";
    for (size_t i = 0; i < diagnostic.related.size(); ++i) {
      const DiagnosticRelatedInformation& info = diagnostic.related[i];
      if (i > 0) out += ',';
      out += "{\"location\":{\"uri\":";
      AppendJsonString(out, info.location.uri);
      out += ",\"range\":";
      AppendRange(out, info.location.range);
      out += '}';
      AppendMember(out, "message", info.message);
      out += '}';
    }
    out += ']';
  }
  if (diagnostic.fix_edits) {
    out += ",\"data\":{\"fixTitle\":";
    AppendJsonString(out, diagnostic.fix_title);
    out += ",\"fixEdits\":[";
    for (size_t i = 0; i < diagnostic.fix_edits->size(); ++i) {
      const TextEdit& edit = (*diagnostic.fix_edits)[i];
      if (i > 0) out += ',';
      out += "{\"range\":";
      AppendRange(out, edit.range);
      AppendMember(out, "newText", edit.new_text);
      out += '}';
    }
    out += "]}";
  }
  out += '}';
}

std::string PublishDiagnosticsMessage(const PublishDiagnosticsParams& params) {
  std::string out = "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":";
  AppendJsonString(out, params.uri);
  if (params.version) {
    out += ",\"version\":";
    out += std::to_string(*params.version);
  }
  out += ",\"diagnostics\":[";
  for (size_t i = 0; i < params.diagnostics.size(); ++i) {
    if (i > 0) out += ',';
    AppendDiagnostic(out, params.diagnostics[i]);
  }
  out += "]}}";
  return out;
}

}  // namespace mast::lsp
