// Where catalogs come from: the bytes embedded at build time, bytes handed
// over at run time, or an OpenAPI document converted at run time; and the
// same catalog aimed at other targets.
#include <cstdio>
#include <cstdlib>

#include "schemas/kube_catalog.h"
#include "schemas/kube_catalog_shared.h"
#include "schemas/openapi/catalog_writer.h"
#include "schemas/openapi/openapi_convert.h"

// Defined by the generated kube_catalog_blob.S (.incbin of the generator's
// output).
extern "C" const uint8_t mast_kube_catalog_data[];
extern "C" const uint64_t mast_kube_catalog_size;

namespace mast {

KubeCatalog::~KubeCatalog() = default;

bool KubeCatalog::OpenRoot(std::unique_ptr<Shared> shared, const uint8_t* bytes, size_t size, std::string* error) {
  owned_shared_ = std::move(shared);
  shared_ = owned_shared_.get();
  std::string_view why;
  if (!view_.Open(bytes, size, &why)) {
    if (error) *error = std::string(why);
    return false;
  }
  Aim(ReleaseMask{1} << (view_.release_count() - 1));
  return true;
}

void KubeCatalog::Aim(ReleaseMask target) {
  target_ = target & view_.AllReleases();
  if (target_ == 0) target_ = ReleaseMask{1} << (view_.release_count() - 1);
  lookup_ = ReleaseMask{1} << schemas::NewestRelease(target_);
}

const KubeCatalog& KubeCatalog::Embedded() {
  static const KubeCatalog* const catalog = [] {
    auto* opened = new KubeCatalog();  // never destroyed: used until exit
    std::string error;
    if (!opened->OpenRoot(std::make_unique<Shared>(), mast_kube_catalog_data, static_cast<size_t>(mast_kube_catalog_size), &error)) {
      std::fprintf(stderr, "mast: internal error: the embedded Kubernetes catalog is corrupt: %s\n", error.c_str());
      std::abort();
    }
    return opened;
  }();
  return *catalog;
}

std::unique_ptr<KubeCatalog> KubeCatalog::FromBytes(std::string bytes, std::string* error) {
  std::unique_ptr<KubeCatalog> catalog(new KubeCatalog());
  auto shared = std::make_unique<Shared>();
  shared->owned_bytes = std::move(bytes);
  const auto* data = reinterpret_cast<const uint8_t*>(shared->owned_bytes.data());
  const size_t size = shared->owned_bytes.size();
  if (!catalog->OpenRoot(std::move(shared), data, size, error)) return nullptr;
  return catalog;
}

std::unique_ptr<KubeCatalog> KubeCatalog::FromOpenApi(std::string_view json_text, std::string* error) {
  schemas::CatalogModel model;
  if (!schemas::ConvertOpenApi(json_text, &model, error)) return nullptr;
  std::unique_ptr<KubeCatalog> catalog = FromBytes(schemas::WriteCatalog(model), error);
  if (catalog) catalog->shared_->warnings = std::move(model.warnings);
  return catalog;
}

const KubeCatalog& KubeCatalog::WithTarget(ReleaseMask target) const {
  target &= view_.AllReleases();
  if (target == 0 || target == target_) return *this;
  std::lock_guard<std::mutex> lock(shared_->targets_mutex);
  std::unique_ptr<KubeCatalog>& aimed = shared_->targets[target];
  if (!aimed) {
    aimed.reset(new KubeCatalog());
    aimed->shared_ = shared_;
    aimed->view_ = view_;
    aimed->Aim(target);
  }
  return *aimed;
}

const std::vector<std::string>& KubeCatalog::warnings() const { return shared_->warnings; }

std::string_view KubeCatalog::Text(uint32_t text) const {
  std::call_once(shared_->texts_once, [this] {
    if (!schemas::UnpackTexts(view_, &shared_->texts)) {
      std::fprintf(stderr, "mast: internal error: the Kubernetes catalog's descriptions are corrupt\n");
      std::abort();
    }
  });
  return view_.Text(text, shared_->texts);
}

}  // namespace mast
