// The language server's core, clangd's ClangdServer: documents, scheduling,
// diagnostics and features, with no JSON in sight. The dispatcher
// (dispatcher.h) translates JSON-RPC into calls of this API and replies back.
//
// Threads: every method is called from the main thread and returns at once.
// Analyses run on per-document workers (scheduler.h); requests run on the
// request thread and answer through their Reply callback, from that thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lsp/analysis/workspace.h"
#include "lsp/features/features.h"
#include "lsp/protocol/types.h"
#include "lsp/server/diagnostics_hub.h"
#include "lsp/server/documents.h"
#include "lsp/server/scheduler.h"

namespace mast::lsp {

struct ServerOptions {
  SchedulerOptions scheduler;
  // Receives a line per analysis (document, version, where the time went)
  // when set (`mast lsp --verbose`).
  std::function<void(const std::string&)> log;
  bool run_policies = true;        // initializationOptions.policies
  bool skip_unknown_kinds = false; // initializationOptions.skipUnknownKinds
  // The default Kubernetes target for files whose .mast.yaml sets none:
  // `mast lsp --kubernetes-version`, or initializationOptions.kubernetesVersion.
  std::string kubernetes_version;
  std::string schema;  // `mast lsp --schema`: an OpenAPI document instead of the built-in releases
};

class Server {
 public:
  template <typename T>
  using Reply = std::function<void(std::variant<T, ReplyError>)>;
  using PublishFn = DiagnosticsHub::PublishFn;

  Server(ServerOptions options, PublishFn publish);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void Initialize(std::vector<std::string> root_paths);

  void DidOpen(const TextDocumentItem& item);
  void DidChange(const std::string& uri, int64_t version, const std::vector<ContentChange>& changes);
  void DidClose(const std::string& uri);
  void DidSave(const std::string& uri);
  // Files created, changed or deleted on disk (uris).
  void DidChangeWatchedFiles(const std::vector<std::string>& uris);

  // Requests. `key` identifies the request for Cancel.
  void Hover(const std::string& key, const std::string& uri, Position position, Reply<std::optional<lsp::Hover>> reply);
  void Completion(const std::string& key, const std::string& uri, Position position, Reply<CompletionList> reply);
  void Definition(const std::string& key, const std::string& uri, Position position, Reply<std::vector<Location>> reply);
  void References(const std::string& key, const std::string& uri, Position position, bool include_declaration,
                  Reply<std::vector<Location>> reply);
  void PrepareRename(const std::string& key, const std::string& uri, Position position,
                     Reply<std::optional<PrepareRenameResult>> reply);
  void Rename(const std::string& key, const std::string& uri, Position position, const std::string& new_name,
              Reply<WorkspaceEdit> reply);
  void DocumentSymbols(const std::string& key, const std::string& uri, Reply<std::vector<DocumentSymbol>> reply);
  void WorkspaceSymbols(const std::string& key, const std::string& query, Reply<std::vector<SymbolInformation>> reply);
  void CodeActions(const std::string& key, const std::string& uri, Range range, std::vector<Diagnostic> diagnostics,
                   Reply<std::vector<CodeAction>> reply);
  void Formatting(const std::string& key, const std::string& uri, FormattingOptions options,
                  Reply<std::optional<std::vector<TextEdit>>> reply);
  void SemanticTokens(const std::string& key, const std::string& uri, Reply<lsp::SemanticTokens> reply);
  void InlayHints(const std::string& key, const std::string& uri, Range range, Reply<std::vector<InlayHint>> reply);

  void Cancel(const std::string& key);
  // Stops the workers; requests after this are not answered.
  void Shutdown();
  // Waits until every scheduled analysis has finished (tests, benchmarks).
  void WaitIdle();

  Workspace& workspace() { return *workspace_; }

 private:
  template <typename T>
  void RunFeature(const std::string& key, const std::string& uri, std::function<T(const FeatureContext&)> feature,
                  Reply<T> reply);
  double Analyze(const std::string& uri);
  void ScheduleDependents(const std::string& path);
  void ScheduleAllMast();

  ServerOptions options_;
  DocumentStore store_;
  std::unique_ptr<Workspace> workspace_;
  DiagnosticsHub hub_;
  std::unique_ptr<Scheduler> scheduler_;  // last: its threads use everything above
};

}  // namespace mast::lsp
