// Explaining a diagnostic by where its value came from (base/provenance.h),
// the same way for every check that looks at values: the evaluator's type
// checks, and the schema and server-side checks of emitted objects
// (schemas/check/program_check.h), so `mast build`, `mast check` and the
// editor tell the same story.
#pragma once

#include <vector>

#include "compiler/base/provenance.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"

namespace mast {

// At most this many call sites are shown; a note counts the others.
inline constexpr size_t kMaxCallSites = 8;

// Adds to `d` a label at each call that led to `range` under the calls
// `calls` ("`service` is called here"), innermost first, then a note
// counting the calls past kMaxCallSites. Nothing at the top level.
void AddCallSites(Diagnostic& d, const ProvenanceTable& table, ProvenanceId calls, SourceRange range);

// Explains `diagnostics[from...]`, found on `root` (an emitted object, or a
// value conformed to a Kubernetes type), by the value each one points at:
//   - a finding on a value that already failed its declared type is dropped
//     (it was reported there: one mistake, one error);
//   - a missing required field (E0503) that a `with` removed moves to the
//     overlay that removed it;
//   - call sites are added for a value made inside a function.
// A value that remembers no calls borrows its nearest container's, or else
// `live_calls` (the calls under way, for a check during evaluation).
// Where the place is ambiguous (the same expression made two values of
// `root` under different calls, and the finding's `at` note does not
// decide), nothing is added.
// `companions`, when given, holds one item per diagnostic and is kept in
// step (FileFindings::diagnostic_objects).
void ExplainFindings(std::vector<Diagnostic>& diagnostics, size_t from, const Value& root,
                     const ProvenanceTable& table, ProvenanceId live_calls = kNoProvenance,
                     std::vector<uint32_t>* companions = nullptr);

// The message and place of a required field that a `with` removed:
// `d` (reported at the record) moves to where the field was removed, says so,
// keeps a label at the record, and gets the call sites of the overlay.
void MoveToRemoval(Diagnostic& d, const ProvenanceTable::Removal& removal, const ProvenanceTable& table);

}  // namespace mast
