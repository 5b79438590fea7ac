#include "base/large_stack.h"

#include <pthread.h>

#include <exception>

namespace mast {
namespace {

struct Task {
  const std::function<void()>* fn;
  std::exception_ptr error;
};

void* Run(void* arg) {
  auto* task = static_cast<Task*>(arg);
  try {
    (*task->fn)();
  } catch (...) {
    task->error = std::current_exception();
  }
  return nullptr;
}

}  // namespace

void RunWithLargeStack(const std::function<void()>& fn, size_t stack_bytes) {
  Task task{&fn, nullptr};
  pthread_attr_t attributes;
  pthread_t thread;
  bool started = pthread_attr_init(&attributes) == 0 && pthread_attr_setstacksize(&attributes, stack_bytes) == 0 &&
                 pthread_create(&thread, &attributes, Run, &task) == 0;
  pthread_attr_destroy(&attributes);
  if (!started) {
    fn();  // fall back to the caller's stack
    return;
  }
  pthread_join(thread, nullptr);
  if (task.error) std::rethrow_exception(task.error);
}

}  // namespace mast
