#include "cli/import_schemas.h"

#include "compiler/emit/mast_writer.h"
#include "schemas/check/crd_registry.h"

namespace mast::cli {

namespace {

const Value* At(const Value* value, std::string_view key) {
  return value != nullptr && value->IsMap() ? value->Find(key) : nullptr;
}

std::string StringAt(const Value* value, std::string_view key) {
  const Value* field = At(value, key);
  return field != nullptr && field->IsString() ? field->AsString() : "";
}

bool Served(const Value& version) {
  const Value* served = At(&version, "served");
  return served == nullptr || !served->IsBool() || served->AsBool();
}

std::string VersionSuffix(std::string_view version) {
  std::string out;
  bool upper = true;
  for (char c : version) {
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

}  // namespace

size_t WriteCrdSchemas(const std::vector<Value>& objects, MastSchemaWriter& writer, size_t& skipped) {
  size_t written = 0;
  for (const Value& object : objects) {
    if (!IsCustomResourceDefinition(object)) {
      ++skipped;
      continue;
    }
    const Value* spec = At(&object, "spec");
    const std::string group = StringAt(spec, "group");
    const std::string kind = StringAt(At(spec, "names"), "kind");
    if (kind.empty()) continue;
    // apiextensions.k8s.io/v1: spec.versions[].schema.openAPIV3Schema;
    // v1beta1 may hold one schema for all versions in spec.validation.
    std::vector<std::pair<std::string, const Value*>> versions;
    const Value* shared = At(At(spec, "validation"), "openAPIV3Schema");
    if (const Value* list = At(spec, "versions"); list != nullptr && list->IsList()) {
      for (const Value& version : list->AsList()) {
        if (!Served(version)) continue;
        const Value* schema = At(At(&version, "schema"), "openAPIV3Schema");
        versions.emplace_back(StringAt(&version, "name"), schema != nullptr ? schema : shared);
      }
    } else if (!StringAt(spec, "version").empty()) {
      versions.emplace_back(StringAt(spec, "version"), shared);
    }
    const Value empty = Value::Map({});
    for (const auto& [version, schema] : versions) {
      const std::string api_version = group.empty() ? version : group + "/" + version;
      const std::string name = versions.size() == 1 ? kind : kind + VersionSuffix(version);
      writer.FromOpenApi(name, schema != nullptr ? *schema : empty,
                         {{"apiVersion", MastStringLiteral(api_version) + " = " + MastStringLiteral(api_version)},
                          {"kind", MastStringLiteral(kind) + " = " + MastStringLiteral(kind)},
                          {"metadata", "{string: any} = {}"}});
      ++written;
    }
  }
  return written;
}

std::string WriteValuesSchema(const Value& values, MastSchemaWriter& writer) {
  std::string root = writer.FromValues("Values", values);
  if (root.rfind("Values", 0) != 0) return "";  // not a record
  return "param chart: " + root + " = " + root + " {}\n";
}

}  // namespace mast::cli
