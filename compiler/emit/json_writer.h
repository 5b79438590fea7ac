// Writes Values as JSON.
//
// Key order is the Value's order. Strings are escaped per RFC 8259 (`"`,
// `\`, and control characters, with \b \f \n \r \t short forms and \u00XX
// otherwise); valid UTF-8 passes through unescaped and each invalid byte
// becomes U+FFFD. Integers print in decimal, floats via FormatFloat (`1.0`
// stays `1.0`), and NaN or infinities, which JSON cannot express, as null.
#pragma once

#include <string>
#include <vector>

#include "compiler/value/value.h"

namespace mast {

// One value. Compact (`{"a":1,"b":[true,null]}`) unless `pretty`, which
// indents by two spaces with `"key": value` and one element per line, like
// JSON.stringify(value, null, 2); empty collections are `{}` and `[]`. No
// trailing line break (the language's `toJson`).
std::string WriteJson(const Value& value, bool pretty);

// The JSON form of a manifest stream, as written by `mast build -o json`.
// One document gives that document; zero or several give a Kubernetes list
// `{"apiVersion": "v1", "kind": "List", "items": [...]}`. At the top level of
// each document that is a mapping, `apiVersion`, `kind` and `metadata` come
// first. Always pretty, ending with a line break.
std::string WriteJsonStream(const std::vector<Value>& documents);

}  // namespace mast
