#include "lsp/transport/framing.h"

#include <algorithm>
#include <cctype>

namespace mast::lsp {

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// The offset of the first "Content-Length:" in any case, or npos.
size_t FindContentLength(std::string_view text) {
  constexpr std::string_view kHeader = "content-length:";
  for (size_t at = 0; at + kHeader.size() <= text.size(); ++at) {
    if (EqualsIgnoreCase(text.substr(at, kHeader.size()), kHeader)) return at;
  }
  return std::string_view::npos;
}

}  // namespace

void FrameDecoder::Feed(std::string_view bytes) {
  buffer_.append(bytes.data(), bytes.size());
  Process();
}

bool FrameDecoder::Next(Frame* frame) {
  if (ready_head_ >= ready_.size()) {
    ready_.clear();
    ready_head_ = 0;
    return false;
  }
  *frame = std::move(ready_[ready_head_++]);
  return true;
}

// Returns false (and queues an error) when the block has no usable length.
bool FrameDecoder::ParseHeaders(std::string_view block) {
  bool found = false;
  size_t length = 0;
  while (!block.empty()) {
    size_t eol = block.find('\n');
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 1);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // tolerate stray lines
    if (!EqualsIgnoreCase(Trim(line.substr(0, colon)), "Content-Length")) continue;
    std::string_view value = Trim(line.substr(colon + 1));
    if (value.empty() || value.size() > 18 ||
        !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      ready_.push_back({"", "invalid Content-Length `" + std::string(value.substr(0, 40)) + "`"});
      return false;
    }
    length = 0;
    for (char c : value) length = length * 10 + static_cast<size_t>(c - '0');
    found = true;
  }
  if (!found) {
    ready_.push_back({"", "header block without Content-Length"});
    return false;
  }
  if (length > max_message_bytes_) {
    ready_.push_back({"", "message of " + std::to_string(length) + " bytes exceeds the limit of " +
                              std::to_string(max_message_bytes_) + " bytes"});
    skip_remaining_ = length;
    return false;
  }
  body_length_ = length;
  in_body_ = true;
  return true;
}

void FrameDecoder::Process() {
  for (;;) {
    if (skip_remaining_ > 0) {
      size_t n = std::min(skip_remaining_, buffer_.size());
      buffer_.erase(0, n);
      skip_remaining_ -= n;
      if (skip_remaining_ > 0) return;
    }
    if (resynchronising_) {
      // After a header block without a usable length, its body (if any)
      // follows: drop everything up to the next header, so that one bad
      // frame costs one message, not every message after it.
      const size_t at = FindContentLength(buffer_);
      if (at == std::string::npos) {
        constexpr size_t kKeep = 14;  // a header name split between reads
        if (buffer_.size() > kKeep) buffer_.erase(0, buffer_.size() - kKeep);
        return;
      }
      buffer_.erase(0, at);
      resynchronising_ = false;
    }
    if (in_body_) {
      if (buffer_.size() < body_length_) return;
      ready_.push_back({buffer_.substr(0, body_length_), ""});
      buffer_.erase(0, body_length_);
      in_body_ = false;
      continue;
    }
    // Headers end at an empty line; accept "\n\n" from lenient clients too.
    size_t end = buffer_.find("\r\n\r\n");
    size_t terminator = 4;
    size_t lf = buffer_.find("\n\n");
    if (lf != std::string::npos && (end == std::string::npos || lf < end)) {
      end = lf;
      terminator = 2;
    }
    if (end == std::string::npos) {
      if (buffer_.size() > kMaxHeaderBytes) {
        ready_.push_back({"", "header block longer than " + std::to_string(kMaxHeaderBytes) + " bytes"});
        buffer_.erase(0, buffer_.size() - 3);  // keep a possibly split terminator
      }
      return;
    }
    if (end > kMaxHeaderBytes) {
      ready_.push_back({"", "header block longer than " + std::to_string(kMaxHeaderBytes) + " bytes"});
      buffer_.erase(0, end + terminator);
      continue;
    }
    std::string block = buffer_.substr(0, end);
    buffer_.erase(0, end + terminator);
    // A block of only line breaks (blank lines between messages) is noise.
    if (std::all_of(block.begin(), block.end(), [](char c) { return c == '\r' || c == '\n'; })) continue;
    if (!ParseHeaders(block) && skip_remaining_ == 0) resynchronising_ = true;
  }
}

std::string EncodeFrame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body.data(), body.size());
  return out;
}

}  // namespace mast::lsp
