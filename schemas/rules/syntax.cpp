#include "schemas/rules/syntax.h"

#include <cctype>

namespace mast::rules {

namespace {

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string TooLong(size_t length, size_t limit) {
  return "it is " + std::to_string(length) + " characters long, the limit is " + std::to_string(limit);
}

// [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?
bool IsLabelName(std::string_view text) {
  if (text.empty() || !IsAlnum(text.front()) || !IsAlnum(text.back())) return false;
  for (char c : text) {
    if (!IsAlnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

// Replaces characters outside `allowed` with `replacement`, merges runs of the
// replacement and trims characters that may not start or end the result.
std::string Sanitize(std::string_view text, bool lowercase, bool (*allowed)(char), char replacement,
                     bool (*edge_ok)(char), size_t max_length) {
  std::string out;
  for (char c : text) {
    char d = lowercase ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
    if (!allowed(d)) d = replacement;
    if (d == replacement && !out.empty() && out.back() == replacement) continue;
    out += d;
  }
  auto trim = [&] {
    size_t begin = 0;
    while (begin < out.size() && !edge_ok(out[begin])) ++begin;
    size_t end = out.size();
    while (end > begin && !edge_ok(out[end - 1])) --end;
    out = out.substr(begin, end - begin);
  };
  trim();
  // A result that is too long is no suggestion: cutting a name short changes
  // its meaning, so the caller gets "" and only the length is reported.
  return out.size() > max_length ? std::string() : out;
}

bool SubdomainChar(char c) { return IsLowerAlnum(c) || c == '-' || c == '.'; }
bool LabelChar(char c) { return IsLowerAlnum(c) || c == '-'; }
bool LabelValueChar(char c) { return IsAlnum(c) || c == '-' || c == '_' || c == '.'; }
bool KeyChar(char c) { return IsAlnum(c) || c == '-' || c == '_' || c == '.'; }
bool EnvChar(char c) { return IsAlnum(c) || c == '-' || c == '_' || c == '.'; }
bool AnyChar(char) { return true; }
bool LetterOrDigit(char c) { return IsAlnum(c); }
bool LowerLetterOrDigit(char c) { return IsLowerAlnum(c); }

constexpr std::string_view kSubdomainRule =
    "a DNS-1123 subdomain may have only lowercase letters, digits, '-' and '.', and must start and end with a letter "
    "or digit";
constexpr std::string_view kLabelRule =
    "a DNS-1123 label may have only lowercase letters, digits and '-', and must start and end with a letter or digit";
constexpr std::string_view k1035Rule =
    "a DNS-1035 label may have only lowercase letters, digits and '-', must start with a letter, and must end with a "
    "letter or digit";

}  // namespace

bool IsDnsLabel(std::string_view text) {
  if (text.empty() || !IsLowerAlnum(text.front()) || !IsLowerAlnum(text.back())) return false;
  for (char c : text) {
    if (!LabelChar(c)) return false;
  }
  return true;
}

bool IsDnsSubdomain(std::string_view text) {
  size_t start = 0;
  while (true) {
    const size_t dot = text.find('.', start);
    const std::string_view label = text.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (!IsDnsLabel(label)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool IsDns1035Label(std::string_view text) { return IsDnsLabel(text) && text.front() >= 'a' && text.front() <= 'z'; }

std::string NameProblem(std::string_view text, NameSyntax syntax, bool prefix) {
  std::string masked;
  if (prefix && syntax != NameSyntax::kPathSegment && !text.empty() && text.back() == '-') {
    // maskTrailingDash: the generated suffix will end the name.
    masked = std::string(text.substr(0, text.size() >= 2 ? text.size() - 2 : 0)) + "a";
    text = masked;
  }
  switch (syntax) {
    case NameSyntax::kDnsSubdomain:
      if (!IsDnsSubdomain(text)) return std::string(kSubdomainRule);
      if (text.size() > kDnsSubdomainMaxLength) return TooLong(text.size(), kDnsSubdomainMaxLength);
      return {};
    case NameSyntax::kDnsLabel:
      if (!IsDnsLabel(text)) {
        if (IsDnsSubdomain(text)) return "a DNS-1123 label may not contain '.'";
        return std::string(kLabelRule);
      }
      if (text.size() > kDnsLabelMaxLength) return TooLong(text.size(), kDnsLabelMaxLength);
      return {};
    case NameSyntax::kDns1035Label:
      if (!IsDns1035Label(text)) return std::string(k1035Rule);
      if (text.size() > kDnsLabelMaxLength) return TooLong(text.size(), kDnsLabelMaxLength);
      return {};
    case NameSyntax::kPathSegment:
      if (text == "." || text == "..") return "a name may not be `" + std::string(text) + "`";
      if (text.find('/') != std::string_view::npos) return "a name may not contain '/'";
      if (text.find('%') != std::string_view::npos) return "a name may not contain '%'";
      return {};
  }
  return {};
}

std::string SuggestName(std::string_view text, NameSyntax syntax) {
  std::string out;
  switch (syntax) {
    case NameSyntax::kDnsSubdomain: {
      out = Sanitize(text, true, SubdomainChar, '-', LowerLetterOrDigit, kDnsSubdomainMaxLength);
      // Empty labels ("a..b", "a.-b") are merged into their neighbours.
      std::string merged;
      for (char c : out) {
        if ((c == '.' || c == '-') && !merged.empty() && (merged.back() == '.' || merged.back() == '-')) {
          if (c == '.') merged.back() = '.';
          continue;
        }
        merged += c;
      }
      out = merged;
      break;
    }
    case NameSyntax::kDnsLabel:
      out = Sanitize(text, true, LabelChar, '-', LowerLetterOrDigit, kDnsLabelMaxLength);
      break;
    case NameSyntax::kDns1035Label:
      // A name that starts with a digit has no obvious fix; "1st-api" is not a typo of "st-api".
      out = Sanitize(text, true, LabelChar, '-', LowerLetterOrDigit, kDnsLabelMaxLength);
      break;
    case NameSyntax::kPathSegment: return {};
  }
  if (out.empty() || out == text || !NameProblem(out, syntax).empty()) return {};
  return out;
}

std::string QualifiedNameProblem(std::string_view text) {
  std::string_view name = text;
  const size_t slash = text.find('/');
  if (slash != std::string_view::npos) {
    if (text.find('/', slash + 1) != std::string_view::npos) {
      return "a qualified name is a name with an optional DNS subdomain prefix and '/', like `example.com/name`, and "
             "has at most one '/'";
    }
    const std::string_view prefix = text.substr(0, slash);
    name = text.substr(slash + 1);
    if (prefix.empty()) return "the prefix before '/' is empty";
    if (!IsDnsSubdomain(prefix)) {
      return "the prefix before '/' must be a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting "
             "and ending with a letter or digit)";
    }
    if (prefix.size() > kDnsSubdomainMaxLength) {
      return "the prefix before '/' is " + std::to_string(prefix.size()) + " characters long, the limit is 253";
    }
  }
  if (name.empty()) return slash == std::string_view::npos ? "the name is empty" : "the name after '/' is empty";
  if (!IsLabelName(name)) {
    return std::string(slash == std::string_view::npos ? "the name" : "the name after '/'") +
           " may have only letters, digits, '-', '_' and '.', and must start and end with a letter or digit";
  }
  if (name.size() > kDnsLabelMaxLength) {
    return std::string(slash == std::string_view::npos ? "the name" : "the name after '/'") + " is " +
           std::to_string(name.size()) + " characters long, the limit is 63";
  }
  return {};
}

std::string LabelValueProblem(std::string_view text) {
  if (!text.empty() && !IsLabelName(text)) {
    return "a label value may have only letters, digits, '-', '_' and '.', and must start and end with a letter or "
           "digit";
  }
  if (text.size() > kDnsLabelMaxLength) return TooLong(text.size(), kDnsLabelMaxLength);
  return {};
}

std::string SuggestLabelValue(std::string_view text) {
  std::string out = Sanitize(text, false, LabelValueChar, '-', LetterOrDigit, kDnsLabelMaxLength);
  if (out.empty() || out == text || !LabelValueProblem(out).empty()) return {};
  return out;
}

std::string PortNameProblem(std::string_view text) {
  if (text.size() > 15) return TooLong(text.size(), 15);
  bool letter = false;
  for (char c : text) {
    if (!LabelChar(c)) return "a port name may have only lowercase letters, digits and '-'";
    letter = letter || (c >= 'a' && c <= 'z');
  }
  if (!letter) return "a port name must contain at least one letter";
  if (text.find("--") != std::string_view::npos) return "a port name may not contain '--'";
  if (text.front() == '-' || text.back() == '-') return "a port name may not start or end with '-'";
  return {};
}

std::string SuggestPortName(std::string_view text) {
  std::string out = Sanitize(text, true, LabelChar, '-', LowerLetterOrDigit, 15);
  if (out.empty() || out == text || !PortNameProblem(out).empty()) return {};
  return out;
}

std::string ConfigMapKeyProblem(std::string_view text) {
  if (text.empty()) return "the key is empty";
  for (char c : text) {
    if (!KeyChar(c)) return "a key may have only letters, digits, '-', '_' and '.'";
  }
  if (text == "." || text == "..") return "a key may not be `" + std::string(text) + "`";
  if (text.substr(0, 2) == "..") return "a key may not start with '..'";
  if (text.size() > kDnsSubdomainMaxLength) return TooLong(text.size(), kDnsSubdomainMaxLength);
  return {};
}

std::string SuggestConfigMapKey(std::string_view text) {
  std::string out = Sanitize(text, false, KeyChar, '-', AnyChar, kDnsSubdomainMaxLength);
  while (out.substr(0, 2) == "..") out.erase(0, 1);
  if (out.empty() || out == text || !ConfigMapKeyProblem(out).empty()) return {};
  return out;
}

std::string EnvVarNameProblem(std::string_view text, bool strict) {
  if (!strict) {
    if (text.empty()) return "the name is empty";
    for (char c : text) {
      const unsigned char u = static_cast<unsigned char>(c);
      if (u < 0x20 || u > 0x7e || c == '=') {
        return "an environment variable name may have only printable ASCII characters other than '='";
      }
    }
    return {};
  }
  bool valid = !text.empty() && !IsDigit(text.front());
  for (char c : text) valid = valid && EnvChar(c);
  if (!valid) {
    return "an environment variable name may have only letters, digits, '_', '-' and '.', and may not start with a "
           "digit";
  }
  if (text == "." || text == "..") return "an environment variable name may not be `" + std::string(text) + "`";
  if (text.substr(0, 2) == "..") return "an environment variable name may not start with '..'";
  return {};
}

std::string SuggestEnvVarName(std::string_view text) {
  std::string out;
  for (char c : text) out += EnvChar(c) ? c : '_';
  if (!out.empty() && IsDigit(out.front())) out.insert(out.begin(), '_');
  if (out.empty() || out == text || !EnvVarNameProblem(out, true).empty()) return {};
  return out;
}

bool IsPercent(std::string_view text) {
  if (text.size() < 2 || text.back() != '%') return false;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (!IsDigit(text[i])) return false;
  }
  return true;
}

}  // namespace mast::rules
