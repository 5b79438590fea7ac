#include "lsp/analysis/checked.h"

#include <algorithm>

#include "compiler/driver/compile.h"
#include "schemas/kube_catalog.h"

namespace mast::lsp {

bool CheckedDocument::ParsedClean() const {
  if (!program) return false;
  FileId file = FileOf(path);
  for (const auto& module : program->modules) {
    if (module->file == file) return !module->has_syntax_errors;
  }
  return false;
}

FileId CheckedDocument::FileOf(const std::string& wanted) const {
  for (FileId id = 0; id < sources.size(); ++id) {
    if (NormalizePath(sources.Get(id).path()) == wanted) return id;
  }
  return kNoFile;
}

std::string CheckedDocument::PathOf(FileId file) const {
  return sources.Has(file) ? NormalizePath(sources.Get(file).path()) : std::string();
}

const SemanticEntry* CheckedDocument::At(const std::string& wanted, uint32_t offset) const {
  FileId file = FileOf(wanted);
  return file == kNoFile ? nullptr : index.At(file, offset);
}

std::vector<const SemanticEntry*> CheckedDocument::LocalsAt(const std::string& wanted, uint32_t offset) const {
  std::vector<const SemanticEntry*> out;
  FileId file = FileOf(wanted);
  if (file == kNoFile) return out;
  for (const SemanticScope* scope : index.ScopesAt(file, offset)) out.push_back(&scope->binding);
  return out;
}

const SemanticEntry* CheckedDocument::DeclarationAt(const std::string& wanted, SourceRange name) const {
  FileId file = FileOf(wanted);
  const SemanticEntry* entry = file == kNoFile ? nullptr : index.At(file, name.begin);
  if (!entry || !entry->definition || entry->range.begin != name.begin || entry->range.end != name.end) return nullptr;
  return entry;
}

bool Untyped(const SemanticEntry& entry) {
  switch (entry.symbol.kind) {
    case mast::SymbolKind::kBuiltin:
    case mast::SymbolKind::kImport:
    case mast::SymbolKind::kExternalType:
    case mast::SymbolKind::kPolicyParameter: return false;
    default: return !entry.type || entry.type->kind == Type::Kind::kAny;
  }
}

std::optional<EarlierCheck> EarlierCheck::Of(std::shared_ptr<const CheckedDocument> checked, const std::string& path,
                                             std::string_view text) {
  FileId file = checked ? checked->FileOf(path) : kNoFile;
  if (file == kNoFile) return std::nullopt;
  std::string_view before = checked->sources.Get(file).text();
  size_t shorter = std::min(before.size(), text.size());
  size_t prefix = 0;
  while (prefix < shorter && before[prefix] == text[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < shorter - prefix && before[before.size() - 1 - suffix] == text[text.size() - 1 - suffix]) ++suffix;
  EarlierCheck earlier;
  earlier.checked = std::move(checked);
  earlier.file_ = file;
  earlier.prefix = static_cast<uint32_t>(prefix);
  earlier.old_suffix = static_cast<uint32_t>(before.size() - suffix);
  earlier.new_suffix = static_cast<uint32_t>(text.size() - suffix);
  return earlier;
}

std::optional<uint32_t> EarlierCheck::ToOld(uint32_t offset) const {
  if (offset <= prefix) return offset;
  if (offset >= new_suffix) return offset - new_suffix + old_suffix;
  return std::nullopt;
}

std::optional<uint32_t> EarlierCheck::ToNew(uint32_t offset) const {
  if (offset <= prefix) return offset;
  if (offset >= old_suffix) return offset - old_suffix + new_suffix;
  return std::nullopt;
}

std::optional<SemanticEntry> EarlierCheck::ToNew(const SemanticEntry& entry) const {
  SemanticEntry mapped = entry;
  for (SourceRange* range : {&mapped.range, &mapped.symbol.definition}) {
    if (range->file != file_ || !range->IsValid()) continue;
    std::optional<uint32_t> begin = ToNew(range->begin);
    std::optional<uint32_t> end = ToNew(range->end);
    if (!begin || !end) {
      if (range == &mapped.range) return std::nullopt;
      *range = SourceRange{};  // declared inside the edit
      continue;
    }
    range->begin = *begin;
    range->end = *end;
  }
  return mapped;
}

std::optional<SemanticEntry> EarlierCheck::At(uint32_t offset) const {
  std::optional<uint32_t> old = ToOld(offset);
  const SemanticEntry* entry = old ? checked->index.At(file_, *old) : nullptr;
  return entry ? ToNew(*entry) : std::nullopt;
}

std::shared_ptr<const CheckedDocument> CheckDocument(const SourceText& document,
                                                     const std::vector<SourceText>& open_documents,
                                                     std::shared_ptr<const AnalysisSettings> settings,
                                                     ParseCache* parse_cache) {
  auto checked = std::make_shared<CheckedDocument>();
  checked->path = document.path;
  checked->version = document.version;
  checked->settings = settings;
  CompileOptions options;
  if (settings && settings->types) options.external = settings->types.get();
  else if (settings && settings->catalog) options.external = settings->catalog;
  else options.external = &KubeCatalog::Embedded();
  options.parse_cache = parse_cache;
  options.check_only = true;
  options.semantic_index = &checked->index;
  for (const SourceText& open : open_documents) {
    if (open.text && open.path != document.path) options.overlays.emplace_back(open.path, *open.text);
  }
  if (document.text) options.overlays.emplace_back(document.path, *document.text);
  CompileResult compiled = Compile(checked->sources, {document.path}, options);
  checked->program = std::move(compiled.program);
  for (FileId id = 0; id < checked->sources.size(); ++id) {
    const std::string path = checked->PathOf(id);
    for (const SourceText& open : open_documents) {
      if (open.path == path && path != document.path) checked->open_versions[path] = open.version;
    }
  }
  return checked;
}

}  // namespace mast::lsp
