#include "compiler/base/api_version.h"
#include "schemas/check/object_check.h"

#include <algorithm>

#include "compiler/base/spelling.h"
#include "schemas/check/removed_apis.h"
#include "schemas/check/server_rules_bridge.h"
#include "schemas/kube_catalog.h"

namespace mast {

namespace {

// The code for an apiVersion that Kubernetes no longer serves. It is an
// apiVersion/kind pair that names no known type, which is what E0506 says;
// the message names the release that removed it and the replacement.
constexpr DiagnosticCode kRemovedApiCode = DiagnosticCode::E0508;

// Lists nest rarely; the bound only keeps recursion safe.
constexpr int kMaxListDepth = 8;

const std::string* StringField(const Value& object, std::string_view key) {
  const Value* value = object.Find(key);
  return value != nullptr && value->IsString() ? &value->AsString() : nullptr;
}

CheckedObject Identify(const Value& object, uint32_t input) {
  CheckedObject checked;
  checked.range = object.origin();
  checked.input = input;
  if (!object.IsMap()) return checked;
  if (const std::string* api = StringField(object, "apiVersion")) checked.api_version = *api;
  if (const std::string* kind = StringField(object, "kind")) checked.kind = *kind;
  if (const Value* metadata = object.Find("metadata"); metadata != nullptr && metadata->IsMap()) {
    if (const std::string* name = StringField(*metadata, "name")) {
      checked.name = *name;
      checked.name_range = metadata->Find("name")->origin();
      checked.has_own_name = true;
    } else if (const std::string* generate = StringField(*metadata, "generateName")) {
      checked.name = *generate + "*";
    }
    if (const std::string* ns = StringField(*metadata, "namespace")) checked.namespace_name = *ns;
  }
  return checked;
}

}  // namespace

bool IsListDocument(const Value& document) {
  if (!document.IsMap()) return false;
  const std::string* kind = StringField(document, "kind");
  return kind != nullptr && *kind == "List";
}

void ObjectChecker::CheckDocument(const Value& document, uint32_t input, FileFindings& out,
                                  bool fields_validated) const {
  if (IsListDocument(document)) {
    CheckList(document, input, 0, out);
  } else {
    CheckObject(document, input, out, fields_validated);
  }
}

// `kind: List` is kubectl's envelope, not an API type: apiVersion, kind,
// metadata and items, where each item is an object of its own.
void ObjectChecker::CheckList(const Value& list, uint32_t input, int depth, FileFindings& out) const {
  DiagnosticSink sink;
  for (const MapEntry& entry : list.AsMap()) {
    if (entry.key == "apiVersion" || entry.key == "kind" || entry.key == "metadata" || entry.key == "items") continue;
    std::string message = "unknown field `" + entry.key + "` in `List`";
    if (auto suggestion = ClosestMatch(entry.key, {"apiVersion", "kind", "metadata", "items"})) {
      message += "; did you mean `" + *suggestion + "`?";
    }
    sink.Report(DiagnosticCode::E0501, entry.key_range.IsValid() ? entry.key_range : entry.value.origin(), message);
  }
  const MapEntry* items = list.FindEntry("items");
  if (items != nullptr && !items->value.IsNull() && !items->value.IsList()) {
    sink.Report(DiagnosticCode::E0502, items->value.origin(),
                "expected list, found " + std::string(KindName(items->value.kind())) +
                    "; `items` of a `List` holds the objects");
  }
  for (Diagnostic& d : sink.mutable_diagnostics()) {
    out.diagnostics.push_back(std::move(d));
    out.diagnostic_objects.push_back(kNoObject);
  }
  if (items == nullptr || !items->value.IsList()) return;
  for (const Value& item : items->value.AsList()) {
    if (IsListDocument(item) && depth < kMaxListDepth) {
      CheckList(item, input, depth + 1, out);
    } else {
      CheckObject(item, input, out);
    }
  }
}

void ObjectChecker::CheckObject(const Value& object, uint32_t input, FileFindings& out, bool fields_validated) const {
  const uint32_t index = static_cast<uint32_t>(out.objects.size());
  out.objects.push_back(Identify(object, input));
  if (options_.keep_values) out.objects[index].value = object;
  DiagnosticSink sink;
  const bool checked = options_.schema ? Validate(object, sink, fields_validated) : true;
  CheckedObject& record = out.objects[index];
  record.status = !checked ? ObjectStatus::kSkipped
                  : sink.HasErrors() ? ObjectStatus::kInvalid
                                     : ObjectStatus::kValid;
  if (sink.empty()) return;
  const std::string note = options_.annotate_objects ? "in " + record.DisplayName() : std::string();
  for (Diagnostic& d : sink.mutable_diagnostics()) {
    if (!note.empty()) d.notes.push_back(note);
    out.diagnostics.push_back(std::move(d));
    out.diagnostic_objects.push_back(index);
  }
}

bool ObjectChecker::Validate(const Value& object, DiagnosticSink& sink, bool fields_validated) const {
  const KubeCatalog& catalog = *sources_.catalog;
  if (!object.IsMap()) {
    catalog.ValidateResource(object, sink);  // "expected a Kubernetes object"
    return true;
  }
  const MapEntry* api_entry = object.FindEntry("apiVersion");
  const std::string* api = StringField(object, "apiVersion");
  const std::string* kind = StringField(object, "kind");
  if (api == nullptr || kind == nullptr) {
    catalog.ValidateResource(object, sink);  // reports the missing or mistyped fields
    return true;
  }

  // The most specific schema wins: a CRD, then --schema-dir, then the catalog.
  const CrdRegistry* registry = nullptr;
  if (const CustomResourceSchema* schema = FindCustomResource(*api, *kind, &registry)) {
    ValidateCustomResource(object, *schema, *registry, sink);
    if (options_.server_rules) RunServerRules(object, *api, *kind, sink);
    return true;
  }
  if (sources_.schema_dir != nullptr) {
    if (auto found = sources_.schema_dir->Lookup(*api, *kind)) {
      ValidateAgainstSchema(*found->set, found->id, object, sink);
      if (options_.server_rules) RunServerRules(object, *api, *kind, sink);
      return true;
    }
  }
  // Served by the target, or by another built-in release (the catalog
  // explains which, E0508).
  if (catalog.FindResource(*api, *kind) || catalog.KnowsResource(*api, *kind)) {
    if (fields_validated) {
      catalog.ResolveResource(object, sink);
    } else {
      catalog.ValidateResource(object, sink);
    }
    if (options_.server_rules) RunServerRules(object, *api, *kind, sink);
    return true;
  }

  if (const RemovedApi* removed = FindRemovedApi(*api, *kind)) {
    std::string message = "`" + *api + "` `" + *kind + "` was removed in Kubernetes " + std::string(removed->removed_in);
    if (!removed->replacement.empty()) {
      message += "; use `apiVersion: " + std::string(removed->replacement) + "`";
    } else {
      message += " and has no replacement";
    }
    Diagnostic& d = sink.Report(kRemovedApiCode, api_entry->value.origin(), std::move(message));
    if (!removed->notes.empty()) d.notes.emplace_back(removed->notes);
    if (!removed->replacement.empty() && api_entry->value.origin().IsValid()) {
      d.fix = Fix{"replace with `" + std::string(removed->replacement) + "`",
                  {TextEdit{api_entry->value.origin(), std::string(removed->replacement)}}};
    }
    return true;
  }

  const std::string_view group = ApiGroupOf(*api);
  {
    // A CRD of this kind exists, but does not serve this version.
    const std::vector<std::string> served = ServedCustomVersions(group, *kind);
    if (!served.empty()) {
      std::vector<std::string_view> candidates(served.begin(), served.end());
      std::optional<std::string> suggestion = ClosestMatch(*api, candidates);
      if (!suggestion) suggestion = served.front();
      sink.Report(DiagnosticCode::E0506, api_entry->value.origin(),
                  "the CustomResourceDefinition of `" + *kind + "` does not serve `" + *api + "`; did you mean `" +
                      *suggestion + "`?");
      return true;
    }
  }
  // Custom resources live in groups with a dot that the catalog does not
  // serve (the API server requires the dot). Anything else is a built-in
  // kind or version with a typo, which the catalog explains.
  const bool custom_group = group.find('.') != std::string_view::npos && !catalog.HasApiGroup(*api);
  if (custom_group) {
    if (options_.skip_unknown_kinds) return false;
    const MapEntry* kind_entry = object.FindEntry("kind");
    std::string message = "no schema for custom resource `" + *kind + "` in `" + *api + "`";
    if (HasCustomGroup(group)) {
      message += "; the CustomResourceDefinitions of `" + std::string(group) + "` define no such kind";
    } else {
      message += "; pass its CustomResourceDefinition with `--crd`, or skip such objects with `--skip-unknown-kinds`";
    }
    sink.Report(DiagnosticCode::E0506, kind_entry->value.origin(), std::move(message));
    return true;
  }
  catalog.ValidateResource(object, sink);
  return true;
}

void ObjectChecker::ValidateCustomResource(const Value& object, const CustomResourceSchema& schema,
                                           const CrdRegistry& registry, DiagnosticSink& sink) const {
  ValidateCustomResourceMetadata(*sources_.catalog, object, sink);
  if (schema.schema == kNoSchema) return;
  SchemaValidateOptions options;
  options.custom_resource_root = true;
  ValidateAgainstSchema(registry.schemas(), schema.schema, object, sink, options);
}

const CustomResourceSchema* ObjectChecker::FindCustomResource(std::string_view api, std::string_view kind,
                                                              const CrdRegistry** registry) const {
  for (const CrdRegistry* candidate : Registries()) {
    if (const CustomResourceSchema* schema = candidate->Find(api, kind)) {
      *registry = candidate;
      return schema;
    }
  }
  return nullptr;
}

std::vector<std::string> ObjectChecker::ServedCustomVersions(std::string_view group, std::string_view kind) const {
  std::vector<std::string> served;
  for (const CrdRegistry* registry : Registries()) {
    for (std::string& version : registry->ServedVersions(group, kind)) served.push_back(std::move(version));
  }
  return served;
}

bool ObjectChecker::HasCustomGroup(std::string_view group) const {
  const std::vector<const CrdRegistry*> registries = Registries();
  return std::any_of(registries.begin(), registries.end(),
                     [&](const CrdRegistry* registry) { return registry->HasGroup(group); });
}

std::vector<const CrdRegistry*> ObjectChecker::Registries() const {
  std::vector<const CrdRegistry*> registries;
  for (const CrdRegistry* registry : {sources_.crds, sources_.program_crds}) {
    if (registry != nullptr) registries.push_back(registry);
  }
  registries.insert(registries.end(), sources_.imported_crds.begin(), sources_.imported_crds.end());
  return registries;
}

std::string CheckedObject::DisplayName() const {
  std::string text = kind.empty() ? std::string("object") : kind;
  if (name.empty()) return text + " (no name)";
  text += ' ';
  if (!namespace_name.empty()) text += namespace_name + "/";
  return text + name;
}

}  // namespace mast
