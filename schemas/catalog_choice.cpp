#include "schemas/catalog_choice.h"

#include "compiler/base/file_io.h"

namespace mast {

CatalogChoice CatalogChoice::Combine(const CatalogChoice& flags, const CatalogChoice& config) {
  if (!flags.schema_file.empty() || !flags.kubernetes_version.empty()) return flags;
  return config;
}

ChosenCatalog ChooseCatalog(const CatalogChoice& choice, DiagnosticSink& sink) {
  ChosenCatalog chosen;
  const KubeCatalog* root = &KubeCatalog::Embedded();
  if (!choice.schema_file.empty()) {
    std::string text;
    std::string error;
    if (!ReadFileToString(choice.schema_file, &text, &error, size_t{512} << 20)) {
      chosen.error = "--schema: " + error;
      return chosen;
    }
    chosen.owned = KubeCatalog::FromOpenApi(text, &error);
    if (!chosen.owned) {
      chosen.error = "--schema: `" + choice.schema_file + "` is not an OpenAPI document: " + error;
      return chosen;
    }
    root = chosen.owned.get();
  }
  if (choice.kubernetes_version.empty()) {
    chosen.catalog = root;
    return chosen;
  }
  std::string error;
  std::optional<ReleaseMask> target;
  if (choice.schema_file.empty()) {
    target = root->ParseTarget(choice.kubernetes_version, &error);
  } else {
    error = "a Kubernetes version cannot be chosen with a schema file, which describes one release; drop one of them";
  }
  if (!target) {
    if (choice.kubernetes_version_origin.IsValid()) {
      sink.Report(DiagnosticCode::E1005, choice.kubernetes_version_origin, "`kubernetesVersion`: " + error);
      chosen.error = "the configuration's `kubernetesVersion` is invalid";
    } else {
      chosen.error = "--kubernetes-version: " + error;
    }
    return chosen;
  }
  chosen.catalog = &root->WithTarget(*target);
  return chosen;
}

}  // namespace mast
