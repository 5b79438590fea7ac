// What the compiler needs to know about types defined outside Mast, i.e. the
// Kubernetes API types. The compiler declares this interface and the
// `schemas` library implements it (KubeCatalog), so that `compiler` depends
// on nothing of ours and `schemas` depends on `compiler`, never the reverse.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"

namespace mast {

using ExternalTypeId = uint32_t;

enum class ExternalKind : uint8_t {
  kObject,      // fixed set of fields
  kList,        // ElementType() is the item type
  kMap,         // string keys; ElementType() is the value type
  kString,
  kInteger,
  kNumber,
  kBoolean,
  kIntOrString,
  kQuantity,    // resource.Quantity: a string, or a number
  kAny,         // x-kubernetes-preserve-unknown-fields, RawExtension, JSON
};

struct ExternalField {
  std::string_view name;
  ExternalTypeId type = 0;
  bool required = false;
};

struct GroupVersionKind {
  std::string api_version;  // "apps/v1", "v1"
  std::string kind;         // "Deployment"
};

class ExternalTypes {
 public:
  virtual ~ExternalTypes() = default;

  // Module paths are "k8s/<group>/<version>", with "core" for the legacy
  // group: "k8s/apps/v1", "k8s/core/v1", "k8s/networking.k8s.io/v1".
  virtual bool HasModule(std::string_view module_path) const = 0;
  virtual std::vector<std::string> ModulePaths() const = 0;
  // Type names a module exports ("Deployment", "DeploymentSpec", ...).
  virtual std::vector<std::string> ModuleMembers(std::string_view module_path) const = 0;
  virtual std::optional<ExternalTypeId> FindMember(std::string_view module_path, std::string_view name) const = 0;

  virtual ExternalKind KindOf(ExternalTypeId type) const = 0;
  // Item type of a list, value type of a map; the type itself otherwise.
  virtual ExternalTypeId ElementType(ExternalTypeId type) const = 0;
  // The fields the items of list `type` are matched by when `with` merges
  // two such lists, as a strategic merge patch or server-side apply matches
  // them: {"name"} for containers, {"containerPort", "protocol"} for a
  // container's ports. Empty for a list that `with` replaces whole, and for
  // anything that is not a list. The views live as long as the catalog.
  virtual std::vector<std::string_view> MergeKeys(ExternalTypeId type) const = 0;
  virtual std::vector<ExternalField> Fields(ExternalTypeId type) const = 0;
  virtual std::optional<ExternalField> FindField(ExternalTypeId type, std::string_view name) const = 0;
  // "io.k8s.api.apps.v1.Deployment" for named types, "[]Container" etc. otherwise.
  virtual std::string TypeName(ExternalTypeId type) const = 0;
  virtual std::string_view Description(ExternalTypeId type) const = 0;
  // The description of field `name` of `type` (its type's when the field
  // has none), or "". Asked for separately: checking and building never
  // need descriptions, and the embedded ones are inflated on first use.
  virtual std::string_view FieldDescription(ExternalTypeId type, std::string_view name) const = 0;
  // apiVersion and kind of a top-level resource type.
  virtual std::optional<GroupVersionKind> ResourceKind(ExternalTypeId type) const = 0;
  // The resource type for an apiVersion/kind pair, e.g. ("apps/v1", "Deployment").
  virtual std::optional<ExternalTypeId> FindResource(std::string_view api_version, std::string_view kind) const = 0;

  // Whether any known resource is served in the API group of `api_version`
  // ("apps" for "apps/v1", "" for "v1"). Custom resources live in other groups.
  virtual bool HasApiGroup(std::string_view api_version) const = 0;
  // For a whole object: reads apiVersion and kind, reports them when missing
  // or unknown (with "did you mean"), validates against the resource type.
  virtual std::optional<ExternalTypeId> ValidateResource(const Value& object, DiagnosticSink& sink) const = 0;

  // Reports `key` as not a field of object `type`: E0507 with its history
  // when another Kubernetes release has it, else E0501 with a "did you
  // mean" among the fields of the target that the object does not already
  // set (`siblings`). Schema validation uses the same wording.
  virtual Diagnostic& ReportUnknownField(ExternalTypeId type, std::string_view key, SourceRange key_range,
                                         const std::vector<std::string_view>& siblings,
                                         DiagnosticSink& sink) const = 0;
  // Why a module or member is missing from the target when another release
  // has it ("`k8s/resource/v1` is served from Kubernetes 1.34 on; the target
  // is 1.33"), or nullopt when no release has it.
  virtual std::optional<std::string> ExplainMissingModule(std::string_view module_path) const = 0;
  virtual std::optional<std::string> ExplainMissingMember(std::string_view module_path,
                                                          std::string_view name) const = 0;
  // For a module the target serves and a newer release removes: the W0509
  // message ("`k8s/flowcontrol/v1beta3` is removed in Kubernetes 1.32; ...").
  virtual std::optional<std::string> ModuleRemovedLater(std::string_view module_path) const = 0;

  // `import "crd:<file or directory>"`: reads the CustomResourceDefinitions
  // at `path` (resolved against the importer and confined to the project by
  // the caller), or re-reads them when the files changed, and returns the
  // module path that names their kinds ("crd:" + the canonical path), whose
  // members are looked up like those of "k8s/..." modules. Problems
  // (unreadable, not a CRD, a bad schema) are reported at `where`, the
  // import's path (`import_text` as written), with a note at the CRD's own
  // line. Implementations without custom resources report that they are not
  // available here.
  virtual std::optional<std::string> ImportCustomResources(const std::string& path, std::string_view import_text,
                                                           SourceRange where, DiagnosticSink& sink) const {
    (void)path;
    sink.Report(DiagnosticCode::E0210, where,
                "cannot import \"" + std::string(import_text) +
                    "\": custom resource definitions are not available here");
    return std::nullopt;
  }

  // Checks `value` against `type` the way the API server would: unknown
  // fields, types, required fields, formats and quantities. Findings point at
  // the origins of the offending values (or keys).
  virtual void Validate(const Value& value, ExternalTypeId type, DiagnosticSink& sink) const = 0;
};

}  // namespace mast
