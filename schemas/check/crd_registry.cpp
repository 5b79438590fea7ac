#include "schemas/check/crd_registry.h"

#include <algorithm>

#include "schemas/release_history.h"

namespace mast {

namespace {

std::string Key(std::string_view api_version, std::string_view kind) {
  std::string key(api_version);
  key += ' ';
  key += kind;
  return key;
}

const std::string* StringAt(const Value* object, std::string_view key) {
  if (object == nullptr) return nullptr;
  const Value* value = object->Find(key);
  return value != nullptr && value->IsString() ? &value->AsString() : nullptr;
}

std::string_view GroupOf(std::string_view api_version) {
  const size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
}

}  // namespace

void ValidateCustomResourceMetadata(const ExternalTypes& catalog, const Value& object, DiagnosticSink& sink) {
  const Value* metadata = object.Find("metadata");
  if (metadata == nullptr || metadata->IsNull()) return;
  const std::optional<ExternalTypeId> type = catalog.FindMember("k8s/meta/v1", "ObjectMeta");
  if (!type) return;
  const size_t first = sink.diagnostics().size();
  catalog.Validate(*metadata, *type, sink);
  for (size_t i = first; i < sink.diagnostics().size(); ++i) {
    for (std::string& note : sink.mutable_diagnostics()[i].notes.Mutable()) {
      if (note.rfind("at `", 0) == 0) note.insert(4, "metadata.");
    }
  }
}

bool IsCustomResourceDefinition(const Value& object) {
  const std::string* kind = StringAt(&object, "kind");
  const std::string* api = StringAt(&object, "apiVersion");
  return kind != nullptr && api != nullptr && *kind == "CustomResourceDefinition" &&
         (*api == "apiextensions.k8s.io/v1" || *api == "apiextensions.k8s.io/v1beta1");
}

size_t CrdRegistry::Add(const Value& object, DiagnosticSink& sink) {
  if (!object.IsMap()) return 0;
  const std::string* kind = StringAt(&object, "kind");
  if (kind != nullptr && *kind == "List") {
    size_t added = 0;
    const Value* items = object.Find("items");
    if (items != nullptr && items->IsList()) {
      for (const Value& item : items->AsList()) added += Add(item, sink);
    }
    return added;
  }
  if (!IsCustomResourceDefinition(object)) return 0;
  AddDefinition(object, sink);
  return 1;
}

void CrdRegistry::AddDefinition(const Value& crd, DiagnosticSink& sink) {
  const Value* spec = crd.Find("spec");
  const std::string* group = StringAt(spec, "group");
  const std::string* kind = StringAt(spec ? spec->Find("names") : nullptr, "kind");
  if (group == nullptr || kind == nullptr) return;  // the catalog reports the missing fields
  const std::string* scope = StringAt(spec, "scope");
  const bool cluster_scoped = scope != nullptr && *scope == "Cluster";
  SchemaCompileOptions options;
  options.closed_by_default = true;
  options.keep_descriptions = keep_descriptions_;

  // v1beta1: one schema for every version, in spec.validation.
  const Value* shared_schema = nullptr;
  if (const Value* validation = spec->Find("validation")) shared_schema = validation->Find("openAPIV3Schema");

  auto register_version = [&](const std::string& version, const Value* schema, bool storage) {
    CustomResourceSchema entry;
    entry.storage = storage;
    entry.origin = crd.origin();
    entry.api_version = *group + "/" + version;
    entry.kind = *kind;
    entry.cluster_scoped = cluster_scoped;
    if (schema != nullptr && schema->IsMap()) entry.schema = schemas_.Compile(*schema, *schema, *kind, options, sink);
    by_key_.emplace(Key(entry.api_version, entry.kind), std::move(entry));
  };

  const Value* versions = spec->Find("versions");
  if (versions != nullptr && versions->IsList() && !versions->AsList().empty()) {
    for (const Value& version : versions->AsList()) {
      const std::string* name = StringAt(&version, "name");
      if (name == nullptr) continue;
      const Value* served = version.Find("served");
      if (served != nullptr && served->IsBool() && !served->AsBool()) continue;
      const Value* schema = shared_schema;
      if (const Value* own = version.Find("schema")) {
        if (const Value* v3 = own->Find("openAPIV3Schema")) schema = v3;
      }
      const Value* storage = version.Find("storage");
      register_version(*name, schema, storage != nullptr && storage->IsBool() && storage->AsBool());
    }
  } else if (const std::string* version = StringAt(spec, "version")) {
    register_version(*version, shared_schema, true);
  }
}

const CustomResourceSchema* CrdRegistry::Find(std::string_view api_version, std::string_view kind) const {
  auto it = by_key_.find(Key(api_version, kind));
  return it == by_key_.end() ? nullptr : &it->second;
}

std::vector<std::string> CrdRegistry::ServedVersions(std::string_view group, std::string_view kind) const {
  std::vector<std::string> out;
  for (const auto& [key, entry] : by_key_) {
    if (entry.kind == kind && GroupOf(entry.api_version) == group) out.push_back(entry.api_version);
  }
  return out;
}

bool CrdRegistry::HasGroup(std::string_view group) const {
  for (const auto& [key, entry] : by_key_) {
    if (GroupOf(entry.api_version) == group) return true;
  }
  return false;
}

std::vector<const CustomResourceSchema*> CrdRegistry::PreferredVersions() const {
  std::map<std::string, const CustomResourceSchema*, std::less<>> best;  // "<group> <kind>"
  auto better = [](const CustomResourceSchema& a, const CustomResourceSchema& b) {
    if (a.storage != b.storage) return a.storage;
    return schemas::VersionRank(a.api_version) > schemas::VersionRank(b.api_version);
  };
  for (const auto& [key, entry] : by_key_) {
    const std::string group_kind = Key(GroupOf(entry.api_version), entry.kind);
    auto [it, inserted] = best.emplace(group_kind, &entry);
    if (!inserted && better(entry, *it->second)) it->second = &entry;
  }
  std::vector<const CustomResourceSchema*> out;
  for (const auto& [key, entry] : best) out.push_back(entry);
  std::stable_sort(out.begin(), out.end(), [](const CustomResourceSchema* a, const CustomResourceSchema* b) {
    return a->kind < b->kind;
  });
  return out;
}

}  // namespace mast
