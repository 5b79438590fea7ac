// The YAML writer walks Values and writes text directly. It does not use
// yaml-cpp's emitter: yaml-cpp 0.7 writes strings that look like bools or
// numbers unquoted, drops `.0` from floats, and writes every literal block
// with clip chomping and no indentation indicator, so `"a"`, `"a\n\n"` and
// `" a\n"` would not read back as themselves. See yaml_writer.h for the
// rules.
#include "compiler/emit/yaml_writer.h"

#include <string_view>

#include "compiler/base/utf8.h"
#include "compiler/emit/emit_util.h"
#include "compiler/yaml/scalar_resolve.h"

namespace mast {

namespace {

using emit_internal::AppendYamlDoubleQuoted;
using emit_internal::ForEachEntry;

// Implicit keys are limited to 1024 characters by YAML readers.
constexpr size_t kMaxImplicitKeyBytes = 1000;

bool IsSpecialLineCharacter(uint32_t c) {
  // NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are line breaks to YAML 1.1
  // readers; a BOM may be dropped; C1 controls are not printable.
  return c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFEFF || (c >= 0x80 && c <= 0x9F) ||
         !IsYamlPrintable(c);
}

// Whether `text` can be written as a plain scalar in block context and read
// back as exactly this string by any YAML 1.1 or 1.2 reader.
bool CanBePlain(std::string_view text) {
  if (text.empty() || PlainScalarLooksTyped(text)) return false;
  switch (text[0]) {
    case ' ': case '?': case ':': case ',': case '[': case ']': case '{': case '}': case '#':
    case '&': case '*': case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
      return false;
    case '-':
      // `-x` and `--flag` are fine; `-`, `- x` and `---` are not.
      if (text.size() == 1 || text[1] == ' ' || text.substr(0, 3) == "---") return false;
      break;
    case '.':
      if (text.substr(0, 3) == "...") return false;
      break;
    default:
      break;
  }
  if (text.back() == ' ' || text.back() == ':') return false;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F) return false;  // includes tab and line breaks
      if (c == ':' && i + 1 < text.size() && text[i + 1] == ' ') return false;
      if (c == ' ' && i + 1 < text.size() && text[i + 1] == '#') return false;
      ++i;
      continue;
    }
    uint32_t code_point;
    const size_t length = DecodeUtf8(text, i, &code_point);
    if (length == 0 || IsSpecialLineCharacter(code_point)) return false;
    i += length;
  }
  return true;
}

// How a multi-line string can be written as a literal block.
struct LiteralPlan {
  bool ok = false;
  bool indicator = false;  // needs an explicit indentation indicator
  char chomping = 0;       // '-' strip, 0 clip, '+' keep
  size_t body_length = 0;  // the text without its trailing line breaks
  size_t trailing_breaks = 0;
};

LiteralPlan PlanLiteral(std::string_view text) {
  LiteralPlan plan;
  if (text.find('\n') == std::string_view::npos) return plan;
  size_t body = text.size();
  while (body > 0 && text[body - 1] == '\n') --body;
  if (body == 0) return plan;  // only line breaks: double-quote
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return plan;
      ++i;
      continue;
    }
    uint32_t code_point;
    const size_t length = DecodeUtf8(text, i, &code_point);
    if (length == 0 || IsSpecialLineCharacter(code_point)) return plan;
    i += length;
  }
  // The last content line must hold something other than spaces and tabs:
  // readers disagree on whether such a line is content or trailing space.
  const size_t last_line = text.rfind('\n', body - 1);
  const std::string_view last = text.substr(last_line == std::string_view::npos ? 0 : last_line + 1,
                                            body - (last_line == std::string_view::npos ? 0 : last_line + 1));
  if (last.find_first_not_of(" \t") == std::string_view::npos) return plan;
  plan.ok = true;
  plan.body_length = body;
  plan.trailing_breaks = text.size() - body;
  plan.chomping = plan.trailing_breaks == 0 ? '-' : plan.trailing_breaks == 1 ? 0 : '+';
  // Auto-detection takes the indentation from the first non-empty line, so
  // a leading space or leading empty line needs the indicator.
  plan.indicator = text[0] == ' ' || text[0] == '\t' || text[0] == '\n';
  return plan;
}

std::string YamlFloat(double value) {
  std::string text = FormatFloat(value);
  // "1e+300" is a string to YAML 1.1 readers, which want a dot: "1.0e+300".
  const size_t exponent = text.find_first_of("eE");
  if (exponent != std::string::npos && text.find('.') == std::string::npos) text.insert(exponent, ".0");
  return text;
}

class YamlWriter {
 public:
  explicit YamlWriter(std::string& out) : out_(out) {}

  void Document(const Value& value, bool manifest_order) {
    switch (value.kind()) {
      case Value::Kind::kMap:
        if (value.AsMap().empty()) {
          out_ += "{}\n";
        } else {
          Entries(value.AsMap(), manifest_order, 0, false);
        }
        return;
      case Value::Kind::kList:
        if (value.AsList().empty()) {
          out_ += "[]\n";
        } else {
          Items(value.AsList(), 0, false);
        }
        return;
      default:
        // A scalar document; a literal block's lines go at column 2.
        ScalarLine(value, 0, /*top_level=*/true);
        return;
    }
  }

