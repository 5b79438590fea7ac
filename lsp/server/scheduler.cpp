#include "lsp/server/scheduler.h"

#include <algorithm>
#include <vector>

namespace mast::lsp {

struct Scheduler::Worker {
  std::string uri;
  std::thread thread;
  std::condition_variable wake;
  bool dirty = false;
  bool running = false;
  bool stop = false;
  bool finished = false;
  std::chrono::steady_clock::time_point deadline;
  std::chrono::steady_clock::time_point last_change;
  double average_ms = 0;  // exponential moving average of analysis times
};

Scheduler::Scheduler(SchedulerOptions options, AnalyzeFn analyze)
    : options_(options), analyze_(std::move(analyze)) {
  request_thread_ = std::thread([this] { RunRequests(); });
}

Scheduler::~Scheduler() { Stop(); }

std::chrono::milliseconds Scheduler::Debounce(const Worker& worker) const {
  if (options_.fixed_debounce) return *options_.fixed_debounce;
  auto scaled = std::chrono::milliseconds(static_cast<int64_t>(worker.average_ms / 4));
  return std::clamp(scaled, options_.min_debounce, options_.max_debounce);
}

void Scheduler::Schedule(const std::string& uri) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_) return;
  auto it = workers_.find(uri);
  if (it == workers_.end()) {
    auto worker = std::make_unique<Worker>();
    worker->uri = uri;
    Worker* raw = worker.get();
    it = workers_.emplace(uri, std::move(worker)).first;
    raw->thread = std::thread([this, raw] { RunWorker(raw); });
  }
  Worker& worker = *it->second;
  const auto now = std::chrono::steady_clock::now();
  worker.dirty = true;
  // Leading edge: a change after a pause longer than an analysis takes is
  // analysed at once; changes in a burst wait until the burst ends.
  const auto pause = std::chrono::duration<double, std::milli>(now - worker.last_change).count();
  const bool after_pause = !options_.fixed_debounce && worker.average_ms > 0 && pause > worker.average_ms;
  worker.deadline = after_pause ? now : now + Debounce(worker);
  worker.last_change = now;
  worker.wake.notify_one();
}

void Scheduler::Remove(const std::string& uri) {
  std::vector<std::unique_ptr<Worker>> finished;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = workers_.find(uri);
    if (it != workers_.end()) {
      it->second->stop = true;
      it->second->wake.notify_one();
      retired_.push_back(std::move(it->second));
      workers_.erase(it);
    }
    // A stopped worker may still be finishing an analysis: it is joined
    // once it says it is done (here, later, or in Stop), never waited for on
    // the main thread.
    for (auto r = retired_.begin(); r != retired_.end();) {
      if ((*r)->finished) {
        finished.push_back(std::move(*r));
        r = retired_.erase(r);
      } else {
        ++r;
      }
    }
  }
  for (auto& worker : finished) worker->thread.join();
}

void Scheduler::RunWorker(Worker* worker) {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    worker->wake.wait(lock, [&] { return worker->stop || worker->dirty; });
    if (worker->stop) break;
    // Debounce: wait until the document has been quiet until the deadline.
    while (!worker->stop && std::chrono::steady_clock::now() < worker->deadline) {
      worker->wake.wait_until(lock, worker->deadline);
    }
    if (worker->stop) break;
    worker->dirty = false;
    worker->running = true;
    lock.unlock();
    double ms = 0;
    try {
      ms = analyze_(worker->uri);
    } catch (...) {
      // Analysis reports its own failures; nothing may escape a worker.
    }
    lock.lock();
    worker->running = false;
    worker->average_ms = worker->average_ms == 0 ? ms : 0.7 * worker->average_ms + 0.3 * ms;
    idle_.notify_all();
  }
  worker->finished = true;
  idle_.notify_all();
}

void Scheduler::WaitIdle() {
  std::unique_lock<std::mutex> lock(mutex_);
  idle_.wait(lock, [&] {
    return std::all_of(workers_.begin(), workers_.end(),
                       [](const auto& entry) { return !entry.second->dirty && !entry.second->running; });
  });
}

void Scheduler::Stop() {
  std::vector<std::unique_ptr<Worker>> workers;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    for (auto& [uri, worker] : workers_) workers.push_back(std::move(worker));
    workers_.clear();
    for (auto& worker : retired_) workers.push_back(std::move(worker));
    retired_.clear();
    for (auto& worker : workers) {
      worker->stop = true;
      worker->wake.notify_one();
    }
  }
  for (auto& worker : workers) worker->thread.join();
  {
    std::lock_guard<std::mutex> lock(request_mutex_);
    requests_stopping_ = true;
    request_ready_.notify_all();
  }
  if (request_thread_.joinable()) request_thread_.join();
}

void Scheduler::Enqueue(const std::string& key, Task task) {
  std::lock_guard<std::mutex> lock(request_mutex_);
  if (requests_stopping_) return;
  requests_.push_back({key, std::move(task)});
  request_ready_.notify_one();
}

void Scheduler::Cancel(const std::string& key) {
  std::lock_guard<std::mutex> lock(request_mutex_);
  bool queued = std::any_of(requests_.begin(), requests_.end(), [&](const Request& r) { return r.key == key; });
  if (queued) cancelled_.insert(key);
}

void Scheduler::RunRequests() {
  for (;;) {
    Request request;
    bool cancelled = false;
    {
      std::unique_lock<std::mutex> lock(request_mutex_);
      request_ready_.wait(lock, [&] { return requests_stopping_ || !requests_.empty(); });
      if (requests_.empty()) return;  // stopping, and nothing left to answer
      request = std::move(requests_.front());
      requests_.pop_front();
      cancelled = cancelled_.erase(request.key) > 0;
    }
    try {
      request.task(cancelled);
    } catch (...) {
      // Tasks reply themselves; an escaped exception is a bug, not a crash.
    }
  }
}

}  // namespace mast::lsp
