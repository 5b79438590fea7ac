#include "compiler/base/quantity.h"

#include <cmath>
#include <cstdlib>
#include <string>

namespace mast {

std::optional<double> ParseQuantity(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t digits_begin = i;
  bool seen_digit = false;
  bool seen_dot = false;
  while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) {
    if (text[i] == '.') {
      if (seen_dot) return std::nullopt;
      seen_dot = true;
    } else {
      seen_digit = true;
    }
    ++i;
  }
  if (!seen_digit) return std::nullopt;
  double number = std::strtod(std::string(text.substr(0, i)).c_str(), nullptr);
  std::string_view suffix = text.substr(i);
  (void)digits_begin;
  struct Suffix {
    std::string_view text;
    double factor;
  };
  static const Suffix kSuffixes[] = {
      {"", 1},       {"n", 1e-9},   {"u", 1e-6},   {"m", 1e-3},   {"k", 1e3},    {"M", 1e6},
      {"G", 1e9},    {"T", 1e12},   {"P", 1e15},   {"E", 1e18},   {"Ki", 1024.0}, {"Mi", 1048576.0},
      {"Gi", 1073741824.0}, {"Ti", 1099511627776.0}, {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0},
  };
  for (const Suffix& candidate : kSuffixes) {
    if (suffix == candidate.text) return number * candidate.factor;
  }
  if (suffix.size() >= 2 && (suffix[0] == 'e' || suffix[0] == 'E')) {
    size_t j = 1;
    if (suffix[j] == '+' || suffix[j] == '-') ++j;
    if (j >= suffix.size()) return std::nullopt;
    for (size_t k = j; k < suffix.size(); ++k) {
      if (suffix[k] < '0' || suffix[k] > '9') return std::nullopt;
    }
    return number * std::pow(10.0, std::strtod(std::string(suffix.substr(1)).c_str(), nullptr));
  }
  return std::nullopt;
}

}  // namespace mast
