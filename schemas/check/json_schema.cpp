// Compiling schema Values into SchemaNodes.
#include "schemas/check/json_schema.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace mast {

SchemaId SchemaNode::FindProperty(std::string_view key) const {
  auto it = std::lower_bound(properties.begin(), properties.end(), key,
                             [](const std::pair<std::string, SchemaId>& p, std::string_view k) { return p.first < k; });
  return it != properties.end() && it->first == key ? it->second : kNoSchema;
}

namespace {

std::string Unescape(std::string_view token) {
  std::string out;
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else if (token[i] == '%' && i + 2 < token.size() && std::isxdigit(static_cast<unsigned char>(token[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(token[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(token.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += token[i];
    }
  }
  return out;
}

std::optional<double> NumberOf(const Value* value) {
  if (value == nullptr || !value->IsNumber()) return std::nullopt;
  return value->AsFloat();
}

std::optional<uint64_t> CountOf(const Value* value) {
  if (value == nullptr) return std::nullopt;
  if (value->IsInt() && value->AsInt() >= 0) return static_cast<uint64_t>(value->AsInt());
  if (value->IsFloat() && value->AsFloat() >= 0 && value->AsFloat() == std::trunc(value->AsFloat())) {
    return static_cast<uint64_t>(value->AsFloat());
  }
  return std::nullopt;
}

bool IsTrue(const Value* value) { return value != nullptr && value->IsBool() && value->AsBool(); }

uint8_t TypeBit(std::string_view name) {
  if (name == "null") return kTypeNull;
  if (name == "boolean") return kTypeBoolean;
  if (name == "object") return kTypeObject;
  if (name == "array") return kTypeArray;
  if (name == "number") return kTypeNumber;
  if (name == "integer") return kTypeInteger;
  if (name == "string") return kTypeString;
  return 0;
}

SchemaFormat FormatOf(std::string_view name) {
  if (name == "int32") return SchemaFormat::kInt32;
  if (name == "int64") return SchemaFormat::kInt64;
  if (name == "byte") return SchemaFormat::kByte;
  if (name == "date-time" || name == "datetime") return SchemaFormat::kDateTime;
  if (name == "date") return SchemaFormat::kDate;
  if (name == "uuid") return SchemaFormat::kUuid;
  if (name == "ipv4") return SchemaFormat::kIpv4;
  if (name == "ipv6") return SchemaFormat::kIpv6;
  if (name == "cidr") return SchemaFormat::kCidr;
  return SchemaFormat::kNone;  // other formats are not checked
}

}  // namespace

const Value* FollowJsonPointer(const Value& root, std::string_view pointer) {
  const Value* current = &root;
  if (!pointer.empty() && pointer[0] == '/') pointer.remove_prefix(1);
  else if (!pointer.empty()) return nullptr;
  while (current != nullptr && !pointer.empty()) {
    const size_t slash = pointer.find('/');
    const std::string token = Unescape(pointer.substr(0, slash));
    pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash + 1);
    if (current->IsMap()) {
      current = current->Find(token);
    } else if (current->IsList()) {
      char* end = nullptr;
      const unsigned long index = std::strtoul(token.c_str(), &end, 10);
      if (token.empty() || *end != '\0' || index >= current->AsList().size()) return nullptr;
      current = &current->AsList()[index];
    } else {
      return nullptr;
    }
    if (slash == std::string_view::npos) break;
  }
  return current;
}

struct SchemaSet::Compiler {
  SchemaSet& set;
  const SchemaCompileOptions& options;
  DiagnosticSink& sink;
  std::unordered_map<const void*, SchemaId> done;  // by the schema Value's map storage
  int depth = 0;

  SchemaId Node(const Value& schema, const Value& root, std::string name) {
    const void* key = schema.IsMap() ? static_cast<const void*>(&schema.AsMap()) : nullptr;
    if (key != nullptr) {
      auto it = done.find(key);
      if (it != done.end()) return it->second;
    }
    const SchemaId id = static_cast<SchemaId>(set.nodes_.size());
    set.nodes_.emplace_back();
    set.nodes_[id].name = name;
    if (key != nullptr) done.emplace(key, id);
    if (!schema.IsMap() || depth > 200) return id;  // `true`, `{}` or absurd depth: anything goes
    ++depth;
    SchemaNode node = Build(schema, root, std::move(name));
    --depth;
    set.nodes_[id] = std::move(node);
    return id;
  }

  const Value* Resolve(const MapEntry& ref_entry, const Value& root, const Value** target_root) {
    if (!ref_entry.value.IsString()) return nullptr;
    const std::string& ref = ref_entry.value.AsString();
    const Value* target = nullptr;
    *target_root = &root;
    if (!ref.empty() && ref[0] == '#') {
      target = FollowJsonPointer(root, std::string_view(ref).substr(1));
    } else if (options.resolve_ref) {
      target = options.resolve_ref(ref, root, target_root);
    }
    if (target == nullptr) {
      sink.Report(DiagnosticCode::E0505, ref_entry.value.origin(),
                  "cannot resolve `$ref` `" + ref + "`; the reference is ignored");
    }
    return target;
  }

  SchemaNode Build(const Value& schema, const Value& root, std::string name) {
    SchemaNode node;
    node.name = name;
    // A $ref replaces the schema (JSON Schema before 2019-09; siblings such
    // as `description` carry no validation in Kubernetes schemas).
    if (const MapEntry* ref = schema.FindEntry("$ref")) {
      const Value* target_root = nullptr;
      if (const Value* target = Resolve(*ref, root, &target_root)) {
        const SchemaId id = Node(*target, *target_root, name);
        node.all_of.push_back(id);
      }
      return node;
    }
    ReadTypeAndFlags(schema, node);
    ReadBounds(schema, node);
    ReadListAndEnumKeywords(schema, node);
    CompilePattern(schema, node);
    CompileSubschemas(schema, root, name, node);
    return node;
  }

  // `type`, `description`, the boolean markers and `format`.
  void ReadTypeAndFlags(const Value& schema, SchemaNode& node) const {
    if (const Value* type = schema.Find("type")) {
      if (type->IsString()) node.types = TypeBit(type->AsString());
      if (type->IsList()) {
        for (const Value& item : type->AsList()) {
          if (item.IsString()) node.types |= TypeBit(item.AsString());
        }
      }
      // A number schema accepts integers too.
      if (node.types & kTypeNumber) node.types |= kTypeInteger;
    }
    if (const Value* description = schema.Find("description");
        options.keep_descriptions && description && description->IsString()) {
      node.description = description->AsString();
    }
    node.nullable = IsTrue(schema.Find("nullable"));
    node.int_or_string = IsTrue(schema.Find("x-kubernetes-int-or-string"));
    node.preserve_unknown = IsTrue(schema.Find("x-kubernetes-preserve-unknown-fields"));
    node.embedded_resource = IsTrue(schema.Find("x-kubernetes-embedded-resource"));
    if (const Value* format = schema.Find("format"); format && format->IsString()) {
      node.format = FormatOf(format->AsString());
      if (format->AsString() == "int-or-string") node.int_or_string = true;
    }
  }

  // Numeric bounds and the size limits of strings, lists and maps.
  static void ReadBounds(const Value& schema, SchemaNode& node) {
    node.minimum = NumberOf(schema.Find("minimum"));
    node.maximum = NumberOf(schema.Find("maximum"));
    // OpenAPI 3.0 writes exclusiveMinimum as a boolean beside minimum;
    // JSON Schema draft 6+ writes it as the bound itself.
    if (const Value* exclusive = schema.Find("exclusiveMinimum")) {
      if (exclusive->IsBool()) node.exclusive_minimum = exclusive->AsBool();
      else if (exclusive->IsNumber()) node.minimum = exclusive->AsFloat(), node.exclusive_minimum = true;
    }
    if (const Value* exclusive = schema.Find("exclusiveMaximum")) {
      if (exclusive->IsBool()) node.exclusive_maximum = exclusive->AsBool();
      else if (exclusive->IsNumber()) node.maximum = exclusive->AsFloat(), node.exclusive_maximum = true;
    }
    node.multiple_of = NumberOf(schema.Find("multipleOf"));
    if (node.multiple_of && *node.multiple_of <= 0) node.multiple_of.reset();
    node.min_length = CountOf(schema.Find("minLength"));
    node.max_length = CountOf(schema.Find("maxLength"));
    node.min_items = CountOf(schema.Find("minItems"));
    node.max_items = CountOf(schema.Find("maxItems"));
    node.min_properties = CountOf(schema.Find("minProperties"));
    node.max_properties = CountOf(schema.Find("maxProperties"));
    node.unique_items = IsTrue(schema.Find("uniqueItems"));
  }

  // The Kubernetes list markers, `enum` and `const`.
  static void ReadListAndEnumKeywords(const Value& schema, SchemaNode& node) {
    if (const Value* list_type = schema.Find("x-kubernetes-list-type"); list_type && list_type->IsString()) {
      if (list_type->AsString() == "set") node.list_type = ListType::kSet;
      if (list_type->AsString() == "map") node.list_type = ListType::kMap;
    }
    if (const Value* keys = schema.Find("x-kubernetes-list-map-keys"); keys && keys->IsList()) {
      for (const Value& key : keys->AsList()) {
        if (key.IsString()) node.list_map_keys.push_back(key.AsString());
      }
    }
    if (const Value* values = schema.Find("enum"); values && values->IsList()) {
      node.has_enum = true;
      node.enum_values = values->AsList();
    }
    if (const Value* constant = schema.Find("const")) {
      node.has_enum = true;
      node.enum_values = {*constant};
    }
  }

  void CompilePattern(const Value& schema, SchemaNode& node) {
    const Value* pattern = schema.Find("pattern");
    if (!pattern || !pattern->IsString()) return;
    RE2::Options re_options;
    re_options.set_log_errors(false);
    auto re = std::make_shared<RE2>(pattern->AsString(), re_options);
    if (re->ok()) {
      node.pattern = std::move(re);
      node.pattern_text = pattern->AsString();
    } else {
      sink.Report(kConstraintCode, pattern->origin(),
                  "invalid `pattern`: " + re->error() + "; the API server rejects this schema");
    }
  }

  // `required`, then the subschemas, compiled in a fixed order (node ids
  // follow it): properties, additionalProperties, items, allOf, anyOf,
  // oneOf, not.
  void CompileSubschemas(const Value& schema, const Value& root, const std::string& name, SchemaNode& node) {
    if (const Value* required = schema.Find("required"); required && required->IsList()) {
      for (const Value& item : required->AsList()) {
        if (item.IsString()) node.required.push_back(item.AsString());
      }
    }
    bool has_properties = false;
    if (const Value* properties = schema.Find("properties"); properties && properties->IsMap()) {
      has_properties = true;
      for (const MapEntry& entry : properties->AsMap()) {
        node.properties.emplace_back(entry.key, Node(entry.value, root, Child(name, entry.key)));
      }
      std::sort(node.properties.begin(), node.properties.end());
    }
    if (const Value* additional = schema.Find("additionalProperties")) {
      if (additional->IsBool()) {
        node.closed = !additional->AsBool();
      } else if (additional->IsMap()) {
        node.additional = Node(*additional, root, name + "[*]");
      }
    } else if (has_properties && options.closed_by_default && !node.preserve_unknown) {
      node.closed = true;
    }
    if (node.preserve_unknown) node.closed = false;
    if (const Value* items = schema.Find("items")) {
      if (items->IsMap()) node.items = Node(*items, root, name + "[]");
      // Draft-4 tuple form: validate every item against the first schema.
      if (items->IsList() && !items->AsList().empty()) node.items = Node(items->AsList()[0], root, name + "[]");
    }
    auto compile_list = [&](const char* keyword, std::vector<SchemaId>& out) {
      const Value* list = schema.Find(keyword);
      if (list == nullptr || !list->IsList()) return;
      for (const Value& item : list->AsList()) out.push_back(Node(item, root, name));
    };
    compile_list("allOf", node.all_of);
    compile_list("anyOf", node.any_of);
    compile_list("oneOf", node.one_of);
    if (const Value* negated = schema.Find("not")) node.not_schema = Node(*negated, root, name);
  }

  static std::string Child(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
  }
};

SchemaId SchemaSet::Compile(const Value& schema, const Value& root, std::string name,
                            const SchemaCompileOptions& options, DiagnosticSink& sink) {
  Compiler compiler{*this, options, sink, {}, 0};
  return compiler.Node(schema, root, std::move(name));
}

}  // namespace mast
