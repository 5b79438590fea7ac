// Merges the catalogs of several Kubernetes releases into one catalog that
// knows, for every type, field, module member and group/version/kind, the
// releases it exists in. The build-time generator uses it to embed 1.28 to
// 1.36 (third_party/kubernetes-openapi) as one catalog.
//
// Merge rules (docs/architecture.md has the user-facing account):
//   - A named type is the same type in every release that defines its name
//     with the same kind, format and openness. A name whose kind changed
//     becomes two types with disjoint release masks.
//   - A synthesized type ([]Container, map[string]string, int32, ...) is
//     identified by its shape: kind, format, flags and (merged) element type.
//   - A field is one record per (name, merged type, required); a field whose
//     type or requiredness changed between releases has one record per
//     variant, each with the releases it holds in.
//   - A kind that moved group or version is simply a new group/version/kind:
//     each (apiVersion, kind) carries the releases that serve it.
//   - Descriptions, the preferred group/version/kind of a type and the
//     element of a named list or map come from the newest release that has
//     them.
#pragma once

#include <string>
#include <vector>

#include "schemas/openapi/catalog_model.h"

namespace mast::schemas {

struct ReleaseModel {
  std::string name;  // "1.28"
  CatalogModel model;
};

// `releases` oldest first; at most kMaxReleases. Warnings of the inputs are
// kept, prefixed with their release.
CatalogModel MergeReleases(const std::vector<ReleaseModel>& releases);

}  // namespace mast::schemas
