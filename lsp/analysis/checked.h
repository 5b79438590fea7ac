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
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
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
  // Held while the editor resolves a type in `program` (EditorTypes): the
  // compiler's resolver remembers what it resolved in the modules.
  mutable std::mutex resolve_mutex;

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

// Whether checking recorded no type for a name that stands for a value (a
// builtin, an import or a Kubernetes type has none by nature).
bool Untyped(const SemanticEntry& entry);

// A check of an earlier version of a document that parsed, and how offsets
// of the current text map to it. The two texts differ in one region (what
// was typed since): offsets before it are the same, offsets after it are
// shifted, and those inside it have no counterpart. While the current text
// does not parse, hover, completion and inlay hints read what the last
// check that parsed knew of the names outside the edit.
struct EarlierCheck {
  std::shared_ptr<const CheckedDocument> checked;
  uint32_t prefix = 0;        // the texts agree before this offset
  uint32_t old_suffix = 0;    // ... and from these offsets on
  uint32_t new_suffix = 0;

  // Compares the text `checked` saw of `path` with `text`.
  static std::optional<EarlierCheck> Of(std::shared_ptr<const CheckedDocument> checked, const std::string& path,
                                        std::string_view text);
  // The earlier offset of the current `offset`; nullopt inside the edit.
  std::optional<uint32_t> ToOld(uint32_t offset) const;
  std::optional<uint32_t> ToNew(uint32_t offset) const;
  // `entry` with its ranges in the current text (those in the document's
  // file); nullopt when its name is inside the edit.
  std::optional<SemanticEntry> ToNew(const SemanticEntry& entry) const;
  // The entry whose name contains the current `offset` in the document.
  std::optional<SemanticEntry> At(uint32_t offset) const;

 private:
  FileId file_ = kNoFile;
};

// Loads and checks `document` (open buffers are overlays), filling the index.
std::shared_ptr<const CheckedDocument> CheckDocument(const SourceText& document,
                                                     const std::vector<SourceText>& open_documents,
                                                     std::shared_ptr<const AnalysisSettings> settings,
                                                     ParseCache* parse_cache);

}  // namespace mast::lsp
