// One open document as a request sees it: the text and version the client
// last sent, immutable, so a worker never sees a half-applied edit. The
// server's DocumentStore (lsp/server/documents.h) hands these out; features
// and analyses only read them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "lsp/protocol/uri.h"

namespace mast::lsp {

struct DocumentSnapshot {
  std::string uri;
  std::string path;  // normalized
  Language language = Language::kOther;
  int64_t version = 0;
  std::shared_ptr<const std::string> text;
};

}  // namespace mast::lsp
