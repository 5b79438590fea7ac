// Type and module queries: thin readers over the catalog bytes.
#include "schemas/kube_catalog.h"

namespace mast {

using schemas::kNone;

bool KubeCatalog::HasModule(std::string_view module_path) const {
  const uint32_t module = view_.FindModule(module_path);
  return module != kNone && (view_.ModuleReleases(module) & lookup_) != 0;
}

std::vector<std::string> KubeCatalog::ModulePaths() const {
  std::vector<std::string> paths;
  for (uint32_t m = 0; m < view_.module_count(); ++m) {
    if (view_.Canonical(m) == m && (view_.ModuleReleases(m) & lookup_) != 0) paths.emplace_back(view_.ModulePath(m));
  }
  return paths;
}

std::vector<std::string> KubeCatalog::ModuleMembers(std::string_view module_path) const {
  std::vector<std::string> members;
  const uint32_t module = view_.FindModule(module_path);
  if (module == kNone) return members;
  const uint32_t first = view_.FirstMember(module);
  for (uint32_t i = first; i < first + view_.MemberCount(module); ++i) {
    if ((view_.MemberReleases(i) & lookup_) != 0) members.emplace_back(view_.MemberName(i));
  }
  return members;
}

std::optional<ExternalTypeId> KubeCatalog::FindMember(std::string_view module_path, std::string_view name) const {
  const uint32_t module = view_.FindModule(module_path);
  if (module == kNone) return std::nullopt;
  const uint32_t type = view_.FindMember(module, name, lookup_);
  if (type == kNone) return std::nullopt;
  return type;
}

ExternalKind KubeCatalog::KindOf(ExternalTypeId type) const {
  return IsType(type) ? static_cast<ExternalKind>(view_.KindByte(type)) : ExternalKind::kAny;
}

ExternalTypeId KubeCatalog::ElementType(ExternalTypeId type) const {
  if (!IsType(type)) return type;
  const ExternalKind kind = KindOf(type);
  return kind == ExternalKind::kList || kind == ExternalKind::kMap ? view_.Element(type) : type;
}

std::vector<std::string_view> KubeCatalog::MergeKeys(ExternalTypeId type) const {
  std::vector<std::string_view> keys;
  if (!IsType(type) || KindOf(type) != ExternalKind::kList) return keys;
  std::string_view joined = view_.MergeKeys(type);
  while (!joined.empty()) {
    const size_t comma = joined.find(',');
    keys.push_back(joined.substr(0, comma));
    if (comma == std::string_view::npos) break;
    joined.remove_prefix(comma + 1);
  }
  return keys;
}

ExternalField KubeCatalog::MakeField(uint32_t field) const {
  return ExternalField{view_.FieldName(field), view_.FieldType(field), view_.FieldRequired(field)};
}

std::string_view KubeCatalog::FieldDescription(ExternalTypeId type, std::string_view name) const {
  if (!IsType(type) || KindOf(type) != ExternalKind::kObject) return {};
  uint32_t field = view_.FindField(type, name, lookup_);
  if (field == kNone) field = view_.FindFieldInAnyRelease(type, name);
  return field == kNone ? std::string_view() : Text(view_.FieldDescriptionText(field));
}

std::vector<ExternalField> KubeCatalog::Fields(ExternalTypeId type) const {
  std::vector<ExternalField> fields;
  if (!IsType(type) || KindOf(type) != ExternalKind::kObject) return fields;
  const uint32_t first = view_.FirstField(type);
  const uint32_t count = view_.FieldCount(type);
  fields.reserve(count);
  for (uint32_t f = first; f < first + count; ++f) {
    if ((view_.FieldReleases(f) & lookup_) != 0) fields.push_back(MakeField(f));
  }
  return fields;
}

std::optional<ExternalField> KubeCatalog::FindField(ExternalTypeId type, std::string_view name) const {
  if (!IsType(type) || KindOf(type) != ExternalKind::kObject) return std::nullopt;
  const uint32_t field = view_.FindField(type, name, lookup_);
  if (field == kNone) return std::nullopt;
  return MakeField(field);
}

std::string KubeCatalog::TypeName(ExternalTypeId type) const {
  return IsType(type) ? std::string(view_.Name(type)) : std::string("any");
}

std::string_view KubeCatalog::ShortName(ExternalTypeId type) const {
  return IsType(type) ? view_.ShortName(type) : std::string_view("any");
}

std::string_view KubeCatalog::Description(ExternalTypeId type) const {
  return IsType(type) ? Text(view_.DescriptionText(type)) : std::string_view();
}

std::string_view KubeCatalog::Format(ExternalTypeId type) const {
  if (!IsType(type)) return {};
  switch (view_.FormatOf(type)) {
    case schemas::Format::kNone: return {};
    case schemas::Format::kInt32: return "int32";
    case schemas::Format::kInt64: return "int64";
    case schemas::Format::kDateTime: return "date-time";
    case schemas::Format::kByte: return "byte";
  }
  return {};
}

std::string_view KubeCatalog::ModuleOf(ExternalTypeId type) const {
  if (!IsType(type)) return {};
  const uint32_t module = view_.ModuleOf(type);
  return module == kNone ? std::string_view() : view_.ModulePath(module);
}

std::optional<std::string_view> KubeCatalog::CanonicalModule(std::string_view module_path) const {
  const uint32_t module = view_.FindModule(module_path);
  if (module == kNone) return std::nullopt;
  return view_.ModulePath(view_.Canonical(module));
}

std::optional<GroupVersionKind> KubeCatalog::ResourceKind(ExternalTypeId type) const {
  if (!IsType(type)) return std::nullopt;
  const uint32_t resource = view_.ResourceOf(type);
  if (resource == kNone) return std::nullopt;
  return GroupVersionKind{std::string(view_.ResourceApiVersion(resource)), std::string(view_.ResourceKind(resource))};
}

std::optional<ExternalTypeId> KubeCatalog::FindResource(std::string_view api_version, std::string_view kind) const {
  const uint32_t type = view_.FindResource(api_version, kind, lookup_);
  if (type == kNone) return std::nullopt;
  return type;
}

std::vector<KnownResource> KubeCatalog::Resources() const {
  std::vector<KnownResource> resources;
  resources.reserve(view_.resource_count());
  for (uint32_t r = 0; r < view_.resource_count(); ++r) {
    if ((view_.ResourceReleases(r) & lookup_) == 0) continue;
    resources.push_back({view_.ResourceApiVersion(r), view_.ResourceKind(r), view_.ResourceType(r)});
  }
  return resources;
}

}  // namespace mast
