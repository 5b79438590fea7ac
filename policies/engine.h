// The policy engine: loads the built-in policies (embedded) and custom
// policy files, applies configuration (enable/disable, severity overrides,
// parameters), and lints a set of objects together, so that cross-object
// rules see every object of the run. Findings are diagnostics with code
// W1001, the rule id in `Diagnostic::rule`, and the remediation as a note.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/eval/object_index.h"
#include "compiler/eval/policy_eval.h"
#include "compiler/types/external_types.h"
#include "compiler/value/value.h"
#include "policies/rule_findings.h"

namespace mast {

struct AnnotationSuppression;

struct PolicyOptions {
  std::vector<std::string> policy_files;            // custom policies, in addition to the built-in ones
  std::map<std::string, std::string> severity;      // rule id -> "error" | "warning" | "info" | "off"
  std::map<std::string, Value> params;              // rule id -> parameters merged over the defaults
  std::map<std::string, SourceRange> where;         // rule id -> where the configuration names it
  bool builtin = true;                              // load the built-in policies
};

struct RuleInfo {
  PolicyDefinition definition;
  Severity severity = Severity::kWarning;  // after configuration
  bool enabled = true;                     // after configuration
  Value params;                            // defaults merged with configuration
  bool builtin = false;
};

class PolicyEngine {
 public:
  // Loads and checks every policy. Problems in policy files or options are
  // reported to `sink`; the engine still works with the policies that loaded.
  static std::unique_ptr<PolicyEngine> Load(SourceManager& sources, const PolicyOptions& options,
                                            const ExternalTypes* external, DiagnosticSink& sink);
  ~PolicyEngine();

  const std::vector<RuleInfo>& rules() const { return rules_; }
  const RuleInfo* FindRule(std::string_view id) const;

  struct LintOptions {
    bool honor_annotations = true;  // `mast.dev/ignore` annotations (--no-suppressions turns them off)
    // Threads that lint objects side by side; 0 = one per core. Inputs too
    // small to gain from it are linted on the calling thread.
    size_t jobs = 0;
    // When set, receives the time spent in each rule (id, seconds), summed
    // over the objects, for `mast_policy_bench --profile`. Lints on one thread.
    std::vector<std::pair<std::string, double>>* rule_seconds = nullptr;
    // Rules whose findings the caller drops (they repeat the schema checks).
    // They run only on objects whose `mast.dev/ignore` annotation names
    // them, so that the suppressed count stays what it would be; nothing
    // else of theirs is reported. Default: none.
    std::set<std::string, std::less<>> dropped_rules;
    // Which rules run: all, the rules that see their object alone, or the
    // rules that read other objects (PolicyDefinition::reads_other_objects).
    enum class Rules : uint8_t { kAll, kSingleObject, kCrossObject };
    Rules rules = Rules::kAll;
    // Report malformed `mast.dev/ignore` annotations (W1003, W1004); off
    // when an earlier pass over the same objects reported them.
    bool report_annotation_problems = true;
    // The sources the objects' origins point into, where findings are
    // anchored (policies/anchor.h). Null: the engine's own, as when the
    // objects were read into the manager the engine was loaded with; an
    // engine kept across runs (the editor's pool) is given each run's.
    const SourceManager* sources = nullptr;
  };
  struct LintStats {
    size_t findings = 0;
    size_t suppressed = 0;  // findings an annotation suppressed
  };

  // Runs every enabled rule whose kinds match on every object. Errors in
  // policy code go to `sink` like findings do.
  LintStats Lint(const std::vector<Value>& objects, DiagnosticSink& sink, const LintOptions& options);
  LintStats Lint(const std::vector<Value>& objects, DiagnosticSink& sink) { return Lint(objects, sink, LintOptions{}); }

  // Lints objects as they are read, on `workers` threads: call StartWorkers
  // once, then LintOnWorker from worker w (< workers) with that worker's
  // objects, as often as there are objects; each worker has its own copy of
  // the policies (worker 0 uses the engine's). The rules' findings go to
  // `found` (appended, in report order per object), malformed annotations
  // to `sink`; errors in policy code are reported by the next Lint. The
  // objects' origins may be `offset` bytes before their place in their file
  // (a chunk's, ObjectObserver::Observe); what is reported is placed in the
  // file.
  void StartWorkers(size_t workers);
  LintStats LintOnWorker(size_t worker, const std::vector<Value>& objects, DiagnosticSink& sink, RuleFindings& found,
                         const LintOptions& options, uint32_t offset = 0);
  // Whether any enabled rule reads other objects (options.dropped_rules left out).
  bool HasCrossObjectRules(const LintOptions& options) const;
  // The enabled rules that read other objects (options.dropped_rules left out).
  std::vector<const PolicyDefinition*> CrossObjectRules(const LintOptions& options) const;

  // Objects given by number instead of as values in memory (the compact
  // store of `mast check`, policies/cross_object_index.h): `at(i)` is object
  // i < count, `kind(i)` its kind, read without making the object; both are
  // called from several threads at once. The rules' lookups read `index`,
  // whose ids are these numbers: `context.objects` is a handle bound to it.
  // Annotation suppressions are read from the objects, and not reported.
  // The rules' findings go to `found` (appended); errors in policy code to
  // `sink`.
  struct IndexedObjects {
    size_t count = 0;
    std::function<Value(size_t)> at;
    std::function<std::string_view(size_t)> kind;
    ObjectIndex* index = nullptr;
  };
  LintStats LintIndexed(const IndexedObjects& objects, DiagnosticSink& sink, RuleFindings& found,
                        const LintOptions& options);

