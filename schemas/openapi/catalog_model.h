// The in-memory catalog that OpenAPI conversion produces and the writer turns
// into the compact bytes of catalog_format.h. Only conversion code (the build
// time generator and `KubeCatalog::FromOpenApi`) ever builds one; lookups at
// run time go through the bytes.
//
// Every type, field, module member and group/version/kind carries the set of
// releases it exists in (`releases`, bit i = CatalogModel::releases[i]). One
// converted document is one release, so conversion sets every mask to 1;
// MergeReleases (catalog_merge.h) unions several.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/types/external_types.h"
#include "schemas/catalog_format.h"

namespace mast::schemas {

struct ModelField {
  std::string name;
  uint32_t type = kAnyType;
  std::string description;
  bool required = false;
  ReleaseMask releases = 1;
};

struct ModelGroupVersionKind {
  std::string group;  // "" for the legacy core group
  std::string version;
  std::string kind;
  ReleaseMask releases = 1;

  std::string ApiVersion() const { return group.empty() ? version : group + "/" + version; }
};

struct ModelType {
  ExternalKind kind = ExternalKind::kAny;
  Format format = Format::kNone;
  uint8_t flags = 0;  // kType* bits
  uint32_t element = kAnyType;
  // A list whose items merge by key (`x-kubernetes-list-map-keys`, else
  // `x-kubernetes-patch-merge-key`): the key fields, joined by ','. Empty
  // for every other type. Part of a synthesized list type's identity, so
  // `[]LocalObjectReference` keyed by `name` and the plain one are two types.
  std::string merge_keys;
  std::string name;
  std::string description;
  std::vector<ModelField> fields;
  std::vector<ModelGroupVersionKind> kinds;
  size_t preferred_kind = 0;  // index into `kinds` that ResourceKind reports
  uint32_t module = kNone;    // index into CatalogModel::modules
  ReleaseMask releases = 1;
};

struct ModelMember {
  std::string name;
  uint32_t type = kAnyType;
  ReleaseMask releases = 1;
};

struct ModelModule {
  std::string path;                                       // "k8s/networking/v1"
  std::vector<std::string> aliases;                       // "k8s/networking.k8s.io/v1"
  std::vector<ModelMember> members;
  ReleaseMask releases = 1;
};

struct CatalogModel {
  std::vector<ModelType> types;  // index = type id; types[0] is "any"
  std::vector<ModelModule> modules;
  // Release names, oldest first ("1.28", ...); one empty name for a single
  // converted document, whose release is whatever it describes.
  std::vector<std::string> releases{""};
  std::vector<std::string> warnings;  // things skipped or guessed during conversion
};

}  // namespace mast::schemas
