// The Kubernetes type catalog: the compiler's view of the Kubernetes API
// types (ExternalTypes) and the validator that checks values against them.
//
// `Embedded()` is the catalog built into the binary from the OpenAPI specs of
// Kubernetes 1.28 to 1.36 at build time (see schemas/README.md). Opening it
// costs a header check; types, fields and names are read in place from the
// embedded bytes on use, so there is nothing to decode at start-up (the
// deflated descriptions are inflated on first use). `FromOpenApi` builds an
// equivalent one-release catalog at run time from any Kubernetes OpenAPI v3
// or Swagger 2 document (`--schema FILE`).
//
// A catalog answers for a *target*: one release, or a range of releases that
// every object must be valid on. Every ExternalTypes query looks in the
// newest release of the target; `WithTarget` gives the same catalog aimed at
// another target. Names that exist only in other releases are explained by
// their history (E0507, E0508) instead of being reported unknown.
//
// Every string_view handed out (field names, descriptions, module paths)
// points into the catalog's bytes and lives as long as the root catalog.
// A catalog is immutable, so it can be shared between threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/types/external_types.h"
#include "schemas/catalog_format.h"

namespace mast {

// One group/version/kind the catalog knows, with its type.
struct KnownResource {
  std::string_view api_version;  // "apps/v1", "v1"
  std::string_view kind;         // "Deployment"
  ExternalTypeId type = 0;
};

using schemas::ReleaseMask;

class KubeCatalog : public ExternalTypes {
 public:
  // The catalog embedded at build time, aimed at its newest release. Never
  // fails (a corrupt embedded catalog is a build bug and aborts).
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
  ~KubeCatalog() override;

  // Targets.

  // Release names, oldest first ("1.28" ... "1.36"); one "" for a catalog
  // converted from a single document.
  std::vector<std::string_view> ReleaseNames() const;
  // Whether the catalog knows several releases (the embedded one does).
  bool HasReleases() const { return view_.release_count() > 1 || !view_.ReleaseName(0).empty(); }
  // Parses "1.31" or a range "1.31..1.36". On failure returns nullopt and
  // sets `error` to a message that lists the known releases.
  std::optional<ReleaseMask> ParseTarget(std::string_view text, std::string* error) const;
  // The same catalog aimed at `target` (a mask from ParseTarget). Lives as
  // long as this catalog's root.
  const KubeCatalog& WithTarget(ReleaseMask target) const;
  ReleaseMask target() const { return target_; }
  // "1.36", or "1.31..1.36" for a range; "" for a one-document catalog.
  std::string TargetName() const;
  // "from Kubernetes 1.30 on", "in Kubernetes 1.28 to 1.31", "only in Kubernetes 1.28".
  std::string ReleasePhrase(ReleaseMask releases) const;
  // "1.34 to 1.36", "1.28, 1.30 to 1.31".
  std::string ReleaseList(ReleaseMask releases) const;
  // Releases of the field `name` of `type` in any release (0 when none), and
  // whether the newest of its records is marked deprecated.
  ReleaseMask FieldReleases(ExternalTypeId type, std::string_view name, bool* deprecated = nullptr) const;
  // Fields of `type` in every release, newest record per name, in name order.
  std::vector<ExternalField> FieldsInAnyRelease(ExternalTypeId type) const;
  ReleaseMask TypeReleases(ExternalTypeId type) const;

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
  std::vector<std::string_view> MergeKeys(ExternalTypeId type) const override;
  // Fields in name order.
  std::vector<ExternalField> Fields(ExternalTypeId type) const override;
  std::optional<ExternalField> FindField(ExternalTypeId type, std::string_view name) const override;
  std::string TypeName(ExternalTypeId type) const override;
  std::string_view Description(ExternalTypeId type) const override;
  // In the target, else the newest release that has the field.
  std::string_view FieldDescription(ExternalTypeId type, std::string_view name) const override;
  std::optional<GroupVersionKind> ResourceKind(ExternalTypeId type) const override;
  // The type for an apiVersion ("apps/v1", "v1") and kind ("Deployment").
  std::optional<ExternalTypeId> FindResource(std::string_view api_version, std::string_view kind) const override;
  Diagnostic& ReportUnknownField(ExternalTypeId type, std::string_view key, SourceRange key_range,
                                 const std::vector<std::string_view>& siblings, DiagnosticSink& sink) const override;
  std::optional<std::string> ExplainMissingModule(std::string_view module_path) const override;
  std::optional<std::string> ExplainMissingMember(std::string_view module_path, std::string_view name) const override;
  std::optional<std::string> ModuleRemovedLater(std::string_view module_path) const override;

