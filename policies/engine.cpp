#include "policies/engine.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include "compiler/base/jobs.h"
#include "compiler/base/spelling.h"
#include "compiler/driver/compile.h"
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

// The objects of one lint: values in memory, or objects given by number.
struct PolicyEngine::ObjectSource {
  const std::vector<Value>* values = nullptr;
  const IndexedObjects* indexed = nullptr;

  size_t size() const { return values ? values->size() : indexed->count; }
  // Object i: in place, or made in `storage`.
  const Value& At(size_t i, Value& storage) const {
    if (values) return (*values)[i];
    storage = indexed->at(i);
    return storage;
  }
  // What the rules of one thread see as `context.objects`: a list of the
  // values, or a handle their lookups resolve through the index while
  // `binding` lives (on that thread).
  Value ContextObjects(std::optional<BindObjectIndex>& binding) const {
    if (values) return Value::List(ValueList(values->begin(), values->end()));
    Value handle = Value::List({Value()});
    const IndexedObjects* objects = indexed;
    binding.emplace(handle, *objects->index, [objects](ObjectIndex::Id id) { return objects->at(id); });
    return handle;
  }
};

void PolicyEngine::LintRange(const RangeJob& job, RuleFindings& findings, LintStats& stats) {
  const std::vector<PreparedRule>& rules = job.rules;
  // Object by object, every rule in turn: an object's fields stay in the
  // cache while all rules read them (rule by rule, large inputs spent most
  // of their time on cache misses). The rules of each kind are found once
  // per kind rather than once per object.
  std::unordered_map<std::string_view, std::vector<uint32_t>> rules_of_kind;
  auto rules_for = [&](std::string_view kind) -> const std::vector<uint32_t>& {
    auto found = rules_of_kind.find(kind);
    if (found != rules_of_kind.end()) return found->second;
    std::vector<uint32_t> applicable;
    for (uint32_t r = 0; r < rules.size(); ++r) {
      if (rules[r].kinds.empty() || rules[r].kinds.count(kind)) applicable.push_back(r);
    }
    return rules_of_kind.emplace(kind, std::move(applicable)).first->second;
  };
  // An object's findings are added in report order: objects come in the
  // order of the input, so each thread's findings are one run in order that
  // the final sort only merges.
  std::vector<RuleFindings::Finding> of_object;
  std::vector<AnnotationSuppression> read;
  Value storage;
  for (size_t index = job.begin; index < job.end; ++index) {
    // Objects given by number are made only if a rule runs on their kind
    // (whose name then outlives the object, as rules_of_kind's keys must).
    std::string_view kind;
    if (job.objects.indexed) {
      kind = job.objects.indexed->kind(index);
      if (rules_for(kind).empty()) continue;
    }
    const Value& object = job.objects.At(index, storage);
    if (!object.IsMap()) continue;
    if (!job.objects.indexed) kind = KindOf(object);
    const std::vector<uint32_t>& applicable = rules_for(kind);
    if (applicable.empty()) continue;
    if (!job.suppressions && job.honor_annotations) read = ReadAnnotationSuppressions(object);
    const std::vector<AnnotationSuppression>& suppressions = job.suppressions ? (*job.suppressions)[index] : read;
    for (const uint32_t r : applicable) {
      const PreparedRule& entry = rules[r];
      if (entry.narrowed && !PolicyMatches(entry.rule->definition, object)) continue;
      const std::string& id = entry.rule->definition.id;
      // (A placeholder is no reason: it suppresses nothing.)
      bool suppressed = std::any_of(suppressions.begin(), suppressions.end(), [&](const AnnotationSuppression& s) {
        return s.reason != ReasonKind::kPlaceholder && s.rules.count(id) > 0;
      });
      if (entry.only_counts_suppressions && !suppressed) continue;
      const auto started =
          job.rule_seconds ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point();
      std::vector<PolicyViolation> violations = job.evaluator.Run(*job.definitions[r], object, entry.context);
      if (job.rule_seconds) {
        (*job.rule_seconds)[r] += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      }
      for (PolicyViolation& violation : violations) {
        if (suppressed) {
          ++stats.suppressed;
          continue;
        }
        ++stats.findings;
        ProvenanceId calls = kNoProvenance;
        const SourceRange anchored = AnchorFinding(object, violation.range, job.sources, job.offset, &calls);
        of_object.push_back({anchored, entry.number, calls, std::move(violation.message)});
      }
    }
    std::sort(of_object.begin(), of_object.end(), [&](const RuleFindings::Finding& a, const RuleFindings::Finding& b) {
      return RuleFindings::InReportOrder(a, b, rules_);
    });
    for (RuleFindings::Finding& finding : of_object) {
      findings.Add(finding.rule, finding.range, std::move(finding.message), finding.calls);
    }
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
                     static_cast<uint32_t>(&rule - rules_.data()),
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

// What one thread of LintOnThreads lints with.
struct PolicyEngine::Share {
  std::optional<BindObjectIndex> binding;  // the lookups' index, on this thread
  std::vector<PreparedRule> rules;
  std::vector<const PolicyDefinition*> definitions;
  std::exception_ptr error;
};

// What linting one piece of the objects found.
struct PolicyEngine::Piece {
  DiagnosticSink sink;  // malformed suppressions
  RuleFindings findings;
  LintStats stats;
};

void PolicyEngine::LintOnThreads(size_t jobs, const ObjectSource& objects, const std::vector<PreparedRule>& prepared,
                                 const ReadSuppressions& read_suppressions, const Suppressions* suppressions,
                                 const LintOptions& options, DiagnosticSink& sink, RuleFindings& found,
                                 LintStats& stats) {
  if (lanes_.size() < jobs - 1) lanes_.resize(jobs - 1);  // each thread fills its own slot
  std::vector<Share> shares(jobs);
  std::vector<const PolicyDefinition*> definitions;
  for (const PreparedRule& entry : prepared) definitions.push_back(&entry.rule->definition);
  shares[0].definitions = definitions;
  // The objects go out in pieces to whichever thread is free: a thread that
  // first loads its copy of the policies starts late and takes fewer. The
  // pieces' results are joined in object order, as one thread would have
  // made them.
  const size_t piece_count = (objects.size() + kObjectsPerPiece - 1) / kObjectsPerPiece;
  std::vector<Piece> pieces(piece_count);
  std::atomic<size_t> next_piece{0};
  // Lane j's rules: its own definitions and context values (copies of one
  // shared value would make the threads fight over its reference count).
  // False if the lane lacks a rule, which cannot happen while lanes load
  // the same texts; the other threads then lint its pieces.
  auto prepare = [&](size_t j) {
    shares[j].rules = PrepareRules(objects.ContextObjects(shares[j].binding), options);
    return LaneDefinitions(*lanes_[j - 1], prepared, shares[j].definitions);
  };
  auto run = [&](size_t j) {
    try {
      if (j > 0) {
        if (!lanes_[j - 1]) lanes_[j - 1] = LoadLane();
        if (!prepare(j)) return;
      }
      PolicyEvaluator& evaluator = j == 0 ? *evaluator_ : *lanes_[j - 1]->evaluator;
      const std::vector<PreparedRule>& rules = j == 0 ? prepared : shares[j].rules;
      for (size_t p = next_piece.fetch_add(1); p < piece_count; p = next_piece.fetch_add(1)) {
        const size_t begin = p * kObjectsPerPiece;
        const size_t end = std::min(objects.size(), begin + kObjectsPerPiece);
        read_suppressions(begin, end, pieces[p].sink);
        LintRange({evaluator, rules, shares[j].definitions, objects, ObjectSources(options), begin, end, suppressions,
                   options.honor_annotations, nullptr},
                  pieces[p].findings, pieces[p].stats);
      }
    } catch (...) {
      shares[j].error = std::current_exception();
    }
    shares[j].binding.reset();
  };
  std::vector<std::thread> threads;
  for (size_t j = 1; j < jobs; ++j) threads.emplace_back(run, j);
  run(0);
  for (std::thread& thread : threads) thread.join();
  for (const Share& share : shares) {
    if (share.error) std::rethrow_exception(share.error);
  }
  for (Piece& piece : pieces) {
    sink.Append(std::move(piece.sink));
    found.Append(std::move(piece.findings));
    stats.findings += piece.stats.findings;
    stats.suppressed += piece.stats.suppressed;
  }
}

std::vector<AnnotationSuppression> PolicyEngine::ReadObjectSuppressions(const Value& object, const LintOptions& options,
                                                                  DiagnosticSink& out, uint32_t offset) const {
  if (!options.honor_annotations || !object.IsMap()) return {};
  std::vector<AnnotationSuppression> suppressions = ReadAnnotationSuppressions(object);
  for (AnnotationSuppression& suppression : suppressions) {
    suppression.range = ShiftedInFile(suppression.range, object.origin().file, offset);
  }
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

bool PolicyEngine::HasCrossObjectRules(const LintOptions& options) const { return !CrossObjectRules(options).empty(); }

std::vector<const PolicyDefinition*> PolicyEngine::CrossObjectRules(const LintOptions& options) const {
  std::vector<const PolicyDefinition*> out;
  for (const RuleInfo& rule : rules_) {
    if (rule.enabled && rule.definition.reads_other_objects && options.dropped_rules.count(rule.definition.id) == 0) {
      out.push_back(&rule.definition);
    }
  }
  return out;
}

PolicyEngine::LintStats PolicyEngine::LintOnWorker(size_t worker, const std::vector<Value>& objects,
                                                   DiagnosticSink& sink, RuleFindings& found,
                                                   const LintOptions& options, uint32_t offset) {
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
  Suppressions suppressions(objects.size());
  for (size_t i = 0; i < objects.size(); ++i) {
    suppressions[i] = ReadObjectSuppressions(objects[i], options, sink, offset);
  }
  PolicyEvaluator& evaluator = worker == 0 ? *evaluator_ : *lanes_[worker - 1]->evaluator;
  LintStats stats;
  const ObjectSource source{&objects, nullptr};
  LintRange({evaluator, slot->rules, slot->definitions, source, ObjectSources(options), 0, objects.size(),
             &suppressions, options.honor_annotations, nullptr, offset},
            found, stats);
  return stats;
}

PolicyEngine::LintStats PolicyEngine::Lint(const std::vector<Value>& objects, DiagnosticSink& sink,
                                           const LintOptions& options) {
  RuleFindings found;
  const LintStats stats = LintSource(ObjectSource{&objects, nullptr}, sink, found, options);
  found.MoveTo(sink.mutable_diagnostics(), rules_, &ObjectSources(options).provenance());
  AppendPolicyErrors(sink);
  return stats;
}

PolicyEngine::LintStats PolicyEngine::LintIndexed(const IndexedObjects& objects, DiagnosticSink& sink,
                                                  RuleFindings& found, const LintOptions& options) {
  LintOptions unreported = options;
  unreported.report_annotation_problems = false;
  const LintStats stats = LintSource(ObjectSource{nullptr, &objects}, sink, found, unreported);
  AppendPolicyErrors(sink);
  return stats;
}

void PolicyEngine::AppendPolicyErrors(DiagnosticSink& sink) {
  // From every lane (lanes report at the engine's file ids, so the same
  // error found on two lanes is one error).
  sink.Append(std::move(load_sink_));
  for (const std::unique_ptr<Lane>& lane : lanes_) {
    if (lane) sink.Append(std::move(lane->sink));
  }
}

PolicyEngine::LintStats PolicyEngine::LintSource(const ObjectSource& objects, DiagnosticSink& sink,
                                                 RuleFindings& found, const LintOptions& options) {
  LintStats stats;
  std::optional<BindObjectIndex> binding;  // this thread's, for lane 0
  std::vector<PreparedRule> prepared = PrepareRules(objects.ContextObjects(binding), options);
  // Annotation suppressions, per object, for a list of values; read by each
  // thread for its own objects (they are scattered in memory, and reading
  // them is mostly waiting for it). Objects given by number are read as
  // they are linted.
  Suppressions suppressions(objects.values ? objects.size() : 0);
  ReadSuppressions read_suppressions = [&](size_t begin, size_t end, DiagnosticSink& out) {
    if (!objects.values) return;
    for (size_t i = begin; i < end; ++i) suppressions[i] = ReadObjectSuppressions((*objects.values)[i], options, out);
  };
  const Suppressions* by_object = objects.values ? &suppressions : nullptr;
  // Below this many objects per thread, loading another copy of the
  // policies (about 2 ms) costs more than it saves.
  constexpr size_t kMinObjectsPerJob = 250;
  size_t jobs = ResolveJobs(static_cast<unsigned>(options.jobs));
  jobs = std::max<size_t>(1, std::min(jobs, objects.size() / kMinObjectsPerJob));
  if (jobs > 1 && !options.rule_seconds) {
    LintOnThreads(jobs, objects, prepared, read_suppressions, by_object, options, sink, found, stats);
  } else {
    // One thread (always when timing rules).
    read_suppressions(0, objects.size(), sink);
    std::vector<const PolicyDefinition*> definitions;
    for (const PreparedRule& entry : prepared) definitions.push_back(&entry.rule->definition);
    std::vector<double> seconds(options.rule_seconds ? prepared.size() : 0, 0.0);
    LintRange({*evaluator_, prepared, definitions, objects, ObjectSources(options), 0, objects.size(), by_object,
               options.honor_annotations, options.rule_seconds ? &seconds : nullptr},
              found, stats);
    for (size_t r = 0; r < seconds.size(); ++r) {
      options.rule_seconds->emplace_back(prepared[r].rule->definition.id, seconds[r]);
    }
  }
  return stats;
}

}  // namespace mast
