#include "schemas/openapi/openapi_convert.h"

#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

namespace mast::schemas {

namespace {

using Json = nlohmann::json;

constexpr std::string_view kV3RefPrefix = "#/components/schemas/";
constexpr std::string_view kV2RefPrefix = "#/definitions/";

// "v1", "v2", "v1beta1", "v1alpha2".
bool IsVersionSegment(std::string_view s) {
  if (s.size() < 2 || s[0] != 'v') return false;
  size_t i = 1;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == 1) return false;
  std::string_view rest = s.substr(i);
  if (rest.empty()) return true;
  for (std::string_view stage : {std::string_view("alpha"), std::string_view("beta")}) {
    if (rest.substr(0, stage.size()) == stage) {
      rest.remove_prefix(stage.size());
      if (rest.empty()) return false;
      for (char c : rest) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
      }
      return true;
    }
  }
  return false;
}

std::string_view LastSegment(std::string_view name) {
  const size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

std::string StringMember(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  // OpenAPI 3.1 style `type: [string, "null"]`: the first non-null entry.
  if (it->is_array()) {
    for (const Json& item : *it) {
      if (item.is_string() && item.get<std::string>() != "null") return item.get<std::string>();
    }
  }
  return {};
}

// The keys the items of a list merge by, joined by ',': server-side apply's
// `x-kubernetes-list-map-keys` when the list has them (all of them, e.g.
// containerPort and protocol), else the strategic merge patch's
// `x-kubernetes-patch-merge-key` when its patch strategy merges. "" for an
// atomic list, a set, or a key that cannot be stored (one with a ',').
std::string MergeKeysOf(const Json& schema) {
  std::string keys;
  auto list_map_keys = schema.find("x-kubernetes-list-map-keys");
  if (list_map_keys != schema.end() && list_map_keys->is_array()) {
    for (const Json& key : *list_map_keys) {
      if (!key.is_string() || key.get<std::string>().empty()) return {};
      const std::string name = key.get<std::string>();
      if (name.find(',') != std::string::npos) return {};
      keys += (keys.empty() ? "" : ",") + name;
    }
    if (!keys.empty()) return keys;
  }
  if (StringMember(schema, "x-kubernetes-patch-strategy").find("merge") == std::string::npos) return {};
  keys = StringMember(schema, "x-kubernetes-patch-merge-key");
  return keys.find(',') == std::string::npos ? keys : std::string();
}

bool BoolMember(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

class Converter {
 public:
  Converter(const Json& definitions, CatalogModel* model) : definitions_(definitions), model_(model) {}

  void Run();

 private:
  void DeclareNamed();
  void AssignModules();
  void DefineNamed(uint32_t id, const Json& schema);
  // The type of an inline schema: a named type for a $ref, else a
  // synthesized one (deduplicated unless it is an object with fields).
  uint32_t Resolve(const Json& schema, const std::string& context);
  std::optional<uint32_t> RefTarget(const Json& schema);
  void Classify(const Json& schema, const std::string& context, ModelType* type);
  void AddFields(const Json& schema, const std::string& context, ModelType* type);
  uint32_t Synthesize(ModelType type);
  std::string_view DisplayName(uint32_t type) const;

  const Json& definitions_;
  CatalogModel* model_;
  std::map<std::string, uint32_t, std::less<>> named_;
  std::map<std::tuple<int, int, int, uint32_t, std::string>, uint32_t> synthesized_;
};

void Converter::Run() {
  ModelType any;
  any.name = "any";
  model_->types.push_back(any);
  synthesized_[{static_cast<int>(ExternalKind::kAny), 0, 0, kAnyType, ""}] = kAnyType;

  DeclareNamed();
  AssignModules();
  for (const auto& [name, id] : named_) DefineNamed(id, definitions_.at(name));
}

// Ids 1..N go to the definitions in name order, so ids are stable for a
// given document; names, descriptions and kinds are known before any field
// refers to them.
void Converter::DeclareNamed() {
  for (auto it = definitions_.begin(); it != definitions_.end(); ++it) {
    const uint32_t id = static_cast<uint32_t>(model_->types.size());
    named_.emplace(it.key(), id);
    ModelType type;
    type.flags = kTypeNamed;
    type.name = it.key();
    if (it->is_object()) {
      type.description = StringMember(*it, "description");
      auto kinds = it->find("x-kubernetes-group-version-kind");
      if (kinds != it->end() && kinds->is_array()) {
        for (const Json& gvk : *kinds) {
          if (!gvk.is_object()) continue;
          ModelGroupVersionKind entry{StringMember(gvk, "group"), StringMember(gvk, "version"),
                                      StringMember(gvk, "kind")};
          if (!entry.version.empty() && !entry.kind.empty()) type.kinds.push_back(std::move(entry));
        }
      }
    }
    model_->types.push_back(std::move(type));
  }
}

void Converter::AssignModules() {
  std::map<std::string, uint32_t> module_index;
  for (const auto& [name, id] : named_) {
    auto [path, member] = ModuleAndMemberOf(name);
    auto [it, inserted] = module_index.emplace(path, static_cast<uint32_t>(model_->modules.size()));
    if (inserted) model_->modules.push_back(ModelModule{path, {}, {}});
    ModelModule& module = model_->modules[it->second];
    ModelType& type = model_->types[id];
    type.module = it->second;
    bool clash = false;
    for (const ModelMember& existing : module.members) clash = clash || existing.name == member;
    if (clash) {
      model_->warnings.push_back("`" + name + "` has the same name as another member of `" + path +
                                 "`; it is not exported");
    } else {
      module.members.push_back(ModelMember{member, id, 1});
    }
  }

  // Aliases by API group, and the kind each resource type reports.
  std::set<std::string> taken;
  for (const ModelModule& module : model_->modules) taken.insert(module.path);
  for (ModelModule& module : model_->modules) {
    const std::string_view path = module.path;
    const size_t slash = path.rfind('/');
    const std::string package(path.substr(4, slash > 4 ? slash - 4 : 0));  // after "k8s/"
    const std::string version(path.substr(slash + 1));
    std::set<std::string> groups;
    for (const ModelMember& member : module.members) {
      ModelType& type = model_->types[member.type];
      int best_score = -1;
      for (size_t i = 0; i < type.kinds.size(); ++i) {
        const ModelGroupVersionKind& gvk = type.kinds[i];
        if (gvk.version == version) groups.insert(gvk.group);
        const std::string first_label = gvk.group.substr(0, gvk.group.find('.'));
        const int score = (gvk.version == version ? 2 : 0) + (gvk.group.empty() || first_label == package ? 1 : 0);
        if (score > best_score) {
          best_score = score;
          type.preferred_kind = i;
        }
      }
    }
    if (groups.size() == 1 && !groups.begin()->empty() && *groups.begin() != package && !package.empty()) {
      std::string alias = "k8s/" + *groups.begin() + "/" + version;
      if (taken.insert(alias).second) module.aliases.push_back(std::move(alias));
    }
  }
}

void Converter::DefineNamed(uint32_t id, const Json& schema) {
  ModelType shape;
  const std::string context(LastSegment(model_->types[id].name));
  Classify(schema, context, &shape);
  ModelType& type = model_->types[id];  // after Classify, which may grow `types`
  const std::string_view name = type.name;
  if (name.size() >= 17 && name.substr(name.size() - 17) == "resource.Quantity") {
    shape = ModelType{};
    shape.kind = ExternalKind::kQuantity;
  } else if (name.size() >= 18 && name.substr(name.size() - 18) == "intstr.IntOrString") {
    shape = ModelType{};
    shape.kind = ExternalKind::kIntOrString;
  }
  type.kind = shape.kind;
  type.format = shape.format;
  type.flags = static_cast<uint8_t>(type.flags | shape.flags);
  type.element = shape.element;
  type.fields = std::move(shape.fields);
}

std::optional<uint32_t> Converter::RefTarget(const Json& schema) {
  if (!schema.is_object()) return std::nullopt;
  const Json* holder = &schema;
  auto all_of = schema.find("allOf");
  if (!schema.contains("$ref") && all_of != schema.end() && all_of->is_array() && all_of->size() == 1) {
    holder = &(*all_of)[0];
  }
  if (!holder->is_object()) return std::nullopt;
  std::string ref = StringMember(*holder, "$ref");
  if (ref.empty()) return std::nullopt;
  std::string_view target = ref;
  for (std::string_view prefix : {kV3RefPrefix, kV2RefPrefix}) {
    if (target.substr(0, prefix.size()) == prefix) target.remove_prefix(prefix.size());
  }
  auto it = named_.find(target);
  if (it == named_.end()) {
    model_->warnings.push_back("cannot resolve `" + ref + "`; it accepts any value");
    return kAnyType;
  }
  return it->second;
}

uint32_t Converter::Resolve(const Json& schema, const std::string& context) {
  if (auto target = RefTarget(schema)) return *target;
  ModelType type;
  Classify(schema, context, &type);
  if (type.kind == ExternalKind::kObject) {
    type.name = context;
    if (schema.is_object()) type.description = StringMember(schema, "description");
    model_->types.push_back(std::move(type));
    return static_cast<uint32_t>(model_->types.size() - 1);
  }
  return Synthesize(std::move(type));
}

uint32_t Converter::Synthesize(ModelType type) {
  const auto key = std::make_tuple(static_cast<int>(type.kind), static_cast<int>(type.format),
                                   static_cast<int>(type.flags), type.element, type.merge_keys);
  auto it = synthesized_.find(key);
  if (it != synthesized_.end()) return it->second;
  switch (type.kind) {
    case ExternalKind::kList: type.name = "[]" + std::string(DisplayName(type.element)); break;
    case ExternalKind::kMap: type.name = "map[string]" + std::string(DisplayName(type.element)); break;
    case ExternalKind::kString: type.name = "string"; break;
    case ExternalKind::kInteger:
      type.name = type.format == Format::kInt32 ? "int32" : type.format == Format::kInt64 ? "int64" : "integer";
      break;
    case ExternalKind::kNumber: type.name = "number"; break;
    case ExternalKind::kBoolean: type.name = "boolean"; break;
    case ExternalKind::kIntOrString: type.name = "int-or-string"; break;
    case ExternalKind::kQuantity: type.name = "quantity"; break;
    case ExternalKind::kAny:
    case ExternalKind::kObject: type.name = "any"; break;
  }
  const uint32_t id = static_cast<uint32_t>(model_->types.size());
  model_->types.push_back(std::move(type));
  synthesized_.emplace(key, id);
  return id;
}

std::string_view Converter::DisplayName(uint32_t type) const {
  const ModelType& t = model_->types[type];
  return (t.flags & kTypeNamed) ? LastSegment(t.name) : std::string_view(t.name);
}

void Converter::Classify(const Json& schema, const std::string& context, ModelType* type) {
  if (!schema.is_object()) return;  // kAny
  const std::string format = StringMember(schema, "format");
  if (format == "int-or-string" || BoolMember(schema, "x-kubernetes-int-or-string")) {
    type->kind = ExternalKind::kIntOrString;
    return;
  }
  if (auto target = RefTarget(schema)) {
    // A named definition that is only a reference: keep the target's shape
    // by wrapping nothing; treat it as any (rare, never in Kubernetes specs).
    model_->warnings.push_back("`" + context + "` is only a reference; it accepts any value");
    return;
  }
  const bool preserve = BoolMember(schema, "x-kubernetes-preserve-unknown-fields");
  auto properties = schema.find("properties");
  const bool has_properties = properties != schema.end() && properties->is_object() && !properties->empty();
  auto additional = schema.find("additionalProperties");
  const bool has_additional = additional != schema.end() && !(additional->is_boolean() && !additional->get<bool>());
  std::string kind = StringMember(schema, "type");
  if (kind.empty()) {
    if (has_properties || has_additional) {
      kind = "object";
    } else if (schema.contains("items")) {
      kind = "array";
    }
  }

  if (kind == "array") {
    type->kind = ExternalKind::kList;
    auto items = schema.find("items");
    type->element = items != schema.end() ? Resolve(*items, context + "[]") : kAnyType;
    type->merge_keys = MergeKeysOf(schema);
  } else if (kind == "object") {
    if (has_properties) {
      type->kind = ExternalKind::kObject;
      if (preserve || has_additional) type->flags = static_cast<uint8_t>(type->flags | kTypeOpen);
      AddFields(schema, context, type);
    } else if (has_additional && additional->is_object()) {
      type->kind = ExternalKind::kMap;
      type->element = Resolve(*additional, context + "{}");
    } else if (has_additional) {
      type->kind = ExternalKind::kMap;
      type->element = kAnyType;
    }
    // else: a free-form object (RawExtension, FieldsV1, preserve-unknown): kAny.
  } else if (kind == "string") {
    type->kind = ExternalKind::kString;
    if (format == "date-time") type->format = Format::kDateTime;
    if (format == "byte") type->format = Format::kByte;
  } else if (kind == "integer") {
    type->kind = ExternalKind::kInteger;
    if (format == "int32") type->format = Format::kInt32;
    if (format == "int64") type->format = Format::kInt64;
  } else if (kind == "number") {
    type->kind = ExternalKind::kNumber;
  } else if (kind == "boolean") {
    type->kind = ExternalKind::kBoolean;
  }
  // Anything else (no type, anyOf/oneOf, JSON): kAny.
}

void Converter::AddFields(const Json& schema, const std::string& context, ModelType* type) {
  std::set<std::string, std::less<>> required;
  auto required_list = schema.find("required");
  if (required_list != schema.end() && required_list->is_array()) {
    for (const Json& name : *required_list) {
      if (name.is_string()) required.insert(name.get<std::string>());
    }
  }
  const Json& properties = schema.at("properties");
  for (auto it = properties.begin(); it != properties.end(); ++it) {
    ModelField field;
    field.name = it.key();
    field.type = Resolve(*it, context + "." + it.key());
    if (it->is_object()) field.description = StringMember(*it, "description");
    // OpenAPI 3.0 ignores siblings of $ref, so Kubernetes specs carry no
    // description on such fields; show the referenced type's instead.
    if (field.description.empty() && (model_->types[field.type].flags & kTypeNamed)) {
      field.description = model_->types[field.type].description;
    }
    field.required = required.count(field.name) > 0;
    if (type->fields.size() >= 0xFFFF) {
      model_->warnings.push_back("`" + context + "` has too many fields; the rest are dropped");
      break;
    }
    type->fields.push_back(std::move(field));
  }
}

}  // namespace

std::pair<std::string, std::string> ModuleAndMemberOf(std::string_view definition_name) {
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (true) {
    const size_t dot = definition_name.find('.', start);
    segments.push_back(definition_name.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  const std::string member(segments.back());
  segments.pop_back();
  for (size_t i = segments.size(); i-- > 0;) {
    if (!IsVersionSegment(segments[i])) continue;
    if (i == 0) return {"k8s/" + std::string(segments[i]), member};
    return {"k8s/" + std::string(segments[i - 1]) + "/" + std::string(segments[i]), member};
  }
  return {"k8s/" + (segments.empty() ? std::string("unversioned") : std::string(segments.back())), member};
}

bool ConvertOpenApi(std::string_view json_text, CatalogModel* model, std::string* error) {
  auto fail = [&](std::string message) {
    if (error) *error = std::move(message);
    return false;
  };
  *model = CatalogModel{};
  try {
    const Json document = Json::parse(json_text.begin(), json_text.end(), nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) return fail("the schema file is not valid JSON");
    if (!document.is_object()) return fail("the schema file is not a JSON object");
    const Json* definitions = nullptr;
    auto components = document.find("components");
    if (components != document.end() && components->is_object()) {
      auto schemas = components->find("schemas");
      if (schemas != components->end() && schemas->is_object()) definitions = &*schemas;
    }
    if (definitions == nullptr) {
      auto swagger = document.find("definitions");
      if (swagger != document.end() && swagger->is_object()) definitions = &*swagger;
    }
    if (definitions == nullptr) {
      return fail("the schema file has neither `components.schemas` (OpenAPI 3) nor `definitions` (Swagger 2)");
    }
    if (definitions->empty()) return fail("the schema file defines no schemas");
    Converter(*definitions, model).Run();
  } catch (const std::exception& e) {
    return fail(std::string("cannot convert the schema file: ") + e.what());
  }
  return true;
}

}  // namespace mast::schemas
