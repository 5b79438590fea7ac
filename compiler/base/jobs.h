// How many threads a `jobs` setting (`-j`) means.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace mast {

// `jobs`, or one per core when it is 0.
inline unsigned ResolveJobs(unsigned jobs) {
  return jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : jobs;
}

// Runs body(0..count-1, worker) on up to `jobs` threads (the calling one
// included, as worker 0); items go to whichever worker is free next.
template <typename Body>
void ParallelFor(size_t count, unsigned jobs, Body&& body) {
  const size_t threads = std::min<size_t>(jobs == 0 ? 1 : jobs, count);
  if (threads <= 1) {
    for (size_t i = 0; i < count; ++i) body(i, 0u);
    return;
  }
  std::atomic<size_t> next{0};
  auto worker = [&](unsigned w) {
    for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) body(i, w);
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker, static_cast<unsigned>(t));
  worker(0u);
  for (std::thread& thread : pool) thread.join();
}

}  // namespace mast
