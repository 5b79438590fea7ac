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

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/types/external_types.h"
#include "compiler/value/value.h"
#include "schemas/check/json_schema.h"

namespace mast {

struct CustomResourceSchema {
  std::string api_version;  // "stable.example.com/v1"
  std::string kind;         // "CronTab"
  SchemaId schema = kNoSchema;  // kNoSchema: the version has no schema (anything goes)
  bool cluster_scoped = false;
  bool storage = false;  // the version the API server stores
  SourceRange origin;    // the CustomResourceDefinition object
};

class CrdRegistry {
 public:
  // Registers every CustomResourceDefinition among `object` (a document;
  // `kind: List` is searched too). Problems in a CRD's schema are reported
  // to `sink` at their source. Returns how many CRDs were added.
  size_t Add(const Value& object, DiagnosticSink& sink);
  // Keep the schemas' descriptions (see SchemaCompileOptions); before Add.
  void KeepDescriptions() { keep_descriptions_ = true; }

  const CustomResourceSchema* Find(std::string_view api_version, std::string_view kind) const;
  // The served apiVersions of `kind` in `group`, for "did you mean".
  std::vector<std::string> ServedVersions(std::string_view group, std::string_view kind) const;
  bool HasGroup(std::string_view group) const;
  // One entry per kind: its storage version, else the newest served one
  // (by Kubernetes version priority: v2 > v1 > v1beta2 > v1alpha1), in
  // kind order. The version a `crd:` import types a kind with.
  std::vector<const CustomResourceSchema*> PreferredVersions() const;

  const SchemaSet& schemas() const { return schemas_; }
  bool empty() const { return by_key_.empty(); }

 private:
  void AddDefinition(const Value& crd, DiagnosticSink& sink);

  SchemaSet schemas_;
  bool keep_descriptions_ = false;
  std::map<std::string, CustomResourceSchema, std::less<>> by_key_;  // "<apiVersion> <kind>"
};

// A custom resource's metadata is an ObjectMeta whatever the CRD says (the
// API server allows a CRD schema to constrain only name and generateName):
// validates `object`'s metadata against the catalog's, with notes at
// `metadata.<path>`.
void ValidateCustomResourceMetadata(const ExternalTypes& catalog, const Value& object, DiagnosticSink& sink);

// True for a CustomResourceDefinition object (v1 or v1beta1).
bool IsCustomResourceDefinition(const Value& object);

}  // namespace mast
