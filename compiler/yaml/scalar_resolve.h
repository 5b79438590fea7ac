// How a YAML scalar's text becomes a typed value, following go-yaml v2
// (gopkg.in/yaml.v2, which Kubernetes reads YAML with via sigs.k8s.io/yaml).
//
// Plain (unquoted) scalars resolve per YAML 1.1 as go-yaml v2 implements it:
//   null   ``, `~`, `null`, `Null`, `NULL`
//   bool   y Y yes Yes YES true True TRUE on On ON, n N no No NO false False FALSE off Off OFF
//   int    Go integer syntax after removing every `_`: decimal, `0x1F`, `0o17`,
//          `0b101`, a leading `0` means octal (`0123` is 83); optional sign
//   float  `.inf` `+.inf` `-.inf` `.nan` (three spellings each), `.5`, `1.0`,
//          `1e3`, `08` (not valid octal, so it falls through to float 8.0)
//   string everything else, including timestamps (go-yaml v2 hands them to
//          interface{} targets as strings) and sexagesimal `1:20`
// Quoted and block scalars are always strings. Integers that overflow int64
// but fit uint64 become floats (Value has no unsigned kind); numbers that
// overflow a double stay strings, as in Go.
#pragma once

#include <cstdint>
#include <string_view>

#include "compiler/value/value.h"

namespace mast {

struct ResolvedScalar {
  Value::Kind kind = Value::Kind::kString;  // kNull, kBool, kInt, kFloat or kString
  bool bool_value = false;
  int64_t int_value = 0;
  double float_value = 0;
};

// Resolves the text of a plain scalar.
ResolvedScalar ResolvePlainScalar(std::string_view text);

// The outcome of an explicit tag such as `!!int`.
enum class TagResolution { kOk, kMismatch };

// Resolves a scalar that carries an explicit tag (libyaml's expanded form,
// e.g. "tag:yaml.org,2002:int"). !!str, !!binary, !!timestamp, `!` and
// unknown or custom tags give a string. !!null, !!bool, !!int and !!float
// require the text to resolve to that kind (!!float also accepts an integer
// and converts it); otherwise the result is the string and kMismatch.
ResolvedScalar ResolveTaggedScalar(std::string_view tag, std::string_view text, TagResolution* outcome);

// Whether a plain scalar with this text could be read as anything other than
// this very string by a YAML 1.1 or 1.2 reader (go-yaml v2, PyYAML,
// libyaml-based tools, YAML 1.2 core schema): bool and null words, numbers of
// every base, sexagesimal, special floats, timestamps, `=` and `<<`. The
// writers double-quote such strings.
bool PlainScalarLooksTyped(std::string_view text);

}  // namespace mast
