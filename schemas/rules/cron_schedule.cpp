#include "schemas/rules/cron_schedule.h"

#include <cctype>
#include <cstdint>
#include <optional>
#include <vector>

namespace mast::rules {

namespace {

struct Bounds {
  std::string_view field;
  int64_t min;
  int64_t max;
  std::vector<std::string_view> names;  // names[i] stands for min + i
};

const Bounds kFields[] = {
    {"minute", 0, 59, {}},
    {"hour", 0, 23, {}},
    {"day of month", 1, 31, {}},
    {"month", 1, 12, {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}},
    {"day of week", 0, 6, {"sun", "mon", "tue", "wed", "thu", "fri", "sat"}},
};

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t at = text.find(separator, start);
    parts.push_back(text.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::vector<std::string_view> Fields(std::string_view text) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    const size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > start) fields.push_back(text.substr(start, i - start));
  }
  return fields;
}

// strconv.Atoi, then "negative numbers are not allowed".
std::optional<int64_t> ParseNumber(std::string_view text, std::string* problem) {
  size_t at = 0;
  bool negative = false;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) negative = text[at++] == '-';
  if (at == text.size()) {
    *problem = "`" + std::string(text) + "` is not a number";
    return std::nullopt;
  }
  int64_t value = 0;
  for (; at < text.size(); ++at) {
    if (text[at] < '0' || text[at] > '9') {
      *problem = "`" + std::string(text) + "` is not a number";
      return std::nullopt;
    }
    value = value * 10 + (text[at] - '0');
    if (value > (int64_t{1} << 40)) {
      *problem = "`" + std::string(text) + "` is out of range";
      return std::nullopt;
    }
  }
  if (negative && value != 0) {
    *problem = "negative number `" + std::string(text) + "` is not allowed";
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> ParseValue(std::string_view text, const Bounds& bounds, std::string* problem) {
  std::string lowered(text);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (size_t i = 0; i < bounds.names.size(); ++i) {
    if (bounds.names[i] == lowered) return bounds.min + static_cast<int64_t>(i);
  }
  return ParseNumber(text, problem);
}

// One element of a comma-separated list: number | number-number | * | ?, optionally /step.
std::string RangeProblem(std::string_view expression, const Bounds& bounds) {
  const std::vector<std::string_view> range_and_step = Split(expression, '/');
  const std::vector<std::string_view> low_and_high = Split(range_and_step[0], '-');
  const std::string where = " in " + std::string(bounds.field) + " `" + std::string(expression) + "`";
  int64_t start = 0;
  int64_t end = 0;
  std::string problem;
  const bool star = low_and_high[0] == "*" || low_and_high[0] == "?";
  if (star) {
    start = bounds.min;
    end = bounds.max;
  } else {
    if (low_and_high.size() > 2) return "too many '-'" + where;
    std::optional<int64_t> low = ParseValue(low_and_high[0], bounds, &problem);
    if (!low) return problem + where;
    start = end = *low;
    if (low_and_high.size() == 2) {
      std::optional<int64_t> high = ParseValue(low_and_high[1], bounds, &problem);
      if (!high) return problem + where;
      end = *high;
    }
  }
  int64_t step = 1;
  if (range_and_step.size() > 2) return "too many '/'" + where;
  if (range_and_step.size() == 2) {
    std::optional<int64_t> parsed = ParseNumber(range_and_step[1], &problem);
    if (!parsed) return problem + where;
    step = *parsed;
    if (low_and_high.size() == 1) end = bounds.max;  // "N/step" means "N-max/step"
  }
  const std::string allowed = std::to_string(bounds.min) + "-" + std::to_string(bounds.max);
  if (start < bounds.min) return std::to_string(start) + " is below the minimum " + std::to_string(bounds.min) + where;
  if (end > bounds.max) {
    return std::to_string(end) + " is above the maximum " + std::to_string(bounds.max) + where +
           " (allowed: " + allowed + ")";
  }
  if (start > end) return "the range starts after it ends" + where;
  if (step == 0) return "the step must be a positive number" + where;
  return {};
}

// time.ParseDuration: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, or "0".
bool IsGoDuration(std::string_view text) {
  size_t at = 0;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
  if (text.substr(at) == "0") return true;
  if (at == text.size()) return false;
  while (at < text.size()) {
    size_t digits = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at, ++digits;
    if (at < text.size() && text[at] == '.') {
      ++at;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at, ++digits;
    }
    if (digits == 0) return false;
    const size_t unit_start = at;
    while (at < text.size() && !(text[at] >= '0' && text[at] <= '9') && text[at] != '.') ++at;
    const std::string_view unit = text.substr(unit_start, at - unit_start);
    if (unit != "ns" && unit != "us" && unit != "\xC2\xB5s" && unit != "\xCE\xBCs" && unit != "ms" && unit != "s" &&
        unit != "m" && unit != "h") {
      return false;
    }
  }
  return true;
}

std::string DescriptorProblem(std::string_view spec) {
  for (std::string_view known : {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"}) {
    if (spec == known) return {};
  }
  constexpr std::string_view kEvery = "@every ";
  if (spec.substr(0, kEvery.size()) == kEvery) {
    if (IsGoDuration(spec.substr(kEvery.size()))) return {};
    return "`" + std::string(spec.substr(kEvery.size())) + "` is not a duration; write it like `1h30m`";
  }
  return "unknown descriptor `" + std::string(spec) +
         "`; use `@yearly`, `@monthly`, `@weekly`, `@daily`, `@hourly` or `@every <duration>`";
}

}  // namespace

std::string CronScheduleProblem(std::string_view schedule) {
  if (schedule.empty()) return "the schedule is empty";
  if (schedule.substr(0, 3) == "TZ=" || schedule.substr(0, 8) == "CRON_TZ=") {
    const size_t space = schedule.find(' ');
    if (space == std::string_view::npos) return "a time zone prefix must be followed by a schedule";
    schedule = schedule.substr(space);
    while (!schedule.empty() && IsSpace(schedule.front())) schedule.remove_prefix(1);
    while (!schedule.empty() && IsSpace(schedule.back())) schedule.remove_suffix(1);
  }
  if (!schedule.empty() && schedule.front() == '@') return DescriptorProblem(schedule);
  const std::vector<std::string_view> fields = Fields(schedule);
  if (fields.size() != 5) {
    std::string problem =
        "expected 5 fields (minute hour day-of-month month day-of-week), found " + std::to_string(fields.size());
    if (fields.size() == 6) problem += "; Kubernetes schedules have no seconds field";
    return problem;
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    for (std::string_view expression : Split(fields[i], ',')) {
      if (expression.empty()) continue;  // strings.FieldsFunc drops empty list items
      std::string problem = RangeProblem(expression, kFields[i]);
      if (!problem.empty()) return problem;
    }
  }
  return {};
}

}  // namespace mast::rules
