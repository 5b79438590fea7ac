// libFuzzer target for the language server's framing and dispatch:
// bytes -> FrameDecoder -> ParseMessage -> Dispatcher (after a synthetic
// `initialize`, so that most inputs reach the handlers) -> the server core,
// its workers and features. Replies are serialized as the transport would.
//
// Oracles: no crash, no sanitizer report; every message the server sends is
// a JSON-RPC 2.0 object that serializes; a request id is answered at most as
// many times as the input sent a message with that id (clients must not reuse
// an id, but the input may, and then each message gets its own answer).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>

#include "lsp/server/dispatcher.h"
#include "lsp/transport/framing.h"
#include "lsp/transport/transport.h"

namespace {

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz oracle failed: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using mast::lsp::Json;
  std::mutex mutex;
  std::map<std::string, int> answers;
  std::map<std::string, int> requests;  // messages with an id (a reply may come for each)
  auto send = [&](const Json& message) {
    if (!message.is_object() || message.value("jsonrpc", "") != "2.0") Fail("not a JSON-RPC message: " + message.dump());
    std::string body = message.dump(-1, ' ', false, Json::error_handler_t::replace);
    (void)mast::lsp::EncodeFrame(body);
    if (message.contains("id") && !message.contains("method")) {
      std::lock_guard<std::mutex> lock(mutex);
      const Json& id = message["id"];
      if (id.is_null()) return;
      std::string key = id.dump();
      if (++answers[key] > requests[key]) {
        Fail("request " + key + " answered " + std::to_string(answers[key]) + " times, sent " +
             std::to_string(requests[key]) + " times");
      }
    }
  };
  mast::lsp::ServerOptions options;
  options.scheduler.fixed_debounce = std::chrono::milliseconds(0);
  options.run_policies = (size & 1) == 0;  // policies are slow; fuzz them on half of the inputs
  // Diagnostics come as text (lsp/protocol/json_text.h): it must parse, as
  // JSON that every other message satisfies too.
  auto send_text = [&](std::string_view body) {
    Json message = Json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (message.is_discarded()) Fail("a message written as text is not JSON: " + std::string(body.substr(0, 200)));
    send(message);
  };
  mast::lsp::Dispatcher dispatcher(options, send, send_text, [](const std::string&) {});
  mast::lsp::Incoming init;
  init.kind = mast::lsp::Incoming::Kind::kMessage;
  init.json = Json{{"jsonrpc", "2.0"}, {"id", "fuzz-init"}, {"method", "initialize"},
                   {"params", Json{{"capabilities", Json::object()}}}};
  requests[init.json["id"].dump()] = 1;
  dispatcher.Handle(init);

  mast::lsp::FrameDecoder decoder(size_t{1} << 20);
  decoder.Feed(std::string_view(reinterpret_cast<const char*>(data), size));
  mast::lsp::Frame frame;
  while (decoder.Next(&frame) && !dispatcher.exited()) {
    mast::lsp::Incoming incoming;
    if (!frame.error.empty()) {
      incoming.kind = mast::lsp::Incoming::Kind::kFramingError;
      incoming.error = frame.error;
    } else if (!mast::lsp::ParseMessage(frame.body, &incoming.json, &incoming.error)) {
      incoming.kind = mast::lsp::Incoming::Kind::kParseError;
    } else {
      incoming.kind = mast::lsp::Incoming::Kind::kMessage;
      if (incoming.json.is_object() && incoming.json.contains("id")) {
        std::lock_guard<std::mutex> lock(mutex);
        ++requests[incoming.json["id"].dump()];
      }
    }
    dispatcher.Handle(incoming);
  }
  if (!dispatcher.exited()) dispatcher.server().WaitIdle();
  return 0;
}
