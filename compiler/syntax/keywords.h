// Mast's keywords, from the grammar (for tools that write Mast source).
#pragma once

#include <string_view>

namespace mast {

// Whether `word` is a keyword, which cannot name a declaration or an import.
bool IsMastKeyword(std::string_view word);

}  // namespace mast
