// Serializes a CatalogModel into the compact bytes described in
// schemas/catalog_format.h. Output is deterministic for a given model.
#pragma once

#include <string>

#include "schemas/openapi/catalog_model.h"

namespace mast::schemas {

std::string WriteCatalog(const CatalogModel& model);

}  // namespace mast::schemas
