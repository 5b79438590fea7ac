#include "compiler/yaml/scalar_resolve.h"

#include <cerrno>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include <locale.h>
#include <re2/re2.h>

namespace mast {

namespace {

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

ResolvedScalar Null() {
  ResolvedScalar r;
  r.kind = Value::Kind::kNull;
  return r;
}
ResolvedScalar Bool(bool value) {
  ResolvedScalar r;
  r.kind = Value::Kind::kBool;
  r.bool_value = value;
  return r;
}
ResolvedScalar Int(int64_t value) {
  ResolvedScalar r;
  r.kind = Value::Kind::kInt;
  r.int_value = value;
  return r;
}
ResolvedScalar Float(double value) {
  ResolvedScalar r;
  r.kind = Value::Kind::kFloat;
  r.float_value = value;
  return r;
}

// go-yaml v2's resolve_map: exact spellings with a fixed meaning.
bool LookupWord(std::string_view s, ResolvedScalar* out) {
  switch (s.size()) {
    case 0:
      *out = Null();
      return true;
    case 1:
      if (s == "y" || s == "Y") return *out = Bool(true), true;
      if (s == "n" || s == "N") return *out = Bool(false), true;
      if (s == "~") return *out = Null(), true;
      return false;
    case 2:
      if (s == "on" || s == "On" || s == "ON") return *out = Bool(true), true;
      if (s == "no" || s == "No" || s == "NO") return *out = Bool(false), true;
      return false;
    case 3:
      if (s == "yes" || s == "Yes" || s == "YES") return *out = Bool(true), true;
      if (s == "off" || s == "Off" || s == "OFF") return *out = Bool(false), true;
      return false;
    case 4:
      if (s == "true" || s == "True" || s == "TRUE") return *out = Bool(true), true;
      if (s == "null" || s == "Null" || s == "NULL") return *out = Null(), true;
      if (s == ".inf" || s == ".Inf" || s == ".INF") return *out = Float(HUGE_VAL), true;
      if (s == ".nan" || s == ".NaN" || s == ".NAN") {
        return *out = Float(std::numeric_limits<double>::quiet_NaN()), true;
      }
      return false;
    case 5:
      if (s == "false" || s == "False" || s == "FALSE") return *out = Bool(false), true;
      if (s == "+.inf" || s == "+.Inf" || s == "+.INF") return *out = Float(HUGE_VAL), true;
      if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return *out = Float(-HUGE_VAL), true;
      return false;
    default:
      return false;
  }
}

int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Go's strconv.ParseUint(s, 0, 64) on an unsigned text without underscores.
bool ParseGoUint(std::string_view s, uint64_t* out) {
  if (s.empty()) return false;
  uint64_t base = 10;
  if (s[0] == '0') {
    const char prefix = s.size() >= 3 ? static_cast<char>(s[1] | 0x20) : 0;
    if (prefix == 'b') {
      base = 2, s.remove_prefix(2);
    } else if (prefix == 'o') {
      base = 8, s.remove_prefix(2);
    } else if (prefix == 'x') {
      base = 16, s.remove_prefix(2);
    } else {
      base = 8, s.remove_prefix(1);
    }
  }
  uint64_t value = 0;
  for (char c : s) {
    const uint64_t digit = static_cast<uint64_t>(DigitValue(c));
    if (digit >= base) return false;
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / base) return false;  // overflow
    value = value * base + digit;
  }
  *out = value;
  return true;
}

// go-yaml v2's yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool IsYamlStyleFloat(std::string_view s) {
  size_t i = 0;
  const auto digits = [&] {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  } else {
    if (digits() == 0) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

// Parses a decimal float text already checked by IsYamlStyleFloat. Returns
// false on overflow (Go's ParseFloat reports ErrRange there; underflow is fine).
bool ParseFloatText(std::string_view s, double* out) {
  static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(0));
  std::string copy(s);
  errno = 0;
  const double value = strtod_l(copy.c_str(), nullptr, c_locale);
  if (errno == ERANGE && std::isinf(value)) return false;
  *out = value;
  return true;
}

ResolvedScalar ResolveNumber(std::string_view text) {
  // go-yaml v2 removes every underscore before trying integers and floats.
  std::string plain_storage;
  std::string_view plain = text;
  if (text.find('_') != std::string_view::npos) {
    plain_storage.reserve(text.size());
    for (char c : text) {
      if (c != '_') plain_storage += c;
    }
    plain = plain_storage;
  }
  bool negative = false;
  std::string_view digits = plain;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  uint64_t magnitude = 0;
  if (ParseGoUint(digits, &magnitude)) {
    constexpr uint64_t kMaxInt = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    if (!negative && magnitude <= kMaxInt) return Int(static_cast<int64_t>(magnitude));
    if (negative && magnitude <= kMaxInt + 1) {
      return Int(magnitude == kMaxInt + 1 ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(magnitude));
    }
    // go-yaml v2 returns a uint64 for unsigned texts that overflow int64.
    if (plain[0] != '+' && plain[0] != '-') return Float(static_cast<double>(magnitude));
  }
  if (IsYamlStyleFloat(plain)) {
    double value;
    if (ParseFloatText(plain, &value)) return Float(value);
  }
  return ResolvedScalar{};
}

// Exact (YAML 1.1 / PyYAML / YAML 1.2) patterns that the writers must quote
// even where go-yaml v2 would read a string: sexagesimal numbers, timestamps,
// dotted numbers like 1.2.3 (the YAML 1.1 float regex accepts them), hex,
// octal and binary forms with underscores.
const RE2& TypedLookingPattern() {
  static const RE2 pattern(
      "[-+]?[0-9_.:]*[0-9][0-9_.:]*(?:[eE][-+]?[0-9]+)?"
      "|[-+]?0[xX][0-9a-fA-F_]+|[-+]?0[bB][01_]+|[-+]?0[oO][0-7_]+"
      "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"
      "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \\t].*)?");
  return pattern;
}

}  // namespace

