// Wording for the validator's findings, kept apart from the walk so the
// messages can be read (and reviewed) in one place. House style: lowercase,
// no trailing period, names in backticks, "observed; hint".
#pragma once

#include <string>
#include <string_view>

#include "compiler/types/external_types.h"
#include "compiler/value/value.h"

namespace mast::schemas {

// `text` in double quotes with escapes, shortened past 40 bytes.
std::string QuoteText(std::string_view text);
// `text` in backticks, shortened past 40 bytes.
std::string CodeText(std::string_view text);

// The hint after "expected X, found Y" (starting with "; "), or "".
std::string MismatchHint(const Value& found, ExternalKind expected);

}  // namespace mast::schemas
