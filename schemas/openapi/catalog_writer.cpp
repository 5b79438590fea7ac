#include "schemas/openapi/catalog_writer.h"

#include <algorithm>
#include <optional>
#include <tuple>
#include <unordered_map>

#include <zlib.h>

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
  ReleaseMask releases;
};

// Whether a field's description marks it deprecated, in the ways the
// Kubernetes API documents say so ("Deprecated: use X", "DeprecatedServiceAccount
// is a deprecated alias", "This field is deprecated").
bool SaysDeprecated(std::string_view description) {
  for (std::string_view marker : {"Deprecated:", "Deprecated.", "DEPRECATED", "This field is deprecated",
                                  "is a deprecated alias", "is the deprecated field"}) {
    const size_t at = description.find(marker);
    if (at == std::string_view::npos) continue;
    // "Deprecated." counts only at the start of a sentence.
    if (marker != "Deprecated." || at == 0 || description.substr(at - 2, 2) == ". ") return true;
  }
  return false;
}

// The texts, stored as they are or deflated.
std::string PackTexts(const std::string& texts, bool deflate) {
  if (!deflate || texts.empty()) return texts;
  uLongf size = compressBound(static_cast<uLong>(texts.size()));
  std::string packed(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(texts.data()),
                static_cast<uLong>(texts.size()), Z_BEST_COMPRESSION) != Z_OK ||
      size >= texts.size()) {
    return texts;
  }
  packed.resize(size);
  return packed;
}

// Required fields in each release a type exists in: the count for the
// newest, and whether any release differs.
std::pair<uint32_t, bool> RequiredCount(const ModelType& type, const std::vector<const ModelField*>& fields,
                                        size_t release_count) {
  std::optional<uint32_t> newest;
  bool varies = false;
  for (size_t r = release_count; r-- > 0;) {
    const ReleaseMask bit = ReleaseMask{1} << r;
    if ((type.releases & bit) == 0) continue;
    uint32_t count = 0;
    for (const ModelField* field : fields) count += field->required && (field->releases & bit) != 0 ? 1 : 0;
    if (!newest) {
      newest = count;
    } else if (*newest != count) {
      varies = true;
    }
  }
  return {newest.value_or(0), varies};
}

struct FieldOut {
  uint32_t name, type, description, flags;
  ReleaseMask releases;
};

struct TypeOut {
  const ModelType* type;
  uint32_t name, description, first_field, field_count, required_count;
  uint8_t flags;
  uint32_t merge_keys;
};

// Everything the catalog's tables hold, in the order they are written.
struct CatalogLayout {
  StringTable strings;
  StringTable texts;
  std::vector<ModuleEntry> modules;
  std::vector<uint32_t> canonical_index;  // per model module: its canonical record
  std::vector<ModelMember> members;
  std::vector<uint32_t> first_member;  // per model module
  std::vector<ResourceEntry> resources;
  std::vector<FieldOut> fields;
  std::vector<TypeOut> types;
  std::vector<uint32_t> release_names;
  std::vector<uint32_t> module_paths;
  std::vector<uint32_t> member_names;
  std::vector<std::pair<uint32_t, uint32_t>> resource_strings;
};

// Modules: canonical and alias records sorted by path; members contiguous
// per canonical module, sorted by name.
void LayOutModules(const CatalogModel& model, CatalogLayout& layout) {
  std::vector<ModuleEntry>& modules = layout.modules;
  for (uint32_t i = 0; i < model.modules.size(); ++i) {
    modules.push_back({model.modules[i].path, i, false});
    for (const std::string& alias : model.modules[i].aliases) modules.push_back({alias, i, true});
  }
  std::sort(modules.begin(), modules.end(), [](const ModuleEntry& a, const ModuleEntry& b) { return a.path < b.path; });
  layout.canonical_index.assign(model.modules.size(), kNone);
  for (uint32_t i = 0; i < modules.size(); ++i) {
    if (!modules[i].alias) layout.canonical_index[modules[i].model_module] = i;
  }
  // Same-named members (a type whose kind changed) newest first.
  layout.first_member.resize(model.modules.size());
  for (uint32_t i = 0; i < model.modules.size(); ++i) {
    auto sorted = model.modules[i].members;
    std::sort(sorted.begin(), sorted.end(), [](const ModelMember& a, const ModelMember& b) {
      return std::tie(a.name, b.releases, a.type) < std::tie(b.name, a.releases, b.type);
    });
    layout.first_member[i] = static_cast<uint32_t>(layout.members.size());
    layout.members.insert(layout.members.end(), sorted.begin(), sorted.end());
  }
}

