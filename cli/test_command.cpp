// `mast test`: finds test files, runs them (compiler/testing) and reports one
// line per test, the diagnostics of each failure, and a summary; or JUnit XML.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cli/commands.h"
#include "compiler/base/output_file.h"
#include "compiler/diagnostics/render.h"
#include "compiler/testing/test_runner.h"
#include "policies/config.h"
#include "schemas/catalog_choice.h"
#include "schemas/check/crd_types.h"

namespace mast::cli {
namespace {

std::string CaseTitle(const TestCaseResult& result) {
  return result.file + ": " + (result.name.empty() ? "(does not compile)" : result.name);
}

std::string Seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.2fs", seconds);
  return text;
}

std::string TextReport(const SourceManager& sources, const std::vector<TestCaseResult>& results, bool color,
                       double seconds) {
  TextRenderOptions render;
  render.color = color;
  std::string out;
  size_t failed = 0;
  for (const TestCaseResult& result : results) {
    out += std::string(result.passed ? "PASS " : "FAIL ") + CaseTitle(result) + " (" + Seconds(result.seconds) + ")\n";
    for (const std::string& path : result.updated_snapshots) out += "     updated " + path + "\n";
    if (!result.passed) {
      ++failed;
      out += RenderText(sources, result.diagnostics, render);
    }
  }
  out += std::to_string(results.size()) + " test" + (results.size() == 1 ? "" : "s") + ": " +
         std::to_string(results.size() - failed) + " passed, " + std::to_string(failed) + " failed (" +
         Seconds(seconds) + ")\n";
  return out;
}

std::string JunitReport(const SourceManager& sources, const std::vector<TestCaseResult>& results) {
  std::vector<Diagnostic> diagnostics;
  std::vector<JunitCase> cases;
  for (const TestCaseResult& result : results) {
    JunitCase junit;
    junit.suite = result.file;
    junit.name = result.name.empty() ? "(does not compile)" : result.name;
    for (const Diagnostic& d : result.diagnostics) {
      junit.diagnostics.push_back(diagnostics.size());
      diagnostics.push_back(d);
    }
    cases.push_back(std::move(junit));
  }
  return RenderJunit(sources, diagnostics, cases, "mast test");
}

bool Emit(const std::string& report, const std::string& output) {
  if (output.empty()) {
    std::fwrite(report.data(), 1, report.size(), stdout);
    return true;
  }
  std::string error;
  if (WriteOutputFile(output, report, &error)) return true;
  std::fprintf(stderr, "mast: error[E0901]: %s\n", error.c_str());
  return false;
}

}  // namespace

int RunTest(const TestOptions& options) {
  if (options.format != "text" && options.format != "junit") {
    std::fprintf(stderr, "mast: error: --format must be text or junit, found `%s`\n", options.format.c_str());
    return kExitUsage;
  }
  std::vector<std::string> paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  std::vector<std::string> files;
  std::string error;
  if (!FindTestFiles(paths, &files, &error)) {
    std::fprintf(stderr, "mast: error[E0901]: %s\n", error.c_str());
    return kExitUsage;
  }
  if (files.empty()) {
    std::fprintf(stderr, "mast: error: no *_test.mast files under %s\n", paths.size() == 1 ? paths[0].c_str() : "the given paths");
    return kExitUsage;
  }
  // The catalog as `mast build` chooses it: flags over the nearest .mast.yaml.
  SourceManager sources;
  DiagnosticSink config_diagnostics;
  MastConfig config;
  std::string config_path = FindConfig(paths.front());
  if (!config_path.empty()) {
    if (std::optional<MastConfig> loaded = LoadConfig(config_path, sources, config_diagnostics)) config = *loaded;
  }
  const CatalogChoice configured{config.schema, config.kubernetes_version, config.kubernetes_version_origin};
  ChosenCatalog chosen = ChooseCatalog(
      CatalogChoice::Combine({options.schema, options.kubernetes_version, {}}, configured), config_diagnostics);
  if (config_diagnostics.HasErrors() || chosen.catalog == nullptr) {
    TextRenderOptions render;
    std::string text = RenderText(sources, config_diagnostics.diagnostics(), render);
    std::fwrite(text.data(), 1, text.size(), stderr);
    if (chosen.catalog == nullptr) std::fprintf(stderr, "mast: error: %s\n", chosen.error.c_str());
    return kExitUsage;
  }
  TestRunOptions run;
  const CustomResourceTypes types(*chosen.catalog);  // the catalog plus `crd:` imports
  run.compile.external = &types;
  run.compile.project_root = options.root.empty() ? std::filesystem::current_path().string() : options.root;
  run.update_snapshots = options.update;
  std::vector<TestCaseResult> results;
  auto start = std::chrono::steady_clock::now();
  for (const std::string& file : files) {
    for (TestCaseResult& result : RunTestFile(sources, file, run)) results.push_back(std::move(result));
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (results.empty()) {
    std::fprintf(stderr, "mast: error: the test files declare no `test` blocks\n");
    return kExitUsage;
  }
  bool color = options.output.empty() && options.format == "text" &&
               (options.color == ColorMode::kAlways ||
                (options.color == ColorMode::kAuto && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR")));
  std::string report = options.format == "junit" ? JunitReport(sources, results) : TextReport(sources, results, color, seconds);
  if (!Emit(report, options.output)) return kExitUsage;
  bool input_error = false;
  bool failed = false;
  for (const TestCaseResult& result : results) {
    input_error = input_error || result.input_error;
    failed = failed || !result.passed;
  }
  return input_error ? kExitUsage : failed ? kExitFindings : kExitClean;
}

}  // namespace mast::cli
