// Language features. Each is a function of a document snapshot (the text and
// version a request was made against), the workspace, and a position; none
// touches JSON or threads. One file per feature in this folder.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lsp/analysis/checked.h"
#include "lsp/analysis/types.h"
#include "lsp/analysis/workspace.h"
#include "lsp/protocol/types.h"
#include "lsp/analysis/document_snapshot.h"

namespace mast::lsp {

struct FeatureContext {
  DocumentSnapshot document;
  Workspace* workspace = nullptr;
  // What was last published for this document (hover on findings, code
  // actions without client context).
  std::vector<Diagnostic> diagnostics;
  // The document's settings (its `.mast.yaml`): the catalog and target that
  // hover and completion answer from, as the diagnostics do.
  std::shared_ptr<const AnalysisSettings> settings;

  const KubeCatalog& catalog() const;
  // The catalog plus the custom resources of `crd:` imports: what the
  // program's types are looked up in.
  const ExternalTypes& types() const;

  // This document parsed (.mast only; cached by version).
  std::shared_ptr<const ParsedFile> Parsed() const;
  // This document as the compiler checked it, with its semantic index
  // (.mast only; the last analysis of this version, else checked now).
  std::shared_ptr<const CheckedDocument> Checked() const;
  // While this version of the document does not parse: the last check of
  // an earlier version that did, with the offsets mapped (checked.h).
  std::optional<EarlierCheck> Earlier() const;
  bool IsMast() const { return document.language == Language::kMast; }
  bool IsYaml() const { return document.language == Language::kYaml; }
};

// The editor's types for a request on a .mast document (analysis/types.h):
// names resolve as the document's check resolves them, else as the last
// check of it that parsed does. `context` must outlive the result.
EditorTypes TypesFor(const FeatureContext& context);

std::optional<Hover> HoverAt(const FeatureContext& context, Position position);
CompletionList CompleteAt(const FeatureContext& context, Position position);
std::vector<Location> DefinitionAt(const FeatureContext& context, Position position);
std::vector<Location> ReferencesAt(const FeatureContext& context, Position position, bool include_declaration);
std::optional<PrepareRenameResult> PrepareRenameAt(const FeatureContext& context, Position position);
std::variant<WorkspaceEdit, ReplyError> RenameAt(const FeatureContext& context, Position position,
                                                 const std::string& new_name);
std::vector<DocumentSymbol> DocumentSymbols(const FeatureContext& context);
std::vector<SymbolInformation> WorkspaceSymbols(Workspace& workspace, const std::string& query);
// `context_diagnostics`: what the client sent in CodeActionContext.
std::vector<CodeAction> CodeActions(const FeatureContext& context, Range range,
                                    const std::vector<Diagnostic>& context_diagnostics);
// nullopt when the document cannot be formatted (syntax errors, no formatter).
std::optional<std::vector<TextEdit>> FormatDocument(const FeatureContext& context, const FormattingOptions& options);
SemanticTokens SemanticTokensFull(const FeatureContext& context);
// The legend the tokens refer to (token types, token modifiers).
const std::vector<std::string>& SemanticTokenTypes();
const std::vector<std::string>& SemanticTokenModifiers();
std::vector<InlayHint> InlayHints(const FeatureContext& context, Range range);

}  // namespace mast::lsp
