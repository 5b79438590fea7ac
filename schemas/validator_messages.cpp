#include "schemas/validator_messages.h"

#include <cmath>
#include <cstdlib>

#include "schemas/validator.h"

namespace mast::schemas {

namespace {

constexpr size_t kMaxShown = 40;

// Cuts at most kMaxShown bytes without splitting a UTF-8 sequence.
std::string_view Shorten(std::string_view text, bool* cut) {
  *cut = text.size() > kMaxShown;
  if (!*cut) return text;
  size_t end = kMaxShown;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

bool LooksLikeInteger(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

bool LooksLikeNumber(std::string_view s) {
  if (s.empty()) return false;
  char* end = nullptr;
  const std::string copy(s);
  std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size();
}

}  // namespace

std::string QuoteText(std::string_view text) {
  bool cut = false;
  std::string out = "\"";
  for (char c : Shorten(text, &cut)) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  out += cut ? "...\"" : "\"";
  return out;
}

std::string CodeText(std::string_view text) {
  bool cut = false;
  std::string out = "`";
  for (char c : Shorten(text, &cut)) out += (c == '\n' || c == '`') ? ' ' : c;
  out += cut ? "...`" : "`";
  return out;
}

std::string DescribeValue(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBool: return value.AsBool() ? "boolean true" : "boolean false";
    case Value::Kind::kInt: return "integer " + std::to_string(value.AsInt());
    case Value::Kind::kFloat: return "number " + FormatFloat(value.AsFloat());
    case Value::Kind::kString: return "string " + QuoteText(value.AsString());
    case Value::Kind::kList: return "list";
    case Value::Kind::kMap: return "object";
  }
  return "value";
}

std::string DescribeExpected(const CatalogView& view, uint32_t type) {
  switch (static_cast<ExternalKind>(view.KindByte(type))) {
    case ExternalKind::kObject: return "object `" + std::string(view.ShortName(type)) + "`";
    case ExternalKind::kList: return "list";
    case ExternalKind::kMap: return "map";
    case ExternalKind::kString: return "string";
    case ExternalKind::kInteger: return "integer";
    case ExternalKind::kNumber: return "number";
    case ExternalKind::kBoolean: return "boolean";
    case ExternalKind::kIntOrString: return "integer or string";
    case ExternalKind::kQuantity: return "quantity";
    case ExternalKind::kAny: return "any value";
  }
  return "value";
}

std::string MismatchHint(const Value& found, ExternalKind expected) {
  const bool wants_string = expected == ExternalKind::kString;
  if (wants_string && found.IsBool()) {
    return "; quote it: YAML 1.1 reads unquoted yes/no/on/off/true/false as booleans";
  }
  if (wants_string && found.IsInt()) {
    // Text as long as the number's decimal form was written as that form
    // (`8080` in Mast or YAML): quoting it is the whole fix. Other text
    // (`0755`, `0x1F`, `1_000`) was read as another number by YAML 1.1.
    const SourceRange origin = found.origin();
    const bool written_in_decimal =
        origin.IsValid() && origin.end - origin.begin == std::to_string(found.AsInt()).size();
    if (written_in_decimal) return "; quote it to keep it a string";
    return "; quote it: YAML 1.1 also reads a leading zero like `0123` as an octal number";
  }
  if (wants_string && found.IsFloat()) return "; quote it to keep it a string, e.g. `\"1.10\"`";
  if (found.IsString()) {
    const std::string& text = found.AsString();
    const bool integer_text = LooksLikeInteger(text);
    if ((expected == ExternalKind::kInteger && integer_text) ||
        (expected == ExternalKind::kNumber && LooksLikeNumber(text)) ||
        (expected == ExternalKind::kBoolean && (text == "true" || text == "false"))) {
      return "; write it without quotes";
    }
  }
  if (expected == ExternalKind::kList && !found.IsList()) return "; wrap it in a list";
  return {};
}

}  // namespace mast::schemas
