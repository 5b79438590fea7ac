// Runs a function on a thread with a large stack, so that deep (but bounded)
// recursion in the parser and evaluator cannot overflow a small default stack.
#pragma once

#include <cstddef>
#include <functional>

namespace mast {

void RunWithLargeStack(const std::function<void()>& fn, size_t stack_bytes = 512u << 20);

}  // namespace mast
