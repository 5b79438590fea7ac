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

void SemanticIndex::AddScope(SemanticScope scope) {
  if (!scope.visible.IsValid() || !scope.binding.range.IsValid() || scope.binding.symbol.name.empty()) return;
  scopes_.push_back(std::move(scope));
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
  auto binding = [](const SemanticScope& s) {
    return std::make_tuple(s.binding.range.file, s.binding.range.begin);
  };
  std::stable_sort(scopes_.begin(), scopes_.end(),
                   [&](const SemanticScope& a, const SemanticScope& b) { return binding(a) < binding(b); });
  scopes_.erase(std::unique(scopes_.begin(), scopes_.end(),
                            [&](const SemanticScope& a, const SemanticScope& b) { return binding(a) == binding(b); }),
                scopes_.end());
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

std::vector<const SemanticScope*> SemanticIndex::ScopesAt(FileId file, uint32_t offset) const {
  std::vector<const SemanticScope*> out;
  auto first = std::lower_bound(scopes_.begin(), scopes_.end(), file,
                                [](const SemanticScope& s, FileId f) { return s.binding.range.file < f; });
  for (auto it = first; it != scopes_.end() && it->binding.range.file == file; ++it) {
    if (it->visible.file == file && it->visible.begin <= offset && offset <= it->visible.end) out.push_back(&*it);
  }
  // Innermost first: the scope that starts last; among the bindings of one
  // scope (`for k, v`), the later one first, as lookup finds them.
  std::stable_sort(out.begin(), out.end(), [](const SemanticScope* a, const SemanticScope* b) {
    return std::make_tuple(a->visible.begin, a->binding.range.begin) >
           std::make_tuple(b->visible.begin, b->binding.range.begin);
  });
  return out;
}

SourceRange LastNameRange(SourceRange range, std::string_view name) {
  uint32_t size = static_cast<uint32_t>(name.size());
  if (!range.IsValid() || range.end < range.begin + size) return SourceRange{};
  return SourceRange{range.file, range.end - size, range.end};
}

}  // namespace mast
