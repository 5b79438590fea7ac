// The Type model's helpers: construction, nullability and display.
#include "compiler/types/types.h"

#include <cstdint>

#include "compiler/value/value.h"

namespace mast {

const SchemaFieldInfo* SchemaInfo::Find(std::string_view field) const {
  for (const SchemaFieldInfo& info : fields) {
    if (info.name == field) return &info;
  }
  return nullptr;
}

TypeRef AnyType() {
  static const TypeRef kAny = std::make_shared<const Type>();
  return kAny;
}

TypeRef MakeType(Type type) { return std::make_shared<const Type>(std::move(type)); }

bool IsNullable(const Type& type) {
  if (type.kind == Type::Kind::kAny || type.kind == Type::Kind::kNull) return true;
  if (type.kind == Type::Kind::kUnion) {
    for (const TypeRef& member : type.members) {
      if (IsNullable(*member)) return true;
    }
  }
  return false;
}

namespace {

std::string RangeText(const NumberRange& range) {
  auto number = [](double d) {
    if (d == static_cast<double>(static_cast<int64_t>(d))) return std::to_string(static_cast<int64_t>(d));
    return FormatFloat(d);
  };
  return (range.low ? number(*range.low) : "") + ".." + (range.high ? number(*range.high) : "");
}

// `text` as a Mast string literal, so that a printed type reads as one
// would write it: `string(matches: "^[a-z]+\\.com$")`.
std::string QuotedText(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\' || (c == '$' && i + 1 < text.size() && text[i + 1] == '{')) out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string TypeToString(const Type& type) {
  if (!type.name.empty()) return type.name;
  switch (type.kind) {
    case Type::Kind::kAny: return "any";
    case Type::Kind::kNull: return "null";
    case Type::Kind::kBool: return "bool";
    case Type::Kind::kInt: return type.range ? "int(" + RangeText(*type.range) + ")" : "int";
    case Type::Kind::kFloat: return type.range ? "number(" + RangeText(*type.range) + ")" : "number";
    case Type::Kind::kString: {
      if (!type.text) return "string";
      std::string args;
      if (type.text->pattern) args += "matches: " + QuotedText(type.text->pattern_text);
      if (type.text->length) args += std::string(args.empty() ? "" : ", ") + "len: " + RangeText(*type.text->length);
      return "string(" + args + ")";
    }
    case Type::Kind::kLiteral:
      return type.literal.IsString() ? QuotedText(type.literal.AsString()) : DisplayValue(type.literal);
    case Type::Kind::kUnion: {
      std::string text;
      for (const TypeRef& member : type.members) text += (text.empty() ? "" : " | ") + TypeToString(*member);
      return text;
    }
    case Type::Kind::kList: return "[" + TypeToString(*type.element) + "]";
    case Type::Kind::kMap: return "{string: " + TypeToString(*type.element) + "}";
    case Type::Kind::kSchema: return type.schema->name;
    case Type::Kind::kExternal: return type.catalog->TypeName(type.external);
  }
  return "?";
}

}  // namespace mast
