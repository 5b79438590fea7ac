#include "lsp/transport/transport.h"

#include <unistd.h>

#include <cerrno>

namespace mast::lsp {

namespace {

// Depth of brackets outside strings; stops counting past the limit.
bool NestingWithin(std::string_view text, size_t limit) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > limit) return false;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return true;
}

}  // namespace

bool ParseMessage(std::string_view body, Json* out, std::string* error) {
  if (!NestingWithin(body, kMaxJsonDepth)) {
    *error = "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return false;
  }
  Json parsed = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    *error = "invalid JSON";
    return false;
  }
  *out = std::move(parsed);
  return true;
}

Incoming StdioTransport::Read() {
  Frame frame;
  for (;;) {
    if (decoder_.Next(&frame)) {
      Incoming incoming;
      if (!frame.error.empty()) {
        incoming.kind = Incoming::Kind::kFramingError;
        incoming.error = std::move(frame.error);
        return incoming;
      }
      if (!ParseMessage(frame.body, &incoming.json, &incoming.error)) {
        incoming.kind = Incoming::Kind::kParseError;
        return incoming;
      }
      incoming.kind = Incoming::Kind::kMessage;
      return incoming;
    }
    if (eof_) return Incoming{};
    char buffer[64 * 1024];
    ssize_t n = ::read(in_fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      eof_ = true;
      continue;
    }
    decoder_.Feed(std::string_view(buffer, static_cast<size_t>(n)));
  }
}

void StdioTransport::Send(const Json& message) {
  // Invalid UTF-8 in a string (from a client's text) must not throw: replace.
  SendText(message.dump(-1, ' ', false, Json::error_handler_t::replace));
}

void StdioTransport::SendText(std::string_view body) {
  std::string frame = EncodeFrame(body);
  std::lock_guard<std::mutex> lock(write_mutex_);
  size_t written = 0;
  while (written < frame.size()) {
    ssize_t n = ::write(out_fd_, frame.data() + written, frame.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the client is gone; reading will see the end of input
    written += static_cast<size_t>(n);
  }
}

}  // namespace mast::lsp
