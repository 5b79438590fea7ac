// Runs analyses off the main thread: one worker thread per open document
// (clangd's ASTWorker), plus one thread for feature requests.
//
// A document's worker waits for its document to be quiet for the debounce
// delay, then analyses the latest text. Intermediate versions are never
// analysed, and a result whose version is no longer current when it
// finishes is dropped instead of published. The delay follows the rebuild
// time: a quarter of the recent average, between `min_debounce` and
// `max_debounce`, so that keystrokes closer together than that are
// analysed once. The first change after a pause longer than an analysis
// takes is analysed at once (a leading edge): the server is idle then, and
// the user is waiting.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <optional>
#include <vector>

namespace mast::lsp {

struct SchedulerOptions {
  std::chrono::milliseconds min_debounce{2};
  std::chrono::milliseconds max_debounce{300};
  // Fixed debounce instead of the adaptive one (tests), when set.
  std::optional<std::chrono::milliseconds> fixed_debounce;
};

class Scheduler {
 public:
  // `analyze(uri)` runs on the document's worker; it reads the current text
  // itself and is responsible for dropping stale results. It returns the
  // time the analysis took, which drives the debounce.
  using AnalyzeFn = std::function<double(const std::string& uri)>;

  Scheduler(SchedulerOptions options, AnalyzeFn analyze);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Marks the document dirty: it is analysed after the debounce delay.
  // Starts its worker on first use.
  void Schedule(const std::string& uri);
  // Stops and joins the document's worker (didClose).
  void Remove(const std::string& uri);
  // Waits until no document is dirty or being analysed (tests, shutdown).
  void WaitIdle();
  void Stop();

  // Feature requests: run in order on the request thread. `cancelled` tells
  // the task it was cancelled before it started (it must still reply).
  using Task = std::function<void(bool cancelled)>;
  void Enqueue(const std::string& key, Task task);
  // Cancels a queued task (a request id); no effect once it runs.
  void Cancel(const std::string& key);

 private:
  struct Worker;
  void RunWorker(Worker* worker);
  void RunRequests();
  std::chrono::milliseconds Debounce(const Worker& worker) const;

  SchedulerOptions options_;
  AnalyzeFn analyze_;
  std::mutex mutex_;
  std::condition_variable idle_;
  std::map<std::string, std::unique_ptr<Worker>> workers_;
  std::vector<std::unique_ptr<Worker>> retired_;  // stopped, not yet joined
  bool stopping_ = false;

  struct Request {
    std::string key;
    Task task;
  };
  std::mutex request_mutex_;
  std::condition_variable request_ready_;
  std::deque<Request> requests_;
  std::set<std::string> cancelled_;
  bool requests_stopping_ = false;
  std::thread request_thread_;
};

}  // namespace mast::lsp
