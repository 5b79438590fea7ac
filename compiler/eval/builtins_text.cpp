// Text built-ins beyond the basics of builtins.cpp: `format` (printf-style)
// and the regular-expression functions `regexReplace`, `regexFind` and
// `regexFindAll` (RE2, like `matches`).
#include <re2/re2.h>

#include <algorithm>
#include <cstdio>

#include "compiler/eval/builtin_table.h"

namespace mast {
namespace {

constexpr int64_t kMaxFormatWidth = 1000;  // a width or precision beyond this is a mistake, not a layout

// One `%[flags][width][.precision]verb` directive of a `format` pattern.
struct FormatDirective {
  bool left = false;  // `-`
  bool zero = false;  // `0`
  bool plus = false;  // `+`
  int width = 0;
  int precision = -1;
  char verb = 0;
};

// Reads a directive starting after `%` at `at`; returns false on a bad one.
bool ReadFormatDirective(const std::string& pattern, size_t& at, FormatDirective& out) {
  for (; at < pattern.size(); ++at) {
    char c = pattern[at];
    if (c == '-') out.left = true;
    else if (c == '0') out.zero = true;
    else if (c == '+') out.plus = true;
    else break;
  }
  auto number = [&](int& value) {
    while (at < pattern.size() && pattern[at] >= '0' && pattern[at] <= '9') {
      value = value * 10 + (pattern[at++] - '0');
      if (value > kMaxFormatWidth) return false;
    }
    return true;
  };
  if (!number(out.width)) return false;
  if (at < pattern.size() && pattern[at] == '.') {
    ++at;
    out.precision = 0;
    if (!number(out.precision)) return false;
  }
  if (at >= pattern.size()) return false;
  out.verb = pattern[at++];
  return std::string_view("sdfx").find(out.verb) != std::string_view::npos;
}

std::string Pad(std::string text, const FormatDirective& d) {
  if (static_cast<int>(text.size()) >= d.width) return text;
  size_t fill = static_cast<size_t>(d.width) - text.size();
  if (d.left) return text + std::string(fill, ' ');
  if (d.zero && d.verb != 's') {
    size_t sign = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
    return text.insert(sign, fill, '0');
  }
  return std::string(fill, ' ') + text;
}

// The text of one value for one directive, or fails the call at argument `index`.
std::string FormatOne(CallContext& c, size_t index, const FormatDirective& d) {
  const Value& value = c.args[index];
  char buffer[1100];
  switch (d.verb) {
    case 's':
      if (value.IsList() || value.IsMap()) c.Fail(index, "`%s` takes a scalar; use `toJson` for records and lists");
      return DisplayValue(value, std::string::npos);
    case 'd':
    case 'x':
      if (!value.IsInt()) {
        c.Fail(index, std::string("`%") + d.verb + "` needs an integer, found " + std::string(KindName(value.kind())));
      }
      if (d.verb == 'd') {
        std::snprintf(buffer, sizeof buffer, d.plus ? "%+lld" : "%lld", static_cast<long long>(value.AsInt()));
      } else {  // a sign and the magnitude, as Go and Python print it: -255 is "-ff"
        int64_t number = value.AsInt();
        unsigned long long magnitude = number < 0 ? 0ULL - static_cast<unsigned long long>(number)
                                                  : static_cast<unsigned long long>(number);
        std::snprintf(buffer, sizeof buffer, number < 0 ? "-%llx" : (d.plus ? "+%llx" : "%llx"), magnitude);
      }
      return buffer;
    default: {  // 'f'
      if (!value.IsInt() && !value.IsFloat()) {
        c.Fail(index, "`%f` needs a number, found " + std::string(KindName(value.kind())));
      }
      double number = value.IsInt() ? static_cast<double>(value.AsInt()) : value.AsFloat();
      int written = std::snprintf(buffer, sizeof buffer, d.plus ? "%+.*f" : "%.*f", d.precision < 0 ? 6 : d.precision, number);
      if (written < 0 || static_cast<size_t>(written) >= sizeof buffer) c.Fail(index, "the number is too large for `%f`; use `%s`");
      return buffer;
    }
  }
}

std::string Count(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// The number of directives of a pattern (`%%` is none).
size_t CountDirectives(const std::string& pattern) {
  size_t count = 0;
  for (size_t at = 0; at < pattern.size(); ++at) {
    if (pattern[at] != '%') continue;
    if (at + 1 < pattern.size() && pattern[at + 1] == '%') ++at;
    else ++count;
  }
  return count;
}

Value Format(CallContext& c) {
  const std::string& pattern = c.Str(0);
  size_t directives = CountDirectives(pattern);
  size_t values = c.args.size() - 1;
  if (directives != values) {
    c.Fail(directives > values ? 0 : directives + 1,
           "the pattern has " + Count(directives, "directive") + " but " + Count(values, "value") +
               (values == 1 ? " is" : " are") + " given");
  }
  std::string out;
  size_t next_arg = 1;
  for (size_t at = 0; at < pattern.size();) {
    char ch = pattern[at++];
    if (ch != '%') {
      out += ch;
      continue;
    }
    if (at < pattern.size() && pattern[at] == '%') {
      out += '%';
      ++at;
      continue;
    }
    FormatDirective directive;
    size_t start = at - 1;
    if (!ReadFormatDirective(pattern, at, directive)) {
      c.Fail(0, "bad directive `" + pattern.substr(start, at - start) +
                    "` in the pattern; use %s, %d, %x or %f, with optional `-`, `0`, `+`, a width up to " +
                    std::to_string(kMaxFormatWidth) + " and `.precision` (`%05d`, `%.2f`); write `%%` for `%`");
    }
    std::string text = Pad(FormatOne(c, next_arg, directive), directive);
    c.Charge(out.size() + text.size());
    out += text;
    ++next_arg;
  }
  return Value::String(std::move(out), c.At());
}

const RE2& Pattern(CallContext& c, size_t index) {
  c.Str(index);  // a string, or an error
  const RE2& pattern = CompiledPattern(c.args[index]);
  if (!pattern.ok()) c.Fail(index, "invalid regular expression: " + pattern.error());
  return pattern;
}

Value RegexReplace(CallContext& c) {
  const RE2& pattern = Pattern(c, 1);
  std::string rewrite_error;
  if (!pattern.CheckRewriteString(c.Str(2), &rewrite_error)) {
    int groups = pattern.NumberOfCapturingGroups();
    if (RE2::MaxSubmatch(c.Str(2)) > groups) {
      c.Fail(2, "the replacement refers to a group the pattern does not have (it has " +
                    Count(static_cast<size_t>(groups), "group") + "); `\\0` is the whole match, `\\1` the first group");
    }
    c.Fail(2, "the replacement has a `\\` that is not followed by a digit; a backslash is written `\\\\` (in a Mast "
              "string, \"\\\\\\\\\")");
  }
  std::string out = c.Str(0);
  // Charged before it is built: each match becomes the replacement, whose
  // `\N` parts each copy at most the match, a part of the input.
  uint64_t matches = 0;
  re2::StringPiece input(out);
  for (re2::StringPiece rest = input; RE2::FindAndConsume(&rest, pattern) && ++matches <= out.size();) {
    if (rest.empty()) break;
  }
  const std::string& rewrite = c.Str(2);
  uint64_t groups = static_cast<uint64_t>(std::count(rewrite.begin(), rewrite.end(), '\\'));
  c.Charge(out.size() + matches * rewrite.size() + std::min<uint64_t>(groups, 10) * out.size());
  RE2::GlobalReplace(&out, pattern, rewrite);
  c.Charge(out.size());
  return Value::String(std::move(out), c.At());
}

Value RegexFind(CallContext& c, bool all) {
  const RE2& pattern = Pattern(c, 1);
  const std::string& text = c.Str(0);
  ValueList found;
  re2::StringPiece input(text);
  re2::StringPiece match;
  size_t at = 0;
  while (at <= text.size() && pattern.Match(input, at, text.size(), RE2::UNANCHORED, &match, 1)) {
    if (!all) return Value::String(std::string(match), c.At());
    c.ChargeList(found.size() + 1);
    found.push_back(Value::String(std::string(match), c.At()));
    size_t end = static_cast<size_t>(match.data() - text.data()) + match.size();
    at = match.empty() ? end + 1 : end;  // an empty match moves on by one byte
  }
  if (!all) return Value::Null(c.At());
  return Value::List(std::move(found), c.At());
}

}  // namespace

void AddTextBuiltins(BuiltinTable& table) {
  table.Add("format", Format);
  table.Add("regexReplace", RegexReplace);
  table.Add("regexFind", [](CallContext& c) { return RegexFind(c, false); });
  table.Add("regexFindAll", [](CallContext& c) { return RegexFind(c, true); });
}

}  // namespace mast
