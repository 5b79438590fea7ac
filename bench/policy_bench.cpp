// Times the policy linter on YAML manifests: the whole default rule set, and
// each rule alone, so that a slow rule stands out.
//
//   mast_policy_bench [--all] [--per-rule] [--profile] [--schema] [--policy F] [--no-builtin] [--repeat N] [--jobs N] FILE.yaml...
//
//   --all        enable every rule, also those that are off by default
//   --per-rule   also time each rule alone (one engine per rule)
//   --profile    also time each rule inside one run of all rules (so a
//                rule's share of helpers it has in common with others is
//                counted where the helper first runs for an object)
//   --repeat N   lint N times and report the fastest run (default 3)
//   --jobs N     lint on N threads (default 1; 0 = one per core); the
//                wall time is reported next to the CPU time
//   --policy F   also load the custom policy file F (repeatable)
//   --no-builtin leave out the built-in policies
//   --schema     also time the schema check of `mast check` (CheckManifests,
//                one job) on the same files, for comparison
//
// Prints the number of objects and findings and the lint time in CPU seconds
// (reading the YAML and loading the policies are timed separately). Built by
// tests/policies/CMakeLists.txt as the target `mast_policy_bench`.
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/base/file_io.h"
#include "compiler/yaml/yaml_reader.h"
#include "policies/engine.h"
#include "schemas/check/check.h"

