#include "policies/findings.h"

#include <algorithm>

#include "base/jobs.h"
#include "policies/baseline.h"
#include "policies/engine.h"
#include "policies/suppressions.h"
#include "schemas/kube_catalog.h"
#include "schemas/check/crd_registry.h"
#include "schemas/check/duplicate_objects.h"
#include "schemas/check/program_check.h"

namespace mast {

namespace {

bool IsKnownId(const PolicyEngine& engine, std::string_view id) {
  if (engine.FindRule(id) != nullptr) return true;
  for (const DiagnosticInfo& info : AllDiagnostics()) {
    if (info.id == id) return true;
  }
  return false;
}

// Policy rules that repeat the schema and server-side checks; they exist for
// runs without those (--no-schema).
constexpr std::string_view kRepeatedBySchemaChecks[] = {"labels-invalid", "labels-selector-mismatch",
                                                        "api-version-removed"};

bool RepeatsSchemaChecks(std::string_view rule) {
  return std::find(std::begin(kRepeatedBySchemaChecks), std::end(kRepeatedBySchemaChecks), rule) !=
         std::end(kRepeatedBySchemaChecks);
}

// Lints the objects; returns the number of findings annotations suppressed.
size_t LintObjects(SourceManager& sources, const std::vector<Value>& objects, const PolicyOptions& policies,
                   const KubeCatalog* catalog, const FindingsOptions& options, Findings& findings,
                   std::vector<Diagnostic>& out) {
  DiagnosticSink sink;
  PolicyEngine* engine = options.engine;
  if (engine == nullptr) {
    findings.loaded_engine = PolicyEngine::Load(sources, policies, catalog, sink);
    engine = findings.loaded_engine.get();
  }
  findings.engine = engine;
  PolicyEngine::LintOptions lint;
  lint.honor_annotations = options.suppressions;
  lint.jobs = options.jobs;
  if (options.schema_checks) lint.dropped_rules.insert(std::begin(kRepeatedBySchemaChecks), std::end(kRepeatedBySchemaChecks));
  DiagnosticSink lint_sink;
  const size_t suppressed = objects.empty() ? 0 : engine->Lint(objects, lint_sink, lint).suppressed;
  std::vector<Diagnostic>& linted = lint_sink.mutable_diagnostics();
  std::erase_if(linted, [&](const Diagnostic& d) {
    const bool engine_internal =
        d.code != DiagnosticCode::W1001 && d.code != DiagnosticCode::W1003 && d.code != DiagnosticCode::W1004;
    return (options.engine != nullptr && engine_internal) || (options.schema_checks && RepeatsSchemaChecks(d.rule));
  });
  for (Diagnostic& d : sink.mutable_diagnostics()) out.push_back(std::move(d));
  for (Diagnostic& d : linted) out.push_back(std::move(d));
  return suppressed;
}

}  // namespace

Findings CollectFindings(SourceManager& sources, std::vector<Diagnostic> found,
                         const std::vector<CheckedObject>& objects, const PolicyOptions& policies,
                         const KubeCatalog* catalog, const FindingsOptions& options) {
  Findings findings;
  DiagnosticSink duplicates;
  ReportDuplicateObjects(objects, duplicates);
  for (Diagnostic& d : duplicates.mutable_diagnostics()) found.push_back(std::move(d));
  if (options.policies) {
    std::vector<Value> values;
    values.reserve(objects.size());
    for (const CheckedObject& object : objects) {
      if (object.value.IsMap()) values.push_back(object.value);
    }
    findings.suppressed += LintObjects(sources, values, policies, catalog, options, findings, found);
  }
  // Without the policies, a `mast:ignore` naming a rule cannot be told from
  // a misspelt one, so comments are read only when the rules are loaded.
  if (options.suppressions && findings.engine != nullptr) {
    SuppressionResult suppressed = ApplyCommentSuppressions(
        found, sources, [&](std::string_view id) { return IsKnownId(*findings.engine, id); });
    findings.suppressed += suppressed.suppressed;
    found.insert(found.end(), suppressed.problems.begin(), suppressed.problems.end());
  }
  if (!options.baseline.empty()) {
    BaselineResult applied = ApplyBaseline(options.baseline, found, sources);
    if (!applied.ok) findings.baseline_error = applied.error;
    findings.baselined = applied.matched;
  }
  SortDiagnostics(found, ResolveJobs(static_cast<unsigned>(options.jobs)));
  findings.diagnostics = std::move(found);
  return findings;
}

Findings CheckCompiledProgram(SourceManager& sources, const std::vector<Value>& documents,
                              std::vector<Diagnostic> compiler_findings, const ProgramCheckSettings& settings) {
  ManifestCheckOptions check_options;
  check_options.crd_paths = settings.crd_paths;
  check_options.keep_values = settings.findings.policies;
  std::vector<Diagnostic> found;
  CrdRegistry crds;
  LoadCrdFiles(check_options, sources, crds, found);
  SchemaSources schema_sources;
  schema_sources.catalog = settings.catalog != nullptr ? settings.catalog : &KubeCatalog::Embedded();
  schema_sources.crds = crds.empty() ? nullptr : &crds;
  FileFindings checked;
  CheckProgramDocuments(documents, schema_sources, check_options, 0, checked);
  for (Diagnostic& d : checked.diagnostics) found.push_back(std::move(d));
  for (Diagnostic& d : compiler_findings) {
    if (!CheckerRepeats(found, d)) found.push_back(std::move(d));
  }
  return CollectFindings(sources, std::move(found), checked.objects, settings.policies, schema_sources.catalog,
                         settings.findings);
}

std::string Plural(size_t count, std::string_view word) {
  return std::to_string(count) + " " + std::string(word) + (count == 1 ? "" : "s");
}

FindingCounts CountFindings(const std::vector<Diagnostic>& diagnostics) {
  FindingCounts counts;
  for (const Diagnostic& d : diagnostics) {
    switch (d.severity) {
      case Severity::kError: ++counts.errors; break;
      case Severity::kWarning: ++counts.warnings; break;
      case Severity::kInfo:
      case Severity::kNote: ++counts.infos; break;
    }
  }
  return counts;
}

std::string FindingsSummary(const FindingCounts& counts, size_t suppressed, size_t baselined) {
  std::string text = Plural(counts.errors, "error");
  if (counts.warnings > 0) text += ", " + Plural(counts.warnings, "warning");
  if (counts.infos > 0) text += ", " + Plural(counts.infos, "info");
  if (suppressed > 0) text += ", " + std::to_string(suppressed) + " suppressed";
  if (baselined > 0) text += ", " + std::to_string(baselined) + " in the baseline";
  return text;
}

bool FindingFails(const Diagnostic& diagnostic, const std::string& fail_on) {
  return diagnostic.rule.empty() ? diagnostic.severity == Severity::kError : FailsRun(diagnostic.severity, fail_on);
}

bool FindingsFail(const std::vector<Diagnostic>& diagnostics, const std::string& fail_on) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [&](const Diagnostic& d) { return FindingFails(d, fail_on); });
}

bool IsFailOnValue(std::string_view fail_on) {
  return fail_on == "error" || fail_on == "warning" || fail_on == "info" || fail_on == "never";
}

}  // namespace mast
