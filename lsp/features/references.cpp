// Find references and rename, from the compiler's semantic index
// (analysis/checked.h): what each name refers to is what checking bound it
// to. A top-level declaration can be used from any
// file that imports its file (`alias.name`, `alias.Type`), so its
// references are searched in every .mast file of the workspace; locals
// (parameters, `let ... in`, loop variables) and import aliases only in
// their own file. Rename applies to let, fn, param, schema and type
// declarations, function and policy parameters, locals and import aliases,
// and checks the new name: an identifier, not a keyword, capitalized for
// types and lower-case for values (the language's case rule), and not
// already declared in the file.
#include <algorithm>
#include <filesystem>
#include <set>

#include "lsp/analysis/lexer.h"
#include "lsp/analysis/checked.h"
#include "lsp/features/features.h"

namespace mast::lsp {

namespace {

// Names a symbol across separately checked documents by where it is
// declared: file ids differ between compiles, paths do not.
struct SymbolKey {
  std::string path;
  uint32_t begin;
};

SymbolKey KeyOf(const CheckedDocument& checked, const SemanticSymbol& symbol) {
  return SymbolKey{checked.PathOf(symbol.definition.file), symbol.definition.begin};
}

struct Reference {
  std::string uri;
  Range range;
  uint32_t begin;
  bool definition;
};

struct Target {
  std::shared_ptr<const CheckedDocument> checked;
  SemanticSymbol symbol;
  std::string declaring_path;
  uint32_t begin = 0;  // the occurrence under the cursor
  uint32_t end = 0;
};

bool IsDeclared(const SemanticSymbol& symbol) {
  return symbol.definition.IsValid() && symbol.kind != mast::SymbolKind::kBuiltin &&
         symbol.kind != mast::SymbolKind::kExternalType && symbol.kind != mast::SymbolKind::kExternalField;
}

std::optional<Target> TargetAt(const FeatureContext& context, const ParsedFile& file, uint32_t offset) {
  std::shared_ptr<const CheckedDocument> checked = context.Checked();
  const SemanticEntry* entry = checked ? checked->At(file.path, offset) : nullptr;
  if (!entry || !IsDeclared(entry->symbol) || !checked->sources.Has(entry->symbol.definition.file)) return std::nullopt;
  return Target{checked, entry->symbol, checked->PathOf(entry->symbol.definition.file), entry->range.begin,
                entry->range.end};
}

bool IsLocal(const SemanticSymbol& symbol) {
  return symbol.kind != mast::SymbolKind::kDeclaration && symbol.kind != mast::SymbolKind::kSchemaField;
}

std::vector<std::string> CandidateFiles(Workspace& workspace, const std::string& declaring_path) {
  std::vector<std::string> files = workspace.MastFiles();
  files.push_back(declaring_path);
  // Without a workspace folder, the declaring file's directory still counts.
  if (workspace.roots().empty()) {
    std::error_code ec;
    std::filesystem::path directory = std::filesystem::path(declaring_path).parent_path();
    for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
      if (entry.path().extension() == ".mast") files.push_back(NormalizePath(entry.path().string()));
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

// The occurrences of `key` in the file at `path` of a checked document.
void Scan(const CheckedDocument& checked, const std::string& path, const SymbolKey& key, std::vector<Reference>& out) {
  FileId file = checked.FileOf(path);
  // The declaring file's id in this compile: entries compare by id, not path.
  FileId declaring = checked.FileOf(key.path);
  if (file == kNoFile || declaring == kNoFile) return;
  const SourceFile& source = checked.sources.Get(file);
  const std::string uri = PathToUri(path);
  for (const SemanticEntry* entry : checked.index.InFile(file)) {
    const SemanticSymbol& symbol = entry->symbol;
    if (symbol.definition.file != declaring || symbol.definition.begin != key.begin || !IsDeclared(symbol)) continue;
    out.push_back({uri, ToRange(source, entry->range.begin, entry->range.end), entry->range.begin, entry->definition});
  }
}

std::vector<Reference> FindReferences(const FeatureContext& context, const ParsedFile& current, const Target& target) {
  std::vector<Reference> out;
  const SymbolKey key = KeyOf(*target.checked, target.symbol);
  if (IsLocal(target.symbol)) {
    Scan(*target.checked, current.path, key, out);
    return out;
  }
  for (const std::string& path : CandidateFiles(*context.workspace, target.declaring_path)) {
    if (path == current.path) {
      Scan(*target.checked, path, key, out);
      continue;
    }
    std::shared_ptr<const ParsedFile> file = context.workspace->Parse(path);
    if (!file) continue;
    // Only files that declare the symbol or import its file can refer to it.
    bool related = file->path == target.declaring_path;
    for (const auto& [alias, import] : file->imports) related = related || import.target_path == target.declaring_path;
    if (!related) continue;
    std::shared_ptr<const CheckedDocument> checked = context.workspace->CheckedFile(path);
    if (checked) Scan(*checked, path, key, out);
  }
  return out;
}

bool IsIdentifier(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

bool IsTypeSymbol(const SemanticSymbol& symbol) {
  return symbol.kind == mast::SymbolKind::kDeclaration && (symbol.declares == SemanticSymbol::Declares::kType ||
                                                     symbol.declares == SemanticSymbol::Declares::kSchema);
}

}  // namespace

std::vector<Location> ReferencesAt(const FeatureContext& context, Position position, bool include_declaration) {
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return {};
  std::optional<Target> target = TargetAt(context, *file, ToOffset(*file->source, position));
  if (!target) return {};
  std::vector<Location> out;
  for (const Reference& reference : FindReferences(context, *file, *target)) {
    if (reference.definition && !include_declaration) continue;
    out.push_back(Location{reference.uri, reference.range});
  }
  return out;
}

std::optional<PrepareRenameResult> PrepareRenameAt(const FeatureContext& context, Position position) {
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return std::nullopt;
  std::optional<Target> target = TargetAt(context, *file, ToOffset(*file->source, position));
  if (!target || target->symbol.kind == mast::SymbolKind::kSchemaField) return std::nullopt;
  return PrepareRenameResult{ToRange(*file->source, target->begin, target->end), target->symbol.name};
}

std::variant<WorkspaceEdit, ReplyError> RenameAt(const FeatureContext& context, Position position,
                                                 const std::string& new_name) {
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return ReplyError{ErrorCode::kRequestFailed, "rename works in .mast files"};
  std::optional<Target> target = TargetAt(context, *file, ToOffset(*file->source, position));
  if (!target) return ReplyError{ErrorCode::kRequestFailed, "there is no declared name here to rename"};
  const SemanticSymbol& symbol = target->symbol;
  if (symbol.kind == mast::SymbolKind::kSchemaField) {
    return ReplyError{ErrorCode::kRequestFailed, "schema fields cannot be renamed yet (record keys name them)"};
  }
  if (!IsIdentifier(new_name) || IsMastKeyword(new_name)) {
    return ReplyError{ErrorCode::kRequestFailed, "`" + new_name + "` is not a valid name"};
  }
  bool capital = std::isupper(static_cast<unsigned char>(new_name[0])) != 0;
  if (IsTypeSymbol(symbol) && !capital) {
    return ReplyError{ErrorCode::kRequestFailed, "type names are capitalized: `" + new_name + "` is not"};
  }
  if (!IsTypeSymbol(symbol) && capital) {
    return ReplyError{ErrorCode::kRequestFailed, "value names start with a lower-case letter: `" + new_name + "` does not"};
  }
  if (symbol.kind == mast::SymbolKind::kDeclaration || symbol.kind == mast::SymbolKind::kImport) {
    std::shared_ptr<const ParsedFile> declaring = context.workspace->Parse(target->declaring_path);
    if (declaring && (declaring->decls.count(new_name) || declaring->imports.count(new_name))) {
      return ReplyError{ErrorCode::kRequestFailed, "`" + new_name + "` is already declared in " +
                                                       std::filesystem::path(declaring->path).filename().string()};
    }
  }
  WorkspaceEdit edit;
  std::map<std::string, std::vector<TextEdit>> by_uri;
  std::set<std::pair<std::string, uint32_t>> seen;
  for (const Reference& reference : FindReferences(context, *file, *target)) {
    if (!seen.insert({reference.uri, reference.begin}).second) continue;
    by_uri[reference.uri].push_back(TextEdit{reference.range, new_name});
  }
  for (auto& [uri, edits] : by_uri) edit.changes.emplace_back(uri, std::move(edits));
  return edit;
}

}  // namespace mast::lsp
