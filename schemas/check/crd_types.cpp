#include "schemas/check/crd_types.h"

#include <algorithm>
#include <filesystem>

#include "schemas/check/crd_module.h"

namespace mast {

using namespace crd_ids;

namespace {

constexpr std::string_view kPrefix = "crd:";

}  // namespace

CustomResourceTypes::CustomResourceTypes(const ExternalTypes& base) : base_(base) {}
CustomResourceTypes::~CustomResourceTypes() = default;

std::optional<std::string> CustomResourceTypes::ImportCustomResources(const std::string& path,
                                                                      std::string_view import_text, SourceRange where,
                                                                      DiagnosticSink& sink) const {
  CrdFiles files;
  if (!ReadCrdFiles(path, import_text, where, sink, &files)) return std::nullopt;
  const CrdModule* module = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto known = by_path_.find(files.path);
    if (known != by_path_.end() && modules_[known->second]->fingerprint == files.fingerprint) {
      module = modules_[known->second].get();
    } else if (modules_.size() < kMaxModules) {
      modules_.push_back(BuildCrdModule(files));
      modules_.back()->index = modules_.size() - 1;
      by_path_[files.path] = modules_.size() - 1;
      module = modules_.back().get();
    }
  }
  if (module == nullptr) {
    sink.Report(DiagnosticCode::E0210, where,
                "cannot import \"" + std::string(import_text) + "\": more than " + std::to_string(kMaxModules) +
                    " versions of custom resource files were loaded; restart the language server");
    return std::nullopt;
  }
  for (const Diagnostic& problem : module->problems) {
    Diagnostic& reported = sink.Report(problem.code, where, problem.message);
    reported.notes = problem.notes;
  }
  if (module->members.empty()) return std::nullopt;
  return std::string(kPrefix) + module->path;
}

const CrdModule* CustomResourceTypes::ModuleFor(std::string_view module_path) const {
  if (module_path.substr(0, kPrefix.size()) != kPrefix) return nullptr;
  const std::string_view path = module_path.substr(kPrefix.size());
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = by_path_.find(path); it != by_path_.end()) return modules_[it->second].get();
  }
  // Not imported by a compile yet (the editor resolving a name first): load
  // it quietly; the import reports its problems.
  std::error_code ec;
  const std::string canonical = std::filesystem::weakly_canonical(std::filesystem::path(path), ec).string();
  if (!ec && canonical != path) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = by_path_.find(canonical); it != by_path_.end()) return modules_[it->second].get();
  }
  DiagnosticSink ignored;
  std::optional<std::string> loaded = ImportCustomResources(std::string(path), module_path, {}, ignored);
  if (!loaded) return nullptr;
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_path_.find(std::string_view(*loaded).substr(kPrefix.size()));
  return it == by_path_.end() ? nullptr : modules_[it->second].get();
}

const CrdModule& CustomResourceTypes::ModuleOf(ExternalTypeId type) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return *modules_[ModuleIndexOf(type)];
}

bool CustomResourceTypes::HasModule(std::string_view module_path) const {
  if (module_path.substr(0, kPrefix.size()) != kPrefix) return base_.HasModule(module_path);
  const CrdModule* module = ModuleFor(module_path);
  return module != nullptr && !module->members.empty();
}

std::vector<std::string> CustomResourceTypes::ModuleMembers(std::string_view module_path) const {
  if (module_path.substr(0, kPrefix.size()) != kPrefix) return base_.ModuleMembers(module_path);
  std::vector<std::string> names;
  if (const CrdModule* module = ModuleFor(module_path)) {
    for (const CrdMember& member : module->members) names.push_back(member.kind);
  }
  return names;
}

std::optional<ExternalTypeId> CustomResourceTypes::FindMember(std::string_view module_path,
                                                              std::string_view name) const {
  if (module_path.substr(0, kPrefix.size()) != kPrefix) return base_.FindMember(module_path, name);
  const CrdModule* module = ModuleFor(module_path);
  if (module == nullptr) return std::nullopt;
  for (size_t i = 0; i < module->members.size(); ++i) {
    if (module->members[i].kind == name) return MakeId(module->index, kRootBase + static_cast<uint32_t>(i));
  }
  return std::nullopt;
}

const CrdRegistry* CustomResourceTypes::RegistryOf(std::string_view module_path) const {
  const CrdModule* module = ModuleFor(module_path);
  return module != nullptr ? &module->registry : nullptr;
}

std::vector<const CrdRegistry*> ImportedCrds(const Program& program) {
  std::vector<const CrdRegistry*> registries;
  const auto* types = dynamic_cast<const CustomResourceTypes*>(program.external);
  if (types == nullptr) return registries;
  for (const auto& module : program.modules) {
    for (const auto& [alias, target] : module->imports) {
      if (target.external_path.rfind(kPrefix, 0) != 0) continue;
      const CrdRegistry* registry = types->RegistryOf(target.external_path);
      if (registry != nullptr && std::find(registries.begin(), registries.end(), registry) == registries.end()) {
        registries.push_back(registry);
      }
    }
  }
  return registries;
}

const KubeCatalog* KubeCatalogFor(const ExternalTypes& types, ExternalTypeId type) {
  if (const auto* custom = dynamic_cast<const CustomResourceTypes*>(&types)) {
    return IsCustom(type) ? nullptr : KubeCatalogFor(custom->base(), type);
  }
  return dynamic_cast<const KubeCatalog*>(&types);
}

std::optional<std::string> CustomResourceTypes::ExplainMissingModule(std::string_view module_path) const {
  return module_path.substr(0, kPrefix.size()) == kPrefix ? std::nullopt : base_.ExplainMissingModule(module_path);
}

std::optional<std::string> CustomResourceTypes::ExplainMissingMember(std::string_view module_path,
                                                                     std::string_view name) const {
  if (module_path.substr(0, kPrefix.size()) == kPrefix) return std::nullopt;
  return base_.ExplainMissingMember(module_path, name);
}

std::optional<std::string> CustomResourceTypes::ModuleRemovedLater(std::string_view module_path) const {
  return module_path.substr(0, kPrefix.size()) == kPrefix ? std::nullopt : base_.ModuleRemovedLater(module_path);
}

}  // namespace mast
