#include "compiler/base/spelling.h"

#include <algorithm>
#include <cctype>

namespace mast {

size_t EditDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  const size_t m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

namespace {
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::optional<std::string> ClosestMatch(std::string_view word, const std::vector<std::string_view>& candidates) {
  if (word.size() > 64) return std::nullopt;
  const std::string lowered = Lower(word);
  const size_t limit = word.size() <= 7 ? 1 : word.size() <= 11 ? 2 : std::max<size_t>(3, word.size() / 6);
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  bool tied = false;
  for (std::string_view candidate : candidates) {
    if (candidate == word || candidate.size() > 64) continue;
    const size_t distance = EditDistance(lowered, Lower(candidate));
    if (distance < best_distance) {
      best_distance = distance;
      best = std::string(candidate);
      tied = false;
    } else if (distance == best_distance && best && *best != candidate) {
      tied = true;
    }
  }
  if (tied) return std::nullopt;
  return best;
}

}  // namespace mast
