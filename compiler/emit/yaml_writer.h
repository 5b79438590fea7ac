// Writes Values as YAML text that Kubernetes reads back unchanged.
//
// The output is block-style YAML in the style of `kubectl get -o yaml`:
// two-space indentation, sequences inside mappings not indented
// (`containers:\n- name: app`), `{}` and `[]` for empty collections. It is
// byte-deterministic: the same Value always gives the same text, and key
// order is the Value's order.
//
// Scalars:
// - A string is written plain only when no YAML 1.1 or 1.2 reader (go-yaml
//   v2 as used by Kubernetes, PyYAML, libyaml tools) could read it as anything
//   else and it has no characters that would end or change a plain scalar.
//   Otherwise it is double-quoted: bool and null words (yes, off, y, ~...),
//   numbers in every base and form (0123, 08, 0x1F, 1_000, 1:20, 1e3, .5,
//   .inf), timestamps, `=`, `<<`, the empty string, leading or trailing
//   spaces, indicators, `: `, ` #`, control characters.
// - A string with a line break is written as a literal block (`|`) when it
//   can be exactly: `|-` when it has no trailing line break, `|` with one,
//   `|+` with several, and an indentation indicator (`|2`) when its first
//   line starts with a space or is empty. Strings that a block cannot carry
//   (only line breaks, carriage returns, control or special Unicode line
//   characters) are double-quoted with escapes instead.
// - Invalid UTF-8 bytes cannot be represented in YAML; each is written as
//   U+FFFD. All valid UTF-8 round-trips exactly.
// - Integers in decimal; floats via FormatFloat, with `.0` added before an
//   exponent (`1.0e+300`) so every YAML 1.1 reader sees a float; NaN and
//   infinities as `.nan`, `.inf`, `-.inf`; booleans `true`/`false`; null
//   as `null`.
// - Keys follow the same rules as string values; a key longer than 1000
//   bytes is written in explicit form (`? key` / `: value`), since readers
//   limit implicit keys to 1024 characters.
#pragma once

#include <string>
#include <vector>

#include "compiler/value/value.h"

namespace mast {

// A multi-document stream, as written by `mast build`. Documents are
// separated by a `---` line; the first document has no `---` before it, and
// the text ends with a line break (an empty list gives ""). At the top level
// of each document that is a mapping, `apiVersion`, `kind` and `metadata`
// come first, in that order, then the other keys in their own order; nested
// key order is kept as is.
std::string WriteYamlStream(const std::vector<Value>& documents);

// One document without `---` and without reordering, ending with a line
// break (the language's `toYaml`).
std::string WriteYaml(const Value& value);

}  // namespace mast
