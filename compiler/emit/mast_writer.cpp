#include "compiler/emit/mast_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mast {

namespace {

bool IsScalar(const Value& value) { return !value.IsList() && !value.IsMap(); }

void NewLine(int indent, std::string& out) {
  out += '\n';
  out.append(static_cast<size_t>(indent), ' ');
}

void WriteList(const ValueList& items, int indent, std::string& out, const MastWriteHooks* hooks) {
  if (items.empty()) {
    out += "[]";
    return;
  }
  bool scalars = true;
  for (const Value& item : items) scalars = scalars && IsScalar(item);
  if (scalars) {
    out += '[';
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += ", ";
      WriteMastValue(items[i], indent, out, hooks);
    }
    out += ']';
    return;
  }
  out += '[';
  for (size_t i = 0; i < items.size(); ++i) {
    NewLine(indent + 2, out);
    WriteMastValue(items[i], indent + 2, out, hooks);
    if (i + 1 < items.size()) out += ',';
  }
  NewLine(indent, out);
  out += ']';
}

void WriteRecord(const ValueMap& entries, int indent, std::string& out, const MastWriteHooks* hooks) {
  const bool all_null =
      std::all_of(entries.begin(), entries.end(), [](const MapEntry& entry) { return entry.value.IsNull(); });
  if (entries.empty() || all_null) {
    out += "{}";
    return;
  }
  out += '{';
  for (const MapEntry& entry : entries) {
    if (entry.value.IsNull()) continue;  // unset, as the API server reads it
    if (hooks != nullptr && hooks->above) {
      std::vector<std::string> lines = hooks->above(entry.key_range);
      if (!lines.empty()) {
        out += '\n';
        out += MastCommentLines(lines, indent + 2);
        out.pop_back();
      }
    }
    NewLine(indent + 2, out);
    out += IsMastFieldName(entry.key) ? entry.key : MastStringLiteral(entry.key);
    out += ": ";
    WriteMastValue(entry.value, indent + 2, out, hooks);
    if (hooks != nullptr && hooks->trailing && IsScalar(entry.value)) {
      if (std::string text = hooks->trailing(entry.value.origin()); !text.empty()) out += "  //" + text;
    }
  }
  NewLine(indent, out);
  out += '}';
}

}  // namespace

bool IsMastFieldName(std::string_view key) {
  if (key.empty()) return false;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(key[0])) return false;
  for (char c : key) {
    if (!letter(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string MastStringLiteral(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const unsigned char byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '$': out += "\\$"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\0': out += "\\0"; break;
      default:
        if (byte < 0x20 || byte == 0x7F) {
          char buffer[12];
          std::snprintf(buffer, sizeof buffer, "\\u{%X}", byte);
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

bool HasMastLiteral(const Value& value) {
  if (value.IsFloat()) return std::isfinite(value.AsFloat());
  if (value.IsList()) {
    for (const Value& item : value.AsList()) {
      if (!HasMastLiteral(item)) return false;
    }
  } else if (value.IsMap()) {
    for (const MapEntry& entry : value.AsMap()) {
      if (!HasMastLiteral(entry.value)) return false;
    }
  }
  return true;
}

std::string MastCommentLines(const std::vector<std::string>& lines, int indent) {
  std::string out;
  for (const std::string& line : lines) out += std::string(static_cast<size_t>(indent), ' ') + "//" + line + "\n";
  return out;
}

void WriteMastValue(const Value& value, int indent, std::string& out, const MastWriteHooks* hooks) {
  if (hooks != nullptr && hooks->name_of && value.IsMap()) {
    if (std::string name = hooks->name_of(value); !name.empty()) {
      out += name;
      return;
    }
  }
  switch (value.kind()) {
    case Value::Kind::kNull: out += "null"; break;
    case Value::Kind::kBool: out += value.AsBool() ? "true" : "false"; break;
    case Value::Kind::kInt: out += std::to_string(value.AsInt()); break;
    case Value::Kind::kFloat: out += FormatFloat(value.AsFloat()); break;
    case Value::Kind::kString: out += MastStringLiteral(value.AsString()); break;
    case Value::Kind::kList: WriteList(value.AsList(), indent, out, hooks); break;
    case Value::Kind::kMap: WriteRecord(value.AsMap(), indent, out, hooks); break;
  }
}

}  // namespace mast
