#include "schemas/check/crd_module.h"

#include <algorithm>
#include <filesystem>

#include "compiler/base/file_io.h"
#include "compiler/yaml/yaml_reader.h"

namespace mast {

namespace fs = std::filesystem;

namespace {

uint64_t Fnv1a(uint64_t hash, std::string_view bytes) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash ^ 0xFF;  // separates consecutive strings
}

bool IsSchemaFile(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml" || extension == ".json";
}

// Whether `entry` (a directory entry) resolves to a path inside `directory`
// (canonical).
bool Within(const std::string& directory, const fs::path& entry) {
  std::error_code ec;
  const std::string resolved = fs::weakly_canonical(entry, ec).string();
  return !ec && resolved.size() > directory.size() && resolved.compare(0, directory.size(), directory) == 0 &&
         resolved[directory.size()] == '/';
}

// One file of the module, for the notes that point into it.
struct FileContext {
  std::string display;  // relative to the import's directory: "certs.yaml", "crds/certs.yaml"
  SourceFile source;
};

// "at certs.yaml:12:7: pattern: "[a-"": the place and its line (or `what`).
std::string Place(const FileContext& file, SourceRange range, std::string what = {}) {
  const LineColumn at = file.source.ToLineColumn(std::min<uint32_t>(range.begin, file.source.text().size()));
  if (what.empty()) {
    what = file.source.LineText(at.line);
    what.erase(0, std::min(what.size(), what.find_first_not_of(" \t")));
    if (what.size() > 80) what = what.substr(0, 77) + "...";
  }
  std::string place = "at " + file.display + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
  return what.empty() ? place : place + ": " + what;
}

void AddProblem(CrdModule& module, std::string message, std::string note = {}) {
  Diagnostic problem;
  problem.code = DiagnosticCode::E0210;
  problem.message = std::move(message);
  if (!note.empty()) problem.notes.push_back(std::move(note));
  module.problems.push_back(std::move(problem));
}

// The problems of reading or compiling one file, at the import with a note
// at their place in the file.
void AddFileProblems(CrdModule& module, const FileContext& file, const DiagnosticSink& found, const char* what) {
  for (const Diagnostic& diagnostic : found.diagnostics()) {
    if (diagnostic.severity != Severity::kError) continue;
    AddProblem(module, std::string(what) + " `" + file.display + "`: " + diagnostic.message,
               Place(file, diagnostic.range));
  }
}

std::string Describe(const Value& document) {
  const Value* api_version = document.Find("apiVersion");
  const Value* kind = document.Find("kind");
  if (api_version && kind && api_version->IsString() && kind->IsString()) {
    return "a `" + api_version->AsString() + "` `" + kind->AsString() + "`";
  }
  return "not a Kubernetes object";
}

void AddFile(CrdModule& module, const FileContext& file, bool directory) {
  DiagnosticSink read_problems;
  YamlReadOptions options;
  options.max_bytes = kMaxCrdFileBytes;
  const std::vector<YamlDocument> documents = ReadYamlStream(kNoFile, file.source.text(), read_problems, options);
  AddFileProblems(module, file, read_problems, "cannot read");
  if (read_problems.HasErrors()) return;
  DiagnosticSink schema_problems;
  size_t added = 0;
  const YamlDocument* first = nullptr;
  for (const YamlDocument& document : documents) {
    if (document.empty) continue;
    if (first == nullptr) first = &document;
    added += module.registry.Add(document.value, schema_problems);
  }
  AddFileProblems(module, file, schema_problems, "bad CustomResourceDefinition in");
  // A directory may hold other objects beside its CRDs (a chart's crds/).
  if (added == 0 && !directory) {
    std::string note = first ? Place(file, first->range, "the first document is " + Describe(first->value))
                             : std::string();
    AddProblem(module,
               "`" + file.display + "` holds no CustomResourceDefinition; a `crd:` import reads "
               "`apiextensions.k8s.io/v1` `CustomResourceDefinition` objects",
               std::move(note));
  }
}

void CollectMembers(CrdModule& module, const CrdFiles& files) {
  for (const CustomResourceSchema* entry : module.registry.PreferredVersions()) {
    if (!module.members.empty() && module.members.back().kind == entry->kind) {
      AddProblem(module, "kind `" + entry->kind + "` is defined twice, as `" + module.members.back().api_version +
                             "` and `" + entry->api_version + "`; import their CRDs from separate files");
      continue;
    }
    module.members.push_back({entry->kind, entry->api_version, entry->schema});
  }
  if (module.members.empty() && module.problems.empty()) {
    const std::string name = fs::path(files.path).filename().string();
    AddProblem(module, files.directory
                           ? "directory `" + name + "` holds no CustomResourceDefinition in its .yaml, .yml or .json files"
                           : "`" + name + "` holds no usable CustomResourceDefinition (each needs `spec.group` and "
                                          "`spec.names.kind`)");
  }
}

}  // namespace

