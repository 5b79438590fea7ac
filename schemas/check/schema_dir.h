// `--schema-dir DIR`: a kubeconform-style directory of JSON schemas, one per
// kind, such as a checkout of the kubernetes-json-schema project for a
// given Kubernetes version. For apiVersion `apps/v1` and kind `Deployment`
// these files are tried, in order (names lowercased):
//
//   deployment-apps-v1.json          kubeconform: first part of the group
//   deployment-<full.group>-v1.json  groups with dots, written out
//   deployment-v1.json               the core group ("v1")
//   <full.group>/deployment_v1.json  the CRDs-catalog layout
//
// `$ref`s may point inside the file (`#/definitions/...`) or at another file
// of the directory (`_definitions.json#/definitions/...`). Schemas are loaded
// on first use and kept; lookups are thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schemas/check/json_schema.h"

namespace mast {

class SchemaDirectory {
 public:
  explicit SchemaDirectory(std::string directory);

  struct Found {
    const SchemaSet* set = nullptr;
    SchemaId id = kNoSchema;
  };
  // The schema for apiVersion/kind, or nullopt when the directory has none.
  std::optional<Found> Lookup(std::string_view api_version, std::string_view kind);

  // Files that could not be read or parsed ("path: reason"), for the caller
  // to report as I/O errors after checking.
  std::vector<std::string> errors() const;

 private:
  const Value* LoadDocument(const std::string& path);  // mutex held
  const Value* ResolveRef(std::string_view ref, const Value& from_root, const Value** target_root);

  std::string directory_;
  mutable std::mutex mutex_;
  std::map<std::string, std::optional<Found>, std::less<>> by_kind_;
  std::map<std::string, std::unique_ptr<Value>> documents_;  // by path; null Value when unreadable
  std::map<const Value*, std::string> document_dirs_;
  std::vector<std::unique_ptr<SchemaSet>> sets_;
  std::vector<std::string> errors_;
};

}  // namespace mast
