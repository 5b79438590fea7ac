#include "policies/findings.h"

#include <algorithm>
#include <unordered_map>

#include "compiler/base/jobs.h"
#include "policies/baseline.h"
#include "policies/cross_object_index.h"
#include "policies/engine.h"
#include "policies/suppressions.h"
#include "schemas/check/crd_registry.h"
#include "schemas/check/duplicate_objects.h"
#include "schemas/check/program_check.h"
#include "schemas/kube_catalog.h"

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

PolicyEngine::LintOptions LintOptionsFor(const FindingsOptions& options, const SourceManager& sources) {
  PolicyEngine::LintOptions lint;
  lint.sources = &sources;
  lint.honor_annotations = options.suppressions;
  lint.jobs = options.jobs;
  if (options.schema_checks) lint.dropped_rules.insert(std::begin(kRepeatedBySchemaChecks), std::end(kRepeatedBySchemaChecks));
  return lint;
}

// Keeps the findings the run reports of what the linter found, in `out`.
void KeepLinted(std::vector<Diagnostic>& linted, const FindingsOptions& options, std::vector<Diagnostic>& out) {
  std::erase_if(linted, [&](const Diagnostic& d) {
    const bool engine_internal =
        d.code != DiagnosticCode::W1001 && d.code != DiagnosticCode::W1003 && d.code != DiagnosticCode::W1004;
    return (options.engine != nullptr && engine_internal) || (options.schema_checks && RepeatsSchemaChecks(d.rule));
  });
  for (Diagnostic& d : linted) out.push_back(std::move(d));
}

// Of the rules' findings at [from, end) of `out`, drops those the run does
// not report (KeepLinted).
void DropRepeatedFindings(std::vector<Diagnostic>& out, size_t from, const FindingsOptions& options) {
  if (!options.schema_checks) return;
  auto repeated = [](const Diagnostic& d) { return RepeatsSchemaChecks(d.rule); };
  out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(), repeated), out.end());
}

// The cross-object rules on what the stream kept of the objects; returns
// the number of findings annotations suppressed.
size_t LintCrossObjectIndex(PolicyEngine& engine, CrossObjectIndex& index, const std::vector<CheckedObject>& objects,
                            const PolicyEngine::LintOptions& lint, DiagnosticSink& sink, RuleFindings& found) {
  index.Finish(objects);
  PolicyEngine::IndexedObjects indexed;
  indexed.count = index.size();
  indexed.at = [&index](size_t id) { return index.ObjectAt(id); };
  indexed.kind = [&index](size_t id) { return index.KindAt(id); };
  indexed.index = &index.index();
  return engine.LintIndexed(indexed, sink, found, lint).suppressed;
}

// The rest of a stream's lint: the objects it did not see (none unless
// something changed upstream) get the single-object rules, all objects the
// cross-object rules. Returns the number of findings annotations suppressed.
size_t FinishStream(const SourceManager& sources, PolicyStream::Parts& parts, const std::vector<CheckedObject>& objects,
                    const FindingsOptions& options, std::vector<Diagnostic>& out) {
  PolicyEngine::LintOptions lint = LintOptionsFor(options, sources);
  std::vector<Value> unseen;
  for (const CheckedObject& object : objects) {
    if (object.value.IsMap() && !object.observed) unseen.push_back(object.value);
  }
  DiagnosticSink lint_sink;
  size_t suppressed = parts.suppressed;
  lint.rules = PolicyEngine::LintOptions::Rules::kSingleObject;
  if (!unseen.empty()) suppressed += parts.engine.Lint(unseen, lint_sink, lint).suppressed;
  std::vector<Value>().swap(unseen);
  lint.rules = PolicyEngine::LintOptions::Rules::kCrossObject;
  lint.report_annotation_problems = false;  // reported as the objects were read
  // Either also reports errors in policy code.
  RuleFindings cross_object;
  if (parts.index) {
    suppressed += LintCrossObjectIndex(parts.engine, *parts.index, objects, lint, lint_sink, cross_object);
    parts.index.reset();
  } else {
    std::vector<Value> all;
    for (const CheckedObject& object : objects) {
      if (object.value.IsMap()) all.push_back(object.value);
    }
    suppressed += parts.engine.Lint(all, lint_sink, lint).suppressed;
  }
  out.reserve(out.size() + parts.load_problems.size() + parts.problems.size() + lint_sink.diagnostics().size() +
              parts.found.size() + cross_object.size());
  for (Diagnostic& d : parts.load_problems) out.push_back(std::move(d));
  KeepLinted(parts.problems, options, out);
  KeepLinted(lint_sink.mutable_diagnostics(), options, out);
  const size_t first_finding = out.size();
  RuleFindings::MoveSorted({&parts.found, &cross_object}, out, parts.engine.rules(), &sources.provenance());
  DropRepeatedFindings(out, first_finding, options);
  return suppressed;
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
  DiagnosticSink lint_sink;
  const size_t suppressed =
      objects.empty() ? 0 : engine->Lint(objects, lint_sink, LintOptionsFor(options, sources)).suppressed;
  std::vector<Diagnostic>& linted = lint_sink.mutable_diagnostics();
  for (Diagnostic& d : sink.mutable_diagnostics()) out.push_back(std::move(d));
  KeepLinted(linted, options, out);
  return suppressed;
}