  // Checks `value` against `type` the way the API server decodes and
  // validates it (E0501-E0505). null is accepted for every optional field.
  // When `type` is a resource and the value carries apiVersion/kind, they
  // must name that resource.
  void Validate(const Value& value, ExternalTypeId type, DiagnosticSink& sink) const override;

  // Beyond ExternalTypes.

  // Every group/version/kind of the target's newest release, sorted by
  // apiVersion then kind.
  std::vector<KnownResource> Resources() const;
  // For plain YAML: reads the object's apiVersion and kind, reports them when
  // missing or unknown (E0503, E0506 with "did you mean"), and validates the
  // object against its type. An apiVersion and kind that other releases
  // serve get E0508 with their history; one the target serves but the
  // newest release no longer does gets W0509. Returns the type when one was
  // found.
  std::optional<ExternalTypeId> ValidateResource(const Value& object, DiagnosticSink& sink) const override;
  // ValidateResource without validating the object's fields: what the object
  // checks run on an object whose fields the compiler validated against the
  // same type without a finding (CompileResult::fields_validated).
  std::optional<ExternalTypeId> ResolveResource(const Value& object, DiagnosticSink& sink) const;
  // In any release.
  bool HasApiGroup(std::string_view api_version) const override;
  // Whether any built-in release serves (api_version, kind).
  bool KnowsResource(std::string_view api_version, std::string_view kind) const;
  // E0508 for an apiVersion and kind that other releases serve but the
  // target does not (at `where`, the apiVersion). Returns whether it reported.
  bool ReportNotServed(std::string_view api_version, std::string_view kind, SourceRange where,
                       DiagnosticSink& sink) const;
  // W0509 for an apiVersion and kind the target serves and the newest
  // built-in release does not.
  void ReportServedHistory(std::string_view api_version, std::string_view kind, SourceRange where,
                           DiagnosticSink& sink) const;

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
  const std::vector<std::string>& warnings() const;

  // The raw view, for the validator and tools in this folder.
  const schemas::CatalogView& view() const { return view_; }
  // The newest release of the target, where every lookup looks.
  ReleaseMask lookup() const { return lookup_; }
  // The text of a description id (inflated on first use).
  std::string_view Text(uint32_t text) const;

 private:
  struct Shared;  // the bytes and what is derived from them, owned by the root

  KubeCatalog() = default;
  bool IsType(ExternalTypeId type) const { return type < view_.type_count(); }
  ExternalField MakeField(uint32_t field) const;
  // Another apiVersion of the same group serving `kind` in `releases`:
  // served on all of them first, then the most mature (v1 > v1beta2 > v1beta1).
  std::optional<std::string> ServedAlternative(std::string_view api_version, std::string_view kind,
                                               ReleaseMask releases) const;
  // Opens `bytes` (which `shared` may own) as a root catalog aimed at its
  // newest release.
  bool OpenRoot(std::unique_ptr<Shared> shared, const uint8_t* bytes, size_t size, std::string* error);
  void Aim(ReleaseMask target);

  std::unique_ptr<Shared> owned_shared_;  // set on the root only
  Shared* shared_ = nullptr;
  schemas::CatalogView view_;
  ReleaseMask target_ = 1;
  ReleaseMask lookup_ = 1;
  // The API groups of all resources in any release, sorted.
  const std::vector<std::string_view>& Groups() const;
};

}  // namespace mast
