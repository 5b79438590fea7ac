#include "compiler/driver/parse_cache.h"

#include "compiler/syntax/ast_codec.h"

namespace mast {

std::optional<ast::Module> ParseCache::Find(const std::string& path, std::string_view text, FileId file) {
  std::shared_ptr<const Owned> keep_alive;
  std::string_view encoded;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = static_entries_.find(path); it != static_entries_.end() && it->second.text == text) {
      encoded = it->second.encoded;
    } else if (auto entry = entries_.find(path); entry != entries_.end() && entry->second.text == text) {
      recency_.splice(recency_.begin(), recency_, entry->second.recency);
      keep_alive = entry->second.owned;
      encoded = entry->second.encoded;
    } else {
      ++misses_;
      return std::nullopt;
    }
    ++hits_;
  }
  // Decoding happens outside the lock; a corrupt entry is a miss.
  return DecodeModule(encoded, file);
}

void ParseCache::Store(const std::string& path, std::string_view text, const ast::Module& module) {
  auto owned = std::make_shared<const Owned>(Owned{std::string(text), EncodeModule(module)});
  const size_t size = owned->text.size() + owned->encoded.size();
  std::lock_guard<std::mutex> lock(mutex_);
  EraseLocked(path);
  if (size > max_bytes_) return;
  recency_.push_front(path);
  entries_.emplace(path, Entry{owned, owned->text, owned->encoded, recency_.begin()});
  bytes_ += size;
  EvictLocked();
}

void ParseCache::StoreStatic(const std::string& path, std::string_view text, std::string_view encoded) {
  std::lock_guard<std::mutex> lock(mutex_);
  EraseLocked(path);
  static_entries_[path] = Entry{nullptr, text, encoded, {}};
}

void ParseCache::EraseLocked(const std::string& path) {
  auto it = entries_.find(path);
  if (it == entries_.end()) return;
  bytes_ -= it->second.text.size() + it->second.encoded.size();
  recency_.erase(it->second.recency);
  entries_.erase(it);
}

void ParseCache::EvictLocked() {
  while (bytes_ > max_bytes_ && !recency_.empty()) EraseLocked(std::string(recency_.back()));
}

ParseCache::Stats ParseCache::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {hits_, misses_, entries_.size() + static_entries_.size(), bytes_};
}

}  // namespace mast
