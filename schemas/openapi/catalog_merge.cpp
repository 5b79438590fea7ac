#include "schemas/openapi/catalog_merge.h"

#include <map>
#include <string_view>
#include <tuple>
#include <unordered_map>

namespace mast::schemas {

namespace {

class Merger {
 public:
  explicit Merger(const std::vector<ReleaseModel>& releases) : releases_(releases), maps_(releases.size()) {}

  CatalogModel Run();

 private:
  uint32_t MapType(size_t release, uint32_t local);
  std::string KeyOf(size_t release, const ModelType& type);
  void MergeFields(size_t release, uint32_t local, uint32_t merged);
  void MergeKinds(size_t release, const ModelType& type, uint32_t merged);
  void MergeModules(size_t release);

  static ReleaseMask Bit(size_t release) { return ReleaseMask{1} << release; }

  const std::vector<ReleaseModel>& releases_;
  std::vector<std::unordered_map<uint32_t, uint32_t>> maps_;  // per release: local type id -> merged id
  std::unordered_map<std::string, uint32_t> ids_;             // type key -> merged id
  std::map<std::string, uint32_t> module_ids_;               // path -> merged module index
  CatalogModel merged_;
};

CatalogModel Merger::Run() {
  merged_.releases.clear();
  for (const ReleaseModel& release : releases_) merged_.releases.push_back(release.name);
  ModelType any;
  any.name = "any";
  any.releases = 0;
  merged_.types.push_back(std::move(any));

  // Newest first: the first release to bring a description or a preferred
  // kind is the newest one.
  for (size_t r = releases_.size(); r-- > 0;) {
    const CatalogModel& model = releases_[r].model;
    for (uint32_t local = 0; local < model.types.size(); ++local) {
      const uint32_t merged = MapType(r, local);
      MergeFields(r, local, merged);
      MergeKinds(r, model.types[local], merged);
    }
    MergeModules(r);
    for (const std::string& warning : model.warnings) merged_.warnings.push_back(releases_[r].name + ": " + warning);
  }
  return std::move(merged_);
}

// Named and field-carrying types are identified by name and shape; other
// synthesized types by shape and element.
std::string Merger::KeyOf(size_t release, const ModelType& type) {
  std::string key = std::to_string(static_cast<int>(type.kind)) + "|" + std::to_string(static_cast<int>(type.format)) +
                    "|" + std::to_string(type.flags) + "|";
  if ((type.flags & kTypeNamed) != 0 || type.kind == ExternalKind::kObject) return key + "N|" + type.name;
  return key + "S|" + type.merge_keys + "|" + std::to_string(MapType(release, type.element));
}

uint32_t Merger::MapType(size_t release, uint32_t local) {
  if (local == kAnyType) {
    merged_.types[kAnyType].releases |= Bit(release);
    return kAnyType;
  }
  auto known = maps_[release].find(local);
  if (known != maps_[release].end()) return known->second;
  const ModelType& type = releases_[release].model.types[local];
  const std::string key = KeyOf(release, type);
  auto [it, inserted] = ids_.emplace(key, static_cast<uint32_t>(merged_.types.size()));
  const uint32_t id = it->second;
  maps_[release].emplace(local, id);
  if (inserted) {
    ModelType copy;
    copy.kind = type.kind;
    copy.format = type.format;
    copy.flags = type.flags;
    copy.name = type.name;
    copy.merge_keys = type.merge_keys;
    copy.description = type.description;
    copy.releases = 0;
    merged_.types.push_back(std::move(copy));
    // After push_back: MapType may grow `types`.
    const uint32_t element = MapType(release, type.element);
    merged_.types[id].element = element;
  } else if (merged_.types[id].description.empty()) {
    merged_.types[id].description = type.description;
  }
  merged_.types[id].releases |= Bit(release);
  return id;
}

void Merger::MergeFields(size_t release, uint32_t local, uint32_t merged) {
  const ModelType& type = releases_[release].model.types[local];
  for (const ModelField& field : type.fields) {
    const uint32_t field_type = MapType(release, field.type);
    std::vector<ModelField>& fields = merged_.types[merged].fields;
    ModelField* same = nullptr;
    for (ModelField& existing : fields) {
      if (existing.name == field.name && existing.type == field_type && existing.required == field.required) {
        same = &existing;
        break;
      }
    }
    if (same == nullptr) {
      ModelField copy = field;
      copy.type = field_type;
      copy.releases = 0;
      fields.push_back(std::move(copy));
      same = &fields.back();
    } else if (same->description.empty()) {
      same->description = field.description;
    }
    same->releases |= Bit(release);
  }
}

void Merger::MergeKinds(size_t release, const ModelType& type, uint32_t merged) {
  ModelType& target = merged_.types[merged];
  const bool first_release_with_kinds = !type.kinds.empty() && target.kinds.empty();
  for (size_t i = 0; i < type.kinds.size(); ++i) {
    const ModelGroupVersionKind& gvk = type.kinds[i];
    size_t index = target.kinds.size();
    for (size_t k = 0; k < target.kinds.size(); ++k) {
      const ModelGroupVersionKind& existing = target.kinds[k];
      if (existing.group == gvk.group && existing.version == gvk.version && existing.kind == gvk.kind) index = k;
    }
    if (index == target.kinds.size()) {
      ModelGroupVersionKind copy = gvk;
      copy.releases = 0;
      target.kinds.push_back(std::move(copy));
    }
    target.kinds[index].releases |= Bit(release);
    if (first_release_with_kinds && i == type.preferred_kind) target.preferred_kind = index;
  }
}

void Merger::MergeModules(size_t release) {
  const CatalogModel& model = releases_[release].model;
  for (const ModelModule& module : model.modules) {
    auto [it, inserted] = module_ids_.emplace(module.path, static_cast<uint32_t>(merged_.modules.size()));
    if (inserted) {
      ModelModule copy;
      copy.path = module.path;
      copy.releases = 0;
      merged_.modules.push_back(std::move(copy));
    }
    ModelModule& target = merged_.modules[it->second];
    target.releases |= Bit(release);
    for (const std::string& alias : module.aliases) {
      bool known = false;
      for (const std::string& existing : target.aliases) known = known || existing == alias;
      if (!known) target.aliases.push_back(alias);
    }
    for (const ModelMember& member : module.members) {
      const uint32_t type = MapType(release, member.type);
      merged_.types[type].module = it->second;
      ModelMember* same = nullptr;
      for (ModelMember& existing : target.members) {
        if (existing.name == member.name && existing.type == type) same = &existing;
      }
      if (same == nullptr) {
        target.members.push_back(ModelMember{member.name, type, 0});
        same = &target.members.back();
      }
      same->releases |= Bit(release);
    }
  }
}

}  // namespace

CatalogModel MergeReleases(const std::vector<ReleaseModel>& releases) {
  if (releases.empty()) return CatalogModel{};
  return Merger(releases).Run();
}

}  // namespace mast::schemas
