#include "schemas/rules/exact_quantity.h"

#include <cmath>
#include <cstdlib>
#include <vector>

namespace mast::rules {

namespace {

// Exponents beyond this are not compared exactly (they never occur in real
// resource amounts); CompareQuantities decides by magnitude or gives up.
constexpr int64_t kMaxExactDigits = 4096;

// A non-negative big integer, little-endian 32-bit limbs.
class BigInt {
 public:
  static BigInt FromDecimal(std::string_view digits) {
    BigInt out;
    for (char c : digits) {
      out.MulSmall(10);
      out.AddSmall(static_cast<uint32_t>(c - '0'));
    }
    return out;
  }

  void MulSmall(uint32_t factor) {
    uint64_t carry = 0;
    for (uint32_t& limb : limbs_) {
      const uint64_t product = static_cast<uint64_t>(limb) * factor + carry;
      limb = static_cast<uint32_t>(product);
      carry = product >> 32;
    }
    if (carry != 0) limbs_.push_back(static_cast<uint32_t>(carry));
  }

  void AddSmall(uint32_t addend) {
    uint64_t carry = addend;
    for (size_t i = 0; carry != 0; ++i) {
      if (i == limbs_.size()) limbs_.push_back(0);
      const uint64_t sum = static_cast<uint64_t>(limbs_[i]) + carry;
      limbs_[i] = static_cast<uint32_t>(sum);
      carry = sum >> 32;
    }
  }

  uint32_t DivSmall(uint32_t divisor) {
    uint64_t remainder = 0;
    for (size_t i = limbs_.size(); i-- > 0;) {
      const uint64_t current = (remainder << 32) | limbs_[i];
      limbs_[i] = static_cast<uint32_t>(current / divisor);
      remainder = current % divisor;
    }
    while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
    return static_cast<uint32_t>(remainder);
  }

  void MulPow(uint32_t base, int64_t exponent) {
    for (int64_t i = 0; i < exponent; ++i) MulSmall(base);
  }

  friend int Compare(const BigInt& a, const BigInt& b) {
    if (a.limbs_.size() != b.limbs_.size()) return a.limbs_.size() < b.limbs_.size() ? -1 : 1;
    for (size_t i = a.limbs_.size(); i-- > 0;) {
      if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
    }
    return 0;
  }

 private:
  std::vector<uint32_t> limbs_;  // empty for zero
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// log10 of the magnitude, roughly; for deciding far-apart comparisons.
double Magnitude(const ExactQuantity& q) {
  return static_cast<double>(q.digits.size()) + static_cast<double>(q.exp10) + static_cast<double>(q.exp2) * 0.30103;
}

std::optional<int> CompareMagnitudes(const ExactQuantity& a, const ExactQuantity& b) {
  const double difference = Magnitude(a) - Magnitude(b);
  if (difference > 2) return 1;
  if (difference < -2) return -1;
  const int64_t min10 = std::min(a.exp10, b.exp10);
  const int64_t min2 = std::min(a.exp2, b.exp2);
  if (a.exp10 - min10 > kMaxExactDigits || b.exp10 - min10 > kMaxExactDigits || a.exp2 - min2 > 4 * kMaxExactDigits ||
      b.exp2 - min2 > 4 * kMaxExactDigits || a.digits.size() > kMaxExactDigits || b.digits.size() > kMaxExactDigits) {
    return std::nullopt;
  }
  BigInt x = BigInt::FromDecimal(a.digits);
  x.MulPow(10, a.exp10 - min10);
  x.MulPow(2, a.exp2 - min2);
  BigInt y = BigInt::FromDecimal(b.digits);
  y.MulPow(10, b.exp10 - min10);
  y.MulPow(2, b.exp2 - min2);
  return Compare(x, y);
}

}  // namespace

std::optional<ExactQuantity> ParseExactQuantity(std::string_view text) {
  ExactQuantity q;
  size_t pos = 0;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) q.negative = text[pos++] == '-';
  std::string digits;
  size_t count = 0;
  while (pos < text.size() && IsDigit(text[pos])) digits += text[pos++], ++count;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && IsDigit(text[pos])) digits += text[pos++], ++count, --q.exp10;
  }
  if (count == 0) return std::nullopt;

  const std::string_view suffix = text.substr(pos);
  if (suffix.empty()) {
  } else if (suffix.size() == 1 && std::string_view("numkMGTPE").find(suffix[0]) != std::string_view::npos) {
    static constexpr std::string_view kLetters = "numkMGTPE";
    static constexpr int kExponents[] = {-9, -6, -3, 3, 6, 9, 12, 15, 18};
    q.exp10 += kExponents[kLetters.find(suffix[0])];
  } else if (suffix.size() == 2 && suffix[1] == 'i' &&
             std::string_view("KMGTPE").find(suffix[0]) != std::string_view::npos) {
    q.exp2 = 10 * static_cast<int64_t>(std::string_view("KMGTPE").find(suffix[0]) + 1);
  } else if (suffix[0] == 'e' || suffix[0] == 'E') {
    size_t at = 1;
    bool negative_exponent = false;
    if (at < suffix.size() && (suffix[at] == '+' || suffix[at] == '-')) negative_exponent = suffix[at++] == '-';
    if (at == suffix.size()) return std::nullopt;
    int64_t exponent = 0;
    for (; at < suffix.size(); ++at) {
      if (!IsDigit(suffix[at])) return std::nullopt;
      exponent = std::min<int64_t>(exponent * 10 + (suffix[at] - '0'), int64_t{1} << 40);
    }
    q.exp10 += negative_exponent ? -exponent : exponent;
  } else {
    return std::nullopt;
  }

  // Normalize: no leading zeros, trailing zeros moved into the exponent.
  const size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    q.digits = "0";
    q.exp10 = 0;
    q.exp2 = 0;
    return q;
  }
  digits.erase(0, first);
  while (digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
    ++q.exp10;
  }
  q.digits = std::move(digits);
  return q;
}

std::optional<ExactQuantity> QuantityOf(const Value& value) {
  if (value.IsString()) return ParseExactQuantity(value.AsString());
  if (value.IsInt()) return ParseExactQuantity(std::to_string(value.AsInt()));
  if (value.IsFloat() && std::isfinite(value.AsFloat())) return ParseExactQuantity(FormatFloat(value.AsFloat()));
  return std::nullopt;
}

std::optional<int> CompareQuantities(const ExactQuantity& a, const ExactQuantity& b) {
  const int sign_a = a.IsZero() ? 0 : (a.negative ? -1 : 1);
  const int sign_b = b.IsZero() ? 0 : (b.negative ? -1 : 1);
  if (sign_a != sign_b) return sign_a < sign_b ? -1 : 1;
  if (sign_a == 0) return 0;
  const std::optional<int> magnitude = CompareMagnitudes(a, b);
  if (!magnitude) return std::nullopt;
  return sign_a < 0 ? -*magnitude : *magnitude;
}

bool IsWholeNumber(const ExactQuantity& quantity) {
  if (quantity.IsZero() || quantity.exp10 >= 0) return true;
  const int64_t places = -quantity.exp10;
  if (places > kMaxExactDigits || quantity.digits.size() > kMaxExactDigits || quantity.exp2 > 4 * kMaxExactDigits) {
    return true;  // too large to tell cheaply; say nothing rather than guess
  }
  BigInt n = BigInt::FromDecimal(quantity.digits);
  n.MulPow(2, quantity.exp2);
  for (int64_t i = 0; i < places; ++i) {
    if (n.DivSmall(10) != 0) return false;
  }
  return true;
}

}  // namespace mast::rules
