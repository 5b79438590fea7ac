// Evaluates a loaded program into documents. Values keep the source range of
// the expression that produced them. Errors are reported and evaluation goes
// on with the next declaration, so one run reports many problems.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/sema/program.h"

namespace mast {

struct EvalLimits {
  size_t max_call_depth = 200;          // nested function calls
  uint64_t max_steps = 50'000'000;      // expression evaluations in one run
  size_t max_output_bytes = 256u << 20; // one string, list or toYaml/toJson text
  // Everything built in one run (per object when linting): the bytes of
  // every string and list that an operator or a built-in makes, checked
  // before it is made. With max_output_bytes, this keeps the memory of a
  // run within a constant factor of these limits.
  uint64_t max_built_bytes = uint64_t{1} << 30;
  // The YAML text of all emitted documents together (estimated, see
  // EstimateTextBytes), checked at each `emit`.
  uint64_t max_emitted_bytes = uint64_t{1} << 30;
};

struct ParamOverride {
  std::string name;
  Value value;          // the literal the text reads as, else the text as a string
  bool parsed = false;  // `value` came from literal syntax (3, true, "x", [..], {..})
  std::string raw;      // the text after `=`
  SourceRange range;    // the value, in the synthetic "<command line>" file
  SourceRange name_range;  // the name, in the same file
};

struct EvalResult {
  std::vector<Value> documents;
  // Per document: its fields were validated against the schema of its
  // apiVersion and kind (the program's catalog) without a finding.
  std::vector<bool> fields_validated;
};

EvalResult EvaluateProgram(Program& program, SourceManager& sources, const std::vector<ParamOverride>& params,
                           const EvalLimits& limits, DiagnosticSink& sink);

}  // namespace mast
