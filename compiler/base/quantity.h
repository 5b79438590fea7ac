// Kubernetes resource quantities ("500m", "128Mi", "1.5", "2e3") as numbers,
// for comparisons in policies and rules. Syntax per
// k8s.io/apimachinery/pkg/api/resource: a signed decimal number followed by a
// binary SI suffix (Ki Mi Gi Ti Pi Ei), a decimal SI suffix (n u m "" k M G T
// P E) or a decimal exponent (e3, E-2).
#pragma once

#include <optional>
#include <string_view>

namespace mast {

// The quantity's value in base units (cores, bytes); nullopt when the text
// is not a quantity. Precision is that of a double, enough to compare.
std::optional<double> ParseQuantity(std::string_view text);

}  // namespace mast
