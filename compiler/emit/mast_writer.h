// Writes Values as Mast source (for `mast import`): records one field a
// line, indented two spaces a level; lists of scalars on one line, other
// lists one item a line; strings in double quotes with Mast's escapes (`$`
// too, so nothing is interpolated). Keys that are not identifiers are
// quoted. A record field set to null is left out (the API server reads null
// as unset, and Mast does not emit it). Building the written literal gives
// back the same data.
#pragma once

#include <string>
#include <string_view>

#include "value/value.h"

namespace mast {

// Appends `value` as a Mast expression. `indent` is the current line's
// indentation (continuation lines are indented from it).
void WriteMastValue(const Value& value, int indent, std::string& out);

// A Mast string literal for `text`.
std::string MastStringLiteral(std::string_view text);

// Whether `key` can be written bare as a record field name.
bool IsMastFieldName(std::string_view key);

// False when `value` holds something Mast has no literal for (NaN or an
// infinity).
bool HasMastLiteral(const Value& value);

}  // namespace mast
