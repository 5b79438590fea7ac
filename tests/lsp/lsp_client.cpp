#include "lsp_client.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>

#include "lsp/transport/framing.h"
#include "lsp/transport/transport.h"

namespace mast::lsp::testing {

LspClient::LspClient(std::vector<std::string> argv) {
  std::signal(SIGPIPE, SIG_IGN);
  int in[2];
  int out[2];
  if (pipe(in) != 0 || pipe(out) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    close(in[0]);
    close(in[1]);
    close(out[0]);
    close(out[1]);
    std::vector<char*> args;
    for (std::string& arg : argv) args.push_back(arg.data());
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  to_server_ = in[1];
  from_server_ = out[0];
  reader_ = std::thread([this] { ReadLoop(); });
}

LspClient::~LspClient() {
  if (pid_ > 0) Finish(std::chrono::milliseconds(5000));
  if (reader_.joinable()) reader_.join();
  if (from_server_ >= 0) close(from_server_);
}

void LspClient::ReadLoop() {
  FrameDecoder decoder(size_t{1} << 30);
  char buffer[65536];
  for (;;) {
    ssize_t n = read(from_server_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    decoder.Feed(std::string_view(buffer, static_cast<size_t>(n)));
    Frame frame;
    while (decoder.Next(&frame)) {
      Json message;
      std::string error;
      if (!frame.error.empty() || !ParseMessage(frame.body, &message, &error)) {
        message = Json{{"__unparsable__", frame.error.empty() ? error : frame.error}};
      }
      std::lock_guard<std::mutex> lock(mutex_);
      messages_.push_back(std::move(message));
      arrived_.notify_all();
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  closed_ = true;
  arrived_.notify_all();
}

void LspClient::SendRaw(const std::string& bytes) {
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = write(to_server_, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    written += static_cast<size_t>(n);
  }
}

void LspClient::Send(const Json& message) { SendRaw(EncodeFrame(message.dump())); }

int64_t LspClient::Request(const std::string& method, Json params) {
  int64_t id = next_id_++;
  Json message{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null()) message["params"] = std::move(params);
  Send(message);
  return id;
}

void LspClient::Notify(const std::string& method, Json params) {
  Json message{{"jsonrpc", "2.0"}, {"method", method}};
  if (!params.is_null()) message["params"] = std::move(params);
  Send(message);
}

std::optional<Json> LspClient::WaitFor(const std::function<bool(const Json&)>& match,
                                       std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock<std::mutex> lock(mutex_);
  size_t checked = 0;
  for (;;) {
    for (size_t i = checked; i < messages_.size(); ++i) {
      if (match(messages_[i])) {
        Json found = std::move(messages_[i]);
        messages_.erase(messages_.begin() + static_cast<std::ptrdiff_t>(i));
        return found;
      }
    }
    checked = messages_.size();
    if (closed_) return std::nullopt;
    if (arrived_.wait_until(lock, deadline) == std::cv_status::timeout) {
      for (size_t i = checked; i < messages_.size(); ++i) {
        if (match(messages_[i])) {
          Json found = std::move(messages_[i]);
          messages_.erase(messages_.begin() + static_cast<std::ptrdiff_t>(i));
          return found;
        }
      }
      return std::nullopt;
    }
  }
}

std::optional<Json> LspClient::WaitForResponse(int64_t id, std::chrono::milliseconds timeout) {
  return WaitFor(
      [id](const Json& m) {
        const Json* got = Member(m, "id");
        return got && got->is_number_integer() && got->get<int64_t>() == id && !Member(m, "method");
      },
      timeout);
}

void LspClient::Discard(const std::function<bool(const Json&)>& match) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::erase_if(messages_, match);
}

std::vector<Json> LspClient::Pending() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::vector<Json>(messages_.begin(), messages_.end());
}

int LspClient::Finish(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return exit_status_;
  if (to_server_ >= 0) {
    close(to_server_);
    to_server_ = -1;
  }
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  for (;;) {
    pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      status = -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  pid_ = -1;
  if (status == -1) exit_status_ = -1;
  else if (WIFEXITED(status)) exit_status_ = WEXITSTATUS(status);
  else exit_status_ = 128 + WTERMSIG(status);
  return exit_status_;
}

long LspClient::ResidentKb() const {
  if (pid_ <= 0) return -1;
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

}  // namespace mast::lsp::testing
