// Reads, parses and links modules: resolves imports (relative files, k8s
// modules and crd: files), detects cycles, and indexes declarations.
#include <algorithm>
#include <filesystem>

#include "compiler/base/file_io.h"
#include "compiler/base/spelling.h"
#include "compiler/driver/compile.h"

namespace mast {
namespace {

namespace fs = std::filesystem;

class Loader {
 public:
  Loader(SourceManager& sources, const CompileOptions& options, DiagnosticSink& sink, Program& program)
      : sources_(sources), options_(options), sink_(sink), program_(program) {
    std::error_code ec;
    root_ = fs::weakly_canonical(fs::absolute(fs::path(program.project_root), ec), ec);
    if (ec) root_ = fs::absolute(fs::path(program.project_root)).lexically_normal();
  }

  ModuleInfo* Load(const std::string& path, const ast::Import* from, FileId from_file) {
    std::error_code ec;
    std::string key = fs::weakly_canonical(fs::path(path), ec).string();
    if (ec) key = path;
    for (size_t i = 0; i < stack_.size(); ++i) {
      if (stack_[i].first != key) continue;
      std::string cycle;
      for (size_t j = i; j < stack_.size(); ++j) cycle += DisplayPath(stack_[j].second) + " -> ";
      cycle += DisplayPath(path);
      Diagnostic& d = sink_.Report(DiagnosticCode::E0203, from ? from->path_range : SourceRange{},
                                   "import cycle: " + cycle);
      d.notes.push_back("move the shared declarations into a file that both import");
      return nullptr;
    }
    if (auto it = loaded_.find(key); it != loaded_.end()) return it->second;

    std::string text;
    if (!ReadSource(path, &text, from, from_file)) return nullptr;
    FileId file = options_.reuse_sources ? sources_.FindSame(path, text) : kNoFile;
    if (file == kNoFile) file = sources_.Add(path, std::move(text));
    auto module = std::make_unique<ModuleInfo>();
    module->file = file;
    module->path = path;
    ModuleInfo* raw = module.get();
    program_.modules.push_back(std::move(module));
    loaded_[key] = raw;

    raw->ast = ParseModule(path, file, &raw->has_syntax_errors);
    IndexDeclarations(*raw);
    stack_.emplace_back(key, path);
    ResolveImports(*raw);
    stack_.pop_back();
    return raw;
  }

 private:
  ast::Module ParseModule(const std::string& path, FileId file, bool* has_syntax_errors) {
    const SourceFile& source = sources_.Get(file);
    ParseCache* cache = options_.parse_cache;
    if (cache) {
      if (std::optional<ast::Module> cached = cache->Find(path, source.text(), file)) return std::move(*cached);
    }
    ParseResult parsed = Parse(source, file, options_.parse);
    *has_syntax_errors = parsed.diagnostics.HasErrors();
    if (cache && parsed.diagnostics.empty()) cache->Store(path, source.text(), parsed.module);
    sink_.Append(parsed.diagnostics);
    return std::move(parsed.module);
  }

  static std::string DisplayPath(const std::string& path) { return fs::path(path).filename().string(); }

  // The overlay (an open editor buffer, an embedded policy file) that stands
  // for `path`: the one named exactly so, else one naming the same file.
  // The canonical names are worked out once per load, not once per file and
  // overlay: they cost a file system call per path component.
  const std::string* FindOverlay(const std::string& path) {
    for (const auto& [overlay_path, overlay_text] : options_.overlays) {
      if (overlay_path == path) return &overlay_text;
    }
    if (options_.overlays.empty()) return nullptr;
    if (canonical_overlays_.empty()) {
      for (const auto& overlay : options_.overlays) {
        std::error_code ec;
        canonical_overlays_.push_back(fs::weakly_canonical(overlay.first, ec));
      }
    }
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    for (size_t i = 0; i < options_.overlays.size(); ++i) {
      if (canonical_overlays_[i] == canonical) return &options_.overlays[i].second;
    }
    return nullptr;
  }

