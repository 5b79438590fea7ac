#include "lsp/server/server.h"

#include <cstdio>
#include <filesystem>

#include "compiler/base/file_io.h"
#include "policies/config.h"
#include "policies/engine.h"
#include "schemas/catalog_choice.h"
#include "schemas/kube_catalog.h"

namespace mast::lsp {

namespace {

bool IsConfigFile(const std::string& path) { return std::filesystem::path(path).filename() == ".mast.yaml"; }

}  // namespace

const KubeCatalog& FeatureContext::catalog() const {
  if (settings && settings->catalog) return *settings->catalog;
  return workspace != nullptr ? workspace->catalog() : KubeCatalog::Embedded();
}

const ExternalTypes& FeatureContext::types() const {
  if (settings && settings->types) return *settings->types;
  return catalog();
}

std::shared_ptr<const ParsedFile> FeatureContext::Parsed() const {
  if (!IsMast() || !workspace || !document.text) return nullptr;
  return workspace->Parse(document.path, document.version, document.text);
}

std::shared_ptr<const CheckedDocument> FeatureContext::Checked() const {
  if (!IsMast() || !workspace || !document.text) return nullptr;
  return workspace->Checked(document.path, document.version, document.text, settings);
}

std::optional<EarlierCheck> FeatureContext::Earlier() const {
  std::shared_ptr<const ParsedFile> file = Parsed();
  if (!file || file->parse_diagnostics.empty()) return std::nullopt;
  std::shared_ptr<const CheckedDocument> earlier = workspace->LastCleanCheck(document.path, document.version);
  if (!earlier) return std::nullopt;
  return EarlierCheck::Of(std::move(earlier), document.path, *document.text);
}

EditorTypes TypesFor(const FeatureContext& context) {
  return EditorTypes(*context.workspace, &context.types(), [&context] {
    std::vector<std::shared_ptr<const CheckedDocument>> checks = {context.Checked()};
    if (std::optional<EarlierCheck> earlier = context.Earlier()) checks.push_back(earlier->checked);
    return checks;
  });
}

Server::Server(ServerOptions options, PublishFn publish)
    : options_(options),
      workspace_(std::make_unique<Workspace>(
          [this](const std::string& path) -> std::optional<SourceText> {
            std::optional<DocumentSnapshot> open = store_.GetByPath(path);
            if (!open) return std::nullopt;
            return SourceText{open->path, open->version, open->text};
          },
          [this] {
            std::vector<std::string> paths;
            for (const DocumentSnapshot& document : store_.All()) paths.push_back(document.path);
            return paths;
          })),
      hub_(store_, std::move(publish)),
      scheduler_(std::make_unique<Scheduler>(options.scheduler,
                                             [this](const std::string& uri) { return Analyze(uri); })) {}

Server::~Server() { Shutdown(); }

void Server::Initialize(std::vector<std::string> root_paths) {
  AnalysisSettings base;
  base.run_policies = options_.run_policies;
  base.skip_unknown_kinds = options_.skip_unknown_kinds;
  base.kubernetes_version = options_.kubernetes_version;
  base.schema_file = options_.schema;
  workspace_->SetBaseSettings(base);
  workspace_->SetRoots(std::move(root_paths));
  workspace_->Prewarm();
}

double Server::Analyze(const std::string& uri) {
  std::optional<DocumentSnapshot> document = store_.Get(uri);
  if (!document) return 0;
  AnalysisInput input;
  input.document = SourceText{document->path, document->version, document->text};
  input.language = document->language;
  if (input.language == Language::kMast) input.open_documents = store_.MastOverlays();
  input.settings = workspace_->SettingsFor(document->path);
  input.policies = &workspace_->policies();
  input.parse_cache = &workspace_->parse_cache();
  AnalysisResult result = lsp::Analyze(input);
  if (result.checked) workspace_->StoreChecked(result.checked);
  if (IsConfigFile(document->path)) {
    // The configuration's own problems (E1005) show in the file. They are
    // read from disk (policies/config.h reads files), so only while the
    // buffer is saved.
    std::string disk;
    std::string error;
    std::vector<Diagnostic>& list = result.diagnostics[document->path];
    if (ReadFileToString(document->path, &disk, &error, 1u << 20) && disk == *document->text) {
      list.clear();
      SourceManager sources;
      DiagnosticSink problems;
      std::optional<MastConfig> config = LoadConfig(document->path, sources, problems);
      if (config) {
        // A target or schema that cannot be used is an E1005 at its line, as
        // in `mast build` and `mast check` (schemas/catalog_choice.h).
        ChooseCatalog({config->schema, config->kubernetes_version, config->kubernetes_version_origin}, problems);
        // Rules the configuration names that do not exist (W1004) come from
        // loading the policies with it; place them on the rule's name.
        DiagnosticSink engine_problems;
        PolicyEngine::Load(sources, config->policies, &workspace_->catalog(), engine_problems);
        FileId config_file = sources.Find(document->path);
        for (mast::Diagnostic d : engine_problems.diagnostics()) {
          if (!d.range.IsValid() && config_file != kNoFile) {
            size_t open = d.message.find('`');
            size_t close = open == std::string::npos ? open : d.message.find('`', open + 1);
            if (close != std::string::npos) {
              std::string id = d.message.substr(open + 1, close - open - 1);
              size_t at = sources.Get(config_file).text().find(id);
              if (at != std::string::npos) {
                d.range = SourceRange{config_file, static_cast<uint32_t>(at), static_cast<uint32_t>(at + id.size())};
              }
            }
          }
          problems.Add(std::move(d));
        }
      }
      auto file_of = [&](FileId id) -> const SourceFile* { return sources.Has(id) ? &sources.Get(id) : nullptr; };
      for (const mast::Diagnostic& d : problems.diagnostics()) {
        const SourceFile* file = d.range.IsValid() ? file_of(d.range.file) : nullptr;
        SourceFile fallback(document->path, *document->text);
        mast::Diagnostic located = d;
        if (!file) located.range = SourceRange{0, 0, 0};
        list.push_back(ToLspDiagnostic(located, file ? file : &fallback, file_of));
      }
    }
  }
  // A newer version arrived while this one was analysed: its own analysis
  // is scheduled; this result is stale and dropped.
  std::optional<int64_t> current = store_.Version(uri);
  bool stale = !current || *current != document->version;
  if (options_.log) {
    char total[32];
    std::snprintf(total, sizeof total, "%.1f", result.milliseconds);
    options_.log("analysed " + document->path + " v" + std::to_string(document->version) + " in " + total + " ms (" +
                 result.timing + ")" + (stale ? ", stale: dropped" : ""));
  }
  if (stale) return result.milliseconds;
  double ms = result.milliseconds;
  hub_.Update(uri, std::move(result));
  return ms;
}

void Server::ScheduleDependents(const std::string& path) {
  for (const std::string& uri : hub_.Dependents(path)) scheduler_->Schedule(uri);
}

void Server::ScheduleAllMast() {
  for (const DocumentSnapshot& document : store_.All()) scheduler_->Schedule(document.uri);
}

void Server::DidOpen(const TextDocumentItem& item) {
  store_.Open(item);
  std::optional<DocumentSnapshot> document = store_.Get(item.uri);
  if (!document) return;
  if (document->language == Language::kOther) return;
  scheduler_->Schedule(item.uri);
  if (document->language == Language::kMast) {
    workspace_->InvalidateListing();
    ScheduleDependents(document->path);  // importers may have read an older file from disk
  }
}

void Server::DidChange(const std::string& uri, int64_t version, const std::vector<ContentChange>& changes) {
  if (!store_.Change(uri, version, changes)) return;
  std::optional<DocumentSnapshot> document = store_.Get(uri);
  if (!document || document->language == Language::kOther) return;
  scheduler_->Schedule(uri);
  if (document->language == Language::kMast) ScheduleDependents(document->path);
}

void Server::DidClose(const std::string& uri) {
  std::optional<DocumentSnapshot> document = store_.Get(uri);
  store_.Close(uri);
  scheduler_->Remove(uri);
  if (!document) return;
  hub_.Remove(uri, document->path);
  if (document->language == Language::kMast) ScheduleDependents(document->path);  // they read the disk now
}

void Server::DidSave(const std::string& uri) {
  std::optional<DocumentSnapshot> document = store_.Get(uri);
  if (document && IsConfigFile(document->path)) {
    // The configuration applies as saved: every document is checked again.
    workspace_->InvalidateSettings();
    ScheduleAllMast();
  }
}

void Server::DidChangeWatchedFiles(const std::vector<std::string>& uris) {
  bool reschedule = false;
  for (const std::string& uri : uris) {
    std::string path = UriToPath(uri);
    if (IsConfigFile(path)) {
      workspace_->InvalidateSettings();
      reschedule = true;
    } else if (LanguageOf(path) == Language::kMast) {
      workspace_->InvalidateListing();
      reschedule = true;  // an import may now resolve, or no longer
    }
  }
  if (reschedule) ScheduleAllMast();
}

template <typename T>
void Server::RunFeature(const std::string& key, const std::string& uri, std::function<T(const FeatureContext&)> feature,
                        Reply<T> reply) {
  // The snapshot is taken now, on the main thread: the request sees the text
  // of the edits that came before it, whatever arrives while it waits.
  std::optional<DocumentSnapshot> document;
  if (!uri.empty()) {
    document = store_.Get(uri);
    if (!document) {
      reply(ReplyError{ErrorCode::kInvalidParams, "document is not open: " + uri});
      return;
    }
  }
  scheduler_->Enqueue(key, [this, document, feature = std::move(feature), reply = std::move(reply)](bool cancelled) {
    if (cancelled) {
      reply(ReplyError{ErrorCode::kRequestCancelled, "request cancelled"});
      return;
    }
    FeatureContext context;
    if (document) {
      context.document = *document;
      context.diagnostics = hub_.Published(document->path);
    }
    context.workspace = workspace_.get();
    context.settings = workspace_->SettingsFor(context.document.path);
    try {
      reply(feature(context));
    } catch (const std::exception& error) {
      reply(ReplyError{ErrorCode::kInternalError, std::string("internal error: ") + error.what()});
    } catch (...) {
      reply(ReplyError{ErrorCode::kInternalError, "internal error"});
    }
  });
}

void Server::Hover(const std::string& key, const std::string& uri, Position position,
                   Reply<std::optional<lsp::Hover>> reply) {
  RunFeature<std::optional<lsp::Hover>>(
      key, uri, [position](const FeatureContext& c) { return HoverAt(c, position); }, std::move(reply));
}

void Server::Completion(const std::string& key, const std::string& uri, Position position,
                        Reply<CompletionList> reply) {
  RunFeature<CompletionList>(
      key, uri, [position](const FeatureContext& c) { return CompleteAt(c, position); }, std::move(reply));
}

void Server::Definition(const std::string& key, const std::string& uri, Position position,
                        Reply<std::vector<Location>> reply) {
  RunFeature<std::vector<Location>>(
      key, uri, [position](const FeatureContext& c) { return DefinitionAt(c, position); }, std::move(reply));
}

void Server::References(const std::string& key, const std::string& uri, Position position, bool include_declaration,
                        Reply<std::vector<Location>> reply) {
  RunFeature<std::vector<Location>>(
      key, uri,
      [position, include_declaration](const FeatureContext& c) { return ReferencesAt(c, position, include_declaration); },
      std::move(reply));
}

void Server::PrepareRename(const std::string& key, const std::string& uri, Position position,
                           Reply<std::optional<PrepareRenameResult>> reply) {
  RunFeature<std::optional<PrepareRenameResult>>(
      key, uri, [position](const FeatureContext& c) { return PrepareRenameAt(c, position); }, std::move(reply));
}

void Server::Rename(const std::string& key, const std::string& uri, Position position, const std::string& new_name,
                    Reply<WorkspaceEdit> reply) {
  RunFeature<std::variant<WorkspaceEdit, ReplyError>>(
      key, uri, [position, new_name](const FeatureContext& c) { return RenameAt(c, position, new_name); },
      [reply = std::move(reply)](std::variant<std::variant<WorkspaceEdit, ReplyError>, ReplyError> result) {
        if (auto* error = std::get_if<ReplyError>(&result)) {
          reply(*error);
          return;
        }
        auto& inner = std::get<0>(result);
        if (auto* error = std::get_if<ReplyError>(&inner)) reply(*error);
        else reply(std::get<WorkspaceEdit>(inner));
      });
}

void Server::DocumentSymbols(const std::string& key, const std::string& uri,
                             Reply<std::vector<DocumentSymbol>> reply) {
  RunFeature<std::vector<DocumentSymbol>>(
      key, uri, [](const FeatureContext& c) { return lsp::DocumentSymbols(c); }, std::move(reply));
}

void Server::WorkspaceSymbols(const std::string& key, const std::string& query,
                              Reply<std::vector<SymbolInformation>> reply) {
  RunFeature<std::vector<SymbolInformation>>(
      key, "", [query](const FeatureContext& c) { return lsp::WorkspaceSymbols(*c.workspace, query); },
      std::move(reply));
}

void Server::CodeActions(const std::string& key, const std::string& uri, Range range,
                         std::vector<Diagnostic> diagnostics, Reply<std::vector<CodeAction>> reply) {
  RunFeature<std::vector<CodeAction>>(
      key, uri,
      [range, diagnostics = std::move(diagnostics)](const FeatureContext& c) {
        return lsp::CodeActions(c, range, diagnostics);
      },
      std::move(reply));
}

void Server::Formatting(const std::string& key, const std::string& uri, FormattingOptions options,
                        Reply<std::optional<std::vector<TextEdit>>> reply) {
  RunFeature<std::optional<std::vector<TextEdit>>>(
      key, uri, [options](const FeatureContext& c) { return FormatDocument(c, options); }, std::move(reply));
}

void Server::SemanticTokens(const std::string& key, const std::string& uri, Reply<lsp::SemanticTokens> reply) {
  RunFeature<lsp::SemanticTokens>(
      key, uri, [](const FeatureContext& c) { return SemanticTokensFull(c); }, std::move(reply));
}

void Server::InlayHints(const std::string& key, const std::string& uri, Range range,
                        Reply<std::vector<InlayHint>> reply) {
  RunFeature<std::vector<InlayHint>>(
      key, uri, [range](const FeatureContext& c) { return lsp::InlayHints(c, range); }, std::move(reply));
}

void Server::Cancel(const std::string& key) { scheduler_->Cancel(key); }

void Server::Shutdown() {
  if (scheduler_) scheduler_->Stop();
}

void Server::WaitIdle() { scheduler_->WaitIdle(); }

}  // namespace mast::lsp
