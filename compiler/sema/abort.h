// How an error that has been reported leaves the code that found it.
#pragma once

namespace mast {

// Thrown after an error has been reported, to abandon what was being
// resolved, checked or evaluated: the evaluator goes on with the next
// top-level declaration, the checker treats the type as unknown.
struct DeclarationAbort {};

}  // namespace mast
