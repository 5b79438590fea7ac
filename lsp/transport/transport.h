// The transport: framed JSON-RPC messages in, JSON out. StdioTransport reads
// a file descriptor (stdin) on the main thread and writes another (stdout)
// from any thread, one whole frame at a time.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

#include "lsp/protocol/json.h"
#include "lsp/transport/framing.h"

namespace mast::lsp {

struct Incoming {
  enum class Kind { kMessage, kFramingError, kParseError, kEndOfInput };
  Kind kind = Kind::kEndOfInput;
  Json json;          // kMessage
  std::string error;  // kFramingError, kParseError
};

// Deepest JSON nesting accepted in a message. LSP messages nest a handful of
// levels; the bound keeps recursive consumers safe.
inline constexpr size_t kMaxJsonDepth = 128;

// Parses one message body; never throws. Fails on invalid JSON and on
// nesting deeper than kMaxJsonDepth.
bool ParseMessage(std::string_view body, Json* out, std::string* error);

class Transport {
 public:
  virtual ~Transport() = default;
  // Blocks until a message, an error or the end of the input.
  virtual Incoming Read() = 0;
  // Thread-safe.
  virtual void Send(const Json& message) = 0;
  // A message already written as JSON text. Thread-safe.
  virtual void SendText(std::string_view body) = 0;
};

class StdioTransport : public Transport {
 public:
  StdioTransport(int in_fd, int out_fd, size_t max_message_bytes = size_t{64} << 20)
      : in_fd_(in_fd), out_fd_(out_fd), decoder_(max_message_bytes) {}

  Incoming Read() override;
  void Send(const Json& message) override;
  void SendText(std::string_view body) override;

 private:
  int in_fd_;
  int out_fd_;
  FrameDecoder decoder_;
  bool eof_ = false;
  std::mutex write_mutex_;
};

}  // namespace mast::lsp
