#include "driver/parse_cache.h"

#include "syntax/ast_codec.h"

namespace mast {

std::optional<ast::Module> ParseCache::Find(const std::string& path, std::string_view text, FileId file) {
  std::shared_ptr<const std::string> encoded;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(path);
    if (it == entries_.end() || it->second.text != text) {
      ++misses_;
      return std::nullopt;
    }
    ++hits_;
    recency_.splice(recency_.begin(), recency_, it->second.recency);
    encoded = it->second.encoded;
  }
  // Decoding happens outside the lock; a corrupt entry is a miss.
  return DecodeModule(*encoded, file);
}

void ParseCache::Store(const std::string& path, std::string_view text, const ast::Module& module) {
  StoreEncoded(path, text, EncodeModule(module));
}

void ParseCache::StoreEncoded(const std::string& path, std::string_view text, std::string encoded) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(path);
  if (it != entries_.end()) {
    bytes_ -= it->second.text.size() + it->second.encoded->size();
    recency_.erase(it->second.recency);
    entries_.erase(it);
  }
  size_t size = text.size() + encoded.size();
  if (size > max_bytes_) return;
  recency_.push_front(path);
  entries_.emplace(path, Entry{std::string(text), std::make_shared<const std::string>(std::move(encoded)),
                               recency_.begin()});
  bytes_ += size;
  EvictLocked();
}

void ParseCache::EvictLocked() {
  while (bytes_ > max_bytes_ && !recency_.empty()) {
    auto it = entries_.find(recency_.back());
    bytes_ -= it->second.text.size() + it->second.encoded->size();
    entries_.erase(it);
    recency_.pop_back();
  }
}

ParseCache::Stats ParseCache::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {hits_, misses_, entries_.size(), bytes_};
}

}  // namespace mast
