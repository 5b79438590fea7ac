// Static checks, before anything is evaluated: names, calls, and the fields
// and literal values of records whose type is known from context (a typed
// record literal, a function's return type, a parameter, a `let`
// annotation). Every function body is checked, called or not, so the editor
// shows errors in code that no `emit` reaches yet.
//
// The checker is gradual: where a type cannot be known statically it says
// nothing and leaves the question to evaluation. It resolves types and
// conforms constants with the same functions as the evaluator (sema/), so
// that static and runtime findings share their wording.
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/sema/program.h"
#include "compiler/sema/semantic_index.h"

namespace mast {

// `index`, when given, is filled with what each name refers to and its type
// (sema/semantic_index.h), the declarations that did not parse included
// (they are indexed, not checked), and finished.
void CheckProgram(Program& program, DiagnosticSink& sink, SemanticIndex* index = nullptr);

}  // namespace mast
