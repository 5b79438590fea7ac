#include "lsp/server/dispatcher.h"

#include "lsp/features/features.h"
#include "lsp/protocol/json_text.h"

namespace mast::lsp {

namespace {

// Thrown by the param readers below; caught in HandleMessage and turned into
// Invalid Params. Never escapes the dispatcher.
struct BadParams {
  std::string message;
};

const Json& Require(const Json& object, const char* key) {
  const Json* value = Member(object, key);
  if (!value) throw BadParams{std::string("missing `") + key + "`"};
  return *value;
}

std::string RequireString(const Json& object, const char* key) {
  std::optional<std::string> value = StringMember(object, key);
  if (!value) throw BadParams{std::string("`") + key + "` must be a string"};
  return *value;
}

std::string DocumentUri(const Json& params) { return RequireString(Require(params, "textDocument"), "uri"); }

Position RequirePosition(const Json& params) {
  Position position;
  if (!FromJson(Require(params, "position"), position)) throw BadParams{"invalid `position`"};
  return position;
}

Range RequireRange(const Json& params) {
  Range range;
  if (!FromJson(Require(params, "range"), range)) throw BadParams{"invalid `range`"};
  return range;
}

std::string IdKey(const Json& id) { return id.dump(); }

std::vector<std::string> RootPaths(const Json& params) {
  std::vector<std::string> roots;
  if (const Json* folders = Member(params, "workspaceFolders"); folders && folders->is_array()) {
    for (const Json& folder : *folders) {
      if (std::optional<std::string> uri = StringMember(folder, "uri")) roots.push_back(UriToPath(*uri));
    }
  }
  if (roots.empty()) {
    if (std::optional<std::string> uri = StringMember(params, "rootUri")) roots.push_back(UriToPath(*uri));
    else if (std::optional<std::string> path = StringMember(params, "rootPath")) roots.push_back(NormalizePath(*path));
  }
  return roots;
}

}  // namespace

Dispatcher::Dispatcher(ServerOptions options, SendFn send, SendTextFn send_text, LogFn log)
    : options_(options), send_(std::move(send)), send_text_(std::move(send_text)), log_(std::move(log)) {
  RegisterHandlers();
}

Dispatcher::~Dispatcher() {
  if (server_) server_->Shutdown();
}

int Dispatcher::Run(Transport& transport) {
  while (!exited_) {
    Incoming incoming = transport.Read();
    if (incoming.kind == Incoming::Kind::kEndOfInput) break;
    Handle(incoming);
  }
  if (server_) server_->Shutdown();
  return exit_code();
}

void Dispatcher::Handle(const Incoming& incoming) {
  switch (incoming.kind) {
    case Incoming::Kind::kEndOfInput: return;
    case Incoming::Kind::kFramingError: log_("framing error: " + incoming.error); return;
    case Incoming::Kind::kParseError:
      log_("parse error: " + incoming.error);
      RespondError(nullptr, ErrorCode::kParseError, incoming.error);
      return;
    case Incoming::Kind::kMessage: HandleMessage(incoming.json); return;
  }
}

void Dispatcher::Respond(const Json& id, Json result) {
  send_(Json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Dispatcher::RespondError(const Json& id, ErrorCode code, const std::string& message) {
  send_(Json{{"jsonrpc", "2.0"}, {"id", id}, {"error", Json{{"code", static_cast<int>(code)}, {"message", message}}}});
}

template <typename T, typename Convert>
typename Server::Reply<T> Dispatcher::ReplyTo(const Json& id, Convert convert) {
  SendFn send = send_;
  return [send, id, convert](std::variant<T, ReplyError> result) {
    if (auto* error = std::get_if<ReplyError>(&result)) {
      send(Json{{"jsonrpc", "2.0"},
                {"id", id},
                {"error", Json{{"code", static_cast<int>(error->code)}, {"message", error->message}}}});
      return;
    }
    send(Json{{"jsonrpc", "2.0"}, {"id", id}, {"result", convert(std::get<T>(result))}});
  };
}

void Dispatcher::HandleMessage(const Json& message) {
  if (!message.is_object()) {
    RespondError(nullptr, ErrorCode::kInvalidRequest, "a message must be a JSON object");
    return;
  }
  const Json* id = Member(message, "id");
  const Json* method_json = Member(message, "method");
  if (!method_json) {
    // A response to one of our requests (client/registerCapability), or junk.
    if (id && (Member(message, "result") || Member(message, "error"))) return;
    RespondError(id && (id->is_string() || id->is_number_integer()) ? *id : Json(nullptr), ErrorCode::kInvalidRequest,
                 "a request needs a `method`");
    return;
  }
  if (!method_json->is_string()) {
    RespondError(id ? *id : Json(nullptr), ErrorCode::kInvalidRequest, "`method` must be a string");
    return;
  }
  if (id && !id->is_string() && !id->is_number_integer()) {
    RespondError(nullptr, ErrorCode::kInvalidRequest, "`id` must be a string or an integer");
    return;
  }
  const std::string method = method_json->get<std::string>();
  static const Json kNoParams = Json::object();
  const Json* params_json = Member(message, "params");
  const Json& params = params_json && !params_json->is_null() ? *params_json : kNoParams;

  if (!id) {  // a notification
    if (method == "exit") {
      exited_ = true;
      return;
    }
    if (!initialized_ || shutdown_requested_) return;
    auto handler = notifications_.find(method);
    if (handler == notifications_.end()) return;  // unknown notifications are ignored
    try {
      handler->second(params);
    } catch (const BadParams& error) {
      log_("ignoring " + method + ": " + error.message);
    } catch (const std::exception& error) {
      log_("error in " + method + ": " + error.what());
    } catch (...) {
      log_("error in " + method);
    }
    return;
  }

  if (method == "initialize") {
    if (initialized_) {
      RespondError(*id, ErrorCode::kInvalidRequest, "the server is already initialized");
      return;
    }
    OnInitialize(params, *id);
    return;
  }
  if (!initialized_) {
    RespondError(*id, ErrorCode::kServerNotInitialized, "the server is not initialized");
    return;
  }
  if (shutdown_requested_) {
    RespondError(*id, ErrorCode::kInvalidRequest, "the server is shutting down");
    return;
  }
  auto handler = requests_.find(method);
  if (handler == requests_.end()) {
    RespondError(*id, ErrorCode::kMethodNotFound, "method not found: " + method);
    return;
  }
  try {
    handler->second(params, *id);
  } catch (const BadParams& error) {
    RespondError(*id, ErrorCode::kInvalidParams, method + ": " + error.message);
  } catch (const std::exception& error) {
    RespondError(*id, ErrorCode::kInternalError, method + ": " + error.what());
  } catch (...) {
    RespondError(*id, ErrorCode::kInternalError, method + ": internal error");
  }
}

void Dispatcher::OnInitialize(const Json& params, const Json& id) {
  if (const Json* init = Member(params, "initializationOptions"); init && init->is_object()) {
    if (std::optional<int64_t> debounce = IntMember(*init, "debounceMs"); debounce && *debounce >= 0) {
      options_.scheduler.fixed_debounce = std::chrono::milliseconds(std::min<int64_t>(*debounce, 10000));
    }
    if (const Json* policies = Member(*init, "policies"); policies && policies->is_boolean()) {
      options_.run_policies = policies->get<bool>();
    }
    if (const Json* skip = Member(*init, "skipUnknownKinds"); skip && skip->is_boolean()) {
      options_.skip_unknown_kinds = skip->get<bool>();
    }
    if (const Json* version = Member(*init, "kubernetesVersion"); version && version->is_string()) {
      options_.kubernetes_version = version->get<std::string>();
    }
  }
  if (const Json* capabilities = Member(params, "capabilities")) {
    if (const Json* workspace = Member(*capabilities, "workspace")) {
      if (const Json* watched = Member(*workspace, "didChangeWatchedFiles")) {
        const Json* dynamic = Member(*watched, "dynamicRegistration");
        watch_registration_supported_ = dynamic && dynamic->is_boolean() && dynamic->get<bool>();
      }
    }
    if (const Json* text = Member(*capabilities, "textDocument")) {
      if (const Json* symbols = Member(*text, "documentSymbol")) {
        const Json* hierarchical = Member(*symbols, "hierarchicalDocumentSymbolSupport");
        hierarchical_symbols_ = hierarchical && hierarchical->is_boolean() && hierarchical->get<bool>();
      }
    }
  }
  server_ = std::make_unique<Server>(options_, [send_text = send_text_](const PublishDiagnosticsParams& diagnostics) {
    send_text(PublishDiagnosticsMessage(diagnostics));
  });
  server_->Initialize(RootPaths(params));
  initialized_ = true;

  Json token_types = Json::array();
  for (const std::string& type : SemanticTokenTypes()) token_types.push_back(type);
  Json token_modifiers = Json::array();
  for (const std::string& modifier : SemanticTokenModifiers()) token_modifiers.push_back(modifier);
  Json capabilities{
      {"positionEncoding", "utf-16"},
      {"textDocumentSync", Json{{"openClose", true}, {"change", 2}, {"save", Json{{"includeText", false}}}}},
      {"hoverProvider", true},
      {"completionProvider", Json{{"triggerCharacters", Json::array({".", "\"", "/", ":"})}, {"resolveProvider", false}}},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"renameProvider", Json{{"prepareProvider", true}}},
      {"documentSymbolProvider", true},
      {"workspaceSymbolProvider", true},
      {"codeActionProvider", Json{{"codeActionKinds", Json::array({"quickfix"})}}},
      {"semanticTokensProvider",
       Json{{"legend", Json{{"tokenTypes", token_types}, {"tokenModifiers", token_modifiers}}}, {"full", true}}},
      {"inlayHintProvider", true},
  };
  capabilities["documentFormattingProvider"] = true;
  Respond(id, Json{{"capabilities", capabilities}, {"serverInfo", Json{{"name", "mast"}, {"version", "0.1.0"}}}});
}

void Dispatcher::OnInitialized() {
  if (!watch_registration_supported_) return;
  // Ask the client to tell us about .mast files and .mast.yaml changing on
  // disk (git checkout, other editors). The reply is ignored.
  send_(Json{{"jsonrpc", "2.0"},
             {"id", "mast/registerWatchers"},
             {"method", "client/registerCapability"},
             {"params",
              Json{{"registrations",
                    Json::array({Json{{"id", "mast-watched-files"},
                                      {"method", "workspace/didChangeWatchedFiles"},
                                      {"registerOptions",
                                       Json{{"watchers", Json::array({Json{{"globPattern", "**/*.mast"}},
                                                                       Json{{"globPattern", "**/.mast.yaml"}}})}}}}})}}}});
}

void Dispatcher::RegisterHandlers() {
  notifications_["initialized"] = [this](const Json&) { OnInitialized(); };
  notifications_["textDocument/didOpen"] = [this](const Json& params) {
    TextDocumentItem item;
    if (!FromJson(Require(params, "textDocument"), item)) throw BadParams{"invalid `textDocument`"};
    server_->DidOpen(item);
  };
  notifications_["textDocument/didChange"] = [this](const Json& params) {
    const Json& document = Require(params, "textDocument");
    std::string uri = RequireString(document, "uri");
    int64_t version = IntMember(document, "version").value_or(0);
    const Json& changes_json = Require(params, "contentChanges");
    if (!changes_json.is_array()) throw BadParams{"`contentChanges` must be an array"};
    std::vector<ContentChange> changes;
    for (const Json& change_json : changes_json) {
      ContentChange change;
      if (!FromJson(change_json, change)) throw BadParams{"invalid content change"};
      changes.push_back(std::move(change));
    }
    server_->DidChange(uri, version, changes);
  };
  notifications_["textDocument/didClose"] = [this](const Json& params) { server_->DidClose(DocumentUri(params)); };
  notifications_["textDocument/didSave"] = [this](const Json& params) { server_->DidSave(DocumentUri(params)); };
  notifications_["workspace/didChangeWatchedFiles"] = [this](const Json& params) {
    const Json& changes = Require(params, "changes");
    std::vector<std::string> uris;
    if (changes.is_array()) {
      for (const Json& change : changes) {
        if (std::optional<std::string> uri = StringMember(change, "uri")) uris.push_back(*uri);
      }
    }
    server_->DidChangeWatchedFiles(uris);
  };
  notifications_["$/cancelRequest"] = [this](const Json& params) {
    const Json& id = Require(params, "id");
    server_->Cancel(IdKey(id));
  };

  requests_["shutdown"] = [this](const Json&, const Json& id) {
    shutdown_requested_ = true;
    server_->Shutdown();
    Respond(id, nullptr);
  };
  requests_["textDocument/hover"] = [this](const Json& params, const Json& id) {
    server_->Hover(IdKey(id), DocumentUri(params), RequirePosition(params),
                   ReplyTo<std::optional<lsp::Hover>>(id, [](const std::optional<lsp::Hover>& hover) {
                     return hover ? ToJson(*hover) : Json(nullptr);
                   }));
  };
  requests_["textDocument/completion"] = [this](const Json& params, const Json& id) {
    server_->Completion(IdKey(id), DocumentUri(params), RequirePosition(params),
                        ReplyTo<CompletionList>(id, [](const CompletionList& list) { return ToJson(list); }));
  };
  requests_["textDocument/definition"] = [this](const Json& params, const Json& id) {
    server_->Definition(IdKey(id), DocumentUri(params), RequirePosition(params),
                        ReplyTo<std::vector<Location>>(id, [](const std::vector<Location>& locations) {
                          return locations.empty() ? Json(nullptr) : ToJson(locations);
                        }));
  };
  requests_["textDocument/references"] = [this](const Json& params, const Json& id) {
    bool include_declaration = true;
    if (const Json* context = Member(params, "context")) {
      if (const Json* include = Member(*context, "includeDeclaration"); include && include->is_boolean()) {
        include_declaration = include->get<bool>();
      }
    }
    server_->References(
        IdKey(id), DocumentUri(params), RequirePosition(params), include_declaration,
        ReplyTo<std::vector<Location>>(id, [](const std::vector<Location>& locations) { return ToJson(locations); }));
  };
  requests_["textDocument/prepareRename"] = [this](const Json& params, const Json& id) {
    server_->PrepareRename(IdKey(id), DocumentUri(params), RequirePosition(params),
                           ReplyTo<std::optional<PrepareRenameResult>>(
                               id, [](const std::optional<PrepareRenameResult>& result) {
                                 return result ? ToJson(*result) : Json(nullptr);
                               }));
  };
  requests_["textDocument/rename"] = [this](const Json& params, const Json& id) {
    server_->Rename(IdKey(id), DocumentUri(params), RequirePosition(params), RequireString(params, "newName"),
                    ReplyTo<WorkspaceEdit>(id, [](const WorkspaceEdit& edit) { return ToJson(edit); }));
  };
  requests_["textDocument/documentSymbol"] = [this](const Json& params, const Json& id) {
    bool hierarchical = hierarchical_symbols_;
    std::string uri = DocumentUri(params);
    server_->DocumentSymbols(IdKey(id), uri,
                             ReplyTo<std::vector<DocumentSymbol>>(id, [hierarchical, uri](
                                                                          const std::vector<DocumentSymbol>& symbols) {
                               if (hierarchical) return ToJson(symbols);
                               // Flat SymbolInformation for clients without hierarchy support.
                               Json flat = Json::array();
                               std::function<void(const DocumentSymbol&, const std::string&)> add =
                                   [&](const DocumentSymbol& symbol, const std::string& container) {
                                     SymbolInformation info{symbol.name, symbol.kind, Location{uri, symbol.range},
                                                            container};
                                     flat.push_back(ToJson(info));
                                     for (const DocumentSymbol& child : symbol.children) add(child, symbol.name);
                                   };
                               for (const DocumentSymbol& symbol : symbols) add(symbol, "");
                               return flat;
                             }));
  };
  requests_["workspace/symbol"] = [this](const Json& params, const Json& id) {
    server_->WorkspaceSymbols(IdKey(id), StringMember(params, "query").value_or(""),
                              ReplyTo<std::vector<SymbolInformation>>(
                                  id, [](const std::vector<SymbolInformation>& symbols) { return ToJson(symbols); }));
  };
  requests_["textDocument/codeAction"] = [this](const Json& params, const Json& id) {
    std::vector<Diagnostic> diagnostics;
    if (const Json* context = Member(params, "context")) {
      if (const Json* list = Member(*context, "diagnostics"); list && list->is_array()) {
        for (const Json& item : *list) {
          Diagnostic d;
          if (FromJson(item, d)) diagnostics.push_back(std::move(d));
        }
      }
    }
    server_->CodeActions(
        IdKey(id), DocumentUri(params), RequireRange(params), std::move(diagnostics),
        ReplyTo<std::vector<CodeAction>>(id, [](const std::vector<CodeAction>& actions) { return ToJson(actions); }));
  };
  requests_["textDocument/formatting"] = [this](const Json& params, const Json& id) {
    FormattingOptions options;
    if (const Json* json = Member(params, "options")) FromJson(*json, options);
    server_->Formatting(IdKey(id), DocumentUri(params), options,
                        ReplyTo<std::optional<std::vector<TextEdit>>>(
                            id, [](const std::optional<std::vector<TextEdit>>& edits) {
                              return edits ? ToJson(*edits) : Json(nullptr);
                            }));
  };
  requests_["textDocument/semanticTokens/full"] = [this](const Json& params, const Json& id) {
    server_->SemanticTokens(IdKey(id), DocumentUri(params),
                            ReplyTo<lsp::SemanticTokens>(id, [](const lsp::SemanticTokens& t) { return ToJson(t); }));
  };
  requests_["textDocument/inlayHint"] = [this](const Json& params, const Json& id) {
    server_->InlayHints(
        IdKey(id), DocumentUri(params), RequireRange(params),
        ReplyTo<std::vector<InlayHint>>(id, [](const std::vector<InlayHint>& hints) { return ToJson(hints); }));
  };
}

}  // namespace mast::lsp
