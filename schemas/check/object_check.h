// Checking one parsed document: `kind: List` expansion, then for each
// object the schema that applies to it and the server-side rules.
#pragma once

#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"
#include "schemas/check/check.h"
#include "schemas/check/crd_registry.h"
#include "schemas/check/schema_dir.h"

namespace mast {

class KubeCatalog;

// Where schemas come from, most specific first. The pointed-to objects
// outlive the checker; all are safe to use from several threads.
struct SchemaSources {
  const KubeCatalog* catalog = nullptr;    // embedded or --schema; never null
  const CrdRegistry* crds = nullptr;       // --crd and CRDs among the inputs
  const CrdRegistry* program_crds = nullptr;  // CRDs the checked Mast program emits itself
  std::vector<const CrdRegistry*> imported_crds;  // CRDs it imports with `crd:` (ImportedCrds)
  SchemaDirectory* schema_dir = nullptr;   // --schema-dir, or null
};

// What checking one file produced, before merging.
struct FileFindings {
  std::vector<CheckedObject> objects;
  std::vector<Diagnostic> diagnostics;
  std::vector<uint32_t> diagnostic_objects;  // index into `objects`, or kNoObject
};

class ObjectChecker {
 public:
  ObjectChecker(const SchemaSources& sources, const ManifestCheckOptions& options)
      : sources_(sources), options_(options) {}

  // Checks a document (a Kubernetes object or a `kind: List` of them).
  // Objects and findings are appended to `out`; `input` is stored in the
  // objects. `fields_validated`: the compiler validated the object's fields
  // against the catalog's schema of its apiVersion and kind without a
  // finding (CompileResult::fields_validated); they are not validated again.
  void CheckDocument(const Value& document, uint32_t input, FileFindings& out, bool fields_validated = false) const;

 private:
  void CheckList(const Value& list, uint32_t input, int depth, FileFindings& out) const;
  void CheckObject(const Value& object, uint32_t input, FileFindings& out, bool fields_validated = false) const;
  // Returns false when the object was skipped (unknown kind, --skip-unknown-kinds).
  bool Validate(const Value& object, DiagnosticSink& sink, bool fields_validated) const;
  void ValidateCustomResource(const Value& object, const CustomResourceSchema& schema, const CrdRegistry& registry,
                              DiagnosticSink& sink) const;
  // The CRD schema of `api` `kind` and the registry that holds it, or null.
  const CustomResourceSchema* FindCustomResource(std::string_view api, std::string_view kind,
                                                 const CrdRegistry** registry) const;
  std::vector<std::string> ServedCustomVersions(std::string_view group, std::string_view kind) const;
  bool HasCustomGroup(std::string_view group) const;
  // The CRD registries of `sources_` that are set, most specific first.
  std::vector<const CrdRegistry*> Registries() const;

  const SchemaSources& sources_;
  const ManifestCheckOptions& options_;
};

// True for a `kind: List` document (any apiVersion), whose items are
// checked as objects of their own.
bool IsListDocument(const Value& document);

}  // namespace mast
