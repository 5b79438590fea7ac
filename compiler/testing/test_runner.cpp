#include "compiler/testing/test_runner.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <system_error>

#include "compiler/base/large_stack.h"
#include "compiler/check/static_checker.h"
#include "compiler/eval/test_steps.h"
#include "compiler/testing/program_steps.h"

namespace mast {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTestFileSuffix = "_test.mast";

bool IsTestFile(const fs::path& path) {
  std::string name = path.filename().string();
  return name.size() > kTestFileSuffix.size() &&
         name.compare(name.size() - kTestFileSuffix.size(), kTestFileSuffix.size(), kTestFileSuffix) == 0;
}

bool CollectDirectory(const fs::path& root, std::vector<std::string>* files, std::string* error) {
  std::error_code code;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, code);
  for (; !code && it != fs::recursive_directory_iterator(); it.increment(code)) {
    const fs::directory_entry& entry = *it;
    std::string name = entry.path().filename().string();
    std::error_code type_error;
    if (entry.is_directory(type_error) && !name.empty() && name[0] == '.') {
      it.disable_recursion_pending();
      continue;
    }
    if (!entry.is_regular_file(type_error) || !IsTestFile(entry.path())) continue;
    std::string path = entry.path().string();
    if (root == "." && path.rfind("./", 0) == 0) path.erase(0, 2);  // `mast test` names files as `mast build` takes them
    files->push_back(std::move(path));
  }
  if (code) {
    *error = "cannot read directory `" + root.string() + "`: " + code.message();
    return false;
  }
  return true;
}

// One test: its expression steps, then the steps that build programs.
TestCaseResult RunTest(SourceManager& sources, const std::string& file, Program& program, ModuleInfo& module,
                       const ast::Decl& test, const TestRunOptions& options) {
  auto start = std::chrono::steady_clock::now();
  TestCaseResult result;
  result.file = file;
  result.name = test.name;
  result.range = test.name_range;
  DiagnosticSink sink;
  RunWithLargeStack([&] { EvaluateTestSteps(program, sources, module, test, options.compile.limits, sink); });
  for (const ast::TestStep& step : test.steps) {
    if (step.kind != ast::TestStep::Kind::kExpectError && step.kind != ast::TestStep::Kind::kSnapshot) continue;
    ProgramStepOutcome outcome = RunProgramStep(sources, file, step, options, sink);
    result.input_error = result.input_error || outcome.input_error;
    for (std::string& path : outcome.updated_snapshots) result.updated_snapshots.push_back(std::move(path));
  }
  result.passed = !sink.HasErrors();
  result.diagnostics = std::move(sink.mutable_diagnostics());
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace

bool FindTestFiles(const std::vector<std::string>& paths, std::vector<std::string>* files, std::string* error) {
  for (const std::string& path : paths) {
    std::error_code code;
    fs::file_status status = fs::status(path, code);
    if (fs::is_directory(status)) {
      if (!CollectDirectory(path, files, error)) return false;
    } else if (fs::is_regular_file(status)) {
      files->push_back(path);
    } else if (status.type() == fs::file_type::not_found) {
      *error = "cannot read `" + path + "`: no such file or directory";
      return false;
    } else {
      *error = "`" + path + "` is not a regular file or a directory";
      return false;
    }
  }
  std::sort(files->begin(), files->end());
  files->erase(std::unique(files->begin(), files->end()), files->end());
  return true;
}

std::vector<TestCaseResult> RunTestFile(SourceManager& sources, const std::string& file,
                                        const TestRunOptions& options) {
  std::vector<TestCaseResult> results;
  DiagnosticSink sink;
  std::unique_ptr<Program> program;
  RunWithLargeStack([&] {
    program = LoadProgram(sources, {file}, options.compile, sink);
    if (!sink.HasErrors()) CheckProgram(*program, sink);
  });
  if (sink.HasErrors() || !program || program->entries.empty()) {
    TestCaseResult failed;
    failed.file = file;
    failed.input_error = std::any_of(sink.diagnostics().begin(), sink.diagnostics().end(),
                                     [](const Diagnostic& d) { return d.code == DiagnosticCode::E0901; });
    SortDiagnostics(sink.mutable_diagnostics());
    failed.diagnostics = std::move(sink.mutable_diagnostics());
    results.push_back(std::move(failed));
    return results;
  }
  ModuleInfo& module = *program->entries.front();
  for (const ast::Decl& decl : module.ast.decls) {
    if (decl.kind != ast::Decl::Kind::kTest) continue;
    results.push_back(RunTest(sources, file, *program, module, decl, options));
    SortDiagnostics(results.back().diagnostics);
  }
  return results;
}

}  // namespace mast
