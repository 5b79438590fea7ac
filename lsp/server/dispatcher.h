// JSON-RPC dispatch: clangd's ClangdLSPServer. Reads messages from the
// transport, checks them, calls the server core, and writes replies and
// notifications back.
//
// Robustness rules (the server never crashes on input):
//  - framing errors are logged and skipped; invalid JSON gets a Parse error
//    (-32700) with a null id; a message that is not a JSON-RPC request or
//    notification gets Invalid Request (-32600);
//  - before `initialize`, requests get ServerNotInitialized (-32002) and
//    notifications are dropped (except `exit`);
//  - after `shutdown`, requests get Invalid Request; `exit` ends the loop
//    with 0 after a shutdown and 1 without;
//  - unknown requests get Method Not Found (-32601); unknown notifications
//    (and every `$/` one) are ignored; bad params get Invalid Params (-32602).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "lsp/protocol/json.h"
#include "lsp/server/server.h"
#include "lsp/transport/transport.h"

namespace mast::lsp {

class Dispatcher {
 public:
  // `send` writes one message, `send_text` one already written as JSON text
  // (the diagnostics, protocol/json_text.h); both thread-safe. `log` writes
  // a line to stderr.
  using SendFn = std::function<void(const Json&)>;
  using SendTextFn = std::function<void(std::string_view)>;
  using LogFn = std::function<void(const std::string&)>;

  // `log` receives protocol problems; `options.log`, analysis timings.
  Dispatcher(ServerOptions options, SendFn send, SendTextFn send_text, LogFn log);
  ~Dispatcher();

  // Reads and handles messages until `exit` or the end of input; returns
  // the process exit code.
  int Run(Transport& transport);
  // Handles one incoming item (exposed for the fuzzer and tests).
  void Handle(const Incoming& incoming);

  bool exited() const { return exited_; }
  int exit_code() const { return shutdown_requested_ ? 0 : 1; }
  Server& server() { return *server_; }

 private:
  using RequestHandler = std::function<void(const Json& params, const Json& id)>;
  using NotificationHandler = std::function<void(const Json& params)>;

  void HandleMessage(const Json& message);
  void Respond(const Json& id, Json result);
  void RespondError(const Json& id, ErrorCode code, const std::string& message);
  template <typename T, typename Convert>
  typename Server::Reply<T> ReplyTo(const Json& id, Convert convert);
  void RegisterHandlers();
  void OnInitialize(const Json& params, const Json& id);
  void OnInitialized();

  ServerOptions options_;
  SendFn send_;
  SendTextFn send_text_;
  LogFn log_;
  std::unique_ptr<Server> server_;
  std::map<std::string, RequestHandler> requests_;
  std::map<std::string, NotificationHandler> notifications_;
  bool initialized_ = false;
  bool shutdown_requested_ = false;
  bool exited_ = false;
  bool watch_registration_supported_ = false;
  bool hierarchical_symbols_ = true;
};

}  // namespace mast::lsp
