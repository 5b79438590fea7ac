#include "schemas/check/schema_dir.h"

#include <filesystem>

#include "compiler/base/file_io.h"
#include "compiler/yaml/yaml_reader.h"

namespace mast {

namespace {

namespace fs = std::filesystem;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

SchemaDirectory::SchemaDirectory(std::string directory) : directory_(std::move(directory)) {}

std::vector<std::string> SchemaDirectory::errors() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return errors_;
}

const Value* SchemaDirectory::LoadDocument(const std::string& path) {
  auto it = documents_.find(path);
  if (it != documents_.end()) return it->second->IsNull() ? nullptr : it->second.get();
  auto document = std::make_unique<Value>();
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    std::string text;
    std::string error;
    if (!ReadFileToString(path, &text, &error, size_t{256} << 20)) {
      errors_.push_back(error);
    } else {
      // The reader's ranges point into a file id of its own; they are not
      // rendered (schema files are not inputs), so any id will do.
      DiagnosticSink sink;
      YamlReadOptions options;
      options.max_bytes = size_t{256} << 20;
      std::vector<YamlDocument> parsed = ReadYamlStream(0, text, sink, options);
      if (!sink.empty()) {
        errors_.push_back("`" + path + "` is not a valid JSON schema: " + sink.diagnostics().front().message);
      } else if (!parsed.empty() && parsed.front().value.IsMap()) {
        *document = parsed.front().value;
      } else {
        errors_.push_back("`" + path + "` is not a JSON schema object");
      }
    }
  }
  const Value* result = document->IsNull() ? nullptr : document.get();
  if (result != nullptr) document_dirs_[result] = fs::path(path).parent_path().string();
  documents_.emplace(path, std::move(document));
  return result;
}

const Value* SchemaDirectory::ResolveRef(std::string_view ref, const Value& from_root, const Value** target_root) {
  const size_t hash = ref.find('#');
  const std::string file(ref.substr(0, hash));
  const std::string_view pointer = hash == std::string_view::npos ? std::string_view() : ref.substr(hash + 1);
  if (file.find("://") != std::string::npos) return nullptr;  // no network
  auto dir = document_dirs_.find(&from_root);
  const fs::path base = dir != document_dirs_.end() ? fs::path(dir->second) : fs::path(directory_);
  const Value* root = LoadDocument((base / file).lexically_normal().string());
  if (root == nullptr) return nullptr;
  *target_root = root;
  return FollowJsonPointer(*root, pointer);
}

std::optional<SchemaDirectory::Found> SchemaDirectory::Lookup(std::string_view api_version, std::string_view kind) {
  std::string key(api_version);
  key += ' ';
  key += kind;
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = by_kind_.find(key); it != by_kind_.end()) return it->second;

  const size_t slash = api_version.find('/');
  const std::string group = slash == std::string_view::npos ? "" : Lower(api_version.substr(0, slash));
  const std::string version = Lower(slash == std::string_view::npos ? api_version : api_version.substr(slash + 1));
  const std::string lower_kind = Lower(kind);
  std::vector<fs::path> candidates;
  const fs::path dir(directory_);
  if (group.empty()) {
    candidates.push_back(dir / (lower_kind + "-" + version + ".json"));
  } else {
    const std::string first = group.substr(0, group.find('.'));
    candidates.push_back(dir / (lower_kind + "-" + first + "-" + version + ".json"));
    if (first != group) candidates.push_back(dir / (lower_kind + "-" + group + "-" + version + ".json"));
    candidates.push_back(dir / group / (lower_kind + "_" + version + ".json"));
  }

  std::optional<Found> found;
  for (const fs::path& candidate : candidates) {
    const Value* root = LoadDocument(candidate.string());
    if (root == nullptr) continue;
    auto set = std::make_unique<SchemaSet>();
    SchemaCompileOptions options;
    options.closed_by_default = true;
    options.resolve_ref = [this](std::string_view ref, const Value& from, const Value** target_root) {
      return ResolveRef(ref, from, target_root);
    };
    DiagnosticSink sink;
    const SchemaId id = set->Compile(*root, *root, std::string(kind), options, sink);
    for (const Diagnostic& d : sink.diagnostics()) errors_.push_back("`" + candidate.string() + "`: " + d.message);
    found = Found{set.get(), id};
    sets_.push_back(std::move(set));
    break;
  }
  by_kind_.emplace(std::move(key), found);
  return found;
}

}  // namespace mast
