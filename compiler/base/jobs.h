// How many threads a `jobs` setting (`-j`) means.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace mast {

// `jobs`, or one per core when it is 0.
inline unsigned ResolveJobs(unsigned jobs) {
  return jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : jobs;
}

// Runs body(0..count-1, worker) on up to `jobs` threads (the calling one
// included, as worker 0); items go to whichever worker is free next. An
// exception stops the worker that threw it (the others finish their
// items) and is thrown again on the calling thread, once all are done.
template <typename Body>
void ParallelFor(size_t count, unsigned jobs, Body&& body) {
  const size_t threads = std::min<size_t>(jobs == 0 ? 1 : jobs, count);
  if (threads <= 1) {
    for (size_t i = 0; i < count; ++i) body(i, 0u);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::exception_ptr> errors(threads);
  auto worker = [&](unsigned w) {
    try {
      for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) body(i, w);
    } catch (...) {
      errors[w] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker, static_cast<unsigned>(t));
  worker(0u);
  for (std::thread& thread : pool) thread.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace mast
