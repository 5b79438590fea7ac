// Where a policy finding is shown. A rule reports `violation(at, message)`,
// and `at` is often a whole block: the container that lacks a probe, the
// `securityContext` that lacks a field, the object itself. Shown as is, such
// a finding underlines dozens of lines, fills an editor's hover and puts an
// "ignore" action on every line of the block. The finding is anchored on
// the smallest span that still shows the problem instead:
//   - a field written as `key: value` on one line: the key and the value
//     (`image: nginx:latest`);
//   - a field whose value spans lines (a block map or list): its key
//     (`securityContext`), which is where a missing entry goes;
//   - a record without a key (a container, a volume, a list item): its
//     `name` entry; an object: its `metadata.name`, else its `kind`;
//   - anything else on several lines: its first entry.
// A value that a Mast program computed elsewhere (a variable, a function's
// argument) keeps pointing at the expression that produced it: the key and
// the value are joined only when the value is written right after its key.
#pragma once

#include "compiler/base/source.h"
#include "compiler/value/value.h"

namespace mast {

// The narrowest span for a finding raised at `at` (the origin of the value
// a rule passed to `violation`) on `object`. `at` itself when it is no value
// of the object. `offset`: the object's origins (and `at`, when it is in the
// object's file) are that many bytes before their place in the file (values
// read from a chunk of it); the span returned is placed in the file.
// `calls`, when given, receives the calls under way when a program made the
// value found at `at` (Value::provenance(); kNoProvenance for YAML), so that
// the finding can name the call sites that led to it.
SourceRange AnchorFinding(const Value& object, SourceRange at, const SourceManager& sources, uint32_t offset = 0,
                          ProvenanceId* calls = nullptr);

// `range` moved `offset` bytes later if it is in file `file`, else as is.
inline SourceRange ShiftedInFile(SourceRange range, FileId file, uint32_t offset) {
  if (offset == 0 || !range.IsValid() || range.file != file) return range;
  return {range.file, range.begin + offset, range.end + offset};
}

}  // namespace mast
