// The history of an apiVersion and kind across the built-in releases: E0508
// when the target does not serve it (removed, or not yet added), W0509 when
// the target serves it but the newest release no longer does. Derived from
// the specs themselves; check/removed_apis.cpp keeps only removals older than
// the oldest built-in release.
#include <algorithm>

#include "compiler/base/api_version.h"
#include "schemas/kube_catalog.h"
#include "schemas/release_history.h"

namespace mast {

using schemas::kNone;

bool KubeCatalog::KnowsResource(std::string_view api_version, std::string_view kind) const {
  return view_.FindResourceInAnyRelease(api_version, kind) != kNone;
}

std::optional<std::string> KubeCatalog::ServedAlternative(std::string_view api_version, std::string_view kind,
                                                          ReleaseMask releases) const {
  const std::string_view group = ApiGroupOf(api_version);
  std::optional<std::string_view> best;
  int best_score = -1;
  for (uint32_t r = 0; r < view_.resource_count(); ++r) {
    const std::string_view candidate = view_.ResourceApiVersion(r);
    if (view_.ResourceKind(r) != kind || candidate == api_version || ApiGroupOf(candidate) != group) continue;
    const ReleaseMask served = view_.ResourceReleases(r);
    if ((served & releases) == 0) continue;
    // Served on all of `releases` first, then the most mature version.
    const int score = ((served & releases) == releases ? 1000000 : 0) + schemas::VersionRank(candidate);
    if (score > best_score) {
      best_score = score;
      best = candidate;
    }
  }
  if (!best) return std::nullopt;
  return std::string(*best);
}

bool KubeCatalog::ReportNotServed(std::string_view api_version, std::string_view kind, SourceRange where,
                                  DiagnosticSink& sink) const {
  if (!HasReleases()) return false;
  const ReleaseMask served = view_.ResourceServed(api_version, kind);
  if (served == 0 || (served & target_) == target_) return false;
  const std::optional<std::string> alternative = ServedAlternative(api_version, kind, target_);
  const std::string name = "`" + std::string(api_version) + "` `" + std::string(kind) + "`";
  const uint32_t newest_served = schemas::NewestRelease(served);
  const bool removed = (served & target_) == 0 && (ReleaseMask{1} << newest_served) < target_;
  std::string message;
  if (removed) {
    message = name + " was removed in Kubernetes " + std::string(view_.ReleaseName(newest_served + 1));
  } else {
    message = name + " is served " + ReleasePhrase(served) + schemas::TargetClause(view_, served, target_, target_);
  }
  std::string hint;
  if (alternative) hint = "use `apiVersion: " + *alternative + "`";
  const std::string retarget = schemas::RaiseTargetHint(view_, served, target_);
  if (!retarget.empty() && !removed) hint += (hint.empty() ? "" : ", or ") + retarget.substr(2);
  if (!hint.empty()) message += "; " + hint;
  Diagnostic& diagnostic = sink.Report(DiagnosticCode::E0508, where, std::move(message));
  if (alternative && where.IsValid()) {
    diagnostic.fix = Fix{"replace with `" + *alternative + "`", {TextEdit{where, *alternative}}};
  }
  return true;
}

void KubeCatalog::ReportServedHistory(std::string_view api_version, std::string_view kind, SourceRange where,
                                      DiagnosticSink& sink) const {
  if (!HasReleases()) return;
  const uint32_t resource = view_.FindResourceInAnyRelease(api_version, kind);
  if (resource == kNone) return;
  const ReleaseMask served = view_.ResourceReleases(resource);
  const uint32_t newest = view_.release_count() - 1;
  if ((served >> newest & 1) != 0) return;
  const uint32_t last = schemas::NewestRelease(served);
  // The target still serves it; a newer release does not.
  const ReleaseMask later = view_.AllReleases() & ~((ReleaseMask{2} << last) - 1);
  std::string message = "`" + std::string(api_version) + "` `" + std::string(kind) + "` is removed in Kubernetes " +
                        std::string(view_.ReleaseName(last + 1));
  if (const std::optional<std::string> alternative = ServedAlternative(api_version, kind, later)) {
    message += "; move to `apiVersion: " + *alternative + "` before upgrading";
  } else {
    message += "; plan for it before upgrading";
  }
  sink.Report(DiagnosticCode::W0509, where, std::move(message));
}

}  // namespace mast