  bool ReadSource(const std::string& path, std::string* text, const ast::Import* from, FileId from_file) {
    if (const std::string* overlay = FindOverlay(path)) {
      *text = *overlay;
      return true;
    }
    std::error_code size_error;
    uintmax_t size = fs::file_size(path, size_error);
    if (!size_error && size > options_.max_file_bytes) {
      sink_.Report(DiagnosticCode::E0103, from ? from->path_range : SourceRange{},
                   path + " is larger than the limit of " + std::to_string(options_.max_file_bytes) +
                       " bytes; split it into files that import each other");
      return false;
    }
    std::string error;
    if (ReadFileToString(path, text, &error, options_.max_file_bytes)) return true;
    if (from) {
      sink_.Report(DiagnosticCode::E0202, from->path_range, "cannot import \"" + from->path + "\": " + error);
    } else {
      sink_.Report(DiagnosticCode::E0901, {}, "cannot read " + path + ": " + error);
    }
    (void)from_file;
    return false;
  }

  // Imports obey the same boundary as readFile (--root): a program cannot
  // load code from outside the project, and only .mast files are read, so a
  // syntax error never quotes some other file.
  bool Confined(const ast::Import& import, const fs::path& target) {
    if (target.extension() != ".mast") {
      Diagnostic& d = sink_.Report(DiagnosticCode::E0208, import.path_range,
                                   "cannot import \"" + import.path + "\": only .mast files can be imported");
      d.notes.push_back("read other files with `readFile`, which returns their text");
      return false;
    }
    return InsideRoot(import, target);
  }

  bool InsideRoot(const ast::Import& import, const fs::path& target) {
    std::error_code ec;
    const fs::path resolved = fs::weakly_canonical(fs::absolute(target, ec), ec);
    auto [root_end, ignored] = std::mismatch(root_.begin(), root_.end(), resolved.begin(), resolved.end());
    if (!ec && root_end == root_.end()) return true;
    sink_.Report(DiagnosticCode::E0208, import.path_range,
                                 "cannot import \"" + import.path + "\": " + resolved.string() +
                                     " is outside the project directory " + root_.string() +
                                     "; move the file into the project, or set the project directory with --root");
    (void)ignored;
    return false;
  }

  // `import "crd:crds.yaml" as certs`: the kinds of the CustomResourceDefinitions
  // in a file or directory, read and typed by the catalog (ExternalTypes).
  std::optional<std::string> ImportCustomResources(const ModuleInfo& module, const ast::Import& import) {
    const std::string_view written = std::string_view(import.path).substr(4);
    if (written.empty()) {
      sink_.Report(DiagnosticCode::E0202, import.path_range,
                   "cannot import \"crd:\": name a file or directory of CustomResourceDefinitions after `crd:`");
      return std::nullopt;
    }
    const fs::path target = (fs::path(module.path).parent_path() / fs::path(written)).lexically_normal();
    if (!InsideRoot(import, target)) return std::nullopt;
    if (!options_.external) {
      sink_.Report(DiagnosticCode::E0210, import.path_range,
                   "cannot import \"" + import.path + "\": custom resource definitions are not available here");
      return std::nullopt;
    }
    return options_.external->ImportCustomResources(target.string(), import.path, import.path_range, sink_);
  }

  void IndexDeclarations(ModuleInfo& module) {
    std::map<std::string, const ast::Decl*, std::less<>> tests;  // names no expression can refer to
    for (const ast::Decl& decl : module.ast.decls) {
      if (decl.kind == ast::Decl::Kind::kTest) {
        auto [it, inserted] = tests.emplace(decl.name, &decl);
        if (!inserted) {
          Diagnostic& d = sink_.Report(DiagnosticCode::E0204, decl.name_range,
                                       "test \"" + decl.name + "\" is already declared in this file");
          d.labels.push_back({it->second->name_range, "first declared here"});
        }
        continue;
      }
      if (decl.kind == ast::Decl::Kind::kEmit || decl.kind == ast::Decl::Kind::kPolicy || decl.name.empty()) continue;
      auto [it, inserted] = module.decls.emplace(decl.name, &decl);
      if (!inserted) {
        Diagnostic& d = sink_.Report(DiagnosticCode::E0204, decl.name_range,
                                     "`" + decl.name + "` is already declared in this file");
        d.labels.push_back({it->second->name_range, "first declared here"});
      }
    }
  }