// A file that several inputs load (a library that two programs import) is
// in `sources` once per input, with the same path and text. Its findings
// are moved onto the first copy, so that each is reported once, not once
// per importer (SortDiagnostics drops the repeats), and a `mast:ignore` in
// it is read once.
void MergeFileCopies(const SourceManager& sources, std::vector<Diagnostic>& found) {
  std::vector<FileId> first_copy(sources.size());
  std::unordered_map<std::string_view, FileId> by_path;
  bool any_copy = false;
  for (FileId id = 0; id < first_copy.size(); ++id) {
    const SourceFile& file = sources.Get(id);
    auto [it, added] = by_path.emplace(file.path(), id);
    first_copy[id] = !added && sources.Get(it->second).text() == file.text() ? it->second : id;
    any_copy = any_copy || first_copy[id] != id;
  }
  if (!any_copy) return;
  auto move = [&](SourceRange& range) {
    if (range.IsValid() && range.file < first_copy.size()) range.file = first_copy[range.file];
  };
  for (Diagnostic& d : found) {
    move(d.range);
    for (Label& label : d.labels) move(label.range);
    if (d.fix) {
      for (TextEdit& edit : d.fix->edits) move(edit.range);
    }
  }
}

}  // namespace

Findings CollectFindings(SourceManager& sources, std::vector<Diagnostic> found,
                         const std::vector<CheckedObject>& objects, const PolicyOptions& policies,
                         const KubeCatalog* catalog, const FindingsOptions& options) {
  Findings findings;
  DiagnosticSink duplicates;
  ReportDuplicateObjects(objects, duplicates);
  for (Diagnostic& d : duplicates.mutable_diagnostics()) found.push_back(std::move(d));
  if (options.policies && options.stream != nullptr && options.stream->started()) {
    PolicyStream::Parts parts = options.stream->TakeParts(findings);
    findings.suppressed += FinishStream(sources, parts, objects, options, found);
  } else if (options.policies) {
    std::vector<Value> values;
    values.reserve(objects.size());
    for (const CheckedObject& object : objects) {
      if (object.value.IsMap()) values.push_back(object.value);
    }
    findings.suppressed += LintObjects(sources, values, policies, catalog, options, findings, found);
  }
  MergeFileCopies(sources, found);
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

PolicyStream::PolicyStream(PolicyOptions policies, const KubeCatalog* catalog, const FindingsOptions& options,
                           Prepare prepare)
    : policies_(std::move(policies)), catalog_(catalog), options_(options), prepare_(std::move(prepare)) {}

PolicyStream::~PolicyStream() = default;

void PolicyStream::Start(SourceManager& sources, unsigned workers) {
  // The inputs: what `sources` holds before the policies and their
  // configuration join it.
  size_t input_bytes = 0;
  for (FileId file = 0; file < sources.size(); ++file) input_bytes += sources.Get(file).text().size();
  if (prepare_) prepare_(sources, policies_);
  engine_ = PolicyEngine::Load(sources, policies_, catalog_, load_problems_);
  lint_ = LintOptionsFor(options_, sources);
  lint_.rules = PolicyEngine::LintOptions::Rules::kSingleObject;
  std::vector<const PolicyDefinition*> cross_object = engine_->CrossObjectRules(lint_);
  keep_values_ = false;
  if (!cross_object.empty()) {
    // The index bounds the memory of large inputs; a small one keeps its
    // values, which spares working out what the rules read (a sixth of
    // the instructions of checking a few objects).
    std::optional<ObjectReads> reads;
    if (input_bytes >= options_.index_from_bytes) reads = ObjectReads::Of(cross_object, lint_.honor_annotations);
    if (reads) index_ = std::make_unique<CrossObjectIndex>(std::move(*reads), workers);
    else keep_values_ = true;
  }
  engine_->StartWorkers(workers);
  workers_.assign(workers, Worker{});
}

void PolicyStream::Observe(unsigned worker, std::vector<CheckedObject>& objects, uint32_t offset) {
  std::vector<Value> values;
  values.reserve(objects.size());
  for (const CheckedObject& object : objects) {
    if (object.value.IsMap()) values.push_back(object.value);
  }
  Worker& mine = workers_[worker];
  DiagnosticSink problems;
  mine.suppressed += engine_->LintOnWorker(worker, values, problems, mine.found, lint_, offset).suppressed;
  for (Diagnostic& d : problems.mutable_diagnostics()) mine.problems.push_back(std::move(d));
  if (index_) index_->Add(worker, objects, offset);
  if (keep_values_) return;
  for (CheckedObject& object : objects) object.value = Value();
}

PolicyStream::Parts PolicyStream::TakeParts(Findings& findings) {
  Parts parts{*engine_, {}, {}, {}, 0, nullptr};
  parts.load_problems = std::move(load_problems_.mutable_diagnostics());
  for (Worker& worker : workers_) {
    parts.found.Append(std::move(worker.found));
    for (Diagnostic& d : worker.problems) parts.problems.push_back(std::move(d));
    parts.suppressed += worker.suppressed;
  }
  workers_.clear();
  parts.index = std::move(index_);
  taken_ = true;
  findings.engine = engine_.get();
  findings.loaded_engine = std::move(engine_);
  return parts;
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
  schema_sources.imported_crds = settings.imported_crds;
  FileFindings checked;
  CheckProgramDocuments(documents, schema_sources, check_options, 0, checked, sources.provenance(),
                        static_cast<unsigned>(settings.findings.jobs), settings.fields_validated);
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
