#include "schemas/quantity.h"

#include <cctype>

namespace mast::schemas {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length of the signed number at the start of `text`; 0 when it has no digit.
size_t NumberLength(std::string_view text) {
  size_t pos = 0;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
  size_t digits = 0;
  while (pos < text.size() && IsDigit(text[pos])) ++pos, ++digits;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && IsDigit(text[pos])) ++pos, ++digits;
  }
  return digits == 0 ? 0 : pos;
}

bool IsValidSuffix(std::string_view suffix) {
  if (suffix.empty()) return true;
  if (suffix.size() == 1) return std::string_view("numkMGTPE").find(suffix[0]) != std::string_view::npos;
  if (suffix.size() == 2 && suffix[1] == 'i')
    return std::string_view("KMGTPE").find(suffix[0]) != std::string_view::npos;
  if (suffix[0] != 'e' && suffix[0] != 'E') return false;
  size_t pos = 1;
  if (suffix[pos] == '+' || suffix[pos] == '-') ++pos;
  if (pos == suffix.size()) return false;
  for (; pos < suffix.size(); ++pos) {
    if (!IsDigit(suffix[pos])) return false;
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void AddIfValid(std::string candidate, std::string_view original, std::vector<std::string>* out) {
  if (candidate == original || !IsValidQuantity(candidate)) return;
  for (const std::string& existing : *out) {
    if (existing == candidate) return;
  }
  out->push_back(std::move(candidate));
}

}  // namespace

bool IsValidQuantity(std::string_view text) {
  const size_t number = NumberLength(text);
  return number > 0 && IsValidSuffix(text.substr(number));
}

std::vector<std::string> SuggestQuantities(std::string_view text) {
  std::vector<std::string> out;
  // Spaces: "1 Gi", " 500m ".
  std::string compact;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) compact += c;
  }
  if (compact != text && IsValidQuantity(compact)) {
    out.push_back(compact);
    return out;
  }
  const size_t number_length = NumberLength(compact);
  if (number_length == 0) return out;
  const std::string number = compact.substr(0, number_length);
  const std::string suffix = compact.substr(number_length);
  if (suffix.empty()) return out;

  // Byte-unit habits: "MB", "mb", "Gb", "GiB", "gi", "K", "kib", "kB".
  const char letter = static_cast<char>(std::tolower(static_cast<unsigned char>(suffix[0])));
  if (std::string_view("kmgtpe").find(letter) == std::string_view::npos) return out;
  const std::string tail = Lower(suffix.substr(1));
  const std::string decimal = letter == 'k' ? "k" : std::string(1, static_cast<char>(std::toupper(letter)));
  const std::string binary = std::string(1, static_cast<char>(std::toupper(letter))) + "i";
  if (tail == "i" || tail == "ib") {
    AddIfValid(number + binary, text, &out);
  } else if (tail.empty() || tail == "b" || tail == "bytes") {
    AddIfValid(number + decimal, text, &out);
    AddIfValid(number + binary, text, &out);
  }
  return out;
}

}  // namespace mast::schemas
