// The open documents: their text and version, as the client last sent them.
// Written by the main thread (didOpen/didChange/didClose), read by workers
// through immutable snapshots, so a worker never sees a half-applied edit.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "lsp/analysis/analyze.h"
#include "lsp/analysis/document_snapshot.h"
#include "lsp/protocol/types.h"
#include "lsp/protocol/uri.h"

namespace mast::lsp {

// Applies one LSP content change to `text`. Positions are UTF-16; positions
// past the end of a line or of the text are clamped. Returns false (and leaves
// the text unchanged) when the range is inverted.
bool ApplyChange(std::string& text, const ContentChange& change);
// Byte offset of an LSP position in `text` (clamped).
size_t OffsetOf(std::string_view text, Position position);

class DocumentStore {
 public:
  void Open(const TextDocumentItem& item);
  // Applies changes in order; false when the document is not open.
  bool Change(const std::string& uri, int64_t version, const std::vector<ContentChange>& changes);
  void Close(const std::string& uri);

  std::optional<DocumentSnapshot> Get(const std::string& uri) const;
  std::optional<DocumentSnapshot> GetByPath(const std::string& path) const;
  // The current version of an open document, or nullopt.
  std::optional<int64_t> Version(const std::string& uri) const;
  std::vector<DocumentSnapshot> All() const;
  // Open .mast buffers, as compiler overlays.
  std::vector<SourceText> MastOverlays() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, DocumentSnapshot> documents_;  // by uri
};

}  // namespace mast::lsp
