// Temporary: features not written yet.
#include "lsp/features/features.h"
namespace mast::lsp {
std::optional<Hover> HoverAt(const FeatureContext&, Position) { return std::nullopt; }
CompletionList CompleteAt(const FeatureContext&, Position) { return {}; }
std::vector<Location> DefinitionAt(const FeatureContext&, Position) { return {}; }
std::vector<Location> ReferencesAt(const FeatureContext&, Position, bool) { return {}; }
std::optional<PrepareRenameResult> PrepareRenameAt(const FeatureContext&, Position) { return std::nullopt; }
std::variant<WorkspaceEdit, ReplyError> RenameAt(const FeatureContext&, Position, const std::string&) { return WorkspaceEdit{}; }
std::vector<DocumentSymbol> DocumentSymbols(const FeatureContext&) { return {}; }
std::vector<SymbolInformation> WorkspaceSymbols(Workspace&, const std::string&) { return {}; }
std::vector<CodeAction> CodeActions(const FeatureContext&, Range, const std::vector<Diagnostic>&) { return {}; }
std::optional<std::vector<TextEdit>> FormatDocument(const FeatureContext&, const FormattingOptions&) { return std::nullopt; }
bool FormatterAvailable() { return false; }
SemanticTokens SemanticTokensFull(const FeatureContext&) { return {}; }
const std::vector<std::string>& SemanticTokenTypes() { static std::vector<std::string> v; return v; }
const std::vector<std::string>& SemanticTokenModifiers() { static std::vector<std::string> v; return v; }
std::vector<InlayHint> InlayHints(const FeatureContext&, Range) { return {}; }
}
