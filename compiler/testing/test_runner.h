// `mast test`: runs the `test` declarations of Mast files. A test's `let`
// and `assert` steps are evaluated in the scope of its file
// (eval/test_steps.h); its `expect_error` and `snapshot` steps build another
// program with Compile() and compare what it reports or emits. Front ends
// (cli/test_command.cpp) choose the files and render the results.
#pragma once

#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/driver/compile.h"

namespace mast {

struct TestRunOptions {
  // How test files and the programs their steps build are compiled (the
  // catalog, the project root, limits). Default: no Kubernetes types.
  CompileOptions compile;
  // Rewrite `snapshot` files that differ or are missing instead of failing
  // (regular files only, atomically). Default: compare only.
  bool update_snapshots = false;
};

struct TestCaseResult {
  std::string file;  // the test file, as given
  std::string name;  // the test's name; "" when the file itself does not compile
  SourceRange range; // the test's name in its file
  bool passed = false;
  // An input could not be read (a program or snapshot file is missing or is
  // not a regular file): the run ends with exit code 2, not 1.
  bool input_error = false;
  std::vector<std::string> updated_snapshots;  // paths rewritten by --update
  double seconds = 0;
  std::vector<Diagnostic> diagnostics;  // why it failed, in report order
};

// The `*_test.mast` files under each directory of `paths` (recursively,
// skipping hidden directories), and each file of `paths` as named. Sorted
// and without repeats. A path that does not exist is an error.
bool FindTestFiles(const std::vector<std::string>& paths, std::vector<std::string>* files, std::string* error);

// Runs every `test` in `file`, in declaration order. A file that does not
// load or check gives one failed case named "" with its diagnostics.
std::vector<TestCaseResult> RunTestFile(SourceManager& sources, const std::string& file,
                                        const TestRunOptions& options);

}  // namespace mast
