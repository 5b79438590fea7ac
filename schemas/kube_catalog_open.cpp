// Where catalogs come from: the bytes embedded at build time, bytes handed
// over at run time, or an OpenAPI document converted at run time.
#include <cstdio>
#include <cstdlib>

#include "schemas/kube_catalog.h"
#include "schemas/openapi/catalog_writer.h"
#include "schemas/openapi/openapi_convert.h"

// Defined by the generated kube_catalog_blob.S (.incbin of the generator's
// output).
extern "C" const uint8_t mast_kube_catalog_data[];
extern "C" const uint64_t mast_kube_catalog_size;

namespace mast {

const KubeCatalog& KubeCatalog::Embedded() {
  static const KubeCatalog* const catalog = [] {
    auto* opened = new KubeCatalog();  // never destroyed: used until exit
    std::string_view error;
    if (!opened->view_.Open(mast_kube_catalog_data, static_cast<size_t>(mast_kube_catalog_size), &error)) {
      std::fprintf(stderr, "mast: internal error: the embedded Kubernetes catalog is corrupt: %.*s\n",
                   static_cast<int>(error.size()), error.data());
      std::abort();
    }
    return opened;
  }();
  return *catalog;
}

std::unique_ptr<KubeCatalog> KubeCatalog::FromBytes(std::string bytes, std::string* error) {
  std::unique_ptr<KubeCatalog> catalog(new KubeCatalog());
  catalog->owned_bytes_ = std::move(bytes);
  std::string_view why;
  if (!catalog->view_.Open(reinterpret_cast<const uint8_t*>(catalog->owned_bytes_.data()), catalog->owned_bytes_.size(),
                           &why)) {
    if (error) *error = std::string(why);
    return nullptr;
  }
  return catalog;
}

std::unique_ptr<KubeCatalog> KubeCatalog::FromOpenApi(std::string_view json_text, std::string* error) {
  schemas::CatalogModel model;
  if (!schemas::ConvertOpenApi(json_text, &model, error)) return nullptr;
  std::unique_ptr<KubeCatalog> catalog = FromBytes(schemas::WriteCatalog(model), error);
  if (catalog) catalog->warnings_ = std::move(model.warnings);
  return catalog;
}

}  // namespace mast
