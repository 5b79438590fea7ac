#include "compiler/emit/mast_schema_writer.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "compiler/emit/mast_writer.h"

namespace mast {

namespace {

constexpr int kMaxDepth = 24;

const Value* Field(const Value& object, std::string_view key) { return object.IsMap() ? object.Find(key) : nullptr; }

bool FlagSet(const Value& object, std::string_view key) {
  const Value* flag = Field(object, key);
  return flag != nullptr && flag->IsBool() && flag->AsBool();
}

std::string TypeString(const Value& schema) {
  const Value* type = Field(schema, "type");
  return type != nullptr && type->IsString() ? type->AsString() : "";
}

// `spec` + `privateKey` -> `SpecPrivateKey`.
std::string Pascal(std::string_view name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::string NumberText(const Value& number, bool integer) {
  if (number.IsInt()) return std::to_string(number.AsInt());
  double d = number.AsFloat();
  if (integer) return std::to_string(static_cast<int64_t>(std::ceil(d)));
  std::ostringstream text;
  text << d;
  std::string s = text.str();
  return s.find_first_of(".e") == std::string::npos ? s + ".0" : s;
}

bool IsNumber(const Value* value) { return value != nullptr && (value->IsInt() || value->IsFloat()); }

// `int(0..10)`, `number(0.5..)`: bounds from minimum/maximum (exclusive
// bounds of integers move by one; of numbers they are kept inclusive, the
// closest Mast can say).
std::string Bounded(const Value& schema, const std::string& base) {
  const Value* low = Field(schema, "minimum");
  const Value* high = Field(schema, "maximum");
  if (!IsNumber(low) && !IsNumber(high)) return base;
  bool integer = base == "int";
  std::string low_text = IsNumber(low) ? NumberText(*low, integer) : "";
  std::string high_text = IsNumber(high) ? NumberText(*high, integer) : "";
  if (integer && IsNumber(low) && FlagSet(schema, "exclusiveMinimum")) low_text = std::to_string(std::stoll(low_text) + 1);
  if (integer && IsNumber(high) && FlagSet(schema, "exclusiveMaximum")) high_text = std::to_string(std::stoll(high_text) - 1);
  return base + "(" + low_text + ".." + high_text + ")";
}

std::string RefinedString(const Value& schema) {
  std::vector<std::string> parts;
  if (const Value* pattern = Field(schema, "pattern"); pattern != nullptr && pattern->IsString()) {
    parts.push_back("matches: " + MastStringLiteral(pattern->AsString()));
  }
  const Value* low = Field(schema, "minLength");
  const Value* high = Field(schema, "maxLength");
  if ((low != nullptr && low->IsInt()) || (high != nullptr && high->IsInt())) {
    parts.push_back("len: " + (low != nullptr && low->IsInt() ? std::to_string(low->AsInt()) : std::string()) + ".." +
                    (high != nullptr && high->IsInt() ? std::to_string(high->AsInt()) : std::string()));
  }
  if (parts.empty()) return "string";
  std::string text = "string(";
  for (size_t i = 0; i < parts.size(); ++i) text += (i ? ", " : "") + parts[i];
  return text + ")";
}

// `"a" | "b"` for an enum of strings, integers or booleans; "" otherwise.
std::string EnumUnion(const Value& schema) {
  const Value* values = Field(schema, "enum");
  if (values == nullptr || !values->IsList() || values->AsList().empty()) return "";
  std::string text;
  for (const Value& item : values->AsList()) {
    std::string member;
    if (item.IsString()) member = MastStringLiteral(item.AsString());
    else if (item.IsInt()) member = std::to_string(item.AsInt());
    else if (item.IsBool()) member = item.AsBool() ? "true" : "false";
    else if (item.IsNull()) member = "null";
    else return "";
    text += (text.empty() ? "" : " | ") + member;
  }
  return text;
}

void WriteDoc(const Value& schema, int indent, std::string& out) {
  const Value* description = Field(schema, "description");
  if (description == nullptr || !description->IsString()) return;
  std::istringstream lines(description->AsString());
  std::string line;
  while (std::getline(lines, line)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    out += std::string(indent, ' ') + (line.empty() ? "///" : "/// " + line) + "\n";
  }
}

bool AllFieldNames(const ValueMap& entries) {
  for (const MapEntry& entry : entries) {
    if (!IsMastFieldName(entry.key)) return false;
  }
  return true;
}

}  // namespace

std::string MastSchemaWriter::UniqueName(std::string_view wanted) {
  std::string name = Pascal(wanted);
  if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) name = "Schema" + name;
  std::string unique = name;
  for (int n = 2; names_.count(unique); ++n) unique = name + std::to_string(n);
  names_.insert(unique);
  return unique;
}

std::string MastSchemaWriter::FromOpenApi(std::string_view root_name, const Value& schema,
                                          const std::vector<std::pair<std::string, std::string>>& root_fields) {
  root_fields_ = root_fields;
  return OpenApiObject(schema, std::string(root_name), 0);
}

// A schema declaration for an object with properties; its name.
std::string MastSchemaWriter::OpenApiObject(const Value& schema, const std::string& name, int depth) {
  const Value* properties = Field(schema, "properties");
  const std::string declared = UniqueName(name);
  std::set<std::string> required;
  if (const Value* list = Field(schema, "required"); list != nullptr && list->IsList()) {
    for (const Value& item : list->AsList()) {
      if (item.IsString()) required.insert(item.AsString());
    }
  }
  // Fields first (their types may declare nested schemas), then this one.
  std::string body;
  std::vector<std::pair<std::string, std::string>> fixed;
  if (depth == 0) fixed.swap(root_fields_);
  for (const auto& [field, text] : fixed) body += "  " + field + ": " + text + "\n";
  if (properties != nullptr && properties->IsMap()) {
    for (const MapEntry& entry : properties->AsMap()) {
      bool replaced = false;
      for (const auto& [field, text] : fixed) replaced = replaced || field == entry.key;
      if (replaced) continue;
      std::string type = OpenApiType(entry.value, name + Pascal(entry.key), depth + 1);
      WriteDoc(entry.value, 2, body);
      body += "  " + entry.key + (required.count(entry.key) ? "" : "?") + ": " + type;
      if (const Value* value = Field(entry.value, "default"); value != nullptr && HasMastLiteral(*value)) {
        body += " = ";
        WriteMastValue(*value, 2, body);
      }
      body += "\n";
    }
  }
  WriteDoc(schema, 0, text_);
  text_ += "schema " + declared + " {\n" + body + "}\n\n";
  return declared;
}

std::string MastSchemaWriter::OpenApiType(const Value& schema, const std::string& name, int depth) {
  if (depth > kMaxDepth || !schema.IsMap()) return "any";
  std::string type;
  const std::string kind = TypeString(schema);
  const Value* properties = Field(schema, "properties");
  const bool has_properties = properties != nullptr && properties->IsMap() && !properties->AsMap().empty();
  if (FlagSet(schema, "x-kubernetes-int-or-string")) {
    type = "int | string";
  } else if (std::string members = EnumUnion(schema); !members.empty()) {
    type = members;
  } else if (kind == "string") {
    type = RefinedString(schema);
  } else if (kind == "integer") {
    type = Bounded(schema, "int");
  } else if (kind == "number") {
    type = Bounded(schema, "number");
  } else if (kind == "boolean") {
    type = "bool";
  } else if (kind == "array") {
    const Value* items = Field(schema, "items");
    std::string item = items != nullptr ? OpenApiType(*items, name + "Item", depth + 1) : "any";
    type = "[" + item + "]";
  } else if (has_properties && AllFieldNames(properties->AsMap()) &&
             !FlagSet(schema, "x-kubernetes-preserve-unknown-fields")) {
    type = OpenApiObject(schema, name, depth);
  } else if (kind == "object" || has_properties) {
    const Value* additional = Field(schema, "additionalProperties");
    std::string value = additional != nullptr && additional->IsMap() ? OpenApiType(*additional, name + "Value", depth + 1)
                                                                      : "any";
    type = "{string: " + value + "}";
  } else {
    type = "any";
  }
  if (FlagSet(schema, "nullable") && type != "any") {
    type = (type.find('|') == std::string::npos ? type : "(" + type + ")") + " | null";
  }
  return type;
}

std::string MastSchemaWriter::FromValues(std::string_view root_name, const Value& values) {
  return ValueType(values, std::string(root_name), 0);
}

std::string MastSchemaWriter::ValueType(const Value& value, const std::string& name, int depth) {
  if (depth > kMaxDepth) return "any";
  switch (value.kind()) {
    case Value::Kind::kString: return "string";
    case Value::Kind::kInt: return "int";
    case Value::Kind::kFloat: return "number";
    case Value::Kind::kBool: return "bool";
    case Value::Kind::kList: {
      // Items of one scalar kind are typed; records in a list are maps (a
      // schema would fill one item's fields in from another's defaults).
      const ValueList& items = value.AsList();
      if (items.empty()) return "[any]";
      const Value::Kind kind = items.front().kind();
      bool same = std::all_of(items.begin(), items.end(), [&](const Value& item) { return item.kind() == kind; });
      if (!same || kind == Value::Kind::kList || kind == Value::Kind::kNull) return "[any]";
      return kind == Value::Kind::kMap ? "[{string: any}]" : "[" + ValueType(items.front(), name, depth + 1) + "]";
    }
    case Value::Kind::kMap: {
      // A record whose keys cannot all be schema fields is a map, except the
      // root, which leaves those keys out and says so.
      if (value.AsMap().empty() || (depth > 0 && !AllFieldNames(value.AsMap()))) return "{string: any}";
      const std::string declared = UniqueName(name);
      std::string body;
      for (const MapEntry& entry : value.AsMap()) {
        if (!IsMastFieldName(entry.key)) {
          body += "  // " + MastStringLiteral(entry.key) + " is left out: it cannot be a schema field name\n";
          continue;
        }
        std::string type = ValueType(entry.value, name + Pascal(entry.key), depth + 1);
        body += "  " + entry.key + ": " + (entry.value.IsNull() ? "any" : type) + " = ";
        if (entry.value.IsMap() && type != "{string: any}") {
          body += type + " {}";  // its own schema's defaults
        } else {
          WriteMastValue(entry.value, 2, body);
        }
        body += "\n";
      }
      text_ += "schema " + declared + " {\n" + body + "}\n\n";
      return declared;
    }
    default: return "any";
  }
}

}  // namespace mast
