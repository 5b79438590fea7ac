#include "policies/engine.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <set>
#include <thread>
#include <unordered_map>

#include "base/jobs.h"
#include "base/spelling.h"
#include "driver/compile.h"
#include "policies/anchor.h"
#include "policies/builtin_sources.h"
#include "policies/suppressions.h"

namespace mast {
namespace {

std::optional<Severity> SeverityFromText(const std::string& text) {
  if (text == "error") return Severity::kError;
  if (text == "warning") return Severity::kWarning;
  if (text == "info") return Severity::kInfo;
  return std::nullopt;
}

// Parameters from configuration replace the defaults key by key.
Value MergeParams(const Value& defaults, const Value& overrides) {
  if (!overrides.IsMap()) return defaults;
  ValueMap merged = defaults.IsMap() ? defaults.AsMap() : ValueMap{};
  for (const MapEntry& entry : overrides.AsMap()) {
    auto it = std::find_if(merged.begin(), merged.end(), [&](const MapEntry& e) { return e.key == entry.key; });
    if (it != merged.end()) it->value = entry.value;
    else merged.push_back(entry);
  }
  return Value::Map(std::move(merged), defaults.origin());
}

std::string_view KindOf(const Value& object) {
  const Value* kind = object.Find("kind");
  return kind && kind->IsString() ? std::string_view(kind->AsString()) : std::string_view();
}

// (A named function rather than a lambda: clang 14 cannot capture the
// structured bindings the callers loop with.)
std::vector<RuleInfo>::iterator FindRuleIn(std::vector<RuleInfo>& rules, const std::string& id) {
  return std::find_if(rules.begin(), rules.end(), [&id](const RuleInfo& r) { return r.definition.id == id; });
}

// The built-in policies' syntax trees, parsed at build time. Custom policy
// files are kept here too once parsed, for the language server's next run.
ParseCache& BuiltinParseCache() {
  static ParseCache* cache = [] {
    auto* seeded = new ParseCache();
    for (const BuiltinPolicySource& source : BuiltinPolicySources()) {
      seeded->StoreStatic(std::string(source.path), source.text, source.tree);
    }
    return seeded;
  }();
  return *cache;
}

}  // namespace

std::string RuleHelpUri(std::string_view rule_id, std::string_view rules_uri) {
  return std::string(rules_uri.empty() ? kDefaultRulesUri : rules_uri) + "#" + std::string(rule_id);
}

PolicyEngine::~PolicyEngine() = default;

std::unique_ptr<PolicyEngine> PolicyEngine::Load(SourceManager& sources, const PolicyOptions& options,
                                                 const ExternalTypes* external, DiagnosticSink& sink) {
  std::unique_ptr<PolicyEngine> engine(new PolicyEngine());
  engine->sources_ = &sources;
  CompileOptions compile_options;
  compile_options.external = external;
  std::vector<std::string> files;
  compile_options.parse_cache = &BuiltinParseCache();
  if (options.builtin) {
    for (const BuiltinPolicySource& source : BuiltinPolicySources()) {
      compile_options.overlays.emplace_back(std::string(source.path), std::string(source.text));
      files.emplace_back(source.path);
    }
  }
  size_t builtin_count = files.size();
  files.insert(files.end(), options.policy_files.begin(), options.policy_files.end());
  engine->external_ = external;
  engine->files_ = files;
  engine->program_ = LoadProgram(sources, files, compile_options, sink);
  engine->evaluator_ = std::make_unique<PolicyEvaluator>(*engine->program_, sources, compile_options.limits,
                                                         engine->load_sink_);
  std::vector<PolicyDefinition> definitions = engine->evaluator_->LoadPolicies();
  sink.Append(engine->load_sink_);
  engine->load_sink_ = DiagnosticSink();

  std::vector<std::string_view> ids;
  for (const PolicyDefinition& definition : definitions) {
    RuleInfo rule;
    rule.definition = definition;
    rule.severity = definition.severity;
    rule.enabled = definition.enabled_by_default;
    rule.params = definition.params;
    for (size_t i = 0; i < builtin_count; ++i) {
      if (engine->program_->modules.size() > i && definition.module == engine->program_->modules[i].get()) {
        rule.builtin = true;
      }
    }
    if (engine->FindRule(definition.id)) {
      sink.Report(DiagnosticCode::E1002, definition.id_range, "policy \"" + definition.id + "\" is declared twice");
      continue;
    }
    engine->rules_.push_back(std::move(rule));
  }
  for (const RuleInfo& rule : engine->rules_) ids.push_back(rule.definition.id);
  auto unknown = [&](const std::string& id) {
    std::string message = "configuration names rule `" + id + "`, which does not exist";
    if (auto suggestion = ClosestMatch(id, ids)) message += "; did you mean `" + *suggestion + "`?";
    auto where = options.where.find(id);
    sink.Report(DiagnosticCode::W1004, where == options.where.end() ? SourceRange{} : where->second, message);
  };
  for (const auto& [id, severity] : options.severity) {
    auto it = FindRuleIn(engine->rules_, id);
    if (it == engine->rules_.end()) {
      unknown(id);
      continue;
    }
    if (severity == "off") {
      it->enabled = false;
    } else if (std::optional<Severity> parsed = SeverityFromText(severity)) {
      it->enabled = true;
      it->severity = *parsed;
    } else {
      sink.Report(DiagnosticCode::E1005, {}, "severity of `" + id + "` must be error, warning, info or off, found `" + severity + "`");
    }
  }
  for (const auto& [id, params] : options.params) {
    auto it = FindRuleIn(engine->rules_, id);
    if (it == engine->rules_.end()) unknown(id);
    else it->params = MergeParams(it->params, params);
  }
  return engine;
}

const RuleInfo* PolicyEngine::FindRule(std::string_view id) const {
  for (const RuleInfo& rule : rules_) {
    if (rule.definition.id == id) return &rule;
  }
  return nullptr;
}

struct PolicyEngine::PreparedRule {
  const RuleInfo* rule;
  std::set<std::string_view> kinds;  // empty: every kind
  Value context;                     // {objects, params}
  bool narrowed = false;             // `match` names namespaces or labels
  std::string fix_note;              // "fix: <remediation>", or empty
  // Runs only where an annotation suppresses it, and reports nothing
  // (LintOptions::dropped_rules).
  bool only_counts_suppressions = false;
};

std::unique_ptr<PolicyEngine::Lane> PolicyEngine::LoadLane() const {
  // The same files, read from the texts the engine already loaded.
  CompileOptions compile_options;
  compile_options.external = external_;
  compile_options.parse_cache = &BuiltinParseCache();
  for (const std::unique_ptr<ModuleInfo>& module : program_->modules) {
    compile_options.overlays.emplace_back(module->path, sources_->Get(module->file).text());
  }
  compile_options.reuse_sources = true;  // the engine's file ids
  auto lane = std::make_unique<Lane>();
  DiagnosticSink ignored;  // the engine's own load reported these already
  lane->program = LoadProgram(*sources_, files_, compile_options, ignored);
  lane->evaluator = std::make_unique<PolicyEvaluator>(*lane->program, *sources_, compile_options.limits, lane->sink);
  lane->policies = lane->evaluator->LoadPolicies();
  lane->sink = DiagnosticSink();
  return lane;
}

namespace {

void AddFinding(std::vector<std::vector<Diagnostic>>& blocks, Diagnostic&& finding) {
  constexpr size_t kBlock = 1024;
  if (blocks.empty() || blocks.back().size() == kBlock) {
    blocks.emplace_back();
    blocks.back().reserve(kBlock);
  }
  blocks.back().push_back(std::move(finding));
}

size_t CountFindings(const std::vector<std::vector<Diagnostic>>& blocks) {
  size_t count = 0;
  for (const std::vector<Diagnostic>& block : blocks) count += block.size();
  return count;
}

// Appends the blocks' findings to the sink, in order, emptying the blocks.
void MoveFindings(std::vector<std::vector<Diagnostic>>& blocks, DiagnosticSink& sink) {
  std::vector<Diagnostic>& out = sink.mutable_diagnostics();
  sink.Reserve(out.size() + CountFindings(blocks));  // nothing to do if the caller reserved for more
  for (std::vector<Diagnostic>& block : blocks) {
    out.insert(out.end(), std::make_move_iterator(block.begin()), std::make_move_iterator(block.end()));
    std::vector<Diagnostic>().swap(block);
  }
  blocks.clear();
}

}  // namespace

void PolicyEngine::LintRange(PolicyEvaluator& evaluator, const std::vector<PreparedRule>& rules,
                             const std::vector<const PolicyDefinition*>& definitions,
                             const std::vector<Value>& objects, size_t begin, size_t end,
                             const std::vector<std::vector<AnnotationSuppression>>& suppressions,
                             const SourceManager& sources, FindingBlocks& findings, LintStats& stats,
                             std::vector<double>* rule_seconds) {
  // Object by object, every rule in turn: an object's fields stay in the
  // cache while all rules read them (rule by rule, large inputs spent most
  // of their time on cache misses). The rules of each kind are found once
  // per kind rather than once per object.
  std::unordered_map<std::string_view, std::vector<uint32_t>> rules_of_kind;
  // An object's findings are added in report order: objects come in the
  // order of the input, so each thread's findings are one run in order that
  // the final sort only merges.
  std::vector<Diagnostic> of_object;
  for (size_t index = begin; index < end; ++index) {
    const Value& object = objects[index];
    if (!object.IsMap()) continue;
    const std::string_view kind = KindOf(object);
    auto found = rules_of_kind.find(kind);
    if (found == rules_of_kind.end()) {
      std::vector<uint32_t> applicable;
      for (uint32_t r = 0; r < rules.size(); ++r) {
        if (rules[r].kinds.empty() || rules[r].kinds.count(kind)) applicable.push_back(r);
      }
      found = rules_of_kind.emplace(kind, std::move(applicable)).first;
    }
    for (const uint32_t r : found->second) {
      const PreparedRule& entry = rules[r];
      if (entry.narrowed && !PolicyMatches(entry.rule->definition, object)) continue;
      const RuleInfo& rule = *entry.rule;
      const std::string& id = rule.definition.id;
      // (A placeholder is no reason: it suppresses nothing.)
      bool suppressed = std::any_of(suppressions[index].begin(), suppressions[index].end(),
                                    [&](const AnnotationSuppression& s) {
                                      return s.reason != ReasonKind::kPlaceholder && s.rules.count(id) > 0;
                                    });
      if (entry.only_counts_suppressions && !suppressed) continue;
      const auto started = rule_seconds ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point();
      std::vector<PolicyViolation> violations = evaluator.Run(*definitions[r], object, entry.context);
      if (rule_seconds) {
        (*rule_seconds)[r] += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      }
      for (PolicyViolation& violation : violations) {
        if (suppressed) {
          ++stats.suppressed;
          continue;
        }
        ++stats.findings;
        Diagnostic finding;
        finding.code = DiagnosticCode::W1001;
        finding.severity = rule.severity;
        finding.range = AnchorFinding(object, violation.range, sources);
        finding.message = std::move(violation.message);
        finding.rule = id;
        if (!entry.fix_note.empty()) finding.notes.push_back(entry.fix_note);
        of_object.push_back(std::move(finding));
      }
    }
    std::sort(of_object.begin(), of_object.end(), ReportOrder);
    for (Diagnostic& finding : of_object) AddFinding(findings, std::move(finding));
    of_object.clear();
  }
}

namespace {

bool InScope(const PolicyDefinition& definition, PolicyEngine::LintOptions::Rules rules) {
  using Rules = PolicyEngine::LintOptions::Rules;
  return rules == Rules::kAll || (rules == Rules::kCrossObject) == definition.reads_other_objects;
}

}  // namespace

std::vector<PolicyEngine::PreparedRule> PolicyEngine::PrepareRules(const Value& all_objects,
                                                                   const LintOptions& options) const {
  const std::set<std::string, std::less<>>& dropped_rules = options.dropped_rules;
  std::vector<PreparedRule> rules;
  for (const RuleInfo& rule : rules_) {
    if (!rule.enabled || !InScope(rule.definition, options.rules)) continue;
    const PolicyDefinition& definition = rule.definition;
    rules.push_back({&rule, std::set<std::string_view>(definition.kinds.begin(), definition.kinds.end()),
                     Value::Map({{"objects", {}, all_objects},
                                 {"params", {}, rule.params.IsMap() ? rule.params : Value::Map({})}}),
                     !definition.namespaces.empty() || definition.labels.IsMap(),
                     definition.remediation.empty() ? std::string() : "fix: " + definition.remediation,
                     dropped_rules.count(definition.id) > 0});
  }
  return rules;
}

bool PolicyEngine::LaneDefinitions(const Lane& lane, const std::vector<PreparedRule>& prepared,
                                   std::vector<const PolicyDefinition*>& definitions) {
  for (const PreparedRule& entry : prepared) {
    auto it = std::find_if(lane.policies.begin(), lane.policies.end(),
                           [&](const PolicyDefinition& d) { return d.id == entry.rule->definition.id; });
    if (it == lane.policies.end()) return false;
    definitions.push_back(&*it);
  }
  return true;
}

void PolicyEngine::LintOnThreads(size_t jobs, const std::vector<PreparedRule>& prepared,
                                 const std::vector<const PolicyDefinition*>& definitions,
                                 const std::vector<Value>& objects, const ReadSuppressions& read_suppressions,
                                 const std::vector<std::vector<AnnotationSuppression>>& suppressions,
                                 const LintOptions& options, DiagnosticSink& sink, LintStats& stats) {
  if (lanes_.size() < jobs - 1) lanes_.resize(jobs - 1);  // each thread fills its own slot
  struct Share {
    std::vector<PreparedRule> rules;  // lane 0 uses `prepared`
    std::vector<const PolicyDefinition*> definitions;
    DiagnosticSink sink;     // malformed suppressions
    FindingBlocks findings;
    LintStats stats;
    bool suppressions_read = false;
    bool done = false;
    std::exception_ptr error;
  };
  std::vector<Share> shares(jobs);
  shares[0].definitions = definitions;
  auto begin = [&](size_t j) { return objects.size() * j / jobs; };
  // Lane j's rules: its own definitions and context values (copies of one
  // shared value would make the threads fight over its reference count).
  // False if the lane lacks a rule, which cannot happen while lanes load
  // the same texts; its objects are then linted on the calling thread.
  auto prepare = [&](size_t j) {
    shares[j].rules = PrepareRules(Value::List(ValueList(objects.begin(), objects.end())), options);
    return LaneDefinitions(*lanes_[j - 1], prepared, shares[j].definitions);
  };
  auto run = [&](size_t j) {
    try {
      if (j > 0) {
        if (!lanes_[j - 1]) lanes_[j - 1] = LoadLane();
        if (!prepare(j)) return;
      }
      read_suppressions(begin(j), begin(j + 1), shares[j].sink);
      shares[j].suppressions_read = true;
      PolicyEvaluator& evaluator = j == 0 ? *evaluator_ : *lanes_[j - 1]->evaluator;
      LintRange(evaluator, j == 0 ? prepared : shares[j].rules, shares[j].definitions, objects, begin(j),
                begin(j + 1), suppressions, ObjectSources(options), shares[j].findings, shares[j].stats);
      shares[j].done = true;
    } catch (...) {
      shares[j].error = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (size_t j = 1; j < jobs; ++j) threads.emplace_back(run, j);
  run(0);
  for (std::thread& thread : threads) thread.join();
  for (size_t j = 0; j < jobs; ++j) {
    if (shares[j].error) std::rethrow_exception(shares[j].error);
    if (!shares[j].done) {
      if (!shares[j].suppressions_read) read_suppressions(begin(j), begin(j + 1), shares[j].sink);
      LintRange(*evaluator_, prepared, definitions, objects, begin(j), begin(j + 1), suppressions,
                ObjectSources(options), shares[j].findings, shares[j].stats);
    }
  }
  size_t total = sink.diagnostics().size();
  for (const Share& share : shares) total += share.sink.diagnostics().size() + CountFindings(share.findings);
  sink.Reserve(total);
  for (size_t j = 0; j < jobs; ++j) {
    sink.Append(std::move(shares[j].sink));
    MoveFindings(shares[j].findings, sink);
    stats.findings += shares[j].stats.findings;
    stats.suppressed += shares[j].stats.suppressed;
  }
}

std::vector<AnnotationSuppression> PolicyEngine::ReadObjectSuppressions(const Value& object, const LintOptions& options,
                                                                  DiagnosticSink& out) const {
  if (!options.honor_annotations || !object.IsMap()) return {};
  std::vector<AnnotationSuppression> suppressions = ReadAnnotationSuppressions(object);
  if (!options.report_annotation_problems) return suppressions;
  for (const AnnotationSuppression& suppression : suppressions) {
    if (suppression.reason == ReasonKind::kPlaceholder) {
      out.Report(DiagnosticCode::W1003, suppression.range,
                 "`mast.dev/ignore` gives a placeholder instead of a reason, so it suppresses nothing; replace it "
                 "with why the finding is acceptable: \"<rule>[,<rule>]: <why>\"");
    } else if (suppression.reason == ReasonKind::kMissing) {
      out.Report(DiagnosticCode::W1003, suppression.range, "`mast.dev/ignore` needs a reason: \"<rule>[,<rule>]: <why>\"");
    }
    for (const std::string& id : suppression.rules) {
      if (!FindRule(id)) out.Report(DiagnosticCode::W1004, suppression.range, "`mast.dev/ignore` names `" + id + "`, which is no rule");
    }
  }
  return suppressions;
}

struct PolicyEngine::WorkerRules {
  std::vector<PreparedRule> rules;
  std::vector<const PolicyDefinition*> definitions;  // the worker's lane's
};

void PolicyEngine::StartWorkers(size_t workers) {
  if (lanes_.size() + 1 < workers) lanes_.resize(workers - 1);  // each worker fills its own slot
  worker_rules_.clear();
  worker_rules_.resize(workers);
}

bool PolicyEngine::HasCrossObjectRules(const LintOptions& options) const {
  return std::any_of(rules_.begin(), rules_.end(), [&](const RuleInfo& rule) {
    return rule.enabled && rule.definition.reads_other_objects && options.dropped_rules.count(rule.definition.id) == 0;
  });
}

PolicyEngine::LintStats PolicyEngine::LintOnWorker(size_t worker, const std::vector<Value>& objects,
                                                   DiagnosticSink& sink, const LintOptions& options) {
  if (worker >= worker_rules_.size()) StartWorkers(worker + 1);  // (callers start the workers first)
  std::unique_ptr<WorkerRules>& slot = worker_rules_[worker];
  if (!slot) {
    // The worker's own rules and context values (see LintOnThreads).
    slot = std::make_unique<WorkerRules>();
    slot->rules = PrepareRules(Value::List({}), options);
    if (worker == 0) {
      for (const PreparedRule& entry : slot->rules) slot->definitions.push_back(&entry.rule->definition);
    } else {
      if (!lanes_[worker - 1]) lanes_[worker - 1] = LoadLane();
      // The lane loaded the same texts, so it has every rule; were one
      // missing, that rule would not run on this worker.
      if (!LaneDefinitions(*lanes_[worker - 1], slot->rules, slot->definitions)) {
        slot->rules.resize(slot->definitions.size());
      }
    }
  }
  std::vector<std::vector<AnnotationSuppression>> suppressions(objects.size());
  for (size_t i = 0; i < objects.size(); ++i) suppressions[i] = ReadObjectSuppressions(objects[i], options, sink);
  PolicyEvaluator& evaluator = worker == 0 ? *evaluator_ : *lanes_[worker - 1]->evaluator;
  FindingBlocks findings;
  LintStats stats;
  LintRange(evaluator, slot->rules, slot->definitions, objects, 0, objects.size(), suppressions,
            ObjectSources(options), findings, stats);
  MoveFindings(findings, sink);
  return stats;
}

PolicyEngine::LintStats PolicyEngine::Lint(const std::vector<Value>& objects, DiagnosticSink& sink,
                                           const LintOptions& options) {
  LintStats stats;
  Value all = Value::List(ValueList(objects.begin(), objects.end()));
  // Annotation suppressions, per object; read by each thread for its own
  // objects (they are scattered in memory, and reading them is mostly
  // waiting for it).
  std::vector<std::vector<AnnotationSuppression>> suppressions(objects.size());
  auto read_suppressions = [&](size_t begin, size_t end, DiagnosticSink& out) {
    for (size_t i = begin; i < end; ++i) suppressions[i] = ReadObjectSuppressions(objects[i], options, out);
  };
  std::vector<PreparedRule> prepared = PrepareRules(all, options);
  std::vector<const PolicyDefinition*> definitions;
  for (const PreparedRule& entry : prepared) definitions.push_back(&entry.rule->definition);

  // Below this many objects per thread, loading another copy of the
  // policies (about 2 ms) costs more than it saves.
  constexpr size_t kMinObjectsPerJob = 250;
  size_t jobs = ResolveJobs(static_cast<unsigned>(options.jobs));
  jobs = std::max<size_t>(1, std::min(jobs, objects.size() / kMinObjectsPerJob));
  if (jobs > 1 && !options.rule_seconds) {
    LintOnThreads(jobs, prepared, definitions, objects, read_suppressions, suppressions, options, sink, stats);
  } else {
    // One thread (always when timing rules).
    read_suppressions(0, objects.size(), sink);
    std::vector<double> seconds(options.rule_seconds ? prepared.size() : 0, 0.0);
    FindingBlocks findings;
    LintRange(*evaluator_, prepared, definitions, objects, 0, objects.size(), suppressions, ObjectSources(options),
              findings, stats, options.rule_seconds ? &seconds : nullptr);
    MoveFindings(findings, sink);
    for (size_t r = 0; r < seconds.size(); ++r) {
      options.rule_seconds->emplace_back(prepared[r].rule->definition.id, seconds[r]);
    }
  }
  // Errors in policy code, from every lane (lanes report at the engine's
  // file ids, so the same error found on two lanes is one error).
  sink.Append(std::move(load_sink_));
  for (const std::unique_ptr<Lane>& lane : lanes_) {
    if (lane) sink.Append(std::move(lane->sink));
  }
  return stats;
}

}  // namespace mast
