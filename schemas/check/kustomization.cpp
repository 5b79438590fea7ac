#include "schemas/check/kustomization.h"

#include <array>
#include <filesystem>
#include <string_view>
#include <vector>

#include "compiler/base/spelling.h"

namespace mast {

namespace {

namespace fs = std::filesystem;

// The shape a field's value must have.
enum class Shape : uint8_t {
  kString,
  kStringMap,  // a mapping of strings (commonLabels)
  kMap,        // a mapping of anything (metadata, generatorOptions)
  kList,       // a list of mappings or strings, checked no further here
  kStrings,    // a list of strings
};

// What a field's strings name, when they name files.
enum class Paths : uint8_t {
  kNone,
  kResources,  // files or directories (a directory needs a kustomization); URLs allowed
  kFiles,      // files; single-line entries only (others are inline YAML)
  kItemPath,   // list items are mappings whose `path` is a file (patches)
  kGenerator,  // list items are generators: `files` (`key=path`), `envs`, `env`
};

struct Field {
  std::string_view name;
  Shape shape;
  Paths paths = Paths::kNone;
};

// sigs.k8s.io/kustomize/api/types Kustomization (v1beta1), which a v1alpha1
// Component shares.
constexpr std::array kFields = {
    Field{"apiVersion", Shape::kString},
    Field{"kind", Shape::kString},
    Field{"metadata", Shape::kMap},
    Field{"openapi", Shape::kMap},
    Field{"namePrefix", Shape::kString},
    Field{"nameSuffix", Shape::kString},
    Field{"namespace", Shape::kString},
    Field{"commonLabels", Shape::kStringMap},
    Field{"labels", Shape::kList},
    Field{"commonAnnotations", Shape::kStringMap},
    Field{"patchesStrategicMerge", Shape::kStrings, Paths::kFiles},
    Field{"patchesJson6902", Shape::kList, Paths::kItemPath},
    Field{"patches", Shape::kList, Paths::kItemPath},
    Field{"images", Shape::kList},
    Field{"imageTags", Shape::kList},
    Field{"replacements", Shape::kList, Paths::kItemPath},
    Field{"replicas", Shape::kList},
    Field{"vars", Shape::kList},
    Field{"sortOptions", Shape::kMap},
    Field{"resources", Shape::kStrings, Paths::kResources},
    Field{"components", Shape::kStrings, Paths::kResources},
    Field{"bases", Shape::kStrings, Paths::kResources},
    Field{"crds", Shape::kStrings, Paths::kFiles},
    Field{"configMapGenerator", Shape::kList, Paths::kGenerator},
    Field{"secretGenerator", Shape::kList, Paths::kGenerator},
    Field{"helmGlobals", Shape::kMap},
    Field{"helmCharts", Shape::kList},
    Field{"helmChartInflationGenerator", Shape::kList},
    Field{"generatorOptions", Shape::kMap},
    Field{"configurations", Shape::kStrings, Paths::kFiles},
    Field{"generators", Shape::kStrings, Paths::kFiles},
    Field{"transformers", Shape::kStrings, Paths::kFiles},
    Field{"validators", Shape::kStrings, Paths::kFiles},
    Field{"buildMetadata", Shape::kStrings},
    Field{"inventory", Shape::kMap},
};

constexpr std::string_view kGroup = "kustomize.config.k8s.io/";

std::string_view ShapeName(Shape shape) {
  switch (shape) {
    case Shape::kString: return "a string";
    case Shape::kStringMap: return "a mapping of strings";
    case Shape::kMap: return "a mapping";
    case Shape::kList: return "a list";
    case Shape::kStrings: return "a list of strings";
  }
  return "";
}

bool HasShape(const Value& value, Shape shape) {
  switch (shape) {
    case Shape::kString: return value.IsString();
    case Shape::kMap: return value.IsMap();
    case Shape::kList: return value.IsList();
    case Shape::kStringMap:
      if (!value.IsMap()) return false;
      for (const MapEntry& entry : value.AsMap()) {
        if (!entry.value.IsString() && !entry.value.IsNull()) return false;
      }
      return true;
    case Shape::kStrings:
      if (!value.IsList()) return false;
      for (const Value& item : value.AsList()) {
        if (!item.IsString()) return false;
      }
      return true;
  }
  return false;
}

// `https://...`, `git@host:...`, `github.com/org/repo//dir?ref=v1`: Kustomize
// fetches these; they are not checked.
bool IsRemote(std::string_view reference) {
  if (reference.find("://") != std::string_view::npos || reference.rfind("git@", 0) == 0 ||
      reference.rfind("git::", 0) == 0 || reference.find("?ref=") != std::string_view::npos) {
    return true;
  }
  const std::string_view first = reference.substr(0, reference.find('/'));
  return first.size() < reference.size() && first.find('.') != std::string_view::npos && first != "." && first != ".." &&
         first.front() != '.';
}

class KustomizationValidator {
 public:
  KustomizationValidator(const std::string& path, DiagnosticSink& sink)
      : directory_(fs::path(path).parent_path()), sink_(sink) {}

  void Validate(const Value& document) {
    if (document.IsNull()) return;
    if (!document.IsMap()) {
      sink_.Report(DiagnosticCode::E0802, document.origin(),
                   "a kustomization is a mapping of fields, found " + std::string(KindName(document.kind())));
      return;
    }
    CheckKind(document);
    for (const MapEntry& entry : document.AsMap()) {
      const Field* field = FindField(entry.key);
      if (field == nullptr) {
        ReportUnknown(entry);
        continue;
      }
      if (entry.value.IsNull()) continue;
      if (!HasShape(entry.value, field->shape)) {
        sink_.Report(DiagnosticCode::E0802, entry.value.origin(),
                     "`" + entry.key + "` must be " + std::string(ShapeName(field->shape)) + ", found " +
                         std::string(KindName(entry.value.kind())));
        continue;
      }
      CheckPaths(*field, entry.value);
    }
  }

