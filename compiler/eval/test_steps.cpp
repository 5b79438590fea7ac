#include "compiler/eval/test_steps.h"

#include <deque>

#include "compiler/emit/json_writer.h"
#include "compiler/eval/evaluator_impl.h"

namespace mast {
namespace {

bool IsComparison(const ast::Expr& expr) {
  if (expr.kind != ast::ExprKind::kBinary || !expr.left || !expr.right) return false;
  switch (expr.op) {
    case ast::Operator::kEqual: case ast::Operator::kNotEqual: case ast::Operator::kLess:
    case ast::Operator::kLessEqual: case ast::Operator::kGreater: case ast::Operator::kGreaterEqual:
      return true;
    default:
      return false;
  }
}

// A value as the assertion message shows it: JSON, so that "2" and 2 differ.
std::string ShowValue(const Value& value) {
  constexpr size_t kMaxShown = 200;
  std::string text = WriteJson(value, /*pretty=*/false);
  if (text.size() > kMaxShown) text = text.substr(0, kMaxShown) + "...";
  return text;
}

class TestStepRunner {
 public:
  TestStepRunner(Program& program, SourceManager& sources, ModuleInfo& module, const EvalLimits& limits,
                 DiagnosticSink& sink)
      : evaluator_(program, sources, limits, sink), module_(module), sink_(sink) {}

  bool Run(const ast::Decl& test) {
    evaluator_.current_declaration = test.range;
    size_t errors_before = sink_.ErrorCount();
    try {
      for (const ast::TestStep& step : test.steps) {
        if (!step.value) continue;
        if (step.kind == ast::TestStep::Kind::kLet) Bind(step);
        if (step.kind == ast::TestStep::Kind::kAssert) Assert(step);
      }
    } catch (const EvalAbort&) {
      // Reported where it happened; the rest of this test depends on it.
    } catch (const EvalLimitHit&) {
    }
    return sink_.ErrorCount() == errors_before;
  }

 private:
  const Scope* Innermost() const { return scopes_.empty() ? nullptr : &scopes_.back(); }

  void Bind(const ast::TestStep& step) {
    Value value = evaluator_.Eval(*step.value, module_, Innermost());
    if (step.type) value = evaluator_.Conform(value, *evaluator_.ResolveType(*step.type, module_));
    const Scope* parent = Innermost();
    Scope& scope = scopes_.emplace_back();
    scope.parent = parent;
    scope.binder = &step;
    scope.vars.emplace_back(step.name, std::move(value));
  }

  void Assert(const ast::TestStep& step) {
    const ast::Expr& condition = *step.value;
    Value result = evaluator_.Eval(condition, module_, Innermost());
    if (!result.IsBool()) {
      evaluator_.Fail(DiagnosticCode::E0301, condition.range,
                      "an `assert` needs a boolean condition, found " + std::string(KindName(result.kind())));
    }
    if (result.AsBool()) return;
    std::string message = "assertion failed";
    if (!step.message.empty()) message += ": " + step.message;
    std::vector<std::string> notes;
    if (IsComparison(condition)) {
      // Both sides again, to show them: expressions are pure, so these are
      // the values the comparison saw.
      Value left = evaluator_.Eval(*condition.left, module_, Innermost());
      Value right = evaluator_.Eval(*condition.right, module_, Innermost());
      notes.push_back("left:  " + ShowValue(left));
      notes.push_back("right: " + ShowValue(right));
    }
    Diagnostic& d = sink_.Report(DiagnosticCode::E1101, condition.range, message);
    d.notes = std::move(notes);
  }

  Evaluator evaluator_;
  ModuleInfo& module_;
  DiagnosticSink& sink_;
  std::deque<Scope> scopes_;  // one per `let`, innermost last; a deque keeps each in place
};

}  // namespace

bool EvaluateTestSteps(Program& program, SourceManager& sources, ModuleInfo& module, const ast::Decl& test,
                       const EvalLimits& limits, DiagnosticSink& sink) {
  TestStepRunner runner(program, sources, module, limits, sink);
  return runner.Run(test);
}

}  // namespace mast
