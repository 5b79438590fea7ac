// `mast rules`: lists the built-in policy rules, or (with --markdown) writes
// the rule reference, docs/rules.md. The reference is generated from the
// rules' own metadata (policies/builtin/*.mast) and a test
// (tests/policies/check_rules_doc.cmake) fails when the committed file is
// not what this command generates.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include "compiler/base/file_io.h"
#include "compiler/base/output_file.h"
#include "compiler/emit/json_writer.h"
#include "policies/engine.h"
#include "policies/peer_checks.h"

namespace mast::cli {
namespace {

struct Category {
  std::string_view id;
  std::string_view title;
};

// The order and titles of the reference's sections; a category that is not
// listed gets a section of its own at the end.
constexpr Category kCategories[] = {
    {"probes", "Probes"},
    {"resources", "Resources"},
    {"images", "Images"},
    {"labels", "Labels and metadata"},
    {"security", "Security context"},
    {"secrets", "Secrets"},
    {"availability", "Availability"},
    {"networking", "Networking"},
    {"rbac", "RBAC"},
    {"workloads", "Workloads"},
    {"jobs", "Jobs"},
    {"env", "Environment variables"},
    {"api-lifecycle", "API lifecycle"},
    {"references", "References to other objects"},
};

std::string DefaultSeverity(const RuleInfo& rule) {
  return rule.definition.enabled_by_default ? std::string(SeverityName(rule.definition.severity)) : "off";
}

std::string Example(const RuleInfo& rule, std::string_view which) {
  const Value* text = rule.definition.examples.Find(which);
  if (!text || !text->IsString()) return "";
  std::string out = text->AsString();
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

std::string TableCell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

// Rules grouped by category, sections in kCategories order, rules in
// declaration order.
std::vector<std::pair<std::string, std::vector<const RuleInfo*>>> Sections(const PolicyEngine& engine) {
  std::vector<std::pair<std::string, std::vector<const RuleInfo*>>> sections;
  for (const Category& category : kCategories) sections.push_back({std::string(category.title), {}});
  std::map<std::string, std::vector<const RuleInfo*>> others;
  for (const RuleInfo& rule : engine.rules()) {
    if (!rule.builtin) continue;
    auto known = std::find_if(std::begin(kCategories), std::end(kCategories),
                              [&](const Category& c) { return c.id == rule.definition.category; });
    if (known != std::end(kCategories)) sections[known - std::begin(kCategories)].second.push_back(&rule);
    else others[rule.definition.category].push_back(&rule);
  }
  for (auto& [category, rules] : others) sections.push_back({category, rules});
  sections.erase(std::remove_if(sections.begin(), sections.end(), [](const auto& s) { return s.second.empty(); }),
                 sections.end());
  return sections;
}

void RenderRule(const RuleInfo& rule, std::string& out) {
  const PolicyDefinition& d = rule.definition;
  const std::string severity = DefaultSeverity(rule);
  out += "### " + d.id + "\n\n";
  out += d.description + ".\n\n";
  out += "Category: " + d.category + " · Default severity: **" + severity + "**";
  if (!d.kinds.empty()) {
    out += " · Kinds: ";
    for (size_t i = 0; i < d.kinds.size(); ++i) out += (i ? ", " : "") + d.kinds[i];
  }
  out += "\n\n";
  out += "**Why.** " + d.rationale + "\n\n";
  out += "**Fix.** " + d.remediation + ".\n\n";
  out += "Fails:\n\n```yaml\n" + Example(rule, "failing") + "```\n\n";
  out += "Passes:\n\n```yaml\n" + Example(rule, "passing") + "```\n\n";
  const bool has_params = d.params.IsMap() && !d.params.AsMap().empty();
  if (has_params) {
    out += "Parameters:\n\n| Parameter | Default |\n|---|---|\n";
    for (const MapEntry& param : d.params.AsMap()) {
      out += "| `" + param.key + "` | `" + TableCell(WriteJson(param.value, false)) + "` |\n";
    }
    out += "\n";
  }
  const std::string other = severity == "off" ? "warning" : "off";
  out += "Configure in `.mast.yaml`:\n\n```yaml\nrules:\n";
  if (has_params) {
    out += "  " + d.id + ":\n    severity: " + (severity == "off" ? "warning" : severity) +
           "    # error | warning | info | off\n    params: " + WriteJson(d.params, false) + "\n";
  } else {
    out += "  " + d.id + ": " + other + "    # error | warning | info | off\n";
  }
  out += "```\n\n";
  out += "Suppress one finding, with the reason: the annotation `mast.dev/ignore: \"" + d.id +
         ": <reason>\"` on the object (or its pod template), the comment `# mast:ignore " + d.id +
         " -- <reason>` on or above the YAML line, or `// mast:ignore " + d.id + " -- <reason>` in Mast.\n\n";
}

// "[a](#a), [b](#b)": links to the rules that cover a peer's check.
std::string RuleLinks(const PeerCheck& check) {
  std::string out;
  for (std::string_view id : RulesOf(check)) {
    out += (out.empty() ? "[" : ", [") + std::string(id) + "](#" + std::string(id) + ")";
  }
  return out;
}

// "95.2%": `part` of `whole`, with one decimal.
std::string Percent(size_t part, size_t whole) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", whole == 0 ? 0.0 : 100.0 * double(part) / double(whole));
  return text;
}

// How often Mast agrees with `tool` on the tool's own cases.
std::string AgreementSentence(std::string_view tool) {
  const PeerAgreement* agreement = FindPeerAgreement(tool);
  if (agreement == nullptr) return "";
  const PeerAgreement& a = *agreement;
  return "Agreement where Mast and " + std::string(tool) + " mean the same thing: **" + Percent(a.agreeing, a.cases) +
         "** (" + std::to_string(a.agreeing) + " of " + std::to_string(a.cases) + " cases, covering " +
         std::to_string(a.checks) + " checks); before the fixes this comparison led to (commit 8dc572c): " +
         Percent(a.agreeing_before, a.cases) + ". In " + std::to_string(a.deliberate) +
         " more cases Mast deliberately decides otherwise, as the notes and the rules' rationales say; counting them "
         "as disagreements, the agreement is " + Percent(a.agreeing, a.cases + a.deliberate) + ".\n\n";
}

// The table of the peers' checks (policies/peer_checks.cpp), one per tool.
void RenderPeerChecks(std::string& out) {
  out += "## Polaris, kube-linter and kube-score\n\n";
  out += "Every check of the three best-known Kubernetes linters, with the Mast rules that cover it, or why none "
         "does; the notes also say where Mast deliberately differs. A test keeps this table in step with the rules "
         "(`tests/policies/policy_peer_checks_test.cpp`).\n\n";
  out += "The agreement figures come from `tests/policies/peers/<tool>/<check>/`: manifests that reproduce each "
         "tool's own published test fixtures and documented examples, each with the tool's verdict in its header. "
         "`tests/policies/policy_peer_agreement_test.cpp` runs the rules this table maps each check to (all of them "
         "enabled, also those off by default) and fails when a tool's agreement drops below 95% or these figures go "
         "stale.\n\n";
  std::string_view tool;
  for (const PeerCheck& check : PeerChecks()) {
    if (check.tool != tool) {
      if (!tool.empty()) out += "\n";
      tool = check.tool;
      size_t total = 0;
      size_t covered = 0;
      for (const PeerCheck& other : PeerChecks()) {
        if (other.tool != tool) continue;
        ++total;
        if (!other.rules.empty()) ++covered;
      }
      out += "### " + std::string(tool) + "\n\n" + std::to_string(covered) + " of " + std::to_string(total) +
             " checks have a Mast rule.\n\n" + AgreementSentence(tool) +
             "| Check | Mast rules | Notes |\n|---|---|---|\n";
    }
    out += "| `" + std::string(check.check) + "` | " + (check.rules.empty() ? "none" : RuleLinks(check)) + " | " +
           TableCell(std::string(check.note)) + " |\n";
  }
  out += "\n";
}

std::string RenderMarkdown(const PolicyEngine& engine) {
  auto sections = Sections(engine);
  size_t count = 0;
  for (const auto& section : sections) count += section.second.size();
  std::string out;
  out += "# Policy rules\n\n";
  out += "<!-- Generated by `mast rules --markdown` from policies/builtin/*.mast. Do not edit: change the policy, then\n"
         "     run `cmake --build <build-dir> --target update-rules-doc`. -->\n\n";
  out += "The " + std::to_string(count) +
         " built-in rules of the policy linter, generated from their definitions in `policies/builtin/`. "
         "Each rule is a Mast `policy`; read its source to see exactly what it checks. "
         "[linting.md](linting.md) explains how to run the linter, write your own policies, and use baselines.\n\n";
  out += "## Configuring and suppressing rules\n\n";
  out += "Rules are configured in `.mast.yaml`, found by walking up from each input (or given with `--config`). "
         "A rule takes a severity, or a severity and parameters; parameters replace the defaults key by key. "
         "Rules whose default severity is **off** run only when configured.\n\n";
  out += "```yaml\nrules:\n  image-digest-missing: error        # turn on a rule that is off by default\n"
         "  probe-liveness-missing: off        # turn a rule off\n  labels-required-missing:\n"
         "    severity: warning\n    params: { labels: [app.kubernetes.io/name, team] }\n```\n\n";
  out += "A finding points at the smallest span that shows the problem: the offending field as written "
         "(`image: nginx:latest`); the key of a block that lacks a field (`securityContext`); a container's or a "
         "volume's `name` when the container or volume lacks something; the object's `metadata.name` when the "
         "object does. In Mast, a value computed elsewhere is shown where it was computed, so a finding on emitted "
         "YAML points at the expression that produced it.\n\n";
  out += "A finding is suppressed where it occurs, and every suppression carries a reason (one without a reason is "
         "itself a warning; a placeholder such as `TODO` suppresses nothing and is a warning too; "
         "`--no-suppressions` ignores them all to audit them):\n\n";
  out += "- on an object, or on a workload's pod template: the annotation "
         "`mast.dev/ignore: \"<rule>[,<rule>]: <reason>\"`;\n";
  out += "- in YAML: the comment `# mast:ignore <rule> -- <reason>` on the line of the finding or on the line above;\n";
  out += "- in Mast: the comment `// mast:ignore <rule> -- <reason>` on or above the expression the finding points "
         "at.\n\n";
  out += "```yaml\nmetadata:\n  name: node-agent\n  annotations:\n"
         "    mast.dev/ignore: \"security-host-namespaces: reads the node's network statistics\"\n```\n\n";
  out += "## All rules\n\n| Rule | Category | Default | Description |\n|---|---|---|---|\n";
  for (const auto& [title, rules] : sections) {
    for (const RuleInfo* rule : rules) {
      out += "| [" + rule->definition.id + "](#" + rule->definition.id + ") | " + rule->definition.category + " | " +
             DefaultSeverity(*rule) + " | " + TableCell(rule->definition.description) + " |\n";
    }
  }
  out += "\n";
  for (const auto& [title, rules] : sections) {
    out += "## " + title + "\n\n";
    for (const RuleInfo* rule : rules) RenderRule(*rule, out);
  }
  RenderPeerChecks(out);
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

std::string RenderList(const PolicyEngine& engine) {
  size_t width = 0;
  for (const RuleInfo& rule : engine.rules()) width = std::max(width, rule.definition.id.size());
  std::string out;
  for (const auto& [title, rules] : Sections(engine)) {
    for (const RuleInfo* rule : rules) {
      std::string severity = DefaultSeverity(*rule);
      out += rule->definition.id + std::string(width + 2 - rule->definition.id.size(), ' ') + severity +
             std::string(9 - std::min<size_t>(severity.size(), 8), ' ') + rule->definition.description + "\n";
    }
  }
  return out;
}

}  // namespace

int RunRules(bool markdown, const std::string& output) {
  SourceManager sources;
  DiagnosticSink sink;
  std::unique_ptr<PolicyEngine> engine = PolicyEngine::Load(sources, PolicyOptions{}, nullptr, sink);
  if (!sink.empty()) {
    PrintDiagnostics(sources, sink.diagnostics(), OutputOptions{});
    return kExitFindings;
  }
  std::string text = markdown ? RenderMarkdown(*engine) : RenderList(*engine);
  if (output.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0 ? kExitClean : kExitUsage;
  }
  std::string error;
  if (!WriteOutputFile(output, text, &error)) {
    std::fprintf(stderr, "mast: error[E0901]: cannot write %s: %s\n", output.c_str(), error.c_str());
    return kExitUsage;
  }
  return kExitClean;
}

}  // namespace mast::cli
