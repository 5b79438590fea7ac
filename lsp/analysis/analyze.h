// Diagnostics for one document: the same pipeline as the command line, run
// on a snapshot of the editor's buffers.
//
//   .mast  Compile (load, static checks, evaluation, Kubernetes validation;
//          open buffers are overlays) -> the `mast check` object checker on
//          the emitted objects (server-side rules) -> policies on them
//   .yaml  ReadYamlStream (resuming after a syntax error at the next `---`)
//          -> for documents that look like Kubernetes objects (apiVersion or
//          kind at the top): the `mast check` object checker (schema,
//          removed APIs, server-side rules) -> policies
//   both   `mast:ignore` comments and `mast.dev/ignore` annotations, as
//          `mast check` applies them (comments cover every finding); the
//          policy rules that repeat schema checks are off, as in `mast check`
//
// Each analysis owns its SourceManager (they are not thread-safe), so
// analyses of different documents run on different threads. Results are LSP
// diagnostics grouped by file: a .mast analysis may report problems in the
// files it imports (a policy finding in a library's function body).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <functional>

#include "compiler/base/source.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/driver/parse_cache.h"
#include "lsp/protocol/types.h"
#include "lsp/protocol/uri.h"
#include "policies/engine.h"
#include "schemas/kube_catalog.h"

namespace mast::lsp {

// An open document as the analysis sees it.
struct SourceText {
  std::string path;  // normalized
  int64_t version = 0;
  std::shared_ptr<const std::string> text;
};

// What the configuration changes about analysis.
struct AnalysisSettings {
  std::string config_path;        // the `.mast.yaml` that applies, or ""
  PolicyOptions policies;         // from that file (policies/config.h)
  // The Kubernetes catalog and target: the configuration's `schema` and
  // `kubernetesVersion`, or the server's defaults (schemas/catalog_choice.h).
  // Set by Workspace::SettingsFor; null means the embedded newest release.
  const KubeCatalog* catalog = nullptr;
  std::shared_ptr<const KubeCatalog> owned_catalog;  // one read from `schema:`
  // What programs see: `catalog` plus the custom resources of `crd:`
  // imports, loaded as they are imported (schemas/check/crd_types.h). Set
  // with `catalog`; null means `catalog` alone.
  std::shared_ptr<const ExternalTypes> types;
  // The server's defaults (`mast lsp --kubernetes-version`, or the client's
  // initializationOptions.kubernetesVersion): "" = the newest release.
  std::string kubernetes_version;
  std::string schema_file;  // `mast lsp --schema`
  bool run_policies = true;
  bool server_rules = true;
  bool skip_unknown_kinds = false;
  // Diagnostics per file beyond this are dropped (an editor cannot show more
  // usefully, and huge lists slow every client down).
  size_t max_diagnostics_per_file = 1000;
};

class PolicyPool;
struct CheckedDocument;

struct AnalysisInput {
  SourceText document;
  Language language = Language::kOther;
  std::vector<SourceText> open_documents;  // every open .mast buffer (overlays)
  std::shared_ptr<const AnalysisSettings> settings;
  PolicyPool* policies = nullptr;  // engines to reuse; null loads a fresh one
  ParseCache* parse_cache = nullptr;  // parsed modules to reuse; null parses every file
};

struct AnalysisResult {
  std::string path;
  int64_t version = 0;
  // By normalized path; always has an entry (maybe empty) for `path`.
  std::map<std::string, std::vector<Diagnostic>> diagnostics;
  // Open documents whose buffer the analysis read, with the version it read.
  std::map<std::string, int64_t> used_versions;
  // Every file the analysis loaded (for re-checking importers).
  std::set<std::string> dependencies;
  double milliseconds = 0;
  // Where the time went ("compile 12.1 objects 0.8 policies 7.9"), for logs.
  std::string timing;
  // .mast: the program as checked, with its semantic index (checked.h), for
  // the features to answer from.
  std::shared_ptr<const CheckedDocument> checked;
};

AnalysisResult Analyze(const AnalysisInput& input);

// Converts a compiler diagnostic whose ranges lie in `file` (labels in other
// files become related information through `file_of`).
Diagnostic ToLspDiagnostic(const mast::Diagnostic& diagnostic, const SourceFile* file,
                           const std::function<const SourceFile*(FileId)>& file_of);

// LSP position of a byte offset, and back.
Position ToPosition(const SourceFile& file, uint32_t offset);
Range ToRange(const SourceFile& file, uint32_t begin, uint32_t end);
uint32_t ToOffset(const SourceFile& file, Position position);

// ToPosition for offsets that mostly increase (a feature walking a file's
// tokens): counts UTF-16 units from the previous offset on the same line
// instead of from the line start, so a file that is one long line costs
// linear time, not quadratic (semantic tokens of a 200,000-term line).
class PositionCursor {
 public:
  explicit PositionCursor(const SourceFile& file) : file_(file) {}
  Position At(uint32_t offset);

 private:
  const SourceFile& file_;
  uint32_t offset_ = 0;
  Position position_{0, 0};
  bool valid_ = false;
};

// True when a YAML text is a template (Helm, Jinja) rather than YAML.
bool LooksLikeTemplate(std::string_view text);

}  // namespace mast::lsp
