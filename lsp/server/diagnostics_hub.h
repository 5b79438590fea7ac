// Publishes diagnostics. Every analysis result belongs to the open document
// it was run for (its owner), and may carry findings for other files: a
// library's function body that produced an object a policy flags when the
// importing file is compiled. What a file shows is its owner's own findings
// plus the findings other analyses made in it, counted only when they read
// the same version of the file; files that are not open show the union.
// Each publication carries the version of the document it was computed for.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lsp/analysis/analyze.h"
#include "lsp/protocol/types.h"
#include "lsp/server/documents.h"

namespace mast::lsp {

class DiagnosticsHub {
 public:
  using PublishFn = std::function<void(const PublishDiagnosticsParams&)>;

  DiagnosticsHub(const DocumentStore& store, PublishFn publish) : store_(store), publish_(std::move(publish)) {}

  // Records the result of analysing open document `uri` and publishes every
  // file whose diagnostics it changes (its own file always).
  void Update(const std::string& uri, AnalysisResult result);
  // The document was closed: its findings go, and its file is republished
  // (empty, or with what other analyses still find there).
  void Remove(const std::string& uri, const std::string& path);
  // What was last published for a file.
  std::vector<Diagnostic> Published(const std::string& path) const;
  // Open documents whose last analysis loaded `path` (its importers).
  std::vector<std::string> Dependents(const std::string& path) const;

 private:
  struct Owner {
    std::string path;
    int64_t version = 0;
    std::map<std::string, std::vector<Diagnostic>> by_file;
    std::map<std::string, int64_t> used_versions;
    std::set<std::string> dependencies;
  };
  void Republish(const std::string& path, bool force);

  const DocumentStore& store_;
  PublishFn publish_;
  mutable std::mutex mutex_;
  std::map<std::string, Owner> owners_;                          // by owner uri
  std::map<std::string, std::vector<Diagnostic>> published_;     // by path
};

}  // namespace mast::lsp