// Resources: every group/version/kind, sorted for binary search. A
// (apiVersion, kind) served by different types in different releases has a
// record per type, newest first. Within one release the first type to
// claim a pair keeps it, as the API server serves one type per pair.
std::vector<ResourceEntry> CollectResources(const CatalogModel& model) {
  std::vector<ResourceEntry> resources;
  for (uint32_t id = 0; id < model.types.size(); ++id) {
    for (const ModelGroupVersionKind& gvk : model.types[id].kinds)
      resources.push_back({gvk.ApiVersion(), gvk.kind, id, gvk.releases & model.types[id].releases});
  }
  auto resource_key = [](const ResourceEntry& r) { return std::tie(r.api_version, r.kind); };
  std::stable_sort(resources.begin(), resources.end(), [&](const ResourceEntry& a, const ResourceEntry& b) {
    return std::tie(a.api_version, a.kind, b.releases) < std::tie(b.api_version, b.kind, a.releases);
  });
  std::vector<ResourceEntry> kept;
  ReleaseMask claimed = 0;
  for (size_t i = 0; i < resources.size(); ++i) {
    if (i == 0 || resource_key(resources[i]) != resource_key(resources[i - 1])) claimed = 0;
    resources[i].releases &= ~claimed;
    claimed |= resources[i].releases;
    if (resources[i].releases != 0) kept.push_back(std::move(resources[i]));
  }
  return kept;
}

// The resource record of a type's preferred kind, else its first one.
uint32_t PreferredResource(const std::vector<ResourceEntry>& resources, uint32_t id, const ModelType& type) {
  if (type.kinds.empty()) return kNone;
  const ModelGroupVersionKind& gvk = type.kinds[type.preferred_kind];
  const std::string api_version = gvk.ApiVersion();
  for (uint32_t r = 0; r < resources.size(); ++r) {
    if (resources[r].type == id && resources[r].api_version == api_version && resources[r].kind == gvk.kind) return r;
  }
  for (uint32_t r = 0; r < resources.size(); ++r) {
    if (resources[r].type == id) return r;
  }
  return kNone;
}

// Interns strings in a fixed order so the output is deterministic: types
// and their fields, then releases, modules, members and resources.
void InternStrings(const CatalogModel& model, CatalogLayout& layout) {
  StringTable& strings = layout.strings;
  for (const ModelType& type : model.types) {
    TypeOut out{&type, strings.Intern(type.name), layout.texts.Intern(type.description),
                static_cast<uint32_t>(layout.fields.size()), 0, 0, type.flags, strings.Intern(type.merge_keys)};
    // By name; a name with several records (its type changed) newest first.
    std::vector<const ModelField*> sorted;
    for (const ModelField& field : type.fields) sorted.push_back(&field);
    std::stable_sort(sorted.begin(), sorted.end(), [](const ModelField* a, const ModelField* b) {
      return std::tie(a->name, b->releases) < std::tie(b->name, a->releases);
    });
    for (const ModelField* field : sorted) {
      uint32_t flags = field->required ? kFieldRequired : 0u;
      if (SaysDeprecated(field->description)) flags |= kFieldDeprecated;
      layout.fields.push_back(
          {strings.Intern(field->name), field->type, layout.texts.Intern(field->description), flags, field->releases});
    }
    const auto [required, varies] = RequiredCount(type, sorted, model.releases.size());
    out.required_count = required;
    if (varies) out.flags = static_cast<uint8_t>(out.flags | kTypeRequiredVaries);
    out.field_count = static_cast<uint32_t>(sorted.size());
    layout.types.push_back(out);
  }
  for (const std::string& release : model.releases) layout.release_names.push_back(strings.Intern(release));
  for (const ModuleEntry& module : layout.modules) layout.module_paths.push_back(strings.Intern(module.path));
  for (const ModelMember& member : layout.members) layout.member_names.push_back(strings.Intern(member.name));
  for (const ResourceEntry& r : layout.resources)
    layout.resource_strings.emplace_back(strings.Intern(r.api_version), strings.Intern(r.kind));
}

void PatchHeader(ByteWriter& out, HeaderWord word, uint32_t value) {
  out.PatchU32(4 * static_cast<size_t>(word), value);
}

