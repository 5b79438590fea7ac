// The Kubernetes types a program sees, plus custom resources imported with
// `import "crd:path/to/crds.yaml" as certs`.
//
// CustomResourceTypes wraps the base catalog (the embedded KubeCatalog aimed
// at the target, or a --schema one) and answers every ExternalTypes query
// for the base's ids by asking it. A `crd:` import adds a module
// "crd:<canonical path>" whose members are the kinds of the
// CustomResourceDefinitions in the file (or in the .yaml/.yml/.json files of
// the directory). Each kind is typed with one version: the storage version,
// else the newest served one (CrdRegistry::PreferredVersions). Its types are
// the nodes of the CRD's compiled openAPIV3Schema (json_schema.h), so the
// compiler checks a typed custom resource with the same code paths as a
// built-in kind (FindField, ReportUnknownField, Validate), and the findings
// are worded as `mast check --crd` words them.
//
// Ids: the base's ids are small; a custom type's id has the high bit set,
// then 11 bits of module index and 20 bits of local id (a schema node, or a
// synthesized type: a kind's root, a plain string, anything).
//
// Modules are loaded on demand and kept for the life of the wrapper (the
// string_views handed out point into them); a re-import of files that
// changed loads a new module under the same path. Thread-safe: the module
// table is behind a mutex and a loaded module is immutable.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/sema/program.h"
#include "compiler/types/external_types.h"
#include "schemas/check/crd_registry.h"
#include "schemas/kube_catalog.h"

namespace mast {

struct CrdModule;

class CustomResourceTypes : public ExternalTypes {
 public:
  // `base` must outlive the wrapper.
  explicit CustomResourceTypes(const ExternalTypes& base);
  ~CustomResourceTypes() override;
  CustomResourceTypes(const CustomResourceTypes&) = delete;
  CustomResourceTypes& operator=(const CustomResourceTypes&) = delete;

  const ExternalTypes& base() const { return base_; }
  // The CRDs of a module path ImportCustomResources returned, or null.
  const CrdRegistry* RegistryOf(std::string_view module_path) const;

  std::optional<std::string> ImportCustomResources(const std::string& path, std::string_view import_text,
                                                   SourceRange where, DiagnosticSink& sink) const override;

  bool HasModule(std::string_view module_path) const override;
  std::vector<std::string> ModulePaths() const override { return base_.ModulePaths(); }
  std::vector<std::string> ModuleMembers(std::string_view module_path) const override;
  std::optional<ExternalTypeId> FindMember(std::string_view module_path, std::string_view name) const override;

  ExternalKind KindOf(ExternalTypeId type) const override;
  ExternalTypeId ElementType(ExternalTypeId type) const override;
  // A custom list's `x-kubernetes-list-map-keys` (list-type: map), so that
  // `with` merges its items by key as it does for built-in lists.
  std::vector<std::string_view> MergeKeys(ExternalTypeId type) const override;
  std::vector<ExternalField> Fields(ExternalTypeId type) const override;
  std::optional<ExternalField> FindField(ExternalTypeId type, std::string_view name) const override;
  std::string TypeName(ExternalTypeId type) const override;
  std::string_view Description(ExternalTypeId type) const override;
  std::string_view FieldDescription(ExternalTypeId type, std::string_view name) const override;
  std::optional<GroupVersionKind> ResourceKind(ExternalTypeId type) const override;
  // Built-in resources only: an untyped object is checked the same whatever
  // the program imports (custom resources are checked where they are typed).
  std::optional<ExternalTypeId> FindResource(std::string_view api_version, std::string_view kind) const override {
    return base_.FindResource(api_version, kind);
  }
  bool HasApiGroup(std::string_view api_version) const override { return base_.HasApiGroup(api_version); }
  std::optional<ExternalTypeId> ValidateResource(const Value& object, DiagnosticSink& sink) const override {
    return base_.ValidateResource(object, sink);
  }
  Diagnostic& ReportUnknownField(ExternalTypeId type, std::string_view key, SourceRange key_range,
                                 const std::vector<std::string_view>& siblings, DiagnosticSink& sink) const override;
  std::optional<std::string> ExplainMissingModule(std::string_view module_path) const override;
  std::optional<std::string> ExplainMissingMember(std::string_view module_path, std::string_view name) const override;
  std::optional<std::string> ModuleRemovedLater(std::string_view module_path) const override;
  void Validate(const Value& value, ExternalTypeId type, DiagnosticSink& sink) const override;

 private:
  // The module a "crd:" path names, loading it (silently) when no import
  // loaded it yet; null for other paths and for files without CRDs.
  const CrdModule* ModuleFor(std::string_view module_path) const;
  const CrdModule& ModuleOf(ExternalTypeId type) const;

  const ExternalTypes& base_;
  mutable std::mutex mutex_;
  mutable std::vector<std::unique_ptr<CrdModule>> modules_;  // index = the id's module bits
  mutable std::map<std::string, size_t, std::less<>> by_path_;  // canonical path -> newest module
};

// The CRDs of the `crd:` modules `program` imports (when its ExternalTypes
// is a CustomResourceTypes), for the object checks of what it emits.
std::vector<const CrdRegistry*> ImportedCrds(const Program& program);

// The KubeCatalog that answers for `type`, for what it knows beyond
// ExternalTypes (releases, formats): `types` itself or the base of a
// CustomResourceTypes; null for a custom type or another implementation.
const KubeCatalog* KubeCatalogFor(const ExternalTypes& types, ExternalTypeId type);

}  // namespace mast
