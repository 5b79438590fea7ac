// Wording for names that exist in some Kubernetes releases and not others:
// release phrases ("from Kubernetes 1.30 on"), target names ("1.31..1.36"),
// and the findings for a field, module member or group/version/kind that the
// target lacks. The validator, the compiler (through KubeCatalog) and the
// language server share these, so every front end says the same thing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "schemas/catalog_format.h"

namespace mast::schemas {

// "1.36", or "1.31..1.36" for a range; "" for a one-document catalog.
std::string TargetText(const CatalogView& view, ReleaseMask target);
// "from Kubernetes 1.30 on", "up to Kubernetes 1.28 (removed in 1.29)",
// "in Kubernetes 1.30 to 1.31 (removed in 1.32)", "in every built-in release".
std::string ReleasePhrase(const CatalogView& view, ReleaseMask releases);
// "1.34 to 1.36", "1.28, 1.30 to 1.31".
std::string ReleaseList(const CatalogView& view, ReleaseMask releases);
// ", but the target is 1.29" or ", but the target 1.31..1.36 includes 1.31 to
// 1.33": the releases of `scope` (the target, or the part of it where the
// enclosing type exists) that `releases` lacks.
std::string TargetClause(const CatalogView& view, ReleaseMask releases, ReleaseMask target, ReleaseMask scope);
// "; raise the target to 1.30 or later" (or lower it, or narrow a range),
// for a name that exists in `releases` but not in all of `target`; "" when
// no change of target helps.
std::string RaiseTargetHint(const CatalogView& view, ReleaseMask releases, ReleaseMask target);

// Orders the versions of one API group, or of one Mast module, as
// Kubernetes does: by major version, then stable before beta before alpha,
// then the stage's number (v1 > v1beta2 > v1beta1 > v1alpha1). Reads the
// last path segment: "apps/v1beta2", "k8s/flowcontrol/v1".
int VersionRank(std::string_view api_version);

// Reports `key` as not a field of `type` in `target`:
//   E0507 when another release has it ("`trafficDistribution` is a field of
//   `ServiceSpec` from Kubernetes 1.30 on, but the target is 1.29; ...");
//   E0501 otherwise, with a "did you mean" only for a near name that exists
//   in the target's newest release and that the object does not already set
//   (`siblings`).
Diagnostic& ReportFieldNotInTarget(const CatalogView& view, ReleaseMask target, uint32_t type, std::string_view key,
                                   SourceRange key_range, const std::vector<std::string_view>& siblings,
                                   DiagnosticSink& sink);
// Reports field record `field` of `type`, found in the target's newest
// release, when it is missing from other releases of a range target in
// which `type` itself exists (E0507, with a "valid on ..." note; a type that
// is missing altogether is its resource's E0508). Returns whether it reported.
bool ReportFieldPartlyInTarget(const CatalogView& view, ReleaseMask target, uint32_t type, uint32_t field,
                               SourceRange key_range, DiagnosticSink& sink);

}  // namespace mast::schemas
