// The workspace as the features see it: parsed .mast files (open buffers or
// disk, cached by content), the list of .mast files under the workspace
// folders, the Kubernetes catalog, the policy rules (for hover), and the
// settings read from `.mast.yaml`. Thread-safe; everything handed out is
// immutable and shared.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "compiler/base/source.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/driver/parse_cache.h"
#include "compiler/syntax/ast.h"
#include "lsp/analysis/analyze.h"
#include "lsp/analysis/checked.h"
#include "lsp/analysis/policy_pool.h"

namespace mast {
class KubeCatalog;
}  // namespace mast

namespace mast::lsp {

// One .mast file parsed on its own (no evaluation). Ranges in `module` are
// byte offsets into `source`; their file ids mean nothing here.
struct ParsedFile {
  std::string path;  // normalized absolute path (or the URI of an untitled buffer)
  std::string uri;
  std::unique_ptr<SourceFile> source;
  ast::Module module;
  std::vector<mast::Diagnostic> parse_diagnostics;
  std::map<std::string, const ast::Decl*, std::less<>> decls;  // first declaration of each name

  struct ImportInfo {
    const ast::Import* import = nullptr;
    std::string target_path;  // a Mast file: normalized path
    std::string external;     // a Kubernetes module: "k8s/apps/v1"
  };
  std::map<std::string, ImportInfo, std::less<>> imports;  // by alias

  const std::string& text() const { return source->text(); }
};

// Parses `text` as the file at `path`; with `cache`, takes a module parsed
// from the same text from it, and keeps a new clean parse in it.
std::shared_ptr<const ParsedFile> ParseFile(const std::string& path, std::string text, ParseCache* cache = nullptr);

// Resolves an import path the way the compiler does: k8s modules stay as
// they are; other paths are relative to the importing file, with `.mast`
// appended when there is no extension.
std::string ResolveImportPath(const std::string& importer, const std::string& import_path);

class Workspace {
 public:
  // Returns the open buffer for a path, if the file is open in the editor.
  using OpenBufferFn = std::function<std::optional<SourceText>(const std::string& path)>;
  using OpenPathsFn = std::function<std::vector<std::string>()>;

  Workspace(OpenBufferFn open_buffer, OpenPathsFn open_paths);
  ~Workspace();

  void SetRoots(std::vector<std::string> roots);
  std::vector<std::string> roots() const;

  // The file's current content, parsed: the open buffer, else the disk.
  // nullptr when it cannot be read.
  std::shared_ptr<const ParsedFile> Parse(const std::string& path);
  // Parses a given snapshot of a buffer (what a request was made against).
  std::shared_ptr<const ParsedFile> Parse(const std::string& path, int64_t version,
                                          const std::shared_ptr<const std::string>& text);

  // Every .mast file under the roots, plus open .mast buffers. Listed again
  // after InvalidateListing (files created or deleted).
  std::vector<std::string> MastFiles();
  void InvalidateListing();

  // The catalog of the server's default target (--kubernetes-version, or
  // initializationOptions.kubernetesVersion).
  const KubeCatalog& catalog() const;

  // The settings for a document: from the nearest `.mast.yaml` above it
  // (policies/config.h), reloaded when that file changes on disk.
  std::shared_ptr<const AnalysisSettings> SettingsFor(const std::string& document_path);
  // Analysis options that do not come from `.mast.yaml` (the client's
  // initializationOptions): copied into every settings object.
  void SetBaseSettings(const AnalysisSettings& base);
  // Forgets cached configurations (a `.mast.yaml` was saved or changed).
  void InvalidateSettings();
  PolicyPool& policies() { return *policies_; }
  // Parsed modules shared by every analysis: after an edit, only the edited
  // file is parsed again when its importers are re-checked.
  ParseCache& parse_cache() { return parse_cache_; }
  // Loads a policy engine in the background (the first analysis would
  // otherwise wait ~100 ms for it).
  void Prewarm();

  // A .mast document checked, with its semantic index (checked.h): what the
  // last analysis of this version left, else checked now and kept.
  std::shared_ptr<const CheckedDocument> Checked(const std::string& path, int64_t version,
                                                 const std::shared_ptr<const std::string>& text,
                                                 std::shared_ptr<const AnalysisSettings> settings);
  // Another .mast file checked: its open buffer (cached as Checked), else
  // the disk (checked on each call). nullptr when it cannot be read.
  std::shared_ptr<const CheckedDocument> CheckedFile(const std::string& path);
  // Keeps what an analysis checked (a newer version replaces an older one).
  void StoreChecked(std::shared_ptr<const CheckedDocument> checked);
  // The newest check of the document at `path` that parsed without syntax
  // errors, when it is of a version before `version` (checked.h,
  // EarlierCheck); null otherwise.
  std::shared_ptr<const CheckedDocument> LastCleanCheck(const std::string& path, int64_t version);

  // A policy rule's documentation, as configured for a document.
  struct RuleDoc {
    std::string id;
    std::string category;
    std::string description;
    std::string remediation;
    std::string rationale;
    Severity severity = Severity::kWarning;
  };
  std::optional<RuleDoc> FindRule(const std::string& document_path, std::string_view id);

 private:
  struct CacheEntry {
    int64_t stamp = 0;        // buffer version, or disk mtime
    uintmax_t size = 0;
    const void* buffer = nullptr;
    std::shared_ptr<const ParsedFile> parsed;
  };

  // The open .mast buffers but `except`: overlays of a compile.
  std::vector<SourceText> OpenMastBuffers(const std::string& except);

  OpenBufferFn open_buffer_;
  OpenPathsFn open_paths_;
  mutable std::mutex mutex_;
  std::vector<std::string> roots_;
  std::map<std::string, CacheEntry> cache_;
  std::optional<std::vector<std::string>> listing_;

  struct ConfigEntry {
    int64_t stamp = 0;
    std::shared_ptr<const AnalysisSettings> settings;
  };
  AnalysisSettings base_settings_;
  std::map<std::string, ConfigEntry> configs_;  // by config path ("" = no config)
  std::unique_ptr<PolicyPool> policies_;
  ParseCache parse_cache_;
  std::map<std::string, std::shared_ptr<const CheckedDocument>> checked_;  // by path: the newest version
  std::map<std::string, std::shared_ptr<const CheckedDocument>> clean_;    // by path: the newest that parsed
  std::thread prewarm_;
};

}  // namespace mast::lsp
