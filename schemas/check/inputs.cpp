#include "schemas/check/inputs.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <set>

#include "schemas/check/input_roles.h"

namespace mast {

namespace {

namespace fs = std::filesystem;

std::string ErrorText(const std::error_code& ec) {
  std::string text = ec.message();
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

// Skips (and counts) a path that either matcher ignores.
struct Ignoring {
  const IgnoreMatcher& ignore;
  const IgnoreMatcher& config_ignore;
  InputList& list;

  bool Skips(std::string_view path) const {
    if (ignore.Ignores(path)) {
      ++list.ignored;
      return true;
    }
    if (config_ignore.Ignores(path)) {
      ++list.ignored_by_config;
      return true;
    }
    return false;
  }
};

// Depth-first over `directory`, one level at a time, so that an unreadable
// subdirectory is reported and the walk goes on with its siblings.
void Walk(const fs::path& directory, const Ignoring& ignoring, const CollectOptions& options,
          std::vector<std::string>& found, InputList& list) {
  std::vector<std::string>& errors = list.errors;
  std::vector<fs::path> pending{directory};
  while (!pending.empty()) {
    const fs::path current = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(current, ec);
    std::vector<fs::path> subdirectories;
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      const fs::directory_entry& entry = *it;
      const std::string name = entry.path().filename().string();
      if (!name.empty() && name[0] == '.') continue;
      const std::string path = entry.path().string();
      std::error_code type_ec;
      const bool is_directory = entry.is_directory(type_ec);
      if (!is_directory && !IsManifestFileName(name)) continue;
      if (ignoring.Skips(path)) continue;
      if (is_directory && options.recognise_roles && name == "templates" && IsHelmChartDirectory(current.string())) {
        list.skipped.push_back({path, "a Helm chart's templates, which are YAML only once rendered; check them with "
                                      "`helm template " + current.string() + " | mast check -`"});
        continue;
      }
      if (is_directory) {
        subdirectories.push_back(entry.path());
      } else if (entry.is_regular_file(type_ec)) {
        found.push_back(path);
      }
    }
    if (ec) errors.push_back("cannot read directory `" + current.string() + "`: " + ErrorText(ec));
    std::sort(subdirectories.rbegin(), subdirectories.rend());
    for (fs::path& subdirectory : subdirectories) pending.push_back(std::move(subdirectory));
  }
}

}  // namespace

bool IsManifestFileName(std::string_view name) {
  return name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json") || name == "Kustomization";
}

InputList CollectInputs(const std::vector<std::string>& paths, const IgnoreMatcher& ignore,
                        const IgnoreMatcher& config_ignore, const CollectOptions& options) {
  InputList list;
  const Ignoring ignoring{ignore, config_ignore, list};
  std::set<std::string> seen;
  auto take = [&](const std::string& path, InputKind kind) {
    if (!seen.insert(path).second) return;
    const InputRole role = kind == InputKind::kManifest && options.recognise_roles ? ClassifyInputPath(path)
                                                                                   : InputRole::kManifest;
    if (role == InputRole::kManifest) {
      list.files.push_back({path, kind});
    } else if (role == InputRole::kKustomization) {
      list.files.push_back({path, InputKind::kKustomization});
    } else {
      list.skipped.push_back({path, std::string(DescribeInputRole(role))});
    }
  };
  for (const std::string& path : paths) {
    if (path == "-") {
      take(path, InputKind::kStdin);
      continue;
    }
    if (ignoring.Skips(path)) continue;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      list.errors.push_back("cannot read `" + path + "`: " + (ec ? ErrorText(ec) : "no such file or directory"));
      continue;
    }
    if (fs::is_directory(status)) {
      if (options.recognise_roles && IsHelmChartDirectory(path) && fs::is_directory(fs::path(path) / "templates", ec)) {
        list.errors.push_back("`" + path + "` is a Helm chart; render it with `helm template` and pipe it in: helm template " +
                              path + " | mast check -");
        continue;
      }
      std::vector<std::string> found;
      Walk(path, ignoring, options, found, list);
      std::sort(found.begin(), found.end());
      for (const std::string& file : found) take(file, InputKind::kManifest);
      continue;
    }
    take(path, path.ends_with(".mast") ? InputKind::kMast : InputKind::kManifest);
  }
  return list;
}

}  // namespace mast
