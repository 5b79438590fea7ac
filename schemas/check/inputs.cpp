#include "schemas/check/inputs.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <set>

namespace mast {

namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string ErrorText(const std::error_code& ec) {
  std::string text = ec.message();
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

void Walk(const fs::path& directory, const IgnoreMatcher& ignore, std::vector<std::string>& found,
          std::vector<std::string>& errors) {
  std::error_code ec;
  fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    errors.push_back("cannot read directory `" + directory.string() + "`: " + ErrorText(ec));
    return;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      errors.push_back("cannot read directory `" + directory.string() + "`: " + ErrorText(ec));
      return;
    }
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    const std::string path = entry.path().string();
    std::error_code type_ec;
    const bool is_directory = entry.is_directory(type_ec);
    if ((!name.empty() && name[0] == '.') || ignore.Ignores(path)) {
      if (is_directory) it.disable_recursion_pending();
      continue;
    }
    if (!is_directory && IsManifestFileName(name) && entry.is_regular_file(type_ec)) found.push_back(path);
  }
}

}  // namespace

bool IsManifestFileName(std::string_view name) {
  return EndsWith(name, ".yaml") || EndsWith(name, ".yml") || EndsWith(name, ".json");
}

InputList CollectInputs(const std::vector<std::string>& paths, const IgnoreMatcher& ignore) {
  InputList list;
  std::set<std::string> seen;
  auto take = [&](const std::string& path, InputKind kind) {
    if (seen.insert(path).second) list.files.push_back({path, kind});
  };
  for (const std::string& path : paths) {
    if (path == "-") {
      take(path, InputKind::kStdin);
      continue;
    }
    if (ignore.Ignores(path)) continue;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      list.errors.push_back("cannot read `" + path + "`: " + (ec ? ErrorText(ec) : "no such file or directory"));
      continue;
    }
    if (fs::is_directory(status)) {
      std::vector<std::string> found;
      Walk(path, ignore, found, list.errors);
      std::sort(found.begin(), found.end());
      for (const std::string& file : found) take(file, InputKind::kManifest);
      continue;
    }
    take(path, EndsWith(path, ".mast") ? InputKind::kMast : InputKind::kManifest);
  }
  return list;
}

}  // namespace mast
