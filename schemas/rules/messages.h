// Wording shared by the rules. House style: lowercase, no trailing period,
// names and values in backticks, "observed; hint", "did you mean" when a near
// spelling exists.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schemas/rules/rule_context.h"
#include "schemas/rules/syntax.h"

namespace mast::rules {

// `text` in backticks, shortened past 40 bytes.
std::string Code(std::string_view text);
// A scalar as written: strings as they are, numbers and booleans in YAML form.
std::string ScalarText(const Value& value);
// "`A`", "`A` or `B`", "`A`, `B` or `C`".
std::string OneOf(const std::vector<std::string_view>& values);
// "`A` and `B`", "`A`, `B` and `C`".
std::string AllOf(const std::vector<std::string_view>& values);
// The closest of `candidates` to `word` (case-insensitive), or "".
std::string Closest(std::string_view word, const std::vector<std::string_view>& candidates);

// Reports `at` unless it is unset, not a string, "" (the server defaults it)
// or one of `allowed`: "unsupported `field` value `x`; did you mean `X`?".
void CheckEnum(const RuleContext& context, DiagnosticCode code, const Node& at, std::string_view field,
               const std::vector<std::string_view>& allowed);

// Reports a string `at` that breaks `syntax`:
// "invalid Deployment name `My_App`: a DNS-1123 subdomain ...; did you mean `my-app`?".
// Returns whether it reported.
bool CheckName(const RuleContext& context, DiagnosticCode code, const Node& at, std::string_view what,
               NameSyntax syntax, bool prefix = false);

// "invalid {what} `{text}`: {problem}" plus "; did you mean `{suggestion}`?" when there is one.
std::string InvalidMessage(std::string_view what, std::string_view text, std::string_view problem,
                           std::string_view suggestion);

// "`field` -1 is negative; it must be 0 or more"-style helper for integers
// that must be at least `minimum`. Returns whether it reported.
bool CheckMinimum(const RuleContext& context, DiagnosticCode code, const Node& at, std::string_view field,
                  int64_t minimum);

// An int-or-percent field (maxSurge, minAvailable, ...): a non-negative
// integer or digits followed by '%'; `at_most_100` also bounds percentages.
// Returns the amount (percent or count) when valid.
std::optional<int64_t> CheckIntOrPercent(const RuleContext& context, DiagnosticCode code, const Node& at,
                                         std::string_view field, bool at_most_100);

}  // namespace mast::rules
