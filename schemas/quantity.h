// Kubernetes resource quantities (resource.Quantity), as the API server
// parses them:
//   quantity  ::= sign? number suffix?
//   number    ::= digits | digits "." digits? | "." digits
//   suffix    ::= Ki | Mi | Gi | Ti | Pi | Ei            (binary SI)
//               | n | u | m | k | M | G | T | P | E      (decimal SI)
//               | (e | E) sign? digits                   (decimal exponent)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mast::schemas {

bool IsValidQuantity(std::string_view text);

// Likely intended spellings of an invalid quantity, most likely first:
// "128MB" → {"128M", "128Mi"}, "1GiB" → {"1Gi"}, "1 Gi" → {"1Gi"}. Every
// suggestion is a valid quantity; empty when nothing plausible is found.
std::vector<std::string> SuggestQuantities(std::string_view text);

}  // namespace mast::schemas
