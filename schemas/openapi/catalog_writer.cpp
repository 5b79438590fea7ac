#include "schemas/openapi/catalog_writer.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace mast::schemas {

namespace {

class StringTable {
 public:
  StringTable() { Intern(""); }

  uint32_t Intern(const std::string& text) {
    auto [it, inserted] = ids_.emplace(text, static_cast<uint32_t>(strings_.size()));
    if (inserted) strings_.push_back(text);
    return it->second;
  }
  const std::vector<std::string>& strings() const { return strings_; }

 private:
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<std::string> strings_;
};

class ByteWriter {
 public:
  void U8(uint8_t v) { bytes_.push_back(static_cast<char>(v)); }
  void U16(uint16_t v) {
    U8(static_cast<uint8_t>(v));
    U8(static_cast<uint8_t>(v >> 8));
  }
  void U32(uint32_t v) {
    for (int shift = 0; shift < 32; shift += 8) U8(static_cast<uint8_t>(v >> shift));
  }
  void Bytes(const std::string& s) { bytes_ += s; }
  void Align4() {
    while (bytes_.size() % 4 != 0) U8(0);
  }
  uint32_t size() const { return static_cast<uint32_t>(bytes_.size()); }
  void PatchU32(size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) bytes_[at + i] = static_cast<char>(static_cast<uint8_t>(v >> (8 * i)));
  }
  std::string Take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

struct ModuleEntry {
  std::string path;
  uint32_t model_module;  // index into model.modules
  bool alias;
};

struct ResourceEntry {
  std::string api_version;
  std::string kind;
  uint32_t type;
};

}  // namespace

