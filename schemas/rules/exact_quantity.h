// Kubernetes resource quantities as exact numbers, so that requests and limits
// compare the way resource.Quantity.Cmp compares them ("1Gi" > "1G",
// "0.5" == "500m", "1e3" == "1k"), without floating-point rounding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "compiler/value/value.h"

namespace mast::rules {

// value = (negative ? -1 : 1) * digits * 10^exp10 * 2^exp2
struct ExactQuantity {
  bool negative = false;
  std::string digits = "0";  // no leading or trailing zeros; "0" for zero
  int64_t exp10 = 0;
  int64_t exp2 = 0;

  bool IsZero() const { return digits == "0"; }
  bool IsNegative() const { return negative && !IsZero(); }
};

// Parses the quantity grammar of schemas/quantity.h; nullopt when invalid.
std::optional<ExactQuantity> ParseExactQuantity(std::string_view text);
// A quantity written as a string or a YAML number.
std::optional<ExactQuantity> QuantityOf(const Value& value);
// Negative, zero or positive as a < b, a == b, a > b; nullopt only for
// absurd exponents that are not worth the arithmetic.
std::optional<int> CompareQuantities(const ExactQuantity& a, const ExactQuantity& b);
// Whether the value is an integer (resource.Quantity.MilliValue() % 1000 == 0).
bool IsWholeNumber(const ExactQuantity& quantity);

}  // namespace mast::rules
