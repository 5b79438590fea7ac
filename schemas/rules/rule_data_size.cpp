// E0737: a ConfigMap or Secret holds at most 1 MiB of data.
//
// Mirrors pkg/apis/core/validation.ValidateConfigMap (data values plus
// decoded binaryData) and ValidateSecret (decoded data, with stringData
// merged in), both against core.MaxSecretSize = 1 MiB.
#include <map>

#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr size_t kDataSizeLimit = 1024 * 1024;

// The decoded size of base64 text (line breaks ignored).
size_t DecodedSize(std::string_view text) {
  size_t characters = 0;
  size_t padding = 0;
  for (char c : text) {
    if (c == '\n' || c == '\r') continue;
    ++characters;
    if (c == '=') ++padding;
  }
  return characters / 4 * 3 - std::min<size_t>(padding, 2);
}

size_t Length(const Node& value, bool base64) {
  const std::string* text = value.String();
  if (text == nullptr) return 0;
  return base64 ? DecodedSize(*text) : text->size();
}

void Report(const RuleContext& context, const Node& at, size_t total) {
  context.Report(DiagnosticCode::E0737, at,
                 std::string(context.kind()) + " data is " + std::to_string(total) +
                     " bytes; the limit is 1048576 (1 MiB), so mount large files from a volume instead");
}

void CheckDataSize(const RuleContext& context) {
  const Node root = context.root();
  if (context.Is("", "ConfigMap")) {
    size_t total = 0;
    for (const auto& [key, value] : root["data"].Entries()) total += Length(value, false);
    for (const auto& [key, value] : root["binaryData"].Entries()) total += Length(value, true);
    if (total > kDataSizeLimit) Report(context, root["data"] ? root["data"] : root["binaryData"], total);
  } else if (context.Is("", "Secret")) {
    std::map<std::string_view, size_t> sizes;
    for (const auto& [key, value] : root["data"].Entries()) sizes[key] = Length(value, true);
    for (const auto& [key, value] : root["stringData"].Entries()) sizes[key] = Length(value, false);
    size_t total = 0;
    for (const auto& [key, size] : sizes) total += size;
    if (total > kDataSizeLimit) Report(context, root["data"] ? root["data"] : root["stringData"], total);
  }
}

}  // namespace

const Rule kDataSizeRule = {DiagnosticCode::E0737, "ConfigMaps and Secrets hold at most 1 MiB",
                            "pkg/apis/core/validation.ValidateConfigMap, ValidateSecret (core.MaxSecretSize)",
                            &CheckDataSize};

}  // namespace mast::rules
