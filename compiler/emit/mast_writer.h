// Writes Values as Mast source (for `mast import`): records one field a
// line, indented two spaces a level; lists of scalars on one line, other
// lists one item a line; strings in double quotes with Mast's escapes (`$`
// too, so nothing is interpolated). Keys that are not identifiers are
// quoted. A record field set to null is left out (the API server reads null
// as unset, and Mast does not emit it). Building the written literal gives
// back the same data.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/value/value.h"

namespace mast {

// What `mast import` adds to the plain writing of values; each hook may be
// empty.
//   above, trailing: comments carried over from the source the values were
//     read from: the comment lines right above a record field's key, and the
//     comment that ends a scalar field's line, without the comment marker;
//   name_of: a name that stands for a record (a `let` of factored-out
//     repeated records), or "" to write the record out.
struct MastWriteHooks {
  std::function<std::vector<std::string>(SourceRange key)> above;
  std::function<std::string(SourceRange value)> trailing;
  std::function<std::string(const Value& record)> name_of;
};

// Appends `value` as a Mast expression. `indent` is the current line's
// indentation (continuation lines are indented from it).
void WriteMastValue(const Value& value, int indent, std::string& out, const MastWriteHooks* comments = nullptr);

// `// text` lines for `lines`, each indented by `indent` and ending in a
// line break.
std::string MastCommentLines(const std::vector<std::string>& lines, int indent);

// A Mast string literal for `text`.
std::string MastStringLiteral(std::string_view text);

// Whether `key` can be written bare as a record field name.
bool IsMastFieldName(std::string_view key);

// False when `value` holds something Mast has no literal for (NaN or an
// infinity).
bool HasMastLiteral(const Value& value);

}  // namespace mast
