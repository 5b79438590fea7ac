// Helpers for the policy tests: load the built-in policies, lint YAML text,
// and look at the findings.
//
// With the environment variable MAST_POLICY_DIR set to a directory, the
// policies are read from its *.mast files instead of the ones embedded in
// the binary, so that policies can be edited and re-tested without a
// rebuild: MAST_POLICY_DIR=policies/builtin build/tests/policies/policy_examples_test
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include <catch2/catch.hpp>

#include "compiler/base/source.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/yaml/yaml_reader.h"
#include "policies/engine.h"

namespace mast::testing {

// `text` with every `from` replaced by `to`.
inline std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Writes `text` to a new file named `name` in a directory of this process's
// own, and returns its path. CTest runs the cases of one test binary as
// separate processes at the same time, so a fixed path in the temporary
// directory would let one case read another's file. The directory is
// removed when the process exits.
inline std::string WriteTestFile(const std::string& name, const std::string& text) {
  struct OwnDirectory {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("mast-policy-test-" + std::to_string(::getpid()));
    OwnDirectory() { std::filesystem::create_directories(path); }
    ~OwnDirectory() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  };
  static OwnDirectory directory;
  static int count = 0;
  const std::filesystem::path file = directory.path / std::to_string(++count) / name;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
  return file.string();
}

inline PolicyOptions BuiltinPolicyOptions() {
  PolicyOptions options;
  if (const char* dir = std::getenv("MAST_POLICY_DIR"); dir && *dir) {
    options.builtin = false;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() == ".mast") options.policy_files.push_back(entry.path().string());
    }
    std::sort(options.policy_files.begin(), options.policy_files.end());
  }
  return options;
}

// One engine and the sources it and the linted YAML live in.
class Linter {
 public:
  explicit Linter(PolicyOptions options = BuiltinPolicyOptions()) {
    DiagnosticSink sink;
    engine_ = PolicyEngine::Load(sources_, options, nullptr, sink);
    load_diagnostics_ = sink.diagnostics();
  }

  // An engine with only `rule` enabled (also when it is off by default).
  static std::unique_ptr<Linter> ForRule(const std::string& rule, const std::vector<std::string>& all_rules,
                                         std::map<std::string, Value> params = {}) {
    PolicyOptions options = BuiltinPolicyOptions();
    for (const std::string& id : all_rules) options.severity[id] = id == rule ? "warning" : "off";
    options.params = std::move(params);
    return std::make_unique<Linter>(options);
  }

  const PolicyEngine& engine() const { return *engine_; }
  const std::vector<Diagnostic>& load_diagnostics() const { return load_diagnostics_; }
  const SourceManager& sources() const { return sources_; }

  std::vector<std::string> RuleIds() const {
    std::vector<std::string> ids;
    for (const RuleInfo& rule : engine_->rules()) ids.push_back(rule.definition.id);
    return ids;
  }

  // Lints a YAML stream; the YAML itself must read cleanly. Returns every
  // diagnostic of the run (findings and errors in policy code).
  std::vector<Diagnostic> Lint(const std::string& yaml, const std::string& name = "input.yaml") {
    DiagnosticSink read_sink;
    FileId file = sources_.Add(name, yaml);
    std::vector<Value> objects;
    for (YamlDocument& document : ReadYamlStream(file, yaml, read_sink)) {
      if (!document.empty) objects.push_back(document.value);
    }
    INFO(yaml);
    REQUIRE(read_sink.diagnostics().empty());
    DiagnosticSink sink;
    engine_->Lint(objects, sink);
    return sink.diagnostics();
  }

  // The text of the line where a diagnostic starts.
  std::string LineAt(const Diagnostic& d) const {
    if (!d.range.IsValid()) return "<no location>";
    const SourceFile& file = sources_.Get(d.range.file);
    return std::string(file.LineText(file.ToLineColumn(d.range.begin).line));
  }

  // The line where a diagnostic starts, with its range marked `[[...]]`
  // (a range that goes on past the line is closed at its end: `[[...`).
  std::string MarkedLine(const Diagnostic& d) const {
    if (!d.range.IsValid()) return "<no location>";
    const SourceFile& file = sources_.Get(d.range.file);
    const uint32_t line = file.ToLineColumn(d.range.begin).line;
    const std::string text(file.LineText(line));
    const uint32_t line_begin = file.ToOffset(line, 1);
    const size_t begin = d.range.begin - line_begin;
    const size_t end = std::min<size_t>(d.range.end - line_begin, text.size());
    return text.substr(0, begin) + "[[" + text.substr(begin, end - begin) + (OnOneLine(d) ? "]]" : "") +
           text.substr(end);
  }

  // Whether a diagnostic's range starts and ends on one line.
  bool OnOneLine(const Diagnostic& d) const {
    if (!d.range.IsValid()) return false;
    const SourceFile& file = sources_.Get(d.range.file);
    return file.ToLineColumn(d.range.begin).line == file.ToLineColumn(d.range.end).line;
  }

  std::string Describe(const std::vector<Diagnostic>& diagnostics) const {
    std::string out;
    for (const Diagnostic& d : diagnostics) {
      out += std::string(d.id()) + ": " + d.message + "  @ `" + LineAt(d) + "`\n";
    }
    return out.empty() ? "(no diagnostics)" : out;
  }

 private:
  SourceManager sources_;
  std::unique_ptr<PolicyEngine> engine_;
  std::vector<Diagnostic> load_diagnostics_;
};

// An engine with every built-in rule at its default configuration, loaded
// once per test binary (loading compiles every policy file).
inline Linter& AllRules() {
  static Linter* linter = new Linter();
  return *linter;
}

inline std::vector<Diagnostic> OfRule(const std::vector<Diagnostic>& diagnostics, std::string_view rule) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : diagnostics) {
    if (d.rule == rule) out.push_back(d);
  }
  return out;
}

// Diagnostics that are not findings: errors in policy code.
inline std::vector<Diagnostic> NotFindings(const std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : diagnostics) {
    if (d.rule.empty()) out.push_back(d);
  }
  return out;
}

// Engines with one rule enabled, shared by the cases of a test.
class RuleLinter {
 public:
  explicit RuleLinter(std::string rule, std::map<std::string, Value> params = {}) : rule_(std::move(rule)) {
    REQUIRE(AllRules().engine().FindRule(rule_) != nullptr);
    linter_ = Linter::ForRule(rule_, AllRules().RuleIds(), std::move(params));
  }

  // The findings of the rule on `yaml`; errors in policy code fail the test.
  std::vector<Diagnostic> Findings(const std::string& yaml) {
    std::vector<Diagnostic> all = linter_->Lint(yaml);
    INFO(yaml << "\n" << linter_->Describe(all));
    CHECK(NotFindings(all).empty());
    return OfRule(all, rule_);
  }

  size_t Count(const std::string& yaml) { return Findings(yaml).size(); }

  // The messages of the findings, in order.
  std::vector<std::string> Messages(const std::string& yaml) {
    std::vector<std::string> out;
    for (const Diagnostic& d : Findings(yaml)) out.push_back(d.message);
    return out;
  }

  Linter& linter() { return *linter_; }

 private:
  std::string rule_;
  std::unique_ptr<Linter> linter_;
};

}  // namespace mast::testing
