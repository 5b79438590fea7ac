#include "compiler/testing/program_steps.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include "compiler/base/file_io.h"
#include "compiler/base/spelling.h"
#include "compiler/emit/yaml_writer.h"

namespace mast {
namespace {

namespace fs = std::filesystem;

std::string Join(const std::set<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) out += (out.empty() ? "" : ", ") + ("`" + code + "`");
  return out.empty() ? "no errors" : out;
}

// A path of a step: relative to the directory of the test file.
std::string Resolve(const std::string& test_file, const std::string& path) {
  fs::path relative(path);
  if (relative.is_absolute()) return path;
  return (fs::path(test_file).parent_path() / relative).lexically_normal().string();
}

// Whether `path` is something a step may read: a regular file (a program
// may be reached through a link). A snapshot, which --update may replace,
// must be a regular file itself, or nothing yet. Reports E0901 at `range`
// otherwise.
bool UsablePath(const std::string& path, SourceRange range, bool is_snapshot, DiagnosticSink& sink) {
  std::error_code error;
  fs::file_status status = is_snapshot ? fs::symlink_status(path, error) : fs::status(path, error);
  bool may_be_missing = is_snapshot;
  if (status.type() == fs::file_type::not_found) {
    if (may_be_missing) return true;
    sink.Report(DiagnosticCode::E0901, range, "cannot read `" + path + "`: no such file");
    return false;
  }
  if (status.type() != fs::file_type::regular) {
    sink.Report(DiagnosticCode::E0901, range, "`" + path + "` is not a regular file; a test reads and writes only regular files");
    return false;
  }
  return true;
}

// Whether every code an `expect_error` lists is a registered code; reports
// the others (a typo would make the step fail for the wrong reason).
bool KnownCodes(const ast::TestStep& step, DiagnosticSink& sink) {
  bool known = true;
  for (size_t i = 0; i < step.codes.size(); ++i) {
    const std::vector<DiagnosticInfo>& all = AllDiagnostics();
    if (std::any_of(all.begin(), all.end(), [&](const DiagnosticInfo& info) { return info.id == step.codes[i]; })) continue;
    std::vector<std::string_view> ids;
    for (const DiagnosticInfo& info : all) ids.push_back(info.id);
    std::string message = "`" + step.codes[i] + "` is not a diagnostic code";
    if (auto suggestion = ClosestMatch(step.codes[i], ids)) message += "; did you mean `" + *suggestion + "`?";
    sink.Report(DiagnosticCode::E1102, i < step.code_ranges.size() ? step.code_ranges[i] : step.range, message);
    known = false;
  }
  return known;
}

void ExpectErrors(SourceManager& sources, const std::string& program, const ast::TestStep& step,
                  const TestRunOptions& options, DiagnosticSink& sink) {
  if (!KnownCodes(step, sink)) return;
  CompileResult result = Compile(sources, {program}, options.compile);
  std::set<std::string> reported;
  for (const Diagnostic& d : result.diagnostics.diagnostics()) {
    if (d.severity == Severity::kError) reported.insert(std::string(d.id()));
  }
  std::set<std::string> expected(step.codes.begin(), step.codes.end());
  if (reported == expected) return;
  std::string message;
  if (reported.empty()) {
    message = "`" + step.program + "` builds without errors; expected " + Join(expected);
  } else {
    std::set<std::string> missing, unexpected;
    std::set_difference(expected.begin(), expected.end(), reported.begin(), reported.end(),
                        std::inserter(missing, missing.end()));
    std::set_difference(reported.begin(), reported.end(), expected.begin(), expected.end(),
                        std::inserter(unexpected, unexpected.end()));
    message = "`" + step.program + "` reports " + Join(reported) + "; expected " + Join(expected);
    if (!missing.empty()) message += " (" + Join(missing) + " missing";
    if (!unexpected.empty()) message += std::string(missing.empty() ? " (" : ", ") + Join(unexpected) + " not expected";
    message += "; its errors are shown below)";
  }
  sink.Report(DiagnosticCode::E1102, step.program_range, message);
  // The program's own diagnostics, so the reader sees what it did report.
  for (const Diagnostic& d : result.diagnostics.diagnostics()) {
    if (d.severity == Severity::kError) sink.Add(d);
  }
}

// The first line where `expected` and `actual` differ, 1-based, and the two lines.
struct FirstDifference {
  size_t line = 1;
  std::string expected, actual;
};

FirstDifference Compare(std::string_view expected, std::string_view actual) {
  FirstDifference out;
  size_t a = 0, b = 0;
  while (true) {
    size_t a_end = std::min(expected.find('\n', a), expected.size());
    size_t b_end = std::min(actual.find('\n', b), actual.size());
    std::string_view left = a < expected.size() ? expected.substr(a, a_end - a) : "<end of file>";
    std::string_view right = b < actual.size() ? actual.substr(b, b_end - b) : "<end of output>";
    if (left != right || a >= expected.size() || b >= actual.size()) {
      out.expected = left;
      out.actual = right;
      return out;
    }
    a = a_end + 1;
    b = b_end + 1;
    ++out.line;
  }
}

ProgramStepOutcome Snapshot(SourceManager& sources, const std::string& test_file, const std::string& program,
                            const ast::TestStep& step, const TestRunOptions& options, DiagnosticSink& sink) {
  ProgramStepOutcome outcome;
  std::string snapshot = Resolve(test_file, step.snapshot);
  if (!UsablePath(snapshot, step.snapshot_range, /*is_snapshot=*/true, sink)) {
    outcome.input_error = true;
    return outcome;
  }
  CompileResult result = Compile(sources, {program}, options.compile);
  if (result.diagnostics.HasErrors()) {
    sink.Report(DiagnosticCode::E1103, step.program_range,
                "`" + step.program + "` does not build, so there is no output to compare; its errors are shown below");
    for (const Diagnostic& d : result.diagnostics.diagnostics()) {
      if (d.severity == Severity::kError) sink.Add(d);
    }
    return outcome;
  }
  std::string actual = WriteYamlStream(result.documents);
  std::string expected;
  std::string error;
  bool exists = fs::exists(fs::symlink_status(snapshot));
  if (exists && !ReadFileToString(snapshot, &expected, &error, options.compile.max_file_bytes)) {
    sink.Report(DiagnosticCode::E0901, step.snapshot_range, error);
    outcome.input_error = true;
    return outcome;
  }
  if (exists && expected == actual) return outcome;
  if (options.update_snapshots) {
    if (!WriteFileAtomically(snapshot, actual, &error)) {
      sink.Report(DiagnosticCode::E0901, step.snapshot_range, error);
      outcome.input_error = true;
    } else {
      outcome.updated_snapshots.push_back(snapshot);
    }
    return outcome;
  }
  if (!exists) {
    sink.Report(DiagnosticCode::E1103, step.snapshot_range,
                "snapshot `" + step.snapshot + "` does not exist; run `mast test --update` to write it");
    return outcome;
  }
  FirstDifference difference = Compare(expected, actual);
  Diagnostic& d = sink.Report(DiagnosticCode::E1103, step.snapshot_range,
                              "the YAML of `" + step.program + "` differs from snapshot `" + step.snapshot +
                                  "` at line " + std::to_string(difference.line) +
                                  "; run `mast test --update` to accept the new output");
  d.notes.push_back("snapshot: " + difference.expected);
  d.notes.push_back("output:   " + difference.actual);
  return outcome;
}

}  // namespace

ProgramStepOutcome RunProgramStep(SourceManager& sources, const std::string& test_file, const ast::TestStep& step,
                                  const TestRunOptions& options, DiagnosticSink& sink) {
  ProgramStepOutcome outcome;
  std::string program = Resolve(test_file, step.program);
  if (!UsablePath(program, step.program_range, /*is_snapshot=*/false, sink)) {
    outcome.input_error = true;
    return outcome;
  }
  if (step.kind == ast::TestStep::Kind::kExpectError) ExpectErrors(sources, program, step, options, sink);
  if (step.kind == ast::TestStep::Kind::kSnapshot) outcome = Snapshot(sources, test_file, program, step, options, sink);
  return outcome;
}

}  // namespace mast
