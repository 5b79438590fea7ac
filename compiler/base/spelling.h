// "Did you mean" suggestions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mast {

// Levenshtein distance, with a transposition counted as one edit.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is likely to be what was meant:
// a case-only difference, or a typo within 1 edit for words of up to 7
// characters, 2 up to 11, and 3 or a sixth of the length beyond (a
// transposition is one edit). Two
// different candidates equally close make neither likely: no suggestion.
// A wrong "did you mean" is worse than none (`restartPolicy` is not a typo
// of `resizePolicy`, 4 edits away).
std::optional<std::string> ClosestMatch(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace mast
