// A .mast document as the compiler checked it: the loaded program with its
// sources, and the semantic index the static checker left (which symbol each
// name refers to, and its type; compiler/sema/semantic_index.h). Navigation
// answers from it, so the editor and the compiler agree on what a name
// means. The analysis that publishes diagnostics leaves one behind
// (AnalysisResult::checked); a request that comes before it makes one with
// a compile that stops after checking.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/base/source.h"
#include "compiler/sema/program.h"
#include "compiler/sema/semantic_index.h"
#include "lsp/analysis/analyze.h"

namespace mast::lsp {

struct CheckedDocument {
  std::string path;  // normalized
  int64_t version = 0;
  // Keeps the catalog that the index's Kubernetes and CRD types point into.
  std::shared_ptr<const AnalysisSettings> settings;
  SourceManager sources;
  std::unique_ptr<Program> program;
  SemanticIndex index;
  // The other open buffers the check read, with their versions: when one of
  // them changes, this check is out of date (Workspace::Checked).
  std::map<std::string, int64_t> open_versions;

  // Whether the document itself parsed without syntax errors.
  bool ParsedClean() const;
  // The file loaded from a normalized path; kNoFile when it was not loaded.
  FileId FileOf(const std::string& path) const;
  // The normalized path of a loaded file.
  std::string PathOf(FileId file) const;
  // The entry whose name contains `offset` in the file at `path`.
  const SemanticEntry* At(const std::string& path, uint32_t offset) const;
  // The local bindings in scope at `offset` in the file at `path`, the
  // innermost first (parameters, `let ... in`, loop variables, a test's
  // `let` steps, a schema's fields in its checks).
  std::vector<const SemanticEntry*> LocalsAt(const std::string& path, uint32_t offset) const;
  // The occurrence that declares the name written at `name` in the file at
  // `path` (a top-level declaration or import), with its type; null when
  // checking did not record it.
  const SemanticEntry* DeclarationAt(const std::string& path, SourceRange name) const;
};

// Loads and checks `document` (open buffers are overlays), filling the index.
std::shared_ptr<const CheckedDocument> CheckDocument(const SourceText& document,
                                                     const std::vector<SourceText>& open_documents,
                                                     std::shared_ptr<const AnalysisSettings> settings,
                                                     ParseCache* parse_cache);

}  // namespace mast::lsp
