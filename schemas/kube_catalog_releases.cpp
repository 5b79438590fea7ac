// Targets and history: which releases a catalog knows, how a target is
// named, and the findings for names that exist in other releases than the
// target.
#include <algorithm>
#include <charconv>

#include "compiler/base/spelling.h"
#include "schemas/kube_catalog.h"
#include "schemas/release_history.h"

namespace mast {

using schemas::kNone;

std::vector<std::string_view> KubeCatalog::ReleaseNames() const {
  std::vector<std::string_view> names;
  for (uint32_t r = 0; r < view_.release_count(); ++r) names.push_back(view_.ReleaseName(r));
  return names;
}

namespace {

std::optional<uint32_t> FindRelease(const schemas::CatalogView& view, std::string_view name) {
  // "v1.31" and "1.31.4" name release 1.31 too.
  if (!name.empty() && (name[0] == 'v' || name[0] == 'V')) name.remove_prefix(1);
  const size_t first_dot = name.find('.');
  if (first_dot != std::string_view::npos) {
    const size_t second_dot = name.find('.', first_dot + 1);
    if (second_dot != std::string_view::npos) name = name.substr(0, second_dot);
  }
  for (uint32_t r = 0; r < view.release_count(); ++r) {
    if (view.ReleaseName(r) == name) return r;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ReleaseMask> KubeCatalog::ParseTarget(std::string_view text, std::string* error) const {
  auto fail = [&](std::string why) -> std::optional<ReleaseMask> {
    if (error) *error = std::move(why) + "; the built-in releases are " + ReleaseList(view_.AllReleases());
    return std::nullopt;
  };
  if (!HasReleases()) return fail("this schema describes one release, so no Kubernetes version can be chosen");
  const size_t dots = text.find("..");
  const std::string_view low_text = dots == std::string_view::npos ? text : text.substr(0, dots);
  const std::string_view high_text = dots == std::string_view::npos ? text : text.substr(dots + 2);
  const std::optional<uint32_t> low = FindRelease(view_, low_text);
  if (!low) return fail("unknown Kubernetes version `" + std::string(low_text) + "`");
  const std::optional<uint32_t> high = FindRelease(view_, high_text);
  if (!high) return fail("unknown Kubernetes version `" + std::string(high_text) + "`");
  if (*low > *high) {
    return fail("the range `" + std::string(text) + "` runs backwards; write the older release first");
  }
  ReleaseMask mask = 0;
  for (uint32_t r = *low; r <= *high; ++r) mask |= ReleaseMask{1} << r;
  return mask;
}

std::string KubeCatalog::TargetName() const { return schemas::TargetText(view_, target_); }
std::string KubeCatalog::ReleasePhrase(ReleaseMask releases) const { return schemas::ReleasePhrase(view_, releases); }
std::string KubeCatalog::ReleaseList(ReleaseMask releases) const { return schemas::ReleaseList(view_, releases); }

ReleaseMask KubeCatalog::TypeReleases(ExternalTypeId type) const {
  return IsType(type) ? view_.TypeReleases(type) : view_.AllReleases();
}

ReleaseMask KubeCatalog::FieldReleases(ExternalTypeId type, std::string_view name, bool* deprecated) const {
  if (deprecated) *deprecated = false;
  if (!IsType(type) || KindOf(type) != ExternalKind::kObject) return 0;
  const ReleaseMask releases = view_.FieldReleasesByName(type, name);
  const uint32_t newest = view_.FindFieldInAnyRelease(type, name);
  if (deprecated && newest != kNone) *deprecated = (view_.FieldFlags(newest) & schemas::kFieldDeprecated) != 0;
  return releases;
}

std::vector<ExternalField> KubeCatalog::FieldsInAnyRelease(ExternalTypeId type) const {
  std::vector<ExternalField> fields;
  if (!IsType(type) || KindOf(type) != ExternalKind::kObject) return fields;
  const uint32_t first = view_.FirstField(type);
  for (uint32_t f = first; f < first + view_.FieldCount(type); ++f) {
    // Records of one name are adjacent, newest first.
    if (f > first && view_.FieldName(f) == view_.FieldName(f - 1)) continue;
    const uint32_t chosen = view_.FindField(type, view_.FieldName(f), lookup_);
    fields.push_back(MakeField(chosen == kNone ? f : chosen));
  }
  return fields;
}

Diagnostic& KubeCatalog::ReportUnknownField(ExternalTypeId type, std::string_view key, SourceRange key_range,
                                            const std::vector<std::string_view>& siblings,
                                            DiagnosticSink& sink) const {
  return schemas::ReportFieldNotInTarget(view_, target_, type, key, key_range, siblings, sink);
}

std::optional<std::string> KubeCatalog::ExplainMissingModule(std::string_view module_path) const {
  const uint32_t module = view_.FindModule(module_path);
  if (module == kNone || !HasReleases()) return std::nullopt;
  const ReleaseMask releases = view_.ModuleReleases(module);
  return "`" + std::string(module_path) + "` is served " + ReleasePhrase(releases) +
         schemas::TargetClause(view_, releases, target_, target_) + schemas::RaiseTargetHint(view_, releases, target_);
}

std::optional<std::string> KubeCatalog::ExplainMissingMember(std::string_view module_path,
                                                             std::string_view name) const {
  const uint32_t module = view_.FindModule(module_path);
  if (module == kNone || !HasReleases()) return std::nullopt;
  const uint32_t member = view_.FindMemberInAnyRelease(module, name);
  if (member == kNone) return std::nullopt;
  const ReleaseMask releases = view_.MemberReleases(member);
  return "`" + std::string(name) + "` is a type of `" + std::string(module_path) + "` " + ReleasePhrase(releases) +
         schemas::TargetClause(view_, releases, target_, target_) + schemas::RaiseTargetHint(view_, releases, target_);
}

std::optional<std::string> KubeCatalog::ModuleRemovedLater(std::string_view module_path) const {
  const uint32_t module = view_.FindModule(module_path);
  if (module == kNone || !HasReleases()) return std::nullopt;
  const ReleaseMask releases = view_.ModuleReleases(module);
  const uint32_t newest = view_.release_count() - 1;
  if ((releases >> newest & 1) != 0 || (releases & lookup_) == 0) return std::nullopt;
  const uint32_t last = schemas::NewestRelease(releases);
  std::string message =
      "`" + std::string(module_path) + "` is removed in Kubernetes " + std::string(view_.ReleaseName(last + 1));
  // The newest version of the same package that the newest release serves.
  const std::string_view package = module_path.substr(0, module_path.rfind('/') + 1);
  std::optional<std::string_view> successor;
  for (uint32_t m = 0; m < view_.module_count(); ++m) {
    const std::string_view path = view_.ModulePath(m);
    if (view_.Canonical(m) != m || path.substr(0, package.size()) != package || path.rfind('/') + 1 != package.size() ||
        (view_.ModuleReleases(m) >> newest & 1) == 0) {
      continue;
    }
    if (!successor || schemas::VersionRank(path) > schemas::VersionRank(*successor)) successor = path;
  }
  if (successor) return message + "; move to `" + std::string(*successor) + "` before upgrading";
  return message + "; plan for it before upgrading";
}

}  // namespace mast
