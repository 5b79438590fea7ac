// Runs the expression steps of a `test` declaration (`let` and `assert`) in
// the scope of the module that declares it. The steps that build another
// program (`expect_error`, `snapshot`) are the test runner's
// (testing/test_runner.h), which calls this first.
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/eval/evaluator.h"
#include "compiler/sema/program.h"

namespace mast {

// Evaluates the `let` and `assert` steps of `test` in order. A false
// assertion is reported as E1101 with the values of both sides of a
// comparison; an error while evaluating a step is reported as evaluation
// reports it, and ends the test. Returns whether no error was reported.
bool EvaluateTestSteps(Program& program, SourceManager& sources, ModuleInfo& module, const ast::Decl& test,
                       const EvalLimits& limits, DiagnosticSink& sink);

}  // namespace mast
