// SHA-256 (FIPS 180-4) and base64 (RFC 4648), for the `sha256`,
// `base64Encode` and `base64Decode` built-ins and the `byte` format check.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mast {

std::string Sha256Hex(std::string_view data);
std::string Base64Encode(std::string_view data);
// nullopt when `text` is not canonical padded base64.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace mast
