#include "lsp/server/diagnostics_hub.h"

#include <algorithm>

namespace mast::lsp {

namespace {

bool Same(const Diagnostic& a, const Diagnostic& b) {
  return a.range == b.range && a.code == b.code && a.message == b.message && a.severity == b.severity;
}

bool SameList(const std::vector<Diagnostic>& a, const std::vector<Diagnostic>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), Same);
}

void AppendUnique(std::vector<Diagnostic>& out, const std::vector<Diagnostic>& more) {
  for (const Diagnostic& d : more) {
    if (std::none_of(out.begin(), out.end(), [&](const Diagnostic& o) { return Same(o, d); })) out.push_back(d);
  }
}

}  // namespace

void DiagnosticsHub::Update(const std::string& uri, AnalysisResult result) {
  std::lock_guard<std::mutex> lock(mutex_);
  Owner& owner = owners_[uri];
  std::set<std::string> touched;
  for (const auto& [path, list] : owner.by_file) touched.insert(path);
  owner.path = result.path;
  owner.version = result.version;
  owner.by_file = std::move(result.diagnostics);
  owner.used_versions = std::move(result.used_versions);
  owner.dependencies = std::move(result.dependencies);
  for (const auto& [path, list] : owner.by_file) touched.insert(path);
  touched.erase(owner.path);
  Republish(owner.path, /*force=*/true);
  for (const std::string& path : touched) Republish(path, false);
}

void DiagnosticsHub::Remove(const std::string& uri, const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::set<std::string> touched = {path};
  if (auto it = owners_.find(uri); it != owners_.end()) {
    for (const auto& [file, list] : it->second.by_file) touched.insert(file);
    owners_.erase(it);
  }
  for (const std::string& file : touched) Republish(file, false);
}

std::vector<Diagnostic> DiagnosticsHub::Published(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = published_.find(path);
  return it == published_.end() ? std::vector<Diagnostic>{} : it->second;
}

std::vector<std::string> DiagnosticsHub::Dependents(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [uri, owner] : owners_) {
    if (owner.path != path && owner.dependencies.count(path)) out.push_back(uri);
  }
  return out;
}

void DiagnosticsHub::Republish(const std::string& path, bool force) {
  PublishDiagnosticsParams params;
  std::vector<Diagnostic> list;
  std::optional<DocumentSnapshot> open = store_.GetByPath(path);
  if (open) {
    auto own = owners_.find(open->uri);
    if (own == owners_.end() || own->second.path != path) return;  // its own analysis has not finished yet
    params.uri = open->uri;
    params.version = own->second.version;
    if (auto it = own->second.by_file.find(path); it != own->second.by_file.end()) list = it->second;
    for (const auto& [uri, owner] : owners_) {
      if (uri == open->uri) continue;
      auto file = owner.by_file.find(path);
      auto used = owner.used_versions.find(path);
      if (file == owner.by_file.end() || used == owner.used_versions.end() || used->second != own->second.version) {
        continue;
      }
      AppendUnique(list, file->second);
    }
  } else {
    params.uri = PathToUri(path);
    for (const auto& [uri, owner] : owners_) {
      auto file = owner.by_file.find(path);
      // A closed file's findings count only if the owner read it from disk.
      if (file == owner.by_file.end() || owner.used_versions.count(path)) continue;
      AppendUnique(list, file->second);
    }
  }
  auto previous = published_.find(path);
  bool changed = previous == published_.end() ? !list.empty() : !SameList(previous->second, list);
  if (!force && !changed) return;
  params.diagnostics = list;
  if (list.empty() && !open) published_.erase(path);
  else published_[path] = std::move(list);
  publish_(params);
}

}  // namespace mast::lsp
