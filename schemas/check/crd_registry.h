// Custom resource schemas from CustomResourceDefinitions: `--crd FILE|DIR`
// and the CRDs found among the checked inputs.
//
// For every served version of a CRD (apiextensions.k8s.io/v1, and the
// removed v1beta1 layout with `spec.validation`), the registry keeps the
// compiled openAPIV3Schema under "<group>/<version>" + kind. Built once,
// before checking starts; immutable (and so thread-safe) afterwards.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "schemas/check/json_schema.h"
#include "value/value.h"

namespace mast {

struct CustomResourceSchema {
  std::string api_version;  // "stable.example.com/v1"
  std::string kind;         // "CronTab"
  SchemaId schema = kNoSchema;  // kNoSchema: the version has no schema (anything goes)
  bool cluster_scoped = false;
};

class CrdRegistry {
 public:
  // Registers every CustomResourceDefinition among `object` (a document;
  // `kind: List` is searched too). Problems in a CRD's schema are reported
  // to `sink` at their source. Returns how many CRDs were added.
  size_t Add(const Value& object, DiagnosticSink& sink);

  const CustomResourceSchema* Find(std::string_view api_version, std::string_view kind) const;
  // The served apiVersions of `kind` in `group`, for "did you mean".
  std::vector<std::string> ServedVersions(std::string_view group, std::string_view kind) const;
  bool HasGroup(std::string_view group) const;

  const SchemaSet& schemas() const { return schemas_; }
  bool empty() const { return by_key_.empty(); }

 private:
  void AddDefinition(const Value& crd, DiagnosticSink& sink);

  SchemaSet schemas_;
  std::map<std::string, CustomResourceSchema, std::less<>> by_key_;  // "<apiVersion> <kind>"
};

// True for a CustomResourceDefinition object (v1 or v1beta1).
bool IsCustomResourceDefinition(const Value& object);

}  // namespace mast