ResolvedScalar ResolvePlainScalar(std::string_view text) {
  if (text.empty()) return Null();
  const char first = text[0];
  // go-yaml v2's resolve_table: only these first bytes can give a non-string.
  switch (first) {
    case 'y': case 'Y': case 'n': case 'N': case 't': case 'T':
    case 'f': case 'F': case 'o': case 'O': case '~': {
      ResolvedScalar word;
      if (LookupWord(text, &word)) return word;
      return ResolvedScalar{};
    }
    case '.': {
      ResolvedScalar word;
      if (LookupWord(text, &word)) return word;
      // Go's ParseFloat on the original text; it starts with '.', so only
      // `.digits` with an optional exponent can succeed.
      if (text.size() >= 2 && text[1] >= '0' && text[1] <= '9' && IsYamlStyleFloat(text)) {
        double value;
        if (ParseFloatText(text, &value)) return Float(value);
      }
      return ResolvedScalar{};
    }
    case '+': case '-': {
      ResolvedScalar word;
      if (LookupWord(text, &word)) return word;
      return ResolveNumber(text);
    }
    default:
      if (first >= '0' && first <= '9') return ResolveNumber(text);
      return ResolvedScalar{};
  }
}

ResolvedScalar ResolveTaggedScalar(std::string_view tag, std::string_view text, TagResolution* outcome) {
  *outcome = TagResolution::kOk;
  if (tag.substr(0, kTagPrefix.size()) != kTagPrefix) return ResolvedScalar{};  // `!`, `!custom`: strings
  const std::string_view name = tag.substr(kTagPrefix.size());
  Value::Kind wanted;
  if (name == "null") {
    wanted = Value::Kind::kNull;
  } else if (name == "bool") {
    wanted = Value::Kind::kBool;
  } else if (name == "int") {
    wanted = Value::Kind::kInt;
  } else if (name == "float") {
    wanted = Value::Kind::kFloat;
  } else {
    return ResolvedScalar{};  // str, binary, timestamp and unknown tags
  }
  ResolvedScalar resolved = ResolvePlainScalar(text);
  if (resolved.kind == wanted) return resolved;
  if (wanted == Value::Kind::kFloat && resolved.kind == Value::Kind::kInt) {
    return Float(static_cast<double>(resolved.int_value));
  }
  *outcome = TagResolution::kMismatch;
  return ResolvedScalar{};
}

bool PlainScalarLooksTyped(std::string_view text) {
  if (text.empty()) return true;
  const char first = text[0];
  const bool digit_like = (first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.';
  if (!digit_like) {
    if (text == "=" || text == "<<") return true;
    switch (first) {
      case 'y': case 'Y': case 'n': case 'N': case 't': case 'T':
      case 'f': case 'F': case 'o': case 'O': case '~':
        return ResolvePlainScalar(text).kind != Value::Kind::kString;
      default:
        return false;
    }
  }
  if (ResolvePlainScalar(text).kind != Value::Kind::kString) return true;
  return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), TypedLookingPattern());
}

}  // namespace mast
