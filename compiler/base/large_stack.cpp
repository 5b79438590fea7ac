#include "compiler/base/large_stack.h"

#include <pthread.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <exception>

namespace mast {
namespace {

struct Task {
  const std::function<void()>* fn;
  std::exception_ptr error;
  ucontext_t caller;
};

void RunTask(Task& task) {
  try {
    (*task.fn)();
  } catch (...) {
    task.error = std::current_exception();
  }
}

void* RunOnThread(void* arg) {
  RunTask(*static_cast<Task*>(arg));
  return nullptr;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSwitchStacks = false;  // ASan does not follow swapcontext
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSwitchStacks = false;
#else
constexpr bool kSwitchStacks = true;
#endif
#else
constexpr bool kSwitchStacks = true;
#endif

thread_local Task* running_task = nullptr;  // read by RunOnStack, which takes no arguments

void RunOnStack() {
  RunTask(*running_task);
}  // returns to uc_link: the caller

// Runs the task on a mapped stack in this very thread. A process that never
// starts a thread keeps libstdc++'s single-threaded fast path: shared_ptr
// reference counts, which the evaluator updates millions of times, then
// need no atomic instructions.
bool RunOnOwnStack(Task& task, const size_t requested_bytes) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t stack_bytes = (requested_bytes + page - 1) / page * page;
  // The lowest page stays inaccessible: an overflow faults instead of
  // writing over other memory. The rest is committed only as it is used.
  void* memory = mmap(nullptr, stack_bytes + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                      -1, 0);
  if (memory == MAP_FAILED) return false;
  mprotect(memory, page, PROT_NONE);
  ucontext_t context;
  bool ran = false;
  if (getcontext(&context) == 0) {
    context.uc_stack.ss_sp = static_cast<char*>(memory) + page;
    context.uc_stack.ss_size = stack_bytes;
    context.uc_link = &task.caller;
    makecontext(&context, RunOnStack, 0);
    Task* outer = running_task;
    running_task = &task;
    ran = swapcontext(&task.caller, &context) == 0;
    running_task = outer;
  }
  munmap(memory, stack_bytes + page);
  return ran;
}

}  // namespace

void RunWithLargeStack(const std::function<void()>& fn, size_t stack_bytes) {
  Task task{&fn, nullptr, {}};
  bool ran = false;
  if (kSwitchStacks) {
    ran = RunOnOwnStack(task, stack_bytes);
  } else {
    pthread_attr_t attributes;
    pthread_t thread;
    ran = pthread_attr_init(&attributes) == 0 && pthread_attr_setstacksize(&attributes, stack_bytes) == 0 &&
          pthread_create(&thread, &attributes, RunOnThread, &task) == 0;
    pthread_attr_destroy(&attributes);
    if (ran) pthread_join(thread, nullptr);
  }
  if (!ran) {
    fn();  // fall back to the caller's stack
    return;
  }
  if (task.error) std::rethrow_exception(task.error);
}

}  // namespace mast
