#include "schemas/check/glob.h"

namespace mast {

namespace {

// Matches one bracket expression at pattern[p] (which is '[') against c.
// Returns the index just past the closing ']', or npos when the bracket is
// not closed (then '[' is an ordinary character).
size_t MatchBracket(std::string_view pattern, size_t p, char c, bool* matched) {
  size_t i = p + 1;
  bool negate = false;
  if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
    negate = true;
    ++i;
  }
  bool found = false;
  bool first = true;
  while (i < pattern.size() && (first || pattern[i] != ']')) {
    first = false;
    char low = pattern[i];
    if (low == '\\' && i + 1 < pattern.size()) low = pattern[++i];
    char high = low;
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      high = pattern[i + 2];
      if (high == '\\' && i + 3 < pattern.size()) {
        high = pattern[i + 3];
        ++i;
      }
      i += 2;
    }
    if (c >= low && c <= high) found = true;
    ++i;
  }
  if (i >= pattern.size()) return std::string_view::npos;
  *matched = found != negate && c != '/';
  return i + 1;
}

bool Match(std::string_view pattern, size_t p, std::string_view text, size_t t) {
  while (p < pattern.size()) {
    const char pc = pattern[p];
    if (pc == '*') {
      const bool double_star = p + 1 < pattern.size() && pattern[p + 1] == '*';
      if (double_star) {
        size_t next = p + 2;
        // `**/` also matches nothing at all: `a/**/b` matches `a/b`.
        if (next < pattern.size() && pattern[next] == '/' && Match(pattern, next + 1, text, t)) return true;
        for (size_t k = t; k <= text.size(); ++k) {
          if (Match(pattern, next, text, k)) return true;
        }
        return false;
      }
      for (size_t k = t; k <= text.size(); ++k) {
        if (Match(pattern, p + 1, text, k)) return true;
        if (k < text.size() && text[k] == '/') break;
      }
      return false;
    }
    if (t >= text.size()) return false;
    if (pc == '?') {
      if (text[t] == '/') return false;
      ++p;
      ++t;
      continue;
    }
    if (pc == '[') {
      bool matched = false;
      const size_t after = MatchBracket(pattern, p, text[t], &matched);
      if (after != std::string_view::npos) {
        if (!matched) return false;
        p = after;
        ++t;
        continue;
      }
    }
    char literal = pc;
    if (pc == '\\' && p + 1 < pattern.size()) literal = pattern[++p];
    if (literal != text[t]) return false;
    ++p;
    ++t;
  }
  return t == text.size();
}

std::string_view StripDotSlash(std::string_view path) {
  while (path.size() >= 2 && path[0] == '.' && path[1] == '/') {
    path.remove_prefix(2);
    while (!path.empty() && path[0] == '/') path.remove_prefix(1);
  }
  return path;
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view text) { return Match(pattern, 0, text, 0); }

IgnoreMatcher::IgnoreMatcher(std::vector<std::string> patterns) {
  for (std::string& pattern : patterns) {
    while (pattern.size() > 1 && pattern.back() == '/') pattern.pop_back();
    if (!pattern.empty()) patterns_.push_back(std::string(StripDotSlash(pattern)));
  }
}

bool IgnoreMatcher::Ignores(std::string_view path) const {
  const std::string_view whole = StripDotSlash(path);
  for (const std::string& pattern : patterns_) {
    if (pattern.find('/') != std::string::npos) {
      if (GlobMatch(pattern, whole) || GlobMatch(pattern, path)) return true;
      continue;
    }
    size_t start = 0;
    while (start <= whole.size()) {
      size_t end = whole.find('/', start);
      if (end == std::string_view::npos) end = whole.size();
      const std::string_view component = whole.substr(start, end - start);
      if (!component.empty() && component != "." && component != ".." && GlobMatch(pattern, component)) return true;
      start = end + 1;
    }
  }
  return false;
}

}  // namespace mast
