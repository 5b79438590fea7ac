#include "lsp/server/documents.h"

namespace mast::lsp {

size_t OffsetOf(std::string_view text, Position position) {
  size_t offset = 0;
  for (uint32_t line = 0; line < position.line; ++line) {
    size_t eol = text.find('\n', offset);
    if (eol == std::string_view::npos) return text.size();
    offset = eol + 1;
  }
  uint32_t units = 0;
  while (offset < text.size() && text[offset] != '\n' && units < position.character) {
    unsigned char c = static_cast<unsigned char>(text[offset]);
    units += c >= 0xF0 ? 2 : 1;
    ++offset;
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) ++offset;
  }
  // A position inside "\r\n" refers to the end of the line.
  if (offset < text.size() && text[offset] == '\n' && offset > 0 && text[offset - 1] == '\r' &&
      units < position.character) {
    --offset;
  }
  return offset;
}

bool ApplyChange(std::string& text, const ContentChange& change) {
  if (!change.range) {
    text = change.text;
    return true;
  }
  size_t begin = OffsetOf(text, change.range->start);
  size_t end = OffsetOf(text, change.range->end);
  if (end < begin) return false;
  text.replace(begin, end - begin, change.text);
  return true;
}

void DocumentStore::Open(const TextDocumentItem& item) {
  DocumentSnapshot document;
  document.uri = item.uri;
  document.path = UriToPath(item.uri);
  document.language = LanguageOf(document.path, item.language_id);
  document.version = item.version;
  document.text = std::make_shared<const std::string>(item.text);
  std::lock_guard<std::mutex> lock(mutex_);
  documents_[item.uri] = std::move(document);
}

bool DocumentStore::Change(const std::string& uri, int64_t version, const std::vector<ContentChange>& changes) {
  std::shared_ptr<const std::string> current;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = documents_.find(uri);
    if (it == documents_.end()) return false;
    current = it->second.text;
  }
  // Edits are applied outside the lock: only this (main) thread writes.
  std::string text = *current;
  for (const ContentChange& change : changes) ApplyChange(text, change);
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = documents_.find(uri);
  if (it == documents_.end()) return false;
  it->second.version = version;
  it->second.text = std::make_shared<const std::string>(std::move(text));
  return true;
}

void DocumentStore::Close(const std::string& uri) {
  std::lock_guard<std::mutex> lock(mutex_);
  documents_.erase(uri);
}

std::optional<DocumentSnapshot> DocumentStore::Get(const std::string& uri) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = documents_.find(uri);
  if (it == documents_.end()) return std::nullopt;
  return it->second;
}

std::optional<DocumentSnapshot> DocumentStore::GetByPath(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [uri, document] : documents_) {
    if (document.path == path) return document;
  }
  return std::nullopt;
}

std::optional<int64_t> DocumentStore::Version(const std::string& uri) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = documents_.find(uri);
  if (it == documents_.end()) return std::nullopt;
  return it->second.version;
}

std::vector<DocumentSnapshot> DocumentStore::All() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<DocumentSnapshot> out;
  for (const auto& [uri, document] : documents_) out.push_back(document);
  return out;
}

std::vector<SourceText> DocumentStore::MastOverlays() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<SourceText> out;
  for (const auto& [uri, document] : documents_) {
    if (document.language == Language::kMast) out.push_back({document.path, document.version, document.text});
  }
  return out;
}

}  // namespace mast::lsp
