// The in-memory catalog that OpenAPI conversion produces and the writer turns
// into the compact bytes of catalog_format.h. Only conversion code (the build
// time generator and `KubeCatalog::FromOpenApi`) ever builds one; lookups at
// run time go through the bytes.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "types/external_types.h"
#include "schemas/catalog_format.h"

namespace mast::schemas {

struct ModelField {
  std::string name;
  uint32_t type = kAnyType;
  std::string description;
  bool required = false;
};

struct ModelGroupVersionKind {
  std::string group;  // "" for the legacy core group
  std::string version;
  std::string kind;

  std::string ApiVersion() const { return group.empty() ? version : group + "/" + version; }
};

struct ModelType {
  ExternalKind kind = ExternalKind::kAny;
  Format format = Format::kNone;
  uint8_t flags = 0;  // kType* bits
  uint32_t element = kAnyType;
  std::string name;
  std::string description;
  std::vector<ModelField> fields;
  std::vector<ModelGroupVersionKind> kinds;
  size_t preferred_kind = 0;  // index into `kinds` that ResourceKind reports
  uint32_t module = kNone;    // index into CatalogModel::modules
};

struct ModelModule {
  std::string path;                                       // "k8s/networking/v1"
  std::vector<std::string> aliases;                       // "k8s/networking.k8s.io/v1"
  std::vector<std::pair<std::string, uint32_t>> members;  // name, type id
};

struct CatalogModel {
  std::vector<ModelType> types;  // index = type id; types[0] is "any"
  std::vector<ModelModule> modules;
  std::vector<std::string> warnings;  // things skipped or guessed during conversion
};

}  // namespace mast::schemas
