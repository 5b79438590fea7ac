// The steps of a test that build another program: `expect_error` (the build
// must fail with exactly the listed codes) and `snapshot` (the build's YAML
// must equal a stored file, which --update rewrites). Internal to
// compiler/testing.
#pragma once

#include <string>
#include <vector>

#include "compiler/testing/test_runner.h"

namespace mast {

struct ProgramStepOutcome {
  bool input_error = false;
  std::vector<std::string> updated_snapshots;
};

// Runs one `expect_error` or `snapshot` step of a test declared in
// `test_file`; paths in the step are relative to that file's directory.
// Failures are reported to `sink`.
ProgramStepOutcome RunProgramStep(SourceManager& sources, const std::string& test_file, const ast::TestStep& step,
                                  const TestRunOptions& options, DiagnosticSink& sink);

}  // namespace mast
