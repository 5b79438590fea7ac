// Conformance: checks a value against a Mast type, reports what does not
// fit (at the value's origin, with a label at the constraint), fills schema
// defaults and the apiVersion/kind of Kubernetes resources, and returns the
// conformed value. A value that fails is marked (base/provenance.h), and no
// later check reports on it again.
//
// Ranges, lengths and patterns are data and are checked here. A schema's
// defaults and `check`s are Mast expressions: conformance asks its
// ConformContext for their values. The evaluator's context evaluates them
// (eval/conform.cpp); StaticConformContext, the checker's, knows none and
// leaves them to evaluation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/sema/program.h"
#include "compiler/types/types.h"
#include "compiler/value/value.h"

namespace mast {

// What conformance needs from whoever runs it.
class ConformContext {
 public:
  explicit ConformContext(Program& program) : program_(program) {}
  virtual ~ConformContext() = default;
  ConformContext(const ConformContext&) = delete;
  ConformContext& operator=(const ConformContext&) = delete;

  Program& program() const { return program_; }

  // Counts one step of work against the caller's budget.
  virtual void CountStep() = 0;
  // Whether what is reported into `sink` is kept. A trial (a union member
  // tried in a scratch sink) is not: its findings are neither explained nor
  // marked on the value.
  virtual bool Keeps(const DiagnosticSink& sink) const = 0;
  // Adds to `d`, reported at `value` into `sink`, where the value came from
  // (the calls that made it).
  virtual void ExplainValue(Diagnostic& d, const Value& value, const DiagnosticSink& sink) const = 0;
  // The same for a required `field` missing from `record` (which a `with`
  // may have removed).
  virtual void ExplainMissingField(Diagnostic& d, const Value& record, const std::string& field,
                                   const DiagnosticSink& sink) const = 0;
  // Called after `object` was validated as the Kubernetes type `type` (of
  // kind kExternal); its findings are `sink.diagnostics()` from
  // `found_before` on.
  virtual void ValidatedExternal(const Value& object, const Type& type, DiagnosticSink& sink,
                                 size_t found_before) = 0;
  // The value of a schema field's default, `value` written in `home`;
  // nullopt when it cannot be known here (the field is then left unset,
  // without complaint).
  virtual std::optional<Value> EvaluateDefault(const ast::Expr& value, ModuleInfo& home) = 0;
  // The outcome of a schema's check `condition` (written in `home`, in
  // `schema`) on `record`, whose fields it sees by name; nullopt when it
  // cannot be known here (the check is skipped).
  virtual std::optional<Value> EvaluateCheck(const ast::Expr& condition, ModuleInfo& home, const ast::Decl& schema,
                                             const Value& record) = 0;

 private:
  Program& program_;
};

// Conformance before evaluation: what is known from the value and the type
// alone. Defaults and checks are unknown, and nothing is explained.
class StaticConformContext final : public ConformContext {
 public:
  using ConformContext::ConformContext;
  void CountStep() override {}
  bool Keeps(const DiagnosticSink&) const override { return true; }
  void ExplainValue(Diagnostic&, const Value&, const DiagnosticSink&) const override {}
  void ExplainMissingField(Diagnostic&, const Value&, const std::string&, const DiagnosticSink&) const override {}
  void ValidatedExternal(const Value&, const Type&, DiagnosticSink&, size_t) override {}
  std::optional<Value> EvaluateDefault(const ast::Expr&, ModuleInfo&) override { return std::nullopt; }
  std::optional<Value> EvaluateCheck(const ast::Expr&, ModuleInfo&, const ast::Decl&, const Value&) override {
    return std::nullopt;
  }
};

// Checks `value` against `type`; reports into `sink`.
Value Conform(const Value& value, const Type& type, DiagnosticSink& sink, ConformContext& context);
// Whether `value` conforms to `type` (nothing is reported).
bool Fits(const Value& value, const Type& type, ConformContext& context);

}  // namespace mast
