// ParallelFor (base/jobs.h): every item runs once, on up to `jobs` threads,
// and an exception in a worker reaches the caller instead of terminating.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "compiler/base/jobs.h"

namespace mast {
namespace {

TEST_CASE("ParallelFor runs every item once", "[base][jobs]") {
  for (unsigned jobs : {0u, 1u, 2u, 4u}) {
    std::vector<std::atomic<int>> runs(1000);
    std::atomic<unsigned> highest_worker{0};
    ParallelFor(runs.size(), jobs, [&](size_t i, unsigned worker) {
      ++runs[i];
      unsigned seen = highest_worker.load();
      while (worker > seen && !highest_worker.compare_exchange_weak(seen, worker)) {
      }
    });
    for (const std::atomic<int>& count : runs) CHECK(count.load() == 1);
    CHECK(highest_worker.load() < std::max(1u, jobs));
  }
}

TEST_CASE("an exception in a worker is thrown again on the calling thread", "[base][jobs]") {
  for (unsigned jobs : {1u, 2u, 3u}) {
    std::atomic<int> done{0};
    auto body = [&](size_t i, unsigned) {
      if (i == 7) throw std::runtime_error("item 7");
      ++done;
    };
    CHECK_THROWS_WITH(ParallelFor(100, jobs, body), "item 7");
    CHECK(done.load() >= 7);  // the items before it ran
  }
}

}  // namespace
}  // namespace mast