namespace mast {
namespace {

// CPU time of this process: steadier than wall time on a busy machine (the
// linter is single-threaded).
struct Clock {
  using time_point = double;
  static time_point now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
};

double Seconds(Clock::time_point since) { return Clock::now() - since; }

struct Options {
  bool all = false;
  bool per_rule = false;
  bool profile = false;
  bool schema = false;
  bool builtin = true;
  std::vector<std::string> policies;
  int repeat = 3;
  size_t jobs = 1;
  std::vector<std::string> files;
};

double WallSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Lints `objects` `repeat` times; returns the fastest time and the last
// run's diagnostics.
double TimeLint(PolicyEngine& engine, const std::vector<Value>& objects, int repeat, size_t jobs,
                DiagnosticSink* last, double* best_wall = nullptr) {
  double best = 1e30;
  double wall = 1e30;
  PolicyEngine::LintOptions lint;
  lint.jobs = jobs;
  for (int i = 0; i < repeat; ++i) {
    DiagnosticSink sink;
    Clock::time_point start = Clock::now();
    double wall_start = WallSeconds();
    engine.Lint(objects, sink, lint);
    best = std::min(best, Seconds(start));
    wall = std::min(wall, WallSeconds() - wall_start);
    if (i == repeat - 1) *last = std::move(sink);
  }
  if (best_wall) *best_wall = wall;
  return best;
}

// Reads the YAML documents of `options.files`; false if one cannot be read.
bool ReadObjects(const Options& options, SourceManager& sources, std::vector<Value>& objects) {
  Clock::time_point read_start = Clock::now();
  for (const std::string& path : options.files) {
    std::string text;
    std::string error;
    if (!ReadFileToString(path, &text, &error, size_t{1} << 30)) {
      std::fprintf(stderr, "mast_policy_bench: cannot read %s: %s\n", path.c_str(), error.c_str());
      return false;
    }
    FileId file = sources.Add(path, std::move(text));
    DiagnosticSink sink;
    for (YamlDocument& document : ReadYamlStream(file, sources.Get(file).text(), sink)) {
      if (!document.empty) objects.push_back(std::move(document.value));
    }
    if (sink.HasErrors()) std::fprintf(stderr, "mast_policy_bench: %s has YAML errors\n", path.c_str());
  }
  std::printf("read %zu objects in %.3f s\n", objects.size(), Seconds(read_start));
  return true;
}

// The engine to time (with --all, every rule on), and the ids of its rules.
std::unique_ptr<PolicyEngine> LoadEngine(const Options& options, SourceManager& sources, std::vector<std::string>& ids) {
  Clock::time_point load_start = Clock::now();
  DiagnosticSink load_sink;
  PolicyOptions policy_options;
  policy_options.builtin = options.builtin;
  policy_options.policy_files = options.policies;
  std::unique_ptr<PolicyEngine> probe = PolicyEngine::Load(sources, policy_options, nullptr, load_sink);
  for (const RuleInfo& rule : probe->rules()) ids.push_back(rule.definition.id);
  if (options.all) {
    for (const std::string& id : ids) {
      const RuleInfo* rule = probe->FindRule(id);
      policy_options.severity[id] = rule->definition.enabled_by_default ? std::string(SeverityName(rule->severity)) : "warning";
    }
  }
  std::unique_ptr<PolicyEngine> engine = PolicyEngine::Load(sources, policy_options, nullptr, load_sink);
  std::printf("loaded %zu rules in %.3f s\n", ids.size(), Seconds(load_start) / 2);
  if (load_sink.empty()) return engine;
  for (const Diagnostic& d : load_sink.diagnostics()) std::fprintf(stderr, "load: %s\n", d.message.c_str());
  return nullptr;
}

// Times all rules together; prints the findings per rule and the errors in
// policy code. Returns the number of those errors.
size_t TimeAllRules(const Options& options, const SourceManager& sources, PolicyEngine& engine,
                    const std::vector<Value>& objects) {
  DiagnosticSink findings;
  double wall = 0;
  double total = TimeLint(engine, objects, options.repeat, options.jobs, &findings, &wall);
  std::map<std::string, size_t> by_rule;
  std::map<std::string, size_t> policy_errors;  // "file:line: message" -> count
  size_t errors = 0;
  for (const Diagnostic& d : findings.diagnostics()) {
    if (!d.rule.empty()) {
      ++by_rule[d.rule.str()];
      continue;
    }
    ++errors;
    std::string where = "?";
    if (d.range.IsValid()) {
      const SourceFile& file = sources.Get(d.range.file);
      where = file.path() + ":" + std::to_string(file.ToLineColumn(d.range.begin).line);
    }
    ++policy_errors[where + ": " + d.message];
  }
  for (const auto& [error, count] : policy_errors) std::fprintf(stderr, "policy error (x%zu): %s\n", count, error.c_str());
  std::printf("linted %zu objects with %s rules in %.3f s CPU, %.3f s wall on %zu job(s) (fastest of %d): "
              "%zu findings, %zu policy errors\n",
              objects.size(), options.all ? "all" : "the default", total, wall, options.jobs, options.repeat,
              findings.diagnostics().size() - errors, errors);
  for (const auto& [rule, count] : by_rule) std::printf("  %-42s %zu\n", rule.c_str(), count);
  return errors;
}

// --schema: the schema check of the same files, for comparison.
void TimeSchemaCheck(const Options& options) {
  double best = 1e30;
  size_t diagnostics = 0;
  for (int i = 0; i < options.repeat; ++i) {
    ManifestCheckOptions check;
    check.paths = options.files;
    Clock::time_point start = Clock::now();
    ManifestCheckResult result = CheckManifests(check);
    best = std::min(best, Seconds(start));
    diagnostics = result.diagnostics.size();
  }
  std::printf("schema check (read + validate, 1 job) in %.3f s (fastest of %d): %zu diagnostics\n", best,
              options.repeat, diagnostics);
}

// --profile: each rule's share of one run of all rules.
void ProfileRules(PolicyEngine& engine, const std::vector<Value>& objects) {
  std::vector<std::pair<std::string, double>> seconds;
  PolicyEngine::LintOptions lint;
  lint.rule_seconds = &seconds;
  DiagnosticSink sink;
  engine.Lint(objects, sink, lint);
  double total = 0;
  for (const auto& entry : seconds) total += entry.second;
  std::sort(seconds.begin(), seconds.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::printf("profile (all rules together, %.3f s in rules):\n", total);
  for (const auto& [id, s] : seconds) std::printf("  %-42s %.3f s  %4.1f%%\n", id.c_str(), s, 100.0 * s / total);
}

// --per-rule: each rule alone, in an engine of its own.
void TimeEachRule(const Options& options, SourceManager& sources, const std::vector<std::string>& ids,
                  const std::vector<Value>& objects) {
  std::vector<std::pair<double, std::string>> times;
  for (const std::string& id : ids) {
    PolicyOptions one;
    one.builtin = options.builtin;
    one.policy_files = options.policies;
    for (const std::string& other : ids) one.severity[other] = other == id ? "warning" : "off";
    DiagnosticSink sink;
    std::unique_ptr<PolicyEngine> single = PolicyEngine::Load(sources, one, nullptr, sink);
    DiagnosticSink last;
    times.push_back({TimeLint(*single, objects, options.repeat, 1, &last), id});
  }
  std::sort(times.rbegin(), times.rend());
  std::printf("per rule (alone):\n");
  for (const auto& [seconds, id] : times) std::printf("  %-42s %.3f s\n", id.c_str(), seconds);
}

int Run(const Options& options) {
  SourceManager sources;
  std::vector<Value> objects;
  if (!ReadObjects(options, sources, objects)) return 2;
  std::vector<std::string> ids;
  std::unique_ptr<PolicyEngine> engine = LoadEngine(options, sources, ids);
  if (!engine) return 1;
  const size_t errors = TimeAllRules(options, sources, *engine, objects);
  if (options.schema) TimeSchemaCheck(options);
  if (options.profile) ProfileRules(*engine, objects);
  if (options.per_rule) TimeEachRule(options, sources, ids, objects);
  return errors == 0 ? 0 : 1;
}

}  // namespace
}  // namespace mast

int main(int argc, char** argv) {
  mast::Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--all") options.all = true;
    else if (arg == "--per-rule") options.per_rule = true;
    else if (arg == "--profile") options.profile = true;
    else if (arg == "--schema") options.schema = true;
    else if (arg == "--no-builtin") options.builtin = false;
    else if (arg == "--policy" && i + 1 < argc) options.policies.push_back(argv[++i]);
    else if (arg == "--repeat" && i + 1 < argc) options.repeat = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--jobs" && i + 1 < argc) options.jobs = static_cast<size_t>(std::max(0, std::atoi(argv[++i])));
    else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "usage: mast_policy_bench [--all] [--per-rule] [--profile] [--schema] [--policy F] [--no-builtin] [--repeat N] [--jobs N] FILE.yaml...\n");
      return 2;
    }
    else options.files.push_back(arg);
  }
  if (options.files.empty()) {
    std::fprintf(stderr, "usage: mast_policy_bench [--all] [--per-rule] [--profile] [--schema] [--policy F] [--no-builtin] [--repeat N] [--jobs N] FILE.yaml...\n");
    return 2;
  }
  return mast::Run(options);
}