 private:
  static const Field* FindField(std::string_view name) {
    for (const Field& field : kFields) {
      if (field.name == name) return &field;
    }
    return nullptr;
  }

  void ReportUnknown(const MapEntry& entry) {
    std::vector<std::string_view> names;
    for (const Field& field : kFields) names.push_back(field.name);
    std::string message = "unknown field `" + entry.key + "` in a kustomization";
    if (auto suggestion = ClosestMatch(entry.key, names)) message += "; did you mean `" + *suggestion + "`?";
    sink_.Report(DiagnosticCode::E0801, entry.key_range.IsValid() ? entry.key_range : entry.value.origin(), message);
  }

  // apiVersion and kind may be left out (Kustomize assumes a v1beta1
  // Kustomization); when written, they must be Kustomize's.
  void CheckKind(const Value& document) {
    const Value* api = document.Find("apiVersion");
    const Value* kind = document.Find("kind");
    if (api != nullptr && api->IsString() && api->AsString().rfind(kGroup, 0) != 0) {
      sink_.Report(DiagnosticCode::E0804, api->origin(),
                   "`" + api->AsString() + "` is not a Kustomize apiVersion; use `kustomize.config.k8s.io/v1beta1` (a "
                   "Kustomization) or `kustomize.config.k8s.io/v1alpha1` (a Component)");
    }
    if (kind != nullptr && kind->IsString() && kind->AsString() != "Kustomization" && kind->AsString() != "Component") {
      std::string message = "`" + kind->AsString() + "` is not a Kustomize kind; a kustomization is a `Kustomization` "
                            "or a `Component`";
      if (auto suggestion = ClosestMatch(kind->AsString(), {"Kustomization", "Component"})) {
        message = "`" + kind->AsString() + "` is not a Kustomize kind; did you mean `" + *suggestion + "`?";
      }
      sink_.Report(DiagnosticCode::E0804, kind->origin(), message);
    }
  }

  void CheckPaths(const Field& field, const Value& value) {
    switch (field.paths) {
      case Paths::kNone: return;
      case Paths::kResources:
        for (const Value& item : value.AsList()) CheckResource(field.name, item);
        return;
      case Paths::kFiles:
        for (const Value& item : value.AsList()) {
          // Multi-line entries are inline patches or generator configs.
          if (item.IsString() && item.AsString().find('\n') == std::string::npos) CheckFile(field.name, item, item.AsString());
        }
        return;
      case Paths::kItemPath:
        for (const Value& item : value.AsList()) {
          const Value* path = item.IsMap() ? item.Find("path") : nullptr;
          if (path != nullptr && path->IsString()) CheckFile(field.name, *path, path->AsString());
        }
        return;
      case Paths::kGenerator:
        for (const Value& item : value.AsList()) CheckGenerator(field.name, item);
        return;
    }
  }

  void CheckGenerator(std::string_view field, const Value& generator) {
    if (!generator.IsMap()) return;
    for (std::string_view key : {"files", "envs"}) {
      const Value* list = generator.Find(key);
      if (list == nullptr || !list->IsList()) continue;
      for (const Value& item : list->AsList()) {
        if (!item.IsString()) continue;
        // `key=path` names the file under another key.
        const size_t equals = item.AsString().find('=');
        CheckFile(field, item, equals == std::string::npos ? item.AsString() : item.AsString().substr(equals + 1));
      }
    }
    if (const Value* env = generator.Find("env"); env != nullptr && env->IsString()) CheckFile(field, *env, env->AsString());
  }

  void CheckResource(std::string_view field, const Value& item) {
    const std::string& reference = item.AsString();
    const fs::path target = directory_ / reference;
    std::error_code ec;
    if (fs::is_directory(target, ec)) {
      if (!HasKustomizationFile(target.string())) {
        sink_.Report(DiagnosticCode::E0803, item.origin(),
                     "`" + reference + "` in `" + std::string(field) +
                         "` is a directory without a kustomization.yaml; Kustomize reads a directory only through one");
      }
      return;
    }
    if (fs::exists(target, ec) || IsRemote(reference)) return;
    ReportMissing(field, item, reference);
  }

  void CheckFile(std::string_view field, const Value& where, const std::string& file) {
    std::error_code ec;
    if (file.empty() || IsRemote(file) || fs::exists(directory_ / file, ec)) return;
    ReportMissing(field, where, file);
  }

  void ReportMissing(std::string_view field, const Value& where, const std::string& reference) {
    const std::string shown = directory_.empty() ? "." : directory_.string();
    sink_.Report(DiagnosticCode::E0803, where.origin(),
                 "`" + reference + "` in `" + std::string(field) + "` does not exist; paths are relative to the "
                 "kustomization's directory `" + shown + "`");
  }

  fs::path directory_;
  DiagnosticSink& sink_;
};

}  // namespace

bool HasKustomizationFile(const std::string& directory) {
  std::error_code ec;
  for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
    if (fs::is_regular_file(fs::path(directory) / name, ec)) return true;
  }
  return false;
}

void ValidateKustomization(const Value& document, const std::string& path, DiagnosticSink& sink) {
  KustomizationValidator(path, sink).Validate(document);
}

}  // namespace mast
