// The types of imported custom resources: kinds, fields, descriptions and
// validation, read from the compiled CRD schemas (see crd_types.h).
#include <algorithm>

#include "schemas/check/crd_module.h"
#include "schemas/check/crd_types.h"
#include "schemas/check/json_schema.h"
#include "schemas/validator.h"

namespace mast {

using namespace crd_ids;

namespace {

bool IsServerField(std::string_view name) { return name == "apiVersion" || name == "kind" || name == "metadata"; }

// What a custom type id stands for.
struct CustomType {
  const CrdModule* module = nullptr;
  const CrdMember* member = nullptr;  // a kind's root
  const SchemaNode* node = nullptr;   // its schema node (null: anything, or a plain string)
  bool is_string = false;
};

ExternalKind NodeKind(const SchemaNode& node) {
  if (node.int_or_string) return ExternalKind::kIntOrString;
  if (!node.properties.empty()) return ExternalKind::kObject;
  switch (node.types & ~kTypeNull) {
    case kTypeObject: return node.additional != kNoSchema ? ExternalKind::kMap : ExternalKind::kAny;
    case kTypeArray: return ExternalKind::kList;
    case kTypeString: return ExternalKind::kString;
    case kTypeInteger: return ExternalKind::kInteger;
    case kTypeNumber | kTypeInteger: return ExternalKind::kNumber;
    case kTypeBoolean: return ExternalKind::kBoolean;
    default: return ExternalKind::kAny;
  }
}

CustomType ResolveCustom(const CrdModule& module, uint32_t local) {
  CustomType type;
  type.module = &module;
  if (local >= kRootBase && local - kRootBase < module.members.size()) {
    type.member = &module.members[local - kRootBase];
    if (type.member->schema != kNoSchema) type.node = &module.registry.schemas().node(type.member->schema);
  } else if (local < module.registry.schemas().size()) {
    type.node = &module.registry.schemas().node(local);
  } else {
    type.is_string = local == kStringLocal;
  }
  return type;
}

CustomType Resolve(const CrdModule& module, ExternalTypeId type) { return ResolveCustom(module, type & kLocalMask); }

std::optional<ExternalField> NodeField(const CustomType& type, std::string_view name) {
  const SchemaNode& node = *type.node;
  const size_t index = type.module->index;
  auto it = std::lower_bound(node.properties.begin(), node.properties.end(), name,
                             [](const std::pair<std::string, SchemaId>& p, std::string_view k) { return p.first < k; });
  if (it != node.properties.end() && it->first == name) {
    const bool required = std::find(node.required.begin(), node.required.end(), name) != node.required.end();
    return ExternalField{it->first, MakeId(index, it->second), required};
  }
  // An open object takes other keys (the name is then the caller's).
  if (node.additional != kNoSchema) return ExternalField{name, MakeId(index, node.additional), false};
  if (!node.closed) return ExternalField{name, MakeId(index, kAnyLocal), false};
  return std::nullopt;
}

}  // namespace

ExternalKind CustomResourceTypes::KindOf(ExternalTypeId type) const {
  if (!IsCustom(type)) return base_.KindOf(type);
  const CustomType custom = Resolve(ModuleOf(type), type);
  if (custom.member) return custom.node ? ExternalKind::kObject : ExternalKind::kAny;
  if (custom.is_string) return ExternalKind::kString;
  return custom.node ? NodeKind(*custom.node) : ExternalKind::kAny;
}

ExternalTypeId CustomResourceTypes::ElementType(ExternalTypeId type) const {
  if (!IsCustom(type)) return base_.ElementType(type);
  const CrdModule& module = ModuleOf(type);
  const CustomType custom = Resolve(module, type);
  if (custom.member || custom.node == nullptr) return type;
  const ExternalKind kind = NodeKind(*custom.node);
  SchemaId element = kNoSchema;
  if (kind == ExternalKind::kList) element = custom.node->items;
  else if (kind == ExternalKind::kMap) element = custom.node->additional;
  else return type;
  return MakeId(module.index, element == kNoSchema ? kAnyLocal : element);
}

std::vector<std::string_view> CustomResourceTypes::MergeKeys(ExternalTypeId type) const {
  if (!IsCustom(type)) return base_.MergeKeys(type);
  const CustomType custom = Resolve(ModuleOf(type), type);
  std::vector<std::string_view> keys;
  if (custom.member || custom.node == nullptr || custom.node->list_type != ListType::kMap) return keys;
  for (const std::string& key : custom.node->list_map_keys) keys.push_back(key);
  return keys;
}

std::vector<ExternalField> CustomResourceTypes::Fields(ExternalTypeId type) const {
  if (!IsCustom(type)) return base_.Fields(type);
  const CustomType custom = Resolve(ModuleOf(type), type);
  std::vector<ExternalField> fields;
  if (custom.node == nullptr) return fields;
  for (const auto& [name, id] : custom.node->properties) {
    if (custom.member && IsServerField(name)) continue;
    if (std::optional<ExternalField> field = NodeField(custom, name)) fields.push_back(*field);
  }
  if (custom.member) {
    for (std::string_view name : {"apiVersion", "kind", "metadata"}) fields.push_back(*FindField(type, name));
    std::sort(fields.begin(), fields.end(),
              [](const ExternalField& a, const ExternalField& b) { return a.name < b.name; });
  }
  return fields;
}

std::optional<ExternalField> CustomResourceTypes::FindField(ExternalTypeId type, std::string_view name) const {
  if (!IsCustom(type)) return base_.FindField(type, name);
  const CrdModule& module = ModuleOf(type);
  const CustomType custom = Resolve(module, type);
  if (custom.member) {
    // Filled in from the kind (apiVersion, kind) or an ObjectMeta whatever
    // the schema says (the API server lets a CRD constrain little of it).
    if (name == "apiVersion") return ExternalField{"apiVersion", MakeId(module.index, kStringLocal), false};
    if (name == "kind") return ExternalField{"kind", MakeId(module.index, kStringLocal), false};
    if (name == "metadata") {
      if (std::optional<ExternalTypeId> meta = base_.FindMember("k8s/meta/v1", "ObjectMeta")) {
        return ExternalField{"metadata", *meta, false};
      }
    }
  }
  if (custom.node == nullptr || NodeKind(*custom.node) != ExternalKind::kObject) return std::nullopt;
  return NodeField(custom, name);
}

std::string CustomResourceTypes::TypeName(ExternalTypeId type) const {
  if (!IsCustom(type)) return base_.TypeName(type);
  const CustomType custom = Resolve(ModuleOf(type), type);
  if (custom.member) return custom.member->kind;
  if (custom.is_string) return "string";
  if (custom.node == nullptr) return "any";
  return custom.node->name.empty() ? "object" : custom.node->name;
}

std::string_view CustomResourceTypes::Description(ExternalTypeId type) const {
  if (!IsCustom(type)) return base_.Description(type);
  const CustomType custom = Resolve(ModuleOf(type), type);
  return custom.node ? std::string_view(custom.node->description) : std::string_view();
}

std::string_view CustomResourceTypes::FieldDescription(ExternalTypeId type, std::string_view name) const {
  if (!IsCustom(type)) return base_.FieldDescription(type, name);
  const std::optional<ExternalField> field = FindField(type, name);
  return field ? Description(field->type) : std::string_view();
}

std::optional<GroupVersionKind> CustomResourceTypes::ResourceKind(ExternalTypeId type) const {
  if (!IsCustom(type)) return base_.ResourceKind(type);
  const CustomType custom = Resolve(ModuleOf(type), type);
  if (custom.member == nullptr) return std::nullopt;
  return GroupVersionKind{custom.member->api_version, custom.member->kind};
}

// Worded as the schema validator words it (json_schema_validate.cpp), so
// that the static checker and evaluation report one finding, not two.
Diagnostic& CustomResourceTypes::ReportUnknownField(ExternalTypeId type, std::string_view key, SourceRange key_range,
                                                    const std::vector<std::string_view>& siblings,
                                                    DiagnosticSink& sink) const {
  if (!IsCustom(type)) return base_.ReportUnknownField(type, key, key_range, siblings, sink);
  (void)siblings;  // the validator suggests among every field; so do we
  const CustomType custom = Resolve(ModuleOf(type), type);
  static const SchemaNode kNoProperties;
  return ReportUnknownProperty(custom.node ? *custom.node : kNoProperties, key, key_range, sink);
}

void CustomResourceTypes::Validate(const Value& value, ExternalTypeId type, DiagnosticSink& sink) const {
  if (!IsCustom(type)) {
    base_.Validate(value, type, sink);
    return;
  }
  const CustomType custom = Resolve(ModuleOf(type), type);
  if (custom.is_string) {
    if (!value.IsString() && !value.IsNull()) {
      sink.Report(DiagnosticCode::E0502, value.origin(), "expected string, found " + schemas::DescribeValue(value));
    }
    return;
  }
  if (custom.member && value.IsMap()) ValidateCustomResourceMetadata(base_, value, sink);
  if (custom.node == nullptr) return;
  const SchemaId id = custom.member ? custom.member->schema : static_cast<SchemaId>(LocalOf(type));
  SchemaValidateOptions options;
  options.custom_resource_root = custom.member != nullptr;
  ValidateAgainstSchema(custom.module->registry.schemas(), id, value, sink, options);
}

}  // namespace mast
