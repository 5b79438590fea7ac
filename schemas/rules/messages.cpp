#include "schemas/rules/messages.h"

#include <algorithm>
#include <cctype>

#include "compiler/base/spelling.h"
#include "schemas/validator_messages.h"

namespace mast::rules {

std::string Code(std::string_view text) { return schemas::CodeText(text); }

std::string ScalarText(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kString: return value.AsString();
    case Value::Kind::kInt: return std::to_string(value.AsInt());
    case Value::Kind::kFloat: return FormatFloat(value.AsFloat());
    case Value::Kind::kBool: return value.AsBool() ? "true" : "false";
    default: return {};
  }
}

namespace {

std::string Join(const std::vector<std::string_view>& values, std::string_view last) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += i + 1 == values.size() ? last : ", ";
    out += '`';
    out += values[i];
    out += '`';
  }
  return out;
}

}  // namespace

std::string OneOf(const std::vector<std::string_view>& values) { return Join(values, " or "); }

std::string AllOf(const std::vector<std::string_view>& values) { return Join(values, " and "); }

std::string Closest(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::optional<std::string> match = ClosestMatch(word, candidates);
  if (!match) return {};
  // Enum values are short and alike, so only near-misses count: a case
  // difference or about one edit per four characters ("udp", "Loadbalancer",
  // "ClusterFirstWithHostNetwork"), not "ICMP" for "TCP".
  std::string lower_word(word);
  std::string lower_match(*match);
  for (char& c : lower_word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : lower_match) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const size_t limit = std::max<size_t>(1, word.size() / 4);
  return EditDistance(lower_word, lower_match) <= limit ? *match : std::string();
}

void CheckEnum(const RuleContext& context, DiagnosticCode code, const Node& at, std::string_view field,
               const std::vector<std::string_view>& allowed) {
  const std::string* text = at.NonEmptyString();
  if (text == nullptr) return;
  for (std::string_view value : allowed) {
    if (value == *text) return;
  }
  std::string message = "unsupported `" + std::string(field) + "` value " + Code(*text);
  const std::string suggestion = Closest(*text, allowed);
  if (!suggestion.empty()) {
    message += "; did you mean `" + suggestion + "`?";
  } else {
    message += "; use " + OneOf(allowed);
  }
  context.Report(code, at, std::move(message));
}

std::string InvalidMessage(std::string_view what, std::string_view text, std::string_view problem,
                           std::string_view suggestion) {
  std::string message = "invalid " + std::string(what) + " " + Code(text) + ": " + std::string(problem);
  if (!suggestion.empty()) message += "; did you mean `" + std::string(suggestion) + "`?";
  return message;
}

bool CheckName(const RuleContext& context, DiagnosticCode code, const Node& at, std::string_view what,
               NameSyntax syntax, bool prefix) {
  const std::string* text = at.String();
  if (text == nullptr) return false;
  const std::string problem = NameProblem(*text, syntax, prefix);
  if (problem.empty()) return false;
  context.Report(code, at, InvalidMessage(what, *text, problem, prefix ? "" : SuggestName(*text, syntax)));
  return true;
}

bool CheckMinimum(const RuleContext& context, DiagnosticCode code, const Node& at, std::string_view field,
                  int64_t minimum) {
  const std::optional<int64_t> number = at.Integer();
  if (!number || *number >= minimum) return false;
  std::string message = "`" + std::string(field) + "` is " + std::to_string(*number) + "; it must be ";
  message += minimum == 0 ? std::string("0 or more") : "at least " + std::to_string(minimum);
  context.Report(code, at, std::move(message));
  return true;
}

std::optional<int64_t> CheckIntOrPercent(const RuleContext& context, DiagnosticCode code, const Node& at,
                                         std::string_view field, bool at_most_100) {
  if (std::optional<int64_t> number = at.Integer()) {
    if (*number >= 0) return number;
    context.Report(code, at, "`" + std::string(field) + "` is " + std::to_string(*number) + "; it must be 0 or more");
    return std::nullopt;
  }
  const std::string* text = at.String();
  if (text == nullptr) return std::nullopt;
  if (!IsPercent(*text)) {
    const bool digits = !text->empty() && text->find_first_not_of("0123456789") == std::string::npos;
    std::string message = digits ? "`" + std::string(field) + "` is the string " + Code(*text) +
                                       "; write the number without quotes, or a percentage like `25%`"
                                 : "`" + std::string(field) + "` value " + Code(*text) +
                                       " is neither an integer nor a percentage like `25%`";
    context.Report(code, at, std::move(message));
    return std::nullopt;
  }
  const std::string digits = text->substr(0, text->size() - 1);
  const int64_t percent = digits.size() > 6 ? 1000000 : std::stoll(digits);
  if (at_most_100 && percent > 100) {
    context.Report(code, at, "`" + std::string(field) + "` is " + *text + "; a percentage may not be more than 100%");
    return std::nullopt;
  }
  return percent;
}

}  // namespace mast::rules
