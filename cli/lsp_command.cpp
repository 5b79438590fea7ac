// `mast lsp`: the language server, speaking LSP 3.17 over stdin/stdout.
// Everything is in lsp/; this file only wires the process up: no SIGPIPE
// (a client that goes away must end the loop, not kill us mid-write), and
// log lines on stderr, which clients show in their server log.
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <mutex>

#include "cli/commands.h"
#include "lsp/server/dispatcher.h"
#include "lsp/transport/transport.h"
#include "schemas/catalog_choice.h"

namespace mast::cli {

int RunLsp(const LspOptions& options) {
  DiagnosticSink problems;
  if (const ChosenCatalog chosen = ChooseCatalog({options.schema, options.kubernetes_version, {}}, problems);
      !chosen.catalog) {
    std::fprintf(stderr, "mast: error: %s\n", chosen.error.c_str());
    return kExitUsage;
  }
  std::signal(SIGPIPE, SIG_IGN);
  lsp::StdioTransport transport(STDIN_FILENO, STDOUT_FILENO);
  lsp::ServerOptions server_options;
  if (options.debounce_ms >= 0) server_options.scheduler.fixed_debounce = std::chrono::milliseconds(options.debounce_ms);
  server_options.kubernetes_version = options.kubernetes_version;
  server_options.schema = options.schema;
  static std::mutex log_mutex;
  auto log = [verbose = options.verbose](const std::string& line) {
    if (!verbose) return;
    std::lock_guard<std::mutex> lock(log_mutex);
    std::fprintf(stderr, "mast lsp: %s\n", line.c_str());
  };
  if (options.verbose) server_options.log = log;
  lsp::Dispatcher dispatcher(
      server_options, [&transport](const lsp::Json& message) { transport.Send(message); },
      [&transport](std::string_view body) { transport.SendText(body); }, log);
  return dispatcher.Run(transport);
}

}  // namespace mast::cli
