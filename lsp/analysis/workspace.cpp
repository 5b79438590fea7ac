#include "lsp/analysis/workspace.h"

#include <sys/stat.h>

#include <filesystem>

#include "compiler/base/file_io.h"
#include "compiler/syntax/parse.h"
#include "policies/config.h"
#include "policies/engine.h"
#include "schemas/catalog_choice.h"
#include "schemas/check/crd_types.h"
#include "schemas/kube_catalog.h"

namespace mast::lsp {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxFileBytes = 8u << 20;
constexpr size_t kMaxListedFiles = 20000;

bool SkippedDirectory(const fs::path& path) {
  std::string name = path.filename().string();
  return name.empty() || name[0] == '.' || name == "node_modules" || name.rfind("build", 0) == 0;
}

}  // namespace

std::string ResolveImportPath(const std::string& importer, const std::string& import_path) {
  if (import_path.rfind("k8s/", 0) == 0) return import_path;
  if (import_path.rfind("crd:", 0) == 0) {
    return "crd:" + (fs::path(importer).parent_path() / import_path.substr(4)).lexically_normal().string();
  }
  fs::path target = fs::path(importer).parent_path() / import_path;
  if (!target.has_extension()) target += ".mast";
  return target.lexically_normal().string();
}

std::shared_ptr<const ParsedFile> ParseFile(const std::string& path, std::string text, ParseCache* cache) {
  auto file = std::make_shared<ParsedFile>();
  file->path = path;
  file->uri = PathToUri(path);
  file->source = std::make_unique<SourceFile>(path, std::move(text));
  // The compiles of the analysis and of the features parse the same text:
  // one parse serves all of them.
  std::optional<ast::Module> cached = cache ? cache->Find(path, file->source->text(), 0) : std::nullopt;
  if (cached) {
    file->module = std::move(*cached);
  } else {
    ParseResult parsed = Parse(*file->source, 0);
    file->module = std::move(parsed.module);
    file->parse_diagnostics = std::move(parsed.diagnostics.mutable_diagnostics());
    if (cache && file->parse_diagnostics.empty()) cache->Store(path, file->source->text(), file->module);
  }
  for (const ast::Decl& decl : file->module.decls) {
    if (decl.kind == ast::Decl::Kind::kEmit || decl.kind == ast::Decl::Kind::kPolicy ||
        decl.kind == ast::Decl::Kind::kTest || decl.name.empty()) {
      continue;
    }
    file->decls.emplace(decl.name, &decl);
  }
  for (const ast::Import& import : file->module.imports) {
    if (import.alias.empty()) continue;
    ParsedFile::ImportInfo info;
    info.import = &import;
    if (import.path.rfind("k8s/", 0) == 0 || import.path.rfind("crd:", 0) == 0) {
      info.external = ResolveImportPath(path, import.path);
    }
    else info.target_path = ResolveImportPath(path, import.path);
    file->imports.emplace(import.alias, std::move(info));
  }
  return file;
}

Workspace::Workspace(OpenBufferFn open_buffer, OpenPathsFn open_paths)
    : open_buffer_(std::move(open_buffer)),
      open_paths_(std::move(open_paths)),
      policies_(std::make_unique<PolicyPool>()) {}

Workspace::~Workspace() {
  if (prewarm_.joinable()) prewarm_.join();
}

void Workspace::Prewarm() {
  if (prewarm_.joinable()) return;
  std::vector<std::string> roots = this->roots();
  std::string anchor = roots.empty() ? std::string() : roots.front() + "/.";
  prewarm_ = std::thread([this, anchor] {
    std::shared_ptr<const AnalysisSettings> settings = SettingsFor(anchor);
    if (settings->run_policies) PolicyPool::Lease lease = policies_->Acquire(settings);
  });
}

void Workspace::SetRoots(std::vector<std::string> roots) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    roots_ = std::move(roots);
    listing_.reset();
  }
  InvalidateSettings();
}

std::vector<std::string> Workspace::roots() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return roots_;
}

std::shared_ptr<const ParsedFile> Workspace::Parse(const std::string& path, int64_t version,
                                                   const std::shared_ptr<const std::string>& text) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(path);
    if (it != cache_.end() && it->second.buffer == text.get() && it->second.stamp == version) return it->second.parsed;
  }
  std::shared_ptr<const ParsedFile> parsed = ParseFile(path, *text, &parse_cache_);
  std::lock_guard<std::mutex> lock(mutex_);
  CacheEntry& entry = cache_[path];
  entry.stamp = version;
  entry.buffer = text.get();
  entry.size = text->size();
  entry.parsed = parsed;
  return parsed;
}

