// The Kubernetes type catalog: the compiler's view of the Kubernetes API
// types (ExternalTypes) and the validator that checks values against them.
//
// `Embedded()` is the catalog built into the binary from the OpenAPI spec at
// build time (see schemas/README.md). Opening it costs a header check; types,
// fields and descriptions are read in place from the embedded bytes on use, so
// there is nothing to decode at start-up. `FromOpenApi` builds an equivalent
// catalog at run time from any Kubernetes OpenAPI v3 or Swagger 2 document
// (`mast check --schema FILE`).
//
// Every string_view handed out (field names, descriptions, module paths)
// points into the catalog's bytes and lives as long as the catalog.
// A catalog is immutable, so it can be shared between threads.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "types/external_types.h"
#include "schemas/catalog_format.h"

namespace mast {

// One group/version/kind the catalog knows, with its type.
struct KnownResource {
  std::string_view api_version;  // "apps/v1", "v1"
  std::string_view kind;         // "Deployment"
  ExternalTypeId type = 0;
};

class KubeCatalog : public ExternalTypes {
 public:
  // The catalog embedded at build time. Never fails (a corrupt embedded
  // catalog is a build bug and aborts).
  static const KubeCatalog& Embedded();

  // Converts an OpenAPI v3 (`components.schemas`) or Swagger 2
  // (`definitions`) document. Returns nullptr and sets `error` when the text
  // is not such a document. Conversion oddities (unresolvable $refs, name
  // clashes) are kept in `warnings()`.
  static std::unique_ptr<KubeCatalog> FromOpenApi(std::string_view json_text, std::string* error);

  // Opens catalog bytes in the catalog_format.h layout (takes ownership).
  static std::unique_ptr<KubeCatalog> FromBytes(std::string bytes, std::string* error);

  KubeCatalog(const KubeCatalog&) = delete;
  KubeCatalog& operator=(const KubeCatalog&) = delete;

  // ExternalTypes. Module paths are "k8s/<package>/<version>" with the
  // package taken from the definition name (k8s/apps/v1, k8s/core/v1,
  // k8s/networking/v1, k8s/meta/v1, k8s/apiextensions/v1); a module's real
  // API group is accepted as an alias (k8s/networking.k8s.io/v1).
  // ModulePaths lists canonical paths only.
  bool HasModule(std::string_view module_path) const override;
  std::vector<std::string> ModulePaths() const override;
  std::vector<std::string> ModuleMembers(std::string_view module_path) const override;
  std::optional<ExternalTypeId> FindMember(std::string_view module_path, std::string_view name) const override;

  ExternalKind KindOf(ExternalTypeId type) const override;
  ExternalTypeId ElementType(ExternalTypeId type) const override;
  // Fields in name order. A field's description falls back to its type's
  // description when the spec has none for the field itself.
  std::vector<ExternalField> Fields(ExternalTypeId type) const override;
  std::optional<ExternalField> FindField(ExternalTypeId type, std::string_view name) const override;
  std::string TypeName(ExternalTypeId type) const override;
  std::string_view Description(ExternalTypeId type) const override;
  std::optional<GroupVersionKind> ResourceKind(ExternalTypeId type) const override;
  // The type for an apiVersion ("apps/v1", "v1") and kind ("Deployment").
  std::optional<ExternalTypeId> FindResource(std::string_view api_version, std::string_view kind) const override;

  // Checks `value` against `type` the way the API server decodes and
  // validates it (E0501-E0505). null is accepted for every optional field.
  // When `type` is a resource and the value carries apiVersion/kind, they
  // must name that resource.
  void Validate(const Value& value, ExternalTypeId type, DiagnosticSink& sink) const override;

  // Beyond ExternalTypes.

  // Every known group/version/kind, sorted by apiVersion then kind.
  std::vector<KnownResource> Resources() const;
  // For plain YAML: reads the object's apiVersion and kind, reports them when
  // missing or unknown (E0503, E0506 with "did you mean"), and validates the
  // object against its type. Returns the type when one was found.
  std::optional<ExternalTypeId> ValidateResource(const Value& object, DiagnosticSink& sink) const override;
  bool HasApiGroup(std::string_view api_version) const override;

  // "DeploymentSpec" for io.k8s.api.apps.v1.DeploymentSpec; "[]Container" etc.
  // for synthesized types.
  std::string_view ShortName(ExternalTypeId type) const;
  // "int32", "int64", "date-time", "byte", or "".
  std::string_view Format(ExternalTypeId type) const;
  // Canonical module path of a named type ("k8s/apps/v1"), or "".
  std::string_view ModuleOf(ExternalTypeId type) const;
  // Canonical form of a module path or alias, or nullopt when unknown.
  std::optional<std::string_view> CanonicalModule(std::string_view module_path) const;
  size_t TypeCount() const { return view_.type_count(); }
  const std::vector<std::string>& warnings() const { return warnings_; }

  // The raw view, for the validator and tools in this folder.
  const schemas::CatalogView& view() const { return view_; }

 private:
  KubeCatalog() = default;
  bool IsType(ExternalTypeId type) const { return type < view_.type_count(); }

  std::string owned_bytes_;  // empty for the embedded catalog
  schemas::CatalogView view_;
  // The API groups of all resources, sorted; built on first use (thread-safe).
  const std::vector<std::string_view>& Groups() const;
  mutable std::once_flag groups_once_;
  mutable std::vector<std::string_view> groups_;
  std::vector<std::string> warnings_;
};

}  // namespace mast