 private:
  PolicyEngine() = default;

  // An evaluator with its own copy of the policy program, for one more
  // thread: evaluation caches globals in the program, so threads cannot
  // share one. Loaded when a large input is first linted on several threads.
  struct Lane {
    std::unique_ptr<Program> program;
    std::unique_ptr<PolicyEvaluator> evaluator;
    DiagnosticSink sink;                      // errors in policy code
    std::vector<PolicyDefinition> policies;  // this program's
  };
  struct PreparedRule {
    const RuleInfo* rule;
    std::set<std::string_view> kinds;  // empty: every kind
    Value context;                     // {objects, params}
    bool narrowed = false;             // `match` names namespaces or labels
    uint32_t number = 0;               // in rules_, for its findings (RuleFindings)
    // Runs only where an annotation suppresses it, and reports nothing
    // (LintOptions::dropped_rules).
    bool only_counts_suppressions = false;
  };
  struct WorkerRules;   // a worker's prepared rules, for LintOnWorker
  struct ObjectSource;  // the objects of one lint: values, or IndexedObjects
  // Loads a lane. Safe to call from several threads at once.
  std::unique_ptr<Lane> LoadLane() const;
  // The enabled rules with their kinds and `context` ({objects, params}).
  std::vector<PreparedRule> PrepareRules(const Value& all_objects, const LintOptions& options) const;
  // The lane's own definition of each prepared rule; false if it lacks one.
  static bool LaneDefinitions(const Lane& lane, const std::vector<PreparedRule>& prepared,
                              std::vector<const PolicyDefinition*>& definitions);
  // Lints the objects on up to options.jobs threads (lane 0 is this
  // engine's own evaluator; the others load their lane on their own
  // thread, the first time, while lane 0 already lints).
  // Malformed annotations go to `sink`, findings to `found`.
  LintStats LintSource(const ObjectSource& objects, DiagnosticSink& sink, RuleFindings& found,
                       const LintOptions& options);
  // Errors in policy code that evaluation reported, from every lane.
  void AppendPolicyErrors(DiagnosticSink& sink);
  // Annotation suppressions by object, when read before linting (to
  // report malformed ones); else each object's are read as it is linted.
  using Suppressions = std::vector<std::vector<AnnotationSuppression>>;
  // Reads the annotation suppressions of objects [begin, end), reporting
  // malformed ones to the sink.
  using ReadSuppressions = std::function<void(size_t begin, size_t end, DiagnosticSink& sink)>;
  struct Share;  // what one thread lints with
  struct Piece;  // what linting one piece of the objects found
  static constexpr size_t kObjectsPerPiece = 64;
  void LintOnThreads(size_t jobs, const ObjectSource& objects, const std::vector<PreparedRule>& prepared,
                     const ReadSuppressions& read_suppressions, const Suppressions* suppressions,
                     const LintOptions& options, DiagnosticSink& sink, RuleFindings& found, LintStats& stats);
  // An object's `mast.dev/ignore` annotations (none unless
  // options.honor_annotations), reporting malformed ones to `out` when
  // options.report_annotation_problems.
  // (`offset`: as for LintOnWorker.)
  std::vector<AnnotationSuppression> ReadObjectSuppressions(const Value& object, const LintOptions& options,
                                                      DiagnosticSink& out, uint32_t offset = 0) const;
  // What one thread lints: objects [begin, end) with `evaluator`;
  // `definitions` holds the evaluator's own definition of each prepared
  // rule. Findings are anchored (policies/anchor.h) in `sources`.
  struct RangeJob {
    PolicyEvaluator& evaluator;
    const std::vector<PreparedRule>& rules;
    const std::vector<const PolicyDefinition*>& definitions;
    const ObjectSource& objects;
    const SourceManager& sources;
    size_t begin = 0;
    size_t end = 0;
    const Suppressions* suppressions = nullptr;  // null: read from each object, unreported
    bool honor_annotations = true;
    std::vector<double>* rule_seconds = nullptr;
    uint32_t offset = 0;  // the objects' origins are this many bytes before their place in the file
  };
  void LintRange(const RangeJob& job, RuleFindings& findings, LintStats& stats);
  const SourceManager& ObjectSources(const LintOptions& options) const {
    return options.sources != nullptr ? *options.sources : *sources_;
  }

  SourceManager* sources_ = nullptr;
  const ExternalTypes* external_ = nullptr;
  std::vector<std::string> files_;  // the policy files, built-in first
  std::unique_ptr<Program> program_;
  std::unique_ptr<PolicyEvaluator> evaluator_;
  DiagnosticSink load_sink_;
  std::vector<RuleInfo> rules_;
  std::vector<std::unique_ptr<Lane>> lanes_;  // lanes 1..n, once loaded
  std::vector<std::unique_ptr<WorkerRules>> worker_rules_;  // by worker, once it lints
};

// The rule reference (docs/rules.md) as published; reports link each policy
// finding to its section. SARIF needs an absolute URL (a relative helpUri is
// invalid, SARIF1002); forks set their own with `rulesUri` in .mast.yaml or
// `mast check --rules-uri`.
inline constexpr std::string_view kDefaultRulesUri = "https://github.com/mast-lang/mast/blob/main/docs/rules.md";

// Where the rule reference documents a rule: `rules_uri#rule-id`
// ("" = kDefaultRulesUri).
std::string RuleHelpUri(std::string_view rule_id, std::string_view rules_uri = {});

}  // namespace mast