std::string WriteCatalog(const CatalogModel& model) {
  StringTable strings;

  // Modules: canonical and alias records sorted by path; members contiguous
  // per canonical module, sorted by name.
  std::vector<ModuleEntry> modules;
  for (uint32_t i = 0; i < model.modules.size(); ++i) {
    modules.push_back({model.modules[i].path, i, false});
    for (const std::string& alias : model.modules[i].aliases) modules.push_back({alias, i, true});
  }
  std::sort(modules.begin(), modules.end(), [](const ModuleEntry& a, const ModuleEntry& b) { return a.path < b.path; });
  std::vector<uint32_t> canonical_index(model.modules.size(), kNone);
  for (uint32_t i = 0; i < modules.size(); ++i) {
    if (!modules[i].alias) canonical_index[modules[i].model_module] = i;
  }
  std::vector<std::pair<std::string, uint32_t>> members;
  std::vector<uint32_t> first_member(model.modules.size());
  for (uint32_t i = 0; i < model.modules.size(); ++i) {
    auto sorted = model.modules[i].members;
    std::sort(sorted.begin(), sorted.end());
    first_member[i] = static_cast<uint32_t>(members.size());
    members.insert(members.end(), sorted.begin(), sorted.end());
  }

  // Resources: every group/version/kind, sorted for binary search.
  std::vector<ResourceEntry> resources;
  for (uint32_t id = 0; id < model.types.size(); ++id) {
    for (const ModelGroupVersionKind& gvk : model.types[id].kinds)
      resources.push_back({gvk.ApiVersion(), gvk.kind, id});
  }
  auto resource_key = [](const ResourceEntry& r) { return std::tie(r.api_version, r.kind); };
  std::stable_sort(resources.begin(), resources.end(),
                   [&](const ResourceEntry& a, const ResourceEntry& b) { return resource_key(a) < resource_key(b); });
  resources.erase(
      std::unique(resources.begin(), resources.end(),
                  [&](const ResourceEntry& a, const ResourceEntry& b) { return resource_key(a) == resource_key(b); }),
      resources.end());
  auto resource_index = [&](const ModelType& type) -> uint32_t {
    if (type.kinds.empty()) return kNone;
    const ModelGroupVersionKind& gvk = type.kinds[type.preferred_kind];
    ResourceEntry probe{gvk.ApiVersion(), gvk.kind, 0};
    auto it = std::lower_bound(
        resources.begin(), resources.end(), probe,
        [&](const ResourceEntry& a, const ResourceEntry& b) { return resource_key(a) < resource_key(b); });
    return it == resources.end() ? kNone : static_cast<uint32_t>(it - resources.begin());
  };

  // Intern strings in a fixed order so the output is deterministic.
  struct FieldOut {
    uint32_t name, type, description, flags;
  };
  std::vector<FieldOut> fields;
  struct TypeOut {
    const ModelType* type;
    uint32_t name, description, first_field, field_count, required_count;
  };
  std::vector<TypeOut> types;
  for (const ModelType& type : model.types) {
    TypeOut out{
        &type, strings.Intern(type.name), strings.Intern(type.description), static_cast<uint32_t>(fields.size()), 0, 0};
    std::vector<const ModelField*> sorted;
    for (const ModelField& field : type.fields) sorted.push_back(&field);
    std::sort(sorted.begin(), sorted.end(), [](const ModelField* a, const ModelField* b) { return a->name < b->name; });
    sorted.erase(std::unique(sorted.begin(), sorted.end(),
                             [](const ModelField* a, const ModelField* b) { return a->name == b->name; }),
                 sorted.end());
    for (const ModelField* field : sorted) {
      fields.push_back({strings.Intern(field->name), field->type, strings.Intern(field->description),
                        field->required ? kFieldRequired : 0u});
      if (field->required) ++out.required_count;
    }
    out.field_count = static_cast<uint32_t>(sorted.size());
    types.push_back(out);
  }
  std::vector<uint32_t> module_paths;
  for (const ModuleEntry& module : modules) module_paths.push_back(strings.Intern(module.path));
  std::vector<uint32_t> member_names;
  for (const auto& member : members) member_names.push_back(strings.Intern(member.first));
  std::vector<std::pair<uint32_t, uint32_t>> resource_strings;
  for (const ResourceEntry& r : resources)
    resource_strings.emplace_back(strings.Intern(r.api_version), strings.Intern(r.kind));

  // Emit.
  ByteWriter out;
  for (size_t i = 0; i < kHeaderWordCount; ++i) out.U32(0);
  auto patch = [&](HeaderWord word, uint32_t value) { out.PatchU32(4 * static_cast<size_t>(word), value); };
  patch(kHeaderMagic, kMagic);
  patch(kHeaderVersion, kFormatVersion);

  const auto& all_strings = strings.strings();
  patch(kHeaderStringCount, static_cast<uint32_t>(all_strings.size()));
  patch(kHeaderStringIndex, out.size());
  uint32_t offset = 0;
  for (const std::string& s : all_strings) {
    out.U32(offset);
    offset += static_cast<uint32_t>(s.size());
  }
  out.U32(offset);
  patch(kHeaderStringData, out.size());
  for (const std::string& s : all_strings) out.Bytes(s);
  out.Align4();

  patch(kHeaderTypeCount, static_cast<uint32_t>(types.size()));
  patch(kHeaderTypes, out.size());
  for (const TypeOut& t : types) {
    out.U8(static_cast<uint8_t>(t.type->kind));
    out.U8(static_cast<uint8_t>(t.type->format));
    out.U8(t.type->flags);
    out.U8(0);
    out.U32(t.type->element);
    out.U32(t.name);
    out.U32(t.description);
    out.U32(t.first_field);
    out.U16(static_cast<uint16_t>(t.field_count));
    out.U16(static_cast<uint16_t>(t.required_count));
    out.U32(t.type->module == kNone ? kNone : canonical_index[t.type->module]);
    out.U32(resource_index(*t.type));
  }

  patch(kHeaderFieldCount, static_cast<uint32_t>(fields.size()));
  patch(kHeaderFields, out.size());
  for (const FieldOut& f : fields) {
    out.U32(f.name);
    out.U32(f.type);
    out.U32(f.description);
    out.U32(f.flags);
  }

  patch(kHeaderModuleCount, static_cast<uint32_t>(modules.size()));
  patch(kHeaderModules, out.size());
  for (size_t i = 0; i < modules.size(); ++i) {
    const uint32_t m = modules[i].model_module;
    out.U32(module_paths[i]);
    out.U32(first_member[m]);
    out.U32(static_cast<uint32_t>(model.modules[m].members.size()));
    out.U32(canonical_index[m]);
  }

  patch(kHeaderMemberCount, static_cast<uint32_t>(members.size()));
  patch(kHeaderMembers, out.size());
  for (size_t i = 0; i < members.size(); ++i) {
    out.U32(member_names[i]);
    out.U32(members[i].second);
  }

  patch(kHeaderResourceCount, static_cast<uint32_t>(resources.size()));
  patch(kHeaderResources, out.size());
  for (size_t i = 0; i < resources.size(); ++i) {
    out.U32(resource_strings[i].first);
    out.U32(resource_strings[i].second);
    out.U32(resources[i].type);
  }

  patch(kHeaderTotalSize, out.size());
  return out.Take();
}

}  // namespace mast::schemas
