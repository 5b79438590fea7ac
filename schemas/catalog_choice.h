// Which catalog a run validates against: the embedded one aimed at a
// Kubernetes release (or range), or an OpenAPI document given with --schema
// or `.mast.yaml` `schema:`. `mast build`, `mast check` and `mast lsp` all
// choose through here, so they read the flags and the configuration the
// same way: a flag wins over the configuration.
#pragma once

#include <memory>
#include <string>

#include "compiler/diagnostics/diagnostic.h"
#include "schemas/kube_catalog.h"

namespace mast {

struct CatalogChoice {
  // An OpenAPI v2/v3 document (--schema, or `schema:`). Default: none.
  std::string schema_file;
  // "1.33" or "1.31..1.36" (--kubernetes-version, or `kubernetesVersion:`).
  // Default "": the newest built-in release.
  std::string kubernetes_version;
  // Where the version was written, when it came from `.mast.yaml`: a bad
  // version is then an E1005 at that place instead of a usage error.
  SourceRange kubernetes_version_origin;

  // The choice of a run: flags win over the configuration, and a flag for
  // one source (a schema file, or a version) replaces both settings of the
  // configuration.
  static CatalogChoice Combine(const CatalogChoice& flags, const CatalogChoice& config);
};

struct ChosenCatalog {
  std::unique_ptr<KubeCatalog> owned;  // a catalog read from --schema
  const KubeCatalog* catalog = nullptr;  // null when the choice is unusable
  // Why it is unusable (E0901 for a schema file that cannot be read, E1005
  // for a bad `kubernetesVersion`, or a usage error for a bad flag).
  std::string error;
};

// Reports problems with a configured version to `sink` (E1005); other
// problems are in `error`.
ChosenCatalog ChooseCatalog(const CatalogChoice& choice, DiagnosticSink& sink);

}  // namespace mast
