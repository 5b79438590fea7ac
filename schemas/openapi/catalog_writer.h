// Serializes a CatalogModel into the compact bytes described in
// schemas/catalog_format.h. Output is deterministic for a given model.
#pragma once

#include <string>

#include "schemas/openapi/catalog_model.h"

namespace mast::schemas {

struct CatalogWriteOptions {
  // Deflate the descriptions (zlib). The build does, for a small binary;
  // run-time conversion (--schema) does not, as nothing is saved by it.
  // Default: off.
  bool deflate_texts = false;
};

std::string WriteCatalog(const CatalogModel& model, const CatalogWriteOptions& options = {});

}  // namespace mast::schemas