// The string table, then the texts (deflated when asked).
void WriteStringTables(const CatalogLayout& layout, const CatalogWriteOptions& options, ByteWriter& out) {
  const auto& all_strings = layout.strings.strings();
  PatchHeader(out, kHeaderStringCount, static_cast<uint32_t>(all_strings.size()));
  PatchHeader(out, kHeaderStringIndex, out.size());
  uint32_t offset = 0;
  for (const std::string& s : all_strings) {
    out.U32(offset);
    offset += static_cast<uint32_t>(s.size());
  }
  out.U32(offset);
  PatchHeader(out, kHeaderStringData, out.size());
  for (const std::string& s : all_strings) out.Bytes(s);
  out.Align4();

  std::string text_data;
  PatchHeader(out, kHeaderTextCount, static_cast<uint32_t>(layout.texts.strings().size()));
  PatchHeader(out, kHeaderTextIndex, out.size());
  for (const std::string& text : layout.texts.strings()) {
    out.U32(static_cast<uint32_t>(text_data.size()));
    text_data += text;
  }
  out.U32(static_cast<uint32_t>(text_data.size()));
  const std::string packed = PackTexts(text_data, options.deflate_texts);
  PatchHeader(out, kHeaderTextData, out.size());
  PatchHeader(out, kHeaderTextPackedSize, static_cast<uint32_t>(packed.size()));
  PatchHeader(out, kHeaderTextSize, static_cast<uint32_t>(text_data.size()));
  out.Bytes(packed);
  out.Align4();
}

void WriteTypeRecords(const CatalogLayout& layout, ByteWriter& out) {
  PatchHeader(out, kHeaderTypeCount, static_cast<uint32_t>(layout.types.size()));
  PatchHeader(out, kHeaderTypes, out.size());
  for (uint32_t id = 0; id < layout.types.size(); ++id) {
    const TypeOut& t = layout.types[id];
    out.U8(static_cast<uint8_t>(t.type->kind));
    out.U8(static_cast<uint8_t>(t.type->format));
    out.U8(t.flags);
    out.U8(0);
    out.U32(t.type->element);
    out.U32(t.name);
    out.U32(t.description);
    out.U32(t.first_field);
    out.U16(static_cast<uint16_t>(t.field_count));
    out.U16(static_cast<uint16_t>(t.required_count));
    out.U32(t.type->module == kNone ? kNone : layout.canonical_index[t.type->module]);
    out.U32(PreferredResource(layout.resources, id, *t.type));
    out.U32(t.type->releases);
    out.U32(t.merge_keys);
  }
  PatchHeader(out, kHeaderFieldCount, static_cast<uint32_t>(layout.fields.size()));
  PatchHeader(out, kHeaderFields, out.size());
  for (const FieldOut& f : layout.fields) {
    out.U32(f.name);
    out.U32(f.type);
    out.U32(f.description);
    out.U32(f.flags);
    out.U32(f.releases);
  }
}

// Modules, their members, and the resources.
void WriteLookupRecords(const CatalogModel& model, const CatalogLayout& layout, ByteWriter& out) {
  PatchHeader(out, kHeaderModuleCount, static_cast<uint32_t>(layout.modules.size()));
  PatchHeader(out, kHeaderModules, out.size());
  for (size_t i = 0; i < layout.modules.size(); ++i) {
    const uint32_t m = layout.modules[i].model_module;
    out.U32(layout.module_paths[i]);
    out.U32(layout.first_member[m]);
    out.U32(static_cast<uint32_t>(model.modules[m].members.size()));
    out.U32(layout.canonical_index[m]);
    out.U32(model.modules[m].releases);
  }
  PatchHeader(out, kHeaderMemberCount, static_cast<uint32_t>(layout.members.size()));
  PatchHeader(out, kHeaderMembers, out.size());
  for (size_t i = 0; i < layout.members.size(); ++i) {
    out.U32(layout.member_names[i]);
    out.U32(layout.members[i].type);
    out.U32(layout.members[i].releases);
  }
  PatchHeader(out, kHeaderResourceCount, static_cast<uint32_t>(layout.resources.size()));
  PatchHeader(out, kHeaderResources, out.size());
  for (size_t i = 0; i < layout.resources.size(); ++i) {
    out.U32(layout.resource_strings[i].first);
    out.U32(layout.resource_strings[i].second);
    out.U32(layout.resources[i].type);
    out.U32(layout.resources[i].releases);
  }
}

}  // namespace

std::string WriteCatalog(const CatalogModel& model, const CatalogWriteOptions& options) {
  CatalogLayout layout;
  LayOutModules(model, layout);
  layout.resources = CollectResources(model);
  InternStrings(model, layout);

  ByteWriter out;
  for (size_t i = 0; i < kHeaderWordCount; ++i) out.U32(0);
  PatchHeader(out, kHeaderMagic, kMagic);
  PatchHeader(out, kHeaderVersion, kFormatVersion);
  WriteStringTables(layout, options, out);
  PatchHeader(out, kHeaderReleaseCount, static_cast<uint32_t>(layout.release_names.size()));
  PatchHeader(out, kHeaderReleases, out.size());
  for (uint32_t name : layout.release_names) out.U32(name);
  WriteTypeRecords(layout, out);
  WriteLookupRecords(model, layout, out);
  PatchHeader(out, kHeaderTotalSize, out.size());
  return out.Take();
}

}  // namespace mast::schemas
