// Reads, parses and links modules: resolves imports (relative files and k8s
// modules), detects cycles, and indexes declarations.
#include <algorithm>
#include <filesystem>

#include "base/file_io.h"
#include "base/spelling.h"
#include "driver/compile.h"

namespace mast {
namespace {

namespace fs = std::filesystem;

class Loader {
 public:
  Loader(SourceManager& sources, const CompileOptions& options, DiagnosticSink& sink, Program& program)
      : sources_(sources), options_(options), sink_(sink), program_(program) {}

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

    raw->ast = ParseModule(path, file);
    IndexDeclarations(*raw);
    stack_.emplace_back(key, path);
    ResolveImports(*raw);
    stack_.pop_back();
    return raw;
  }

 private:
  ast::Module ParseModule(const std::string& path, FileId file) {
    const SourceFile& source = sources_.Get(file);
    ParseCache* cache = options_.parse_cache;
    if (cache) {
      if (std::optional<ast::Module> cached = cache->Find(path, source.text(), file)) return std::move(*cached);
    }
    ParseResult parsed = Parse(source, file, options_.parse);
    if (cache && parsed.diagnostics.empty()) cache->Store(path, source.text(), parsed.module);
    sink_.Append(parsed.diagnostics);
    return std::move(parsed.module);
  }

  static std::string DisplayPath(const std::string& path) { return fs::path(path).filename().string(); }

  bool ReadSource(const std::string& path, std::string* text, const ast::Import* from, FileId from_file) {
    for (const auto& [overlay_path, overlay_text] : options_.overlays) {
      std::error_code ec;
      if (overlay_path == path || fs::weakly_canonical(overlay_path, ec) == fs::weakly_canonical(path, ec)) {
        *text = overlay_text;
        return true;
      }
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

  void IndexDeclarations(ModuleInfo& module) {
    for (const ast::Decl& decl : module.ast.decls) {
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
          continue;
        }
        target.external_path = import.path;
        if (std::optional<std::string> removal = catalog->ModuleRemovedLater(import.path)) {
          sink_.Report(DiagnosticCode::W0509, import.path_range, *removal);
        }
      } else {
        fs::path base = fs::path(module.path).parent_path();
        fs::path target_path = base / import.path;
        if (!target_path.has_extension()) target_path += ".mast";
        ModuleInfo* imported = Load(target_path.lexically_normal().string(), &import, module.file);
        if (!imported) continue;
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
    program->project_root = fs::absolute(fs::path(files[0])).parent_path().string();
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