  void ResolveImports(ModuleInfo& module) {
    for (const ast::Import& import : module.ast.imports) {
      ImportTarget target;
      target.alias = import.alias;
      target.alias_range = import.alias_range;
      if (import.path.rfind("k8s/", 0) == 0) {
        const ExternalTypes* catalog = options_.external;
        if (!catalog || !catalog->HasModule(import.path)) {
          std::string message = "unknown Kubernetes module \"" + import.path + "\"";
          if (std::optional<std::string> history = catalog ? catalog->ExplainMissingModule(import.path) : std::nullopt) {
            message = *history;
          } else if (catalog) {
            std::vector<std::string> paths = catalog->ModulePaths();
            std::vector<std::string_view> views(paths.begin(), paths.end());
            if (auto suggestion = ClosestMatch(import.path, views)) message += "; did you mean \"" + *suggestion + "\"?";
          }
          sink_.Report(DiagnosticCode::E0202, import.path_range, message);
          module.failed_imports.insert(import.alias);
          continue;
        }
        target.external_path = import.path;
        if (std::optional<std::string> removal = catalog->ModuleRemovedLater(import.path)) {
          sink_.Report(DiagnosticCode::W0509, import.path_range, *removal);
        }
      } else if (import.path.rfind("crd:", 0) == 0) {
        std::optional<std::string> module_path = ImportCustomResources(module, import);
        if (!module_path) {
          module.failed_imports.insert(import.alias);
          continue;
        }
        target.external_path = std::move(*module_path);
      } else {
        fs::path base = fs::path(module.path).parent_path();
        fs::path target_path = base / import.path;
        if (!target_path.has_extension()) target_path += ".mast";
        ModuleInfo* imported =
            Confined(import, target_path) ? Load(target_path.lexically_normal().string(), &import, module.file) : nullptr;
        if (!imported) {
          module.failed_imports.insert(import.alias);
          continue;
        }
        target.module = imported;
      }
      if (module.imports.count(import.alias) || module.decls.count(import.alias)) {
        sink_.Report(DiagnosticCode::E0204, import.alias_range, "`" + import.alias + "` is already declared in this file");
        continue;
      }
      module.imports.emplace(import.alias, std::move(target));
    }
  }

  SourceManager& sources_;
  const CompileOptions& options_;
  DiagnosticSink& sink_;
  Program& program_;
  fs::path root_;  // canonical project directory
  std::vector<fs::path> canonical_overlays_;  // of options_.overlays, once FindOverlay needs them
  std::map<std::string, ModuleInfo*> loaded_;
  std::vector<std::pair<std::string, std::string>> stack_;  // (canonical key, path as written)
};

}  // namespace

std::unique_ptr<Program> LoadProgram(SourceManager& sources, const std::vector<std::string>& files,
                                     const CompileOptions& options, DiagnosticSink& sink) {
  auto program = std::make_unique<Program>();
  program->external = options.external;
  program->project_root = options.project_root;
  if (program->project_root.empty() && !files.empty()) {
    // The deepest directory that holds every file named on the command line.
    fs::path common = fs::absolute(fs::path(files[0])).lexically_normal().parent_path();
    for (size_t i = 1; i < files.size(); ++i) {
      const fs::path directory = fs::absolute(fs::path(files[i])).lexically_normal().parent_path();
      auto [common_end, ignored] = std::mismatch(common.begin(), common.end(), directory.begin(), directory.end());
      fs::path prefix;
      for (auto it = common.begin(); it != common_end; ++it) prefix /= *it;
      common = prefix;
      (void)ignored;
    }
    program->project_root = common.string();
  }
  Loader loader(sources, options, sink, *program);
  for (const std::string& file : files) {
    ModuleInfo* module = loader.Load(file, nullptr, kNoFile);
    if (!module) continue;
    if (std::find(program->entries.begin(), program->entries.end(), module) != program->entries.end()) continue;
    module->is_entry = true;
    program->entries.push_back(module);
  }
  return program;
}

}  // namespace mast
