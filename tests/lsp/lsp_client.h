// A test client for the language server: starts `mast lsp` as a child
// process with pipes, frames what it sends (Content-Length is filled in),
// and collects what the server sends on a reader thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "lsp/protocol/json.h"

namespace mast::lsp::testing {

class LspClient {
 public:
  // argv[0] is the executable.
  explicit LspClient(std::vector<std::string> argv);
  ~LspClient();

  bool running() const { return pid_ > 0; }
  int pid() const { return pid_; }

  // Sends raw bytes (already framed, or deliberately broken).
  void SendRaw(const std::string& bytes);
  void Send(const Json& message);
  // Sends a request with the next id; returns the id.
  int64_t Request(const std::string& method, Json params);
  void Notify(const std::string& method, Json params);

  // Waits for the first unconsumed message that satisfies `match`, consuming
  // it. nullopt on timeout.
  std::optional<Json> WaitFor(const std::function<bool(const Json&)>& match, std::chrono::milliseconds timeout);
  std::optional<Json> WaitForResponse(int64_t id, std::chrono::milliseconds timeout);
  // Drops every pending message that satisfies `match`.
  void Discard(const std::function<bool(const Json&)>& match);
  // Everything received and not consumed yet.
  std::vector<Json> Pending();
  // Closes the server's stdin and waits for it to exit; returns its status.
  int Finish(std::chrono::milliseconds timeout);
  // Resident memory of the server in KiB (from /proc), or -1.
  long ResidentKb() const;

 private:
  void ReadLoop();

  int pid_ = -1;
  int to_server_ = -1;
  int from_server_ = -1;
  int64_t next_id_ = 1;
  std::thread reader_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<Json> messages_;
  bool closed_ = false;
  int exit_status_ = -1;
};

}  // namespace mast::lsp::testing
