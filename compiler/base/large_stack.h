// Runs a function on a large stack, so that deep (but bounded) recursion in
// the parser and evaluator cannot overflow a small default stack. The stack
// is switched to in the calling thread (a thread is started only in
// AddressSanitizer builds, which do not follow a switched stack).
#pragma once

#include <cstddef>
#include <functional>

namespace mast {

void RunWithLargeStack(const std::function<void()>& fn, size_t stack_bytes = 512u << 20);

}  // namespace mast