std::shared_ptr<const ParsedFile> Workspace::Parse(const std::string& path) {
  if (std::optional<SourceText> open = open_buffer_(path); open && open->text) {
    return Parse(path, open->version, open->text);
  }
  struct stat info;
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return nullptr;
  const int64_t stamp = static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(path);
    if (it != cache_.end() && it->second.buffer == nullptr && it->second.stamp == stamp &&
        it->second.size == static_cast<uintmax_t>(info.st_size)) {
      return it->second.parsed;
    }
  }
  std::string text;
  std::string error;
  if (!ReadFileToString(path, &text, &error, kMaxFileBytes)) return nullptr;
  std::shared_ptr<const ParsedFile> parsed = ParseFile(path, std::move(text));
  std::lock_guard<std::mutex> lock(mutex_);
  CacheEntry& entry = cache_[path];
  entry.stamp = stamp;
  entry.buffer = nullptr;
  entry.size = static_cast<uintmax_t>(info.st_size);
  entry.parsed = parsed;
  return parsed;
}

std::vector<std::string> Workspace::MastFiles() {
  std::vector<std::string> roots;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!listing_) roots = roots_;
  }
  if (!roots.empty()) {
    std::vector<std::string> files;
    for (const std::string& root : roots) {
      std::error_code ec;
      fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end && files.size() < kMaxListedFiles; it.increment(ec)) {
        if (it->is_directory(ec)) {
          if (SkippedDirectory(it->path())) it.disable_recursion_pending();
          continue;
        }
        if (it->path().extension() == ".mast") files.push_back(NormalizePath(it->path().string()));
      }
    }
    std::lock_guard<std::mutex> lock(mutex_);
    listing_ = std::move(files);
  }
  std::vector<std::string> out;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (listing_) out = *listing_;
  }
  for (const std::string& open : open_paths_()) {
    if (LanguageOf(open) == Language::kMast && std::find(out.begin(), out.end(), open) == out.end()) {
      out.push_back(open);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Workspace::InvalidateListing() {
  std::lock_guard<std::mutex> lock(mutex_);
  listing_.reset();
}

const KubeCatalog& Workspace::catalog() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return base_settings_.catalog != nullptr ? *base_settings_.catalog : KubeCatalog::Embedded();
}



namespace {

int64_t FileStamp(const std::string& path) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) return -1;
  return static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec + info.st_size;
}

}  // namespace

std::shared_ptr<const AnalysisSettings> Workspace::SettingsFor(const std::string& document_path) {
  std::string config_path;
  if (!document_path.empty() && document_path.front() == '/') config_path = FindConfig(document_path);
  const int64_t stamp = config_path.empty() ? 0 : FileStamp(config_path);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = configs_.find(config_path);
    if (it != configs_.end() && it->second.stamp == stamp) return it->second.settings;
  }
  std::shared_ptr<AnalysisSettings> settings;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    settings = std::make_shared<AnalysisSettings>(base_settings_);
  }
  settings->config_path = config_path;
  CatalogChoice configured;
  if (!config_path.empty()) {
    SourceManager sources;
    DiagnosticSink problems;  // shown in the configuration file itself
    if (std::optional<MastConfig> config = LoadConfig(config_path, sources, problems)) {
      settings->policies = config->policies;
      // Its positions point into `sources`, which ends here; the
      // configuration's own problems are shown by analysing the file.
      settings->policies.where.clear();
      configured = CatalogChoice{config->schema, config->kubernetes_version, config->kubernetes_version_origin};
    }
  }
  // The catalog as `mast build` and `mast check` choose it from the
  // configuration. Without a choice there (or with one that does not work:
  // its file shows the error), the server's default stays, copied from the
  // base settings (`mast lsp --kubernetes-version` / `--schema`).
  if (!configured.schema_file.empty() || !configured.kubernetes_version.empty()) {
    DiagnosticSink catalog_problems;
    ChosenCatalog chosen = ChooseCatalog(configured, catalog_problems);
    if (chosen.catalog != nullptr) {
      settings->owned_catalog = std::move(chosen.owned);
      settings->catalog = chosen.catalog;
    }
  }
  settings->types = std::make_shared<CustomResourceTypes>(settings->catalog ? *settings->catalog
                                                                            : KubeCatalog::Embedded());
  // The rules that repeat the object checker's findings are dropped by the
  // findings pipeline (policies/findings.h), as in `mast check`.
  std::lock_guard<std::mutex> lock(mutex_);
  configs_[config_path] = ConfigEntry{stamp, settings};
  return settings;
}

