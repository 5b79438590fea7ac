// The findings pipeline that `mast build`, `mast check` and `mast lsp`
// share. The front ends choose the inputs (compiled or read objects, and
// what the compiler and the object checks found) and render the result;
// everything between is here, once:
//   duplicate objects (E0510) -> policy findings -> one copy of each file
//   (a library two inputs import) -> `mast:ignore` comments -> the baseline
//   -> sorted by place, each finding once
// and the verdict: the counts and their wording, and whether the run fails.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"
#include "policies/config.h"
#include "policies/engine.h"
#include "policies/rule_findings.h"
#include "schemas/check/check.h"

namespace mast {

class KubeCatalog;
class PolicyEngine;

class CrossObjectIndex;
class PolicyStream;
struct Findings;

struct FindingsOptions {
  bool policies = true;
  bool suppressions = true;  // `mast:ignore` comments and `mast.dev/ignore` annotations
  // The schema and server-side checks ran, so the policy rules that repeat
  // them (they exist for --no-schema) are off.
  bool schema_checks = true;
  std::string baseline;  // a baseline file whose findings are dropped, or ""
  size_t jobs = 1;       // 0 = one thread per core
  // A PolicyStream keeps what the cross-object rules read of each object,
  // packed (CrossObjectIndex), when the input files have at least this many
  // bytes, and the objects' values below that.
  size_t index_from_bytes = size_t{1} << 20;
  // A loaded engine to lint with (the editor keeps a pool), or null to load
  // one. Findings about a given engine's own policy code point into its own
  // sources, so only the rule findings and the suppression warnings are kept.
  PolicyEngine* engine = nullptr;
  // A stream that linted the objects' single-object rules as they were
  // read; when it started, CollectFindings runs only the cross-object rules,
  // on the values the stream kept, with the stream's engine and options.
  PolicyStream* stream = nullptr;
};

// Lints as `mast check` reads (an ObjectObserver for
// ManifestCheckOptions::observer): each object's single-object rules run on
// the worker that read it, right after its check. When an enabled rule
// reads other objects, the part of the object such rules read is kept,
// packed, in a CrossObjectIndex; its whole value only if their syntax does
// not tell which part that is.
class PolicyStream : public ObjectObserver {
 public:
  // `prepare` runs first in Start, with the run's sources: `mast check`
  // adds its configuration file there, before the policy files (as the
  // findings' order by file expects), and points `policies` into it.
  using Prepare = std::function<void(SourceManager& sources, PolicyOptions& policies)>;
  PolicyStream(PolicyOptions policies, const KubeCatalog* catalog, const FindingsOptions& options, Prepare prepare);
  ~PolicyStream() override;

  void Start(SourceManager& sources, unsigned workers) override;
  void Observe(unsigned worker, std::vector<CheckedObject>& objects, uint32_t offset) override;
  bool started() const { return engine_ != nullptr || taken_; }

  // What the stream found, for CollectFindings, which also takes the engine
  // (into `findings`).
  struct Parts {
    PolicyEngine& engine;
    std::vector<Diagnostic> load_problems;  // loading the policies and the configuration
    std::vector<Diagnostic> problems;       // malformed annotations
    RuleFindings found;                     // compact until the run's findings are sorted
    size_t suppressed = 0;
    // What the cross-object rules read of the objects, when the stream kept
    // that instead of their values; null when it kept the values.
    std::unique_ptr<CrossObjectIndex> index;
  };
  Parts TakeParts(Findings& findings);

 private:
  struct Worker {
    RuleFindings found;
    std::vector<Diagnostic> problems;  // malformed annotations
    size_t suppressed = 0;
  };
  PolicyOptions policies_;
  const KubeCatalog* catalog_;
  FindingsOptions options_;
  Prepare prepare_;
  std::unique_ptr<PolicyEngine> engine_;
  DiagnosticSink load_problems_;
  PolicyEngine::LintOptions lint_;
  bool keep_values_ = true;  // an enabled rule reads other objects, and what it reads is not known
  // What the cross-object rules read, when an enabled rule reads other
  // objects and the analysis of their syntax tells what (object_reads.h).
  std::unique_ptr<CrossObjectIndex> index_;
  bool taken_ = false;
  std::vector<Worker> workers_;
};

struct Findings {
  std::vector<Diagnostic> diagnostics;  // sorted by file and offset
  size_t suppressed = 0;                // by comments and annotations
  size_t baselined = 0;                 // dropped because the baseline has them
  std::string baseline_error;           // the baseline could not be used
  std::unique_ptr<PolicyEngine> loaded_engine;  // the engine this run loaded, if any
  const PolicyEngine* engine = nullptr;         // the engine used, loaded or given; null without policies
};

// `found`: what the compiler and the object checks reported. `objects`:
// the checked Kubernetes objects, for the cross-object checks and (their
// values, when kept) the policies.
Findings CollectFindings(SourceManager& sources, std::vector<Diagnostic> found,
                         const std::vector<CheckedObject>& objects, const PolicyOptions& policies,
                         const KubeCatalog* catalog, const FindingsOptions& options);

struct ProgramCheckSettings {
  const KubeCatalog* catalog = nullptr;
  std::vector<std::string> crd_paths;  // --crd and `.mast.yaml` crds
  std::vector<const CrdRegistry*> imported_crds;  // the program's `crd:` imports (ImportedCrds)
  // CompileResult::fields_validated of the documents, or null: objects whose
  // fields the compiler validated without a finding are not validated twice.
  const std::vector<bool>* fields_validated = nullptr;
  PolicyOptions policies;
  FindingsOptions findings;
};

// Everything `mast build` checks on a compiled program: every emitted object
// against its schema (the catalog, the CRDs of `crd_paths` and the CRDs the
// program emits) and the server-side rules, with "in Service web" notes,
// then CollectFindings. `compiler_findings` join without those the object
// checks repeat.
Findings CheckCompiledProgram(SourceManager& sources, const std::vector<Value>& documents,
                              std::vector<Diagnostic> compiler_findings, const ProgramCheckSettings& settings);

struct FindingCounts {
  size_t errors = 0;
  size_t warnings = 0;
  size_t infos = 0;  // info and note
};
FindingCounts CountFindings(const std::vector<Diagnostic>& diagnostics);

// "1 object", "3 objects": the counts of every summary.
std::string Plural(size_t count, std::string_view word);

// "2 errors, 1 warning, 12 infos, 3 suppressed, 1 in the baseline": the
// wording of every command's summary. Zero counts after the errors are left
// out.
std::string FindingsSummary(const FindingCounts& counts, size_t suppressed, size_t baselined);

// Whether the findings fail the run. Errors of Mast itself (not policy rule
// findings) always fail; a rule finding fails when its severity reaches
// `fail_on` (error | warning | info | never).
bool FindingsFail(const std::vector<Diagnostic>& diagnostics, const std::string& fail_on);
bool FindingFails(const Diagnostic& diagnostic, const std::string& fail_on);

// Whether `fail_on` is one of the accepted values.
bool IsFailOnValue(std::string_view fail_on);

}  // namespace mast
