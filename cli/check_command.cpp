// `mast check`: validate manifests and print the findings in the requested
// format. The engine is schemas/check (CheckManifests); this file only turns
// its result into output and an exit code.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "compiler/base/file_io.h"
#include "compiler/base/jobs.h"
#include "compiler/base/output_file.h"
#include "compiler/diagnostics/render.h"
#include "policies/baseline.h"
#include "policies/config.h"
#include "policies/engine.h"
#include "policies/findings.h"
#include "policies/suppressions.h"
#include "schemas/catalog_choice.h"
#include "schemas/check/check.h"
#include "schemas/kube_catalog.h"
#include "schemas/rules/server_rules.h"

namespace mast::cli {
namespace {

std::string_view StatusName(ObjectStatus status) {
  switch (status) {
    case ObjectStatus::kValid: return "valid";
    case ObjectStatus::kInvalid: return "invalid";
    case ObjectStatus::kSkipped: return "skipped";
  }
  return "";
}

// "; 3 inputs ignored by --ignore, 4 by /repo/.mast.yaml", or "".
std::string IgnoredText(const ManifestCheckResult& result, const std::string& config_path) {
  std::string text;
  if (result.ignored > 0) text += Plural(result.ignored, "input") + " ignored by --ignore";
  if (result.ignored_by_config > 0) {
    text += text.empty() ? Plural(result.ignored_by_config, "input") + " ignored by "
                         : ", " + std::to_string(result.ignored_by_config) + " by ";
    text += config_path;
  }
  return text;
}

// "mast check: 12 objects in 5 files: 10 valid, 1 invalid, 1 skipped; 3
// errors, 1 warning, 2 suppressed; 1 input skipped as not Kubernetes
// manifests; 4 inputs ignored by --ignore"
std::string SummaryLine(const ManifestCheckResult& result, const std::string& config_path, size_t suppressed,
                        size_t baselined, bool verbose) {
  std::string line = "mast check: " + Plural(result.objects.size(), "object") + " in " +
                     Plural(result.inputs.size(), "file") + ": " +
                     std::to_string(result.CountObjects(ObjectStatus::kValid)) + " valid, " +
                     std::to_string(result.CountObjects(ObjectStatus::kInvalid)) + " invalid, " +
                     std::to_string(result.CountObjects(ObjectStatus::kSkipped)) + " skipped; " +
                     FindingsSummary(CountFindings(result.diagnostics), suppressed, baselined);
  if (result.skipped_files > 0) {
    line += "; " + Plural(result.skipped_files, "input") + " skipped as not Kubernetes manifests";
    if (!verbose) line += " (--verbose says which)";
  }
  if (const std::string ignored = IgnoredText(result, config_path); !ignored.empty()) line += "; " + ignored;
  return line + "\n";
}

std::string ObjectOf(const ManifestCheckResult& result, size_t diagnostic) {
  const uint32_t object = result.diagnostic_objects[diagnostic];
  return object == kNoObject ? std::string() : result.objects[object].DisplayName();
}

std::string RenderJsonReport(const ManifestCheckResult& result, const std::string& config_path,
                             const std::string& rules_uri) {
  using Json = nlohmann::ordered_json;
  Json diagnostics = Json::parse(RenderJson(result.sources, result.diagnostics));
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    const std::string object = ObjectOf(result, i);
    if (!object.empty()) diagnostics[i]["object"] = object;
    // Policy findings link to their rule's section of the rule reference.
    if (!result.diagnostics[i].rule.empty()) diagnostics[i]["helpUri"] = RuleHelpUri(result.diagnostics[i].rule, rules_uri);
  }
  Json objects = Json::array();
  for (const CheckedObject& object : result.objects) {
    Json entry;
    const CheckedInput& input = result.inputs[object.input];
    entry["file"] = input.path;
    if (object.range.IsValid() && result.sources.Has(object.range.file)) {
      entry["line"] = result.sources.Get(object.range.file).ToLineColumn(object.range.begin).line;
    }
    entry["apiVersion"] = object.api_version;
    entry["kind"] = object.kind;
    entry["namespace"] = object.namespace_name;
    entry["name"] = object.name;
    entry["status"] = StatusName(object.status);
    objects.push_back(std::move(entry));
  }
  Json summary;
  summary["files"] = result.inputs.size();
  summary["objects"] = result.objects.size();
  summary["valid"] = result.CountObjects(ObjectStatus::kValid);
  summary["invalid"] = result.CountObjects(ObjectStatus::kInvalid);
  summary["skipped"] = result.CountObjects(ObjectStatus::kSkipped);
  summary["skippedFiles"] = result.skipped_files;
  summary["errors"] = result.ErrorCount();
  summary["warnings"] = result.diagnostics.size() - result.ErrorCount();
  Json ignored;
  ignored["byOption"] = result.ignored;
  ignored["byConfig"] = result.ignored_by_config;
  if (!config_path.empty()) ignored["config"] = config_path;
  summary["ignored"] = std::move(ignored);
  Json report;
  report["summary"] = std::move(summary);
  report["objects"] = std::move(objects);
  // What was not checked as a manifest, and why (--verbose prints the same).
  Json skipped = Json::array();
  for (const SkippedInput& input : result.skipped_inputs) skipped.push_back({{"path", input.path}, {"reason", input.reason}});
  report["skippedInputs"] = std::move(skipped);
  report["diagnostics"] = std::move(diagnostics);
  return report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// One JUnit case per object, plus one per file for findings that belong to
// no object (syntax errors, unreadable files).
std::string RenderJunitReport(const ManifestCheckResult& result) {
  std::vector<JunitCase> cases;
  std::vector<size_t> case_of_object(result.objects.size());
  std::vector<std::vector<size_t>> file_level(result.inputs.size());
  std::vector<size_t> unplaced;
  for (size_t i = 0; i < result.objects.size(); ++i) {
    const CheckedObject& object = result.objects[i];
    JunitCase c;
    c.suite = result.inputs[object.input].path;
    c.name = object.DisplayName();
    c.skipped = object.status == ObjectStatus::kSkipped;
    if (c.skipped) c.skipped_message = "no schema for `" + object.api_version + "` `" + object.kind + "`";
    case_of_object[i] = cases.size();
    cases.push_back(std::move(c));
  }
  for (size_t i = 0; i < result.diagnostics.size(); ++i) {
    const uint32_t object = result.diagnostic_objects[i];
    if (object != kNoObject) {
      cases[case_of_object[object]].diagnostics.push_back(i);
      continue;
    }
    const SourceRange range = result.diagnostics[i].range;
    bool placed = false;
    for (size_t input = 0; input < result.inputs.size() && range.IsValid(); ++input) {
      if (result.inputs[input].file == range.file) {
        file_level[input].push_back(i);
        placed = true;
        break;
      }
    }
    if (!placed) unplaced.push_back(i);
  }
  for (size_t input = 0; input < result.inputs.size(); ++input) {
    if (file_level[input].empty()) continue;
    cases.push_back({result.inputs[input].path, "(file)", file_level[input], false, ""});
  }
  if (!unplaced.empty()) cases.push_back({"mast check", "(setup)", unplaced, false, ""});
  return RenderJunit(result.sources, result.diagnostics, cases, "mast check");
}

bool UseColor(ColorMode mode, bool to_terminal) {
  return mode == ColorMode::kAlways || (mode == ColorMode::kAuto && to_terminal && !std::getenv("NO_COLOR"));
}

struct PolicyOutcome {
  bool ok = true;
  size_t suppressed = 0;
  size_t baselined = 0;
  // The loaded rules, for SARIF's rule descriptions.
  std::map<std::string, SarifRenderOptions::RuleMetadata, std::less<>> rules;
};

// What one check holds in memory: every object's values, the findings and
// the policy programs. Like `mast build`'s, it is never freed: the process
// exits right after, and tearing down 10,000 objects' values costs a tenth
// of the run. A global keeps it reachable, so leak checkers do not report it.
struct CheckState {
  ManifestCheckResult result;
  std::unique_ptr<PolicyStream> stream;
  std::unique_ptr<PolicyEngine> engine;
};
CheckState* kept_check_state = nullptr;

// The configuration was read into its own SourceManager; findings about
// it must point into the run's.
void AddConfigFile(const SourceManager& config_sources, SourceManager& sources, PolicyOptions& policies) {
  FileId config_file = kNoFile;
  for (auto& [rule, where] : policies.where) {
    if (!where.IsValid() || !config_sources.Has(where.file)) continue;
    if (config_file == kNoFile) {
      const SourceFile& file = config_sources.Get(where.file);
      config_file = sources.Add(file.path(), file.text());
    }
    where.file = config_file;
  }
}

FindingsOptions FindingsOptionsFor(const CheckOptions& options) {
  FindingsOptions findings_options;
  findings_options.policies = options.policies;
  findings_options.suppressions = options.suppressions;
  findings_options.schema_checks = options.schema_checks;
  findings_options.baseline = options.baseline;
  findings_options.jobs = options.jobs;
  return findings_options;
}

// Lints every object of the run together (so cross-object rules see them
// all; `stream`, when it started, linted the single-object rules while the
// objects were read), applies suppressions and the baseline
// (policies/findings.h), and attributes each finding to its object.
PolicyOutcome RunPolicies(const CheckOptions& options, const MastConfig& config, const SourceManager& config_sources,
                          const KubeCatalog* catalog, const std::string& rules_uri, ManifestCheckResult& result,
                          PolicyStream* stream, std::unique_ptr<PolicyEngine>& kept_engine) {
  PolicyOutcome outcome;
  PolicyOptions policy_options = config.policies;
  if (stream == nullptr || !stream->started()) AddConfigFile(config_sources, result.sources, policy_options);
  FindingsOptions findings_options = FindingsOptionsFor(options);
  findings_options.stream = stream;
  Findings findings = CollectFindings(result.sources, std::move(result.diagnostics), result.objects, policy_options,
                                      catalog, findings_options);
  kept_engine = std::move(findings.loaded_engine);
  if (findings.engine != nullptr) {
    for (const RuleInfo& rule : findings.engine->rules()) {
      const PolicyDefinition& d = rule.definition;
      outcome.rules.emplace(d.id, SarifRenderOptions::RuleMetadata{d.description, d.rationale, d.remediation,
                                                                   RuleHelpUri(d.id, rules_uri), rule.severity});
    }
  }
  if (!findings.baseline_error.empty()) {
    std::fprintf(stderr, "mast: error[E0901]: cannot use the baseline %s: %s\n", options.baseline.c_str(),
                 findings.baseline_error.c_str());
    outcome.ok = false;
    return outcome;
  }
  outcome.suppressed = findings.suppressed;
  outcome.baselined = findings.baselined;
  result.diagnostics = std::move(findings.diagnostics);
  // Findings in input order; the object of each is found from its position.
  std::vector<uint32_t> by_position(result.objects.size());
  for (uint32_t o = 0; o < by_position.size(); ++o) by_position[o] = o;
  auto key = [&](uint32_t o) { return std::make_pair(result.objects[o].range.file, result.objects[o].range.begin); };
  std::sort(by_position.begin(), by_position.end(), [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
  result.diagnostic_objects.assign(result.diagnostics.size(), kNoObject);
  // The findings are sorted by position too: one walk over both.
  size_t after = 0;  // objects [0, after) start at or before the finding
  for (size_t i = 0; i < result.diagnostics.size(); ++i) {
    const SourceRange& range = result.diagnostics[i].range;
    const auto position = std::make_pair(range.file, range.begin);
    if (after > 0 && position < key(by_position[after - 1])) after = 0;  // not sorted after all (cannot happen)
    while (after < by_position.size() && !(position < key(by_position[after]))) ++after;
    if (after == 0) continue;
    // Objects that a Mast function made share the function's range: the
    // position does not tell which of them a finding is about, and naming
    // one of them would be a guess.
    if (after > 1 && key(by_position[after - 2]) == key(by_position[after - 1])) continue;
    const SourceRange& object = result.objects[by_position[after - 1]].range;
    if (object.file == range.file && range.end <= object.end) result.diagnostic_objects[i] = by_position[after - 1];
  }
  return outcome;
}

// Whether a finding fails the run: errors of the checks, and policy
// findings at or above `failOn`.
// --quiet: the failing findings alone, each its message and source excerpt
// (notes, labels and fixes are left out).
std::vector<Diagnostic> QuietFindings(const std::vector<Diagnostic>& findings, const std::string& fail_on) {
  std::vector<Diagnostic> shown;
  for (const Diagnostic& d : findings) {
    if (!FindingFails(d, fail_on)) continue;
    Diagnostic brief = d;
    brief.notes.clear();
    brief.labels.clear();
    brief.fix.reset();
    shown.push_back(std::move(brief));
  }
  return shown;
}

// --verbose: which inputs were not checked as manifests, and why.
void PrintSkippedInputs(const ManifestCheckResult& result) {
  for (const SkippedInput& skipped : result.skipped_inputs) {
    std::fprintf(stderr, "mast check: note: skipped %s: %s\n", skipped.path.c_str(), skipped.reason.c_str());
  }
}

// SARIF paths are relative to the repository: the nearest directory from
// here up that holds `.git`, else the working directory.
void SetSarifRoot(SarifRenderOptions& sarif) {
  std::error_code ec;
  const std::filesystem::path here = std::filesystem::current_path(ec);
  if (ec) return;
  sarif.working_directory = here.string();
  sarif.source_root = here.string();
  for (std::filesystem::path dir = here; !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / ".git", ec)) {
      sarif.source_root = dir.string();
      break;
    }
    if (dir == dir.parent_path()) break;
  }
}

void PrintServerRuleList() {
  std::string text;
  for (const ServerRuleInfo& rule : AllServerRules()) {
    text += std::string(rule.id) + "  " + std::string(rule.name) + "\n    " + std::string(rule.title) +
            "\n    mirrors: " + std::string(rule.mirrors) + "\n";
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
}

// False, after saying why, when the flags cannot make a check.
bool ValidCheckUsage(const CheckOptions& options) {
  static constexpr const char* kFormats[] = {"text", "json", "sarif", "junit", "github"};
  if (std::find(std::begin(kFormats), std::end(kFormats), options.format) == std::end(kFormats)) {
    std::fprintf(stderr, "mast: error: --format must be text, json, sarif, junit or github, found `%s`\n",
                 options.format.c_str());
    return false;
  }
  if (options.paths.empty()) {
    std::fprintf(stderr, "mast: error: no input; name files or directories, or `-` for standard input\n");
    return false;
  }
  if (!options.rules_uri.empty() && options.rules_uri.rfind("https://", 0) != 0 &&
      options.rules_uri.rfind("http://", 0) != 0) {
    std::fprintf(stderr, "mast: error: --rules-uri must be an absolute http(s) URL, found `%s`\n",
                 options.rules_uri.c_str());
    return false;
  }
  return true;
}

// The engine's options and the configuration they came from.
struct CheckSetup {
  ManifestCheckOptions check;
  MastConfig config;
  SourceManager config_sources;
  std::string config_path;
  ChosenCatalog chosen;
};

// `.mast.yaml` adds ignore patterns, a default schema and the policy
// settings. False, after printing its findings, when it is unusable.
bool LoadCheckConfig(const CheckOptions& options, CheckSetup& setup) {
  const std::string first = options.paths.front() == "-" ? "." : options.paths.front();
  setup.config_path = options.config.empty() ? FindConfig(first) : options.config;
  if (setup.config_path.empty()) return true;
  DiagnosticSink config_diagnostics;
  std::optional<MastConfig> config = LoadConfig(setup.config_path, setup.config_sources, config_diagnostics);
  if (!config_diagnostics.empty()) {
    const std::string text = RenderText(setup.config_sources, config_diagnostics.diagnostics());
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
  if (!config || config_diagnostics.HasErrors()) {
    if (!config) std::fprintf(stderr, "mast: error[E0901]: cannot read the configuration `%s`\n", setup.config_path.c_str());
    return false;
  }
  setup.check.config_ignore = config->ignore;
  setup.config = *config;
  return true;
}

// The catalog: flags win over the configuration (schemas/catalog_choice.h).
// False, after printing why, on a bad `kubernetesVersion` in .mast.yaml.
bool ChooseConfiguredCatalog(const CheckOptions& options, CheckSetup& setup) {
  DiagnosticSink choice_problems;
  const CatalogChoice configured{setup.config.schema, setup.config.kubernetes_version,
                                 setup.config.kubernetes_version_origin};
  setup.chosen = ChooseCatalog(CatalogChoice::Combine({options.schema, options.kubernetes_version, {}}, configured),
                               choice_problems);
  if (!choice_problems.empty()) {
    const std::string text = RenderText(setup.config_sources, choice_problems.diagnostics());
    std::fwrite(text.data(), 1, text.size(), stderr);
    return false;
  }
  return true;
}

void FillManifestCheckOptions(const CheckOptions& options, CheckSetup& setup) {
  ManifestCheckOptions& check = setup.check;
  // An unusable flag (an unreadable --schema, an unknown version) is an
  // E0901 of the report, which the engine gives when it chooses again.
  check.catalog = setup.chosen.catalog;
  check.schema_file = options.schema;
  check.kubernetes_version = options.kubernetes_version;
  check.paths = options.paths;
  check.ignore.insert(check.ignore.end(), options.ignore.begin(), options.ignore.end());
  check.crd_paths = options.crds;
  check.crd_paths.insert(check.crd_paths.end(), setup.config.crds.begin(), setup.config.crds.end());
  check.schema_dir = options.schema_dir;
  check.skip_unknown_kinds = options.skip_unknown_kinds;
  check.server_rules = !options.no_server_rules;
  check.jobs = options.jobs;
  check.schema = options.schema_checks;
  check.server_rules = options.schema_checks && !options.no_server_rules;
  check.keep_values = options.policies;
  check.strict_inputs = options.strict_inputs;
}

// The report in the requested format. Text to the terminal is written
// while it is rendered; `report` then holds the rest.
struct CheckReport {
  std::string report;
  std::string summary;
  bool summary_in_report = false;
};

std::string RenderCheckSarif(const ManifestCheckResult& result, const PolicyOutcome& policy) {
  SarifRenderOptions sarif;
  sarif.tool_version = "0.1.0";
  SetSarifRoot(sarif);
  for (const ServerRuleInfo& rule : AllServerRules()) {
    sarif.rule_help.emplace(std::string(rule.id), std::string(rule.title) + "; mirrors " + std::string(rule.mirrors));
  }
  sarif.rule_metadata = policy.rules;
  sarif.logical_locations.reserve(result.diagnostics.size());
  for (size_t i = 0; i < result.diagnostics.size(); ++i) sarif.logical_locations.push_back(ObjectOf(result, i));
  return RenderSarif(result.sources, result.diagnostics, sarif);
}

CheckReport RenderCheckReport(const CheckOptions& options, const CheckSetup& setup, const std::string& rules_uri,
                              const PolicyOutcome& policy, const std::string& fail_on,
                              const ManifestCheckResult& result) {
  const bool to_file = !options.output.empty();
  CheckReport out;
  out.summary = options.summary ? SummaryLine(result, setup.config_path, policy.suppressed, policy.baselined,
                                              options.verbose)
                                : std::string();
  std::vector<Diagnostic> quiet;
  if (options.quiet) quiet = QuietFindings(result.diagnostics, fail_on);
  const std::vector<Diagnostic>& shown = options.quiet ? quiet : result.diagnostics;
  if (options.format == "json") {
    out.report = RenderJsonReport(result, setup.config_path, rules_uri);
  } else if (options.format == "sarif") {
    out.report = RenderCheckSarif(result, policy);
  } else if (options.format == "junit") {
    out.report = RenderJunitReport(result);
  } else if (options.format == "github") {
    out.report = RenderGithub(result.sources, shown) + out.summary;
    out.summary_in_report = true;
  } else {
    TextRenderOptions text;
    text.color = !to_file && UseColor(options.color, isatty(STDOUT_FILENO));
    text.jobs = ResolveJobs(options.jobs);
    if (to_file) {
      out.report = RenderText(result.sources, shown, text) + out.summary;
    } else {
      // Straight to stdout, piece by piece: a report of megabytes is not
      // held whole.
      RenderTextTo(result.sources, shown, text,
                   [](std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), stdout); });
      out.report = out.summary;
    }
    out.summary_in_report = true;
  }
  return out;
}

// Writes the report to --output or stdout; false when it cannot.
bool EmitCheckReport(const CheckOptions& options, const CheckReport& out) {
  if (!options.output.empty()) {
    std::string error;
    if (!WriteOutputFile(options.output, out.report, &error)) {
      std::fprintf(stderr, "mast: error[E0901]: %s\n", error.c_str());
      return false;
    }
    std::fwrite(out.summary.data(), 1, out.summary.size(), stderr);
    return true;
  }
  std::fwrite(out.report.data(), 1, out.report.size(), stdout);
  // Machine-readable formats keep stdout clean; the summary goes to stderr.
  if (!out.summary_in_report) std::fwrite(out.summary.data(), 1, out.summary.size(), stderr);
  return std::fflush(stdout) == 0;
}

int CheckExitCode(const CheckOptions& options, const ManifestCheckResult& result, const std::string& config_path,
                  const std::string& fail_on) {
  if (result.io_errors > 0) return kExitUsage;
  // Only files that are not manifests (a hook run on a workflow): a pass.
  if (result.inputs.empty() && !options.allow_empty && result.skipped_files == 0) {
    // Paths were given, and none of them was checked: a CI gate must not
    // pass on that silently.
    const std::string ignored = IgnoredText(result, config_path);
    std::fprintf(stderr, "mast: error: no file was checked%s; name files that exist, or pass --allow-empty\n",
                 ignored.empty() ? " (no .yaml, .yml or .json file was found)" : (" (" + ignored + ")").c_str());
    return kExitUsage;
  }
  const bool fails = FindingsFail(result.diagnostics, fail_on);
  return fails ? kExitFindings : kExitClean;
}

}  // namespace

int RunCheck(const CheckOptions& options) {
  if (options.list_rules) {
    PrintServerRuleList();
    return kExitClean;
  }
  if (!ValidCheckUsage(options)) return kExitUsage;
  CheckSetup setup;
  if (!LoadCheckConfig(options, setup) || !ChooseConfiguredCatalog(options, setup)) return kExitUsage;
  FillManifestCheckOptions(options, setup);
  const std::string rules_uri = !options.rules_uri.empty() ? options.rules_uri : setup.config.rules_uri;
  delete kept_check_state;  // only if called twice in one process (tests)
  kept_check_state = new CheckState();
  const KubeCatalog* policy_catalog = setup.chosen.catalog != nullptr ? setup.chosen.catalog : &KubeCatalog::Embedded();
  if (options.policies) {
    // The single-object rules run as the objects are read.
    const SourceManager& config_sources = setup.config_sources;
    kept_check_state->stream = std::make_unique<PolicyStream>(
        setup.config.policies, policy_catalog, FindingsOptionsFor(options),
        [&config_sources](SourceManager& sources, PolicyOptions& policies) {
          AddConfigFile(config_sources, sources, policies);
        });
    setup.check.observer = kept_check_state->stream.get();
  }
  ManifestCheckResult& result = kept_check_state->result;
  CheckManifests(setup.check, result);  // in place: the policy stream loads its files into result.sources
  PolicyOutcome policy = RunPolicies(options, setup.config, setup.config_sources, policy_catalog, rules_uri, result,
                                     kept_check_state->stream.get(), kept_check_state->engine);
  if (!policy.ok) return kExitUsage;
  if (options.verbose) PrintSkippedInputs(result);
  if (!options.write_baseline.empty()) {
    std::string error;
    if (!WriteOutputFile(options.write_baseline, WriteBaseline(result.diagnostics, result.sources), &error)) {
      std::fprintf(stderr, "mast: error[E0901]: cannot write the baseline: %s\n", error.c_str());
      return kExitUsage;
    }
    std::fprintf(stderr, "mast: recorded %zu findings in %s\n", result.diagnostics.size(), options.write_baseline.c_str());
    return kExitClean;
  }
  const std::string& fail_on = options.fail_on.empty() ? setup.config.fail_on : options.fail_on;
  const CheckReport report = RenderCheckReport(options, setup, rules_uri, policy, fail_on, result);
  if (!EmitCheckReport(options, report)) return kExitUsage;
  return CheckExitCode(options, result, setup.config_path, fail_on);
}

}  // namespace mast::cli