 private:
  void Indent(size_t columns) { out_.append(columns, ' '); }

  // Mapping entries at column `indent`; the first one continues the current
  // line when `first_inline` (after "- ").
  void Entries(const ValueMap& entries, bool manifest_order, size_t indent, bool first_inline) {
    bool first = true;
    ForEachEntry(entries, manifest_order, [&](const MapEntry& entry) {
      if (!(first && first_inline)) Indent(indent);
      first = false;
      Entry(entry, indent);
    });
  }

  void Entry(const MapEntry& entry, size_t indent) {
    const size_t key_start = out_.size();
    String(entry.key, /*allow_block=*/false, 0);
    bool explicit_key = false;
    if (out_.size() - key_start > kMaxImplicitKeyBytes) {
      out_.insert(key_start, "? ");
      out_ += '\n';
      Indent(indent);
      explicit_key = true;
    }
    out_ += ':';
    const Value& value = entry.value;
    if (value.IsMap() && !value.AsMap().empty()) {
      out_ += '\n';
      Entries(value.AsMap(), false, indent + 2, false);
    } else if (value.IsList() && !value.AsList().empty()) {
      out_ += '\n';
      // kubectl style: a sequence under a key is not indented. After an
      // explicit `? key` it is, which every reader accepts.
      Items(value.AsList(), explicit_key ? indent + 2 : indent, false);
    } else {
      out_ += ' ';
      ScalarLine(value, indent + 2, false);
    }
  }

  // Sequence items with their `-` at column `indent`.
  void Items(const ValueList& items, size_t indent, bool first_inline) {
    bool first = true;
    for (const Value& item : items) {
      if (!(first && first_inline)) Indent(indent);
      first = false;
      out_ += "- ";
      if (item.IsMap() && !item.AsMap().empty()) {
        Entries(item.AsMap(), false, indent + 2, true);
      } else if (item.IsList() && !item.AsList().empty()) {
        Items(item.AsList(), indent + 2, true);
      } else {
        ScalarLine(item, indent + 2, false);
      }
    }
  }

  // A scalar or empty collection and its line break. A literal block's lines
  // go at column `block_indent`.
  void ScalarLine(const Value& value, size_t block_indent, bool top_level) {
    switch (value.kind()) {
      case Value::Kind::kNull: out_ += "null"; break;
      case Value::Kind::kBool: out_ += value.AsBool() ? "true" : "false"; break;
      case Value::Kind::kInt: out_ += std::to_string(value.AsInt()); break;
      case Value::Kind::kFloat: out_ += YamlFloat(value.AsFloat()); break;
      case Value::Kind::kString: String(value.AsString(), true, top_level ? 2 : block_indent); break;
      case Value::Kind::kList: out_ += "[]"; break;
      case Value::Kind::kMap: out_ += "{}"; break;
    }
    if (out_.back() != '\n') out_ += '\n';
  }

  // Writes a string scalar. A literal block ends with its own line break.
  void String(std::string_view text, bool allow_block, size_t block_indent) {
    if (CanBePlain(text)) {
      out_.append(text);
      return;
    }
    if (allow_block) {
      const LiteralPlan plan = PlanLiteral(text);
      if (plan.ok) {
        Literal(text, plan, block_indent);
        return;
      }
    }
    AppendYamlDoubleQuoted(out_, text);
  }

  void Literal(std::string_view text, const LiteralPlan& plan, size_t block_indent) {
    out_ += '|';
    // The indicator counts from the parent collection's column, which is
    // always two less than the block's (column -1 at the top level, where
    // readers then use at least 1; we use 2 there and say so).
    if (plan.indicator) out_ += '2';
    if (plan.chomping != 0) out_ += plan.chomping;
    out_ += '\n';
    const std::string_view body = text.substr(0, plan.body_length);
    size_t start = 0;
    while (start <= body.size()) {
      size_t end = body.find('\n', start);
      if (end == std::string_view::npos) end = body.size();
      if (end > start) {
        Indent(block_indent);
        out_.append(body.substr(start, end - start));
      }
      out_ += '\n';
      start = end + 1;
    }
    // Keep chomping: the extra trailing breaks are empty lines.
    for (size_t i = 1; i < plan.trailing_breaks; ++i) out_ += '\n';
  }

  std::string& out_;
};

}  // namespace

std::string WriteYamlStream(const std::vector<Value>& documents) {
  std::string out;
  bool first = true;
  for (const Value& document : documents) {
    if (!first) out += "---\n";
    first = false;
    YamlWriter(out).Document(document, /*manifest_order=*/true);
  }
  return out;
}

std::string WriteYaml(const Value& value) {
  std::string out;
  YamlWriter(out).Document(value, /*manifest_order=*/false);
  return out;
}

}  // namespace mast
