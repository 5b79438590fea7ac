// Checking what a Mast program emitted, the same way in `mast check
// prog.mast`, `mast build` and the editor: the CRDs the program emits are
// known for its other objects, then every document is checked against its
// schema and the server-side rules; the compiler's findings join the
// checker's without the ones the checker repeats.
#pragma once

#include <vector>

#include "compiler/base/provenance.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"
#include "schemas/check/object_check.h"

namespace mast {

// Checks `documents` into `out`, with `sources` (the catalog, --crd) and the
// CRDs among the documents themselves. Problems in those CRDs' schemas are
// reported too. Each finding is explained by where its value came from
// (eval/explain_origin.h: the call sites that made it, the `with` that
// removed a field; none on a value that already failed its declared type),
// from `provenance`, the table of the program's SourceManager. With `jobs`
// (0: one per core) the documents are checked in shares on that many
// threads; the result is the same. `fields_validated` (CompileResult's, or
// null) says which documents' fields the compiler already validated without
// a finding: they are not validated twice.
void CheckProgramDocuments(const std::vector<Value>& documents, const SchemaSources& sources,
                           const ManifestCheckOptions& options, uint32_t input, FileFindings& out,
                           const ProvenanceTable& provenance, unsigned jobs = 1,
                           const std::vector<bool>* fields_validated = nullptr);

// Whether the checker already reported `compiler_finding` (the same code at
// the same place); its copy names the object, so the compiler's is dropped.
bool CheckerRepeats(const std::vector<Diagnostic>& checker_findings, const Diagnostic& compiler_finding);

}  // namespace mast
