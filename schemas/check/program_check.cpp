#include "schemas/check/program_check.h"

#include <algorithm>

#include "compiler/eval/explain_origin.h"
#include "schemas/check/crd_registry.h"

namespace mast {

void CheckProgramDocuments(const std::vector<Value>& documents, const SchemaSources& sources,
                           const ManifestCheckOptions& options, uint32_t input, FileFindings& out,
                           const ProvenanceTable& provenance) {
  CrdRegistry program_crds;
  DiagnosticSink crd_problems;
  for (const Value& document : documents) {
    if (IsCustomResourceDefinition(document) || IsListDocument(document)) program_crds.Add(document, crd_problems);
  }
  SchemaSources with_program = sources;
  if (!program_crds.empty()) with_program.program_crds = &program_crds;
  const ObjectChecker checker(with_program, options);
  for (const Value& document : documents) {
    const size_t found_before = out.diagnostics.size();
    checker.CheckDocument(document, input, out);
    ExplainFindings(out.diagnostics, found_before, document, provenance, kNoProvenance, &out.diagnostic_objects);
  }
  for (Diagnostic& d : crd_problems.mutable_diagnostics()) {
    out.diagnostics.push_back(std::move(d));
    out.diagnostic_objects.push_back(kNoObject);
  }
}

bool CheckerRepeats(const std::vector<Diagnostic>& checker_findings, const Diagnostic& compiler_finding) {
  return std::any_of(checker_findings.begin(), checker_findings.end(), [&](const Diagnostic& o) {
    return o.code == compiler_finding.code && o.range == compiler_finding.range;
  });
}

}  // namespace mast
