// Find references and rename. A top-level declaration can be used from any
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
#include "lsp/analysis/model.h"
#include "lsp/features/features.h"

namespace mast::lsp {

namespace {

struct Reference {
  std::shared_ptr<const ParsedFile> file;
  uint32_t begin;
  uint32_t end;
  bool definition;
};

struct Target {
  Symbol symbol;
  uint32_t begin = 0;  // the occurrence under the cursor
  uint32_t end = 0;
};

std::optional<Target> TargetAt(FileModel& model, uint32_t offset) {
  const Occurrence* occurrence = model.At(offset);
  if (!occurrence || !occurrence->symbol.IsDeclared()) return std::nullopt;
  return Target{occurrence->symbol, occurrence->begin, occurrence->end};
}

bool IsLocal(const Symbol& symbol) {
  return symbol.kind != Symbol::Kind::kDecl && symbol.kind != Symbol::Kind::kSchemaField;
}

std::vector<std::string> CandidateFiles(Workspace& workspace, const Symbol& symbol) {
  std::vector<std::string> files = workspace.MastFiles();
  if (symbol.file) {
    files.push_back(symbol.file->path);
    // Without a workspace folder, the declaring file's directory still counts.
    std::error_code ec;
    std::filesystem::path directory = std::filesystem::path(symbol.file->path).parent_path();
    if (workspace.roots().empty()) {
      for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
        if (entry.path().extension() == ".mast") files.push_back(NormalizePath(entry.path().string()));
      }
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

std::vector<Reference> FindReferences(const FeatureContext& context, ModelCache& cache,
                                      const std::shared_ptr<const ParsedFile>& current, const Symbol& symbol) {
  std::vector<Reference> out;
  const std::string key = symbol.Key();
  auto scan = [&](FileModel& model) {
    for (const Occurrence& occurrence : model.occurrences()) {
      if (occurrence.symbol.Key() == key) {
        out.push_back({model.file(), occurrence.begin, occurrence.end, occurrence.definition});
      }
    }
  };
  if (IsLocal(symbol)) {
    scan(cache.Get(current));
    return out;
  }
  for (const std::string& path : CandidateFiles(*context.workspace, symbol)) {
    if (path == current->path) {
      scan(cache.Get(current));
      continue;
    }
    std::shared_ptr<const ParsedFile> file = context.workspace->Parse(path);
    if (!file) continue;
    // Only files that declare the symbol or import its file can refer to it.
    bool related = symbol.file && file->path == symbol.file->path;
    for (const auto& [alias, import] : file->imports) related = related || (symbol.file && import.target_path == symbol.file->path);
    if (related) scan(cache.Get(file));
  }
  return out;
}

bool IsIdentifier(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

bool IsTypeSymbol(const Symbol& symbol) {
  return symbol.kind == Symbol::Kind::kDecl && symbol.decl &&
         (symbol.decl->kind == ast::Decl::Kind::kSchema || symbol.decl->kind == ast::Decl::Kind::kType);
}

}  // namespace

std::vector<Location> ReferencesAt(const FeatureContext& context, Position position, bool include_declaration) {
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return {};
  ModelCache cache(*context.workspace, &context.types());
  std::optional<Target> target = TargetAt(cache.Get(file), ToOffset(*file->source, position));
  if (!target) return {};
  std::vector<Location> out;
  for (const Reference& reference : FindReferences(context, cache, file, target->symbol)) {
    if (reference.definition && !include_declaration) continue;
    out.push_back(Location{reference.file->uri, ToRange(*reference.file->source, reference.begin, reference.end)});
  }
  return out;
}

std::optional<PrepareRenameResult> PrepareRenameAt(const FeatureContext& context, Position position) {
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return std::nullopt;
  ModelCache cache(*context.workspace, &context.types());
  std::optional<Target> target = TargetAt(cache.Get(file), ToOffset(*file->source, position));
  if (!target || target->symbol.kind == Symbol::Kind::kSchemaField) return std::nullopt;
  return PrepareRenameResult{ToRange(*file->source, target->begin, target->end), target->symbol.name};
}

std::variant<WorkspaceEdit, ReplyError> RenameAt(const FeatureContext& context, Position position,
                                                 const std::string& new_name) {
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return ReplyError{ErrorCode::kRequestFailed, "rename works in .mast files"};
  ModelCache cache(*context.workspace, &context.types());
  std::optional<Target> target = TargetAt(cache.Get(file), ToOffset(*file->source, position));
  if (!target) return ReplyError{ErrorCode::kRequestFailed, "there is no declared name here to rename"};
  const Symbol& symbol = target->symbol;
  if (symbol.kind == Symbol::Kind::kSchemaField) {
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
  if (symbol.kind == Symbol::Kind::kDecl || symbol.kind == Symbol::Kind::kImport) {
    const ParsedFile& declaring = *symbol.file;
    if (declaring.decls.count(new_name) || declaring.imports.count(new_name)) {
      return ReplyError{ErrorCode::kRequestFailed, "`" + new_name + "` is already declared in " +
                                                       std::filesystem::path(declaring.path).filename().string()};
    }
  }
  WorkspaceEdit edit;
  std::map<std::string, std::vector<TextEdit>> by_uri;
  std::set<std::pair<std::string, uint32_t>> seen;
  for (const Reference& reference : FindReferences(context, cache, file, symbol)) {
    if (!seen.insert({reference.file->uri, reference.begin}).second) continue;
    by_uri[reference.file->uri].push_back(
        TextEdit{ToRange(*reference.file->source, reference.begin, reference.end), new_name});
  }
  for (auto& [uri, edits] : by_uri) edit.changes.emplace_back(uri, std::move(edits));
  return edit;
}

}  // namespace mast::lsp
