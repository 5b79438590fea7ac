#include "compiler/sema/semantic_index.h"

#include <algorithm>
#include <tuple>

namespace mast {

bool SemanticSymbol::SameAs(const SemanticSymbol& other) const {
  switch (kind) {
    case SymbolKind::kBuiltin: return other.kind == kind && other.name == name;
    case SymbolKind::kExternalType: return other.kind == kind && other.external == external;
    case SymbolKind::kExternalField: return other.kind == kind && other.external == external && other.name == name;
    default:
      return other.kind != SymbolKind::kBuiltin && other.kind != SymbolKind::kExternalType &&
             other.kind != SymbolKind::kExternalField && definition.IsValid() &&
             other.definition.file == definition.file && other.definition.begin == definition.begin;
  }
}

void SemanticIndex::Add(SemanticEntry entry) {
  if (!entry.range.IsValid() || entry.range.end <= entry.range.begin) return;
  entries_.push_back(std::move(entry));
}

void SemanticIndex::Finish() {
  auto position = [](const SemanticEntry& e) { return std::make_tuple(e.range.file, e.range.begin, e.range.end); };
  std::stable_sort(entries_.begin(), entries_.end(),
                   [&](const SemanticEntry& a, const SemanticEntry& b) { return position(a) < position(b); });
  // The first record of a name wins: a repeat comes from checking the same
  // expression again (a call's arguments after an arity error).
  entries_.erase(std::unique(entries_.begin(), entries_.end(),
                             [&](const SemanticEntry& a, const SemanticEntry& b) { return position(a) == position(b); }),
                 entries_.end());
}

const SemanticEntry* SemanticIndex::At(FileId file, uint32_t offset) const {
  auto first = std::lower_bound(entries_.begin(), entries_.end(), file,
                                [](const SemanticEntry& e, FileId f) { return e.range.file < f; });
  const SemanticEntry* best = nullptr;
  for (auto it = first; it != entries_.end() && it->range.file == file && it->range.begin <= offset; ++it) {
    if (offset <= it->range.end) best = &*it;
  }
  return best;
}

std::vector<const SemanticEntry*> SemanticIndex::InFile(FileId file) const {
  std::vector<const SemanticEntry*> out;
  auto first = std::lower_bound(entries_.begin(), entries_.end(), file,
                                [](const SemanticEntry& e, FileId f) { return e.range.file < f; });
  for (auto it = first; it != entries_.end() && it->range.file == file; ++it) out.push_back(&*it);
  return out;
}

SourceRange LastNameRange(SourceRange range, std::string_view name) {
  uint32_t size = static_cast<uint32_t>(name.size());
  if (!range.IsValid() || range.end < range.begin + size) return SourceRange{};
  return SourceRange{range.file, range.end - size, range.end};
}

}  // namespace mast