bool ReadCrdFiles(const std::string& path, std::string_view import_text, SourceRange where, DiagnosticSink& sink,
                  CrdFiles* out) {
  std::error_code ec;
  out->given = fs::path(path).lexically_normal().string();
  out->path = fs::weakly_canonical(fs::path(path), ec).string();
  if (ec) out->path = out->given;
  const std::string shown = "\"" + std::string(import_text) + "\"";
  out->directory = fs::is_directory(out->given, ec);
  std::vector<std::string> paths;
  if (out->directory) {
    for (fs::directory_iterator it(out->given, ec), end; !ec && it != end; it.increment(ec)) {
      if (IsSchemaFile(it->path()) && it->is_regular_file(ec) && Within(out->path, it->path())) {
        paths.push_back(it->path().string());
      }
      if (paths.size() > kMaxCrdFiles) break;
    }
    if (paths.size() > kMaxCrdFiles) {
      sink.Report(DiagnosticCode::E0210, where,
                  "cannot import " + shown + ": the directory has more than " + std::to_string(kMaxCrdFiles) +
                      " schema files; import the CRDs you use from a smaller directory");
      return false;
    }
    std::sort(paths.begin(), paths.end());
  } else {
    paths.push_back(out->given);
  }
  uint64_t fingerprint = 14695981039346656037ull;
  size_t total = 0;
  for (const std::string& file : paths) {
    std::string text, error;
    if (!ReadFileToString(file, &text, &error, kMaxCrdFileBytes)) {
      sink.Report(DiagnosticCode::E0202, where, "cannot import " + shown + ": " + error);
      return false;
    }
    total += text.size();
    if (total > kMaxCrdTotalBytes) {
      sink.Report(DiagnosticCode::E0210, where,
                  "cannot import " + shown + ": its files are larger than " +
                      std::to_string(kMaxCrdTotalBytes >> 20) + " MiB in all; import the CRDs you use");
      return false;
    }
    fingerprint = Fnv1a(Fnv1a(fingerprint, fs::path(file).filename().string()), text);
    out->files.emplace_back(file, std::move(text));
  }
  out->fingerprint = fingerprint;
  return true;
}

std::unique_ptr<CrdModule> BuildCrdModule(const CrdFiles& files) {
  auto module = std::make_unique<CrdModule>();
  module->path = files.path;
  module->fingerprint = files.fingerprint;
  module->registry.KeepDescriptions();
  const fs::path base = fs::path(files.given).parent_path();
  for (const auto& [path, text] : files.files) {
    const FileContext file{fs::path(path).lexically_relative(base).string(), SourceFile(path, text)};
    AddFile(*module, file, files.directory);
  }
  if (module->registry.schemas().size() > kMaxCrdSchemaNodes) {
    module->members.clear();
    AddProblem(*module, "the CustomResourceDefinitions of `" + fs::path(files.path).filename().string() +
                            "` have more than " + std::to_string(kMaxCrdSchemaNodes) +
                            " schemas; import fewer of them at a time");
    return module;
  }
  CollectMembers(*module, files);
  return module;
}

}  // namespace mast
