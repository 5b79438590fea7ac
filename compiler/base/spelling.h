// "Did you mean" suggestions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mast {

// Levenshtein distance, with a transposition counted as one edit.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible
// typo (distance at most a third of the word's length, and at least 1).
// Ties go to the first candidate, so pass candidates in a stable order.
std::optional<std::string> ClosestMatch(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace mast
