// JSON-RPC base protocol framing: `Content-Length: N\r\n\r\n` + N bytes.
//
// FrameDecoder is a pure state machine over bytes (the fuzz target drives it
// directly): feed it whatever arrived, take out complete frames or framing
// errors. It never throws and never buffers more than `max_message_bytes`
// plus one header block:
//  - a header block without a valid Content-Length is reported and skipped,
//    and so is everything after it up to the next `Content-Length:` (the
//    body that the bad header announced, if any);
//  - a body larger than the limit is skipped byte by byte as it arrives and
//    reported once;
//  - header lines longer than kMaxHeaderBytes are reported and skipped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mast::lsp {

struct Frame {
  std::string body;   // valid when error is empty
  std::string error;  // a framing problem: "missing Content-Length", ...
};

class FrameDecoder {
 public:
  static constexpr size_t kMaxHeaderBytes = 8192;

  explicit FrameDecoder(size_t max_message_bytes = size_t{64} << 20) : max_message_bytes_(max_message_bytes) {}

  // Appends bytes; complete frames (and errors) become available to Next().
  void Feed(std::string_view bytes);
  // Takes the next frame or error, in order; false when none is complete.
  bool Next(Frame* frame);

 private:
  void Process();
  bool ParseHeaders(std::string_view block);

  size_t max_message_bytes_;
  std::string buffer_;
  size_t body_length_ = 0;
  bool in_body_ = false;
  size_t skip_remaining_ = 0;  // bytes of an oversized body still to drop
  bool resynchronising_ = false;  // dropping bytes up to the next `Content-Length:`
  std::vector<Frame> ready_;
  size_t ready_head_ = 0;
};

// Frames `body` for sending.
std::string EncodeFrame(std::string_view body);

}  // namespace mast::lsp
