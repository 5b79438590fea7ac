// How many threads a `jobs` setting (`-j`) means.
#pragma once

#include <algorithm>
#include <thread>

namespace mast {

// `jobs`, or one per core when it is 0.
inline unsigned ResolveJobs(unsigned jobs) {
  return jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : jobs;
}

}  // namespace mast