void Workspace::SetBaseSettings(const AnalysisSettings& base) {
  std::lock_guard<std::mutex> lock(mutex_);
  base_settings_ = base;
  DiagnosticSink problems;
  ChosenCatalog chosen = ChooseCatalog({base.schema_file, base.kubernetes_version, {}}, problems);
  base_settings_.owned_catalog = std::move(chosen.owned);
  base_settings_.catalog = chosen.catalog != nullptr ? chosen.catalog : &KubeCatalog::Embedded();
  base_settings_.types = std::make_shared<CustomResourceTypes>(*base_settings_.catalog);
  configs_.clear();
}

void Workspace::InvalidateSettings() {
  std::lock_guard<std::mutex> lock(mutex_);
  configs_.clear();
}

std::optional<Workspace::RuleDoc> Workspace::FindRule(const std::string& document_path, std::string_view id) {
  PolicyPool::Lease lease = policies_->Acquire(SettingsFor(document_path));
  const RuleInfo* rule = lease.engine().FindRule(id);
  if (!rule) return std::nullopt;
  RuleDoc doc;
  doc.id = rule->definition.id;
  doc.category = rule->definition.category;
  doc.description = rule->definition.description;
  doc.remediation = rule->definition.remediation;
  doc.rationale = rule->definition.rationale;
  doc.severity = rule->severity;
  return doc;
}

std::vector<SourceText> Workspace::OpenMastBuffers(const std::string& except) {
  std::vector<SourceText> open;
  for (const std::string& open_path : open_paths_()) {
    if (open_path == except || LanguageOf(open_path) != Language::kMast) continue;
    if (std::optional<SourceText> buffer = open_buffer_(open_path)) open.push_back(std::move(*buffer));
  }
  return open;
}

std::shared_ptr<const CheckedDocument> Workspace::Checked(const std::string& path, int64_t version,
                                                          const std::shared_ptr<const std::string>& text,
                                                          std::shared_ptr<const AnalysisSettings> settings) {
  std::shared_ptr<const CheckedDocument> kept;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = checked_.find(path);
    if (it != checked_.end() && it->second->version == version) kept = it->second;
  }
  // Still what the buffers say: no open file it read has changed since.
  bool current = kept != nullptr;
  for (const auto& [open_path, open_version] : kept ? kept->open_versions : std::map<std::string, int64_t>{}) {
    std::optional<SourceText> buffer = open_buffer_(open_path);
    current = current && buffer && buffer->version == open_version;
  }
  if (current) return kept;
  std::vector<SourceText> open = OpenMastBuffers(path);
  std::shared_ptr<const CheckedDocument> checked =
      CheckDocument(SourceText{path, version, text}, open, std::move(settings), &parse_cache_);
  StoreChecked(checked);
  return checked;
}

std::shared_ptr<const CheckedDocument> Workspace::CheckedFile(const std::string& path) {
  if (std::optional<SourceText> open = open_buffer_(path)) {
    return Checked(path, open->version, open->text, SettingsFor(path));
  }
  std::shared_ptr<const ParsedFile> parsed = Parse(path);
  if (!parsed) return nullptr;
  std::vector<SourceText> open = OpenMastBuffers(path);
  return CheckDocument(SourceText{path, 0, std::make_shared<const std::string>(parsed->text())}, open,
                       SettingsFor(path), &parse_cache_);
}

void Workspace::StoreChecked(std::shared_ptr<const CheckedDocument> checked) {
  std::shared_ptr<const CheckedDocument> clean = checked->ParsedClean() ? checked : nullptr;
  std::lock_guard<std::mutex> lock(mutex_);
  std::shared_ptr<const CheckedDocument>& kept = checked_[checked->path];
  // The ones replaced are released by the caller, after the lock: freeing a
  // program takes a while.
  if (!kept || kept->version <= checked->version) std::swap(kept, checked);
  if (clean) {
    std::shared_ptr<const CheckedDocument>& kept_clean = clean_[clean->path];
    if (!kept_clean || kept_clean->version <= clean->version) std::swap(kept_clean, clean);
  }
}

std::shared_ptr<const CheckedDocument> Workspace::LastCleanCheck(const std::string& path, int64_t version) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = clean_.find(path);
  return it != clean_.end() && it->second->version < version ? it->second : nullptr;
}

}  // namespace mast::lsp
