// OpenAPI → catalog conversion. Accepts a Kubernetes OpenAPI v3 document
// (`components.schemas`, `#/components/schemas/...` refs) or a Swagger 2
// document (`definitions`, `#/definitions/...` refs), such as the one
// `kubectl get --raw /openapi/v2` prints or a CRD-derived spec.
//
// How schemas map to ExternalKind:
//   $ref / allOf:[{$ref}]                           the named type
//   format int-or-string, x-kubernetes-int-or-string  kIntOrString
//   a definition named *.resource.Quantity          kQuantity
//   type array                                      kList (inline item types are synthesized)
//   type object + properties                        kObject (+ open when preserve-unknown-fields)
//   type object + additionalProperties              kMap
//   type object alone, no type, preserve-unknown    kAny (RawExtension, JSON, FieldsV1, ...)
//   string / integer / number / boolean             the scalar kinds; formats int32, int64,
//                                                   date-time and byte are kept for validation
// Definition names map to modules: io.k8s.api.apps.v1.Deployment → k8s/apps/v1
// member Deployment; the package is the segment before the last version-like
// segment. A module whose kinds all share one API group other than its package
// also gets that group as an alias (k8s/networking.k8s.io/v1).
#pragma once

#include <string>
#include <string_view>

#include "schemas/openapi/catalog_model.h"

namespace mast::schemas {

// Builds the model. Returns false with `error` set when the text is not JSON
// or holds no schema definitions; oddities inside schemas only add warnings.
bool ConvertOpenApi(std::string_view json_text, CatalogModel* model, std::string* error);

// "k8s/apps/v1" and "Deployment" for "io.k8s.api.apps.v1.Deployment".
std::pair<std::string, std::string> ModuleAndMemberOf(std::string_view definition_name);

}  // namespace mast::schemas
