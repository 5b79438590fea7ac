// Parsed modules kept between compilations, keyed by path and exact text.
// The language server compiles every importer of a file again after each
// edit; with this cache only the edited file is parsed again. The built-in
// policies are seeded from their build-time syntax trees (in place, without
// a copy, and never evicted), so they are never parsed at run time.
//
// Only modules that parsed without a diagnostic are kept (a hit reports
// nothing, as the parse would have). Entries are stored encoded
// (syntax/ast_codec.h): they carry no file id and are decoded into the
// SourceManager of the compilation that asks. Thread-safe; bounded in bytes,
// evicting the least recently used entries.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "compiler/syntax/ast.h"

namespace mast {

class ParseCache {
 public:
  explicit ParseCache(size_t max_bytes = 64u << 20) : max_bytes_(max_bytes) {}

  // The module parsed from exactly `text` at `path`, restored into `file`.
  std::optional<ast::Module> Find(const std::string& path, std::string_view text, FileId file);
  // Keeps `module`, the diagnostic-free parse of `text` at `path`.
  void Store(const std::string& path, std::string_view text, const ast::Module& module);
  // Keeps an already encoded module that lives as long as the program (the
  // built-in policies' embedded text and tree): nothing is copied, and it
  // is never evicted.
  void StoreStatic(const std::string& path, std::string_view text, std::string_view encoded);

  struct Stats {
    size_t hits = 0;
    size_t misses = 0;
    size_t entries = 0;
    size_t bytes = 0;
  };
  Stats stats() const;

 private:
  struct Owned {
    std::string text;
    std::string encoded;
  };
  struct Entry {
    std::shared_ptr<const Owned> owned;  // the storage of text and encoded
    std::string_view text;
    std::string_view encoded;
    std::list<std::string>::iterator recency;  // position in recency_ (front = newest)
  };
  void EvictLocked();
  void EraseLocked(const std::string& path);

  mutable std::mutex mutex_;
  size_t max_bytes_;
  size_t bytes_ = 0;
  size_t hits_ = 0;
  size_t misses_ = 0;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> recency_;
  std::unordered_map<std::string, Entry> static_entries_;  // StoreStatic's; not in recency_
};

}  // namespace mast
