#include "schemas/check/program_check.h"

#include <algorithm>

#include "compiler/base/jobs.h"
#include "compiler/eval/explain_origin.h"
#include "schemas/check/check_pipeline.h"
#include "schemas/check/crd_registry.h"

namespace mast {

namespace {

// Below this many documents a thread, a second thread costs more than it saves.
constexpr size_t kMinDocumentsPerJob = 64;

}  // namespace

void CheckProgramDocuments(const std::vector<Value>& documents, const SchemaSources& sources,
                           const ManifestCheckOptions& options, uint32_t input, FileFindings& out,
                           const ProvenanceTable& provenance, unsigned jobs,
                           const std::vector<bool>* fields_validated) {
  CrdRegistry program_crds;
  DiagnosticSink crd_problems;
  for (const Value& document : documents) {
    if (IsCustomResourceDefinition(document) || IsListDocument(document)) program_crds.Add(document, crd_problems);
  }
  SchemaSources with_program = sources;
  if (!program_crds.empty()) with_program.program_crds = &program_crds;
  const ObjectChecker checker(with_program, options);
  // Contiguous shares, merged in order: the result does not depend on `jobs`.
  const size_t shares = std::clamp<size_t>(documents.size() / kMinDocumentsPerJob, 1, ResolveJobs(jobs));
  std::vector<FileFindings> parts(shares);
  ParallelFor(shares, static_cast<unsigned>(shares), [&](size_t share, unsigned) {
    FileFindings& part = shares == 1 ? out : parts[share];
    const size_t end = documents.size() * (share + 1) / shares;
    for (size_t i = documents.size() * share / shares; i < end; ++i) {
      const size_t found_before = part.diagnostics.size();
      const bool validated = fields_validated != nullptr && i < fields_validated->size() && (*fields_validated)[i];
      checker.CheckDocument(documents[i], input, part, validated);
      ExplainFindings(part.diagnostics, found_before, documents[i], provenance, kNoProvenance,
                      &part.diagnostic_objects);
    }
  });
  if (shares > 1) {
    for (FileFindings& part : parts) check_detail::AppendChunk(part, 0, out);
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
