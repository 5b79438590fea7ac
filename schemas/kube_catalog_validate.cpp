// Validation entry points: a value against a known type, and a plain YAML
// object against the type its apiVersion and kind name.
#include <algorithm>
#include <set>

#include "compiler/base/api_version.h"
#include "compiler/base/spelling.h"
#include "schemas/kube_catalog.h"
#include "schemas/kube_catalog_shared.h"
#include "schemas/validator.h"
#include "schemas/validator_messages.h"

namespace mast {

void KubeCatalog::Validate(const Value& value, ExternalTypeId type, DiagnosticSink& sink) const {
  if (!IsType(type)) return;
  schemas::Validator(view_, target_, sink).Check(value, type);
}

namespace {

// The string value of `key`, reporting it when missing or not a string.
const MapEntry* ReadIdentity(const Value& object, std::string_view key, DiagnosticSink& sink) {
  const MapEntry* entry = object.FindEntry(key);
  if (entry == nullptr || entry->value.IsNull()) {
    sink.Report(
        DiagnosticCode::E0503, object.origin(),
        "missing required field `" + std::string(key) + "`; every Kubernetes object needs `apiVersion` and `kind`");
    return nullptr;
  }
  if (!entry->value.IsString()) {
    sink.Report(DiagnosticCode::E0502, entry->value.origin(),
                "expected string, found " + schemas::DescribeValue(entry->value) +
                    schemas::MismatchHint(entry->value, ExternalKind::kString));
    return nullptr;
  }
  return entry;
}

std::string DidYouMean(const std::optional<std::string>& suggestion) {
  return suggestion ? "; did you mean `" + *suggestion + "`?" : std::string();
}

}  // namespace

const std::vector<std::string_view>& KubeCatalog::Groups() const {
  std::vector<std::string_view>& groups = shared_->groups;
  std::call_once(shared_->groups_once, [this, &groups] {
    for (uint32_t r = 0; r < view_.resource_count(); ++r) groups.push_back(ApiGroupOf(view_.ResourceApiVersion(r)));
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  });
  return groups;
}

bool KubeCatalog::HasApiGroup(std::string_view api_version) const {
  const std::vector<std::string_view>& groups = Groups();
  return std::binary_search(groups.begin(), groups.end(), ApiGroupOf(api_version));
}

std::optional<ExternalTypeId> KubeCatalog::ValidateResource(const Value& object, DiagnosticSink& sink) const {
  std::optional<ExternalTypeId> type = ResolveResource(object, sink);
  if (type) Validate(object, *type, sink);
  return type;
}

std::optional<ExternalTypeId> KubeCatalog::ResolveResource(const Value& object, DiagnosticSink& sink) const {
  if (!object.IsMap()) {
    sink.Report(DiagnosticCode::E0502, object.origin(),
                "expected a Kubernetes object, found " + schemas::DescribeValue(object));
    return std::nullopt;
  }
  const MapEntry* api = ReadIdentity(object, "apiVersion", sink);
  const MapEntry* kind = ReadIdentity(object, "kind", sink);
  if (api == nullptr || kind == nullptr) return std::nullopt;
  const std::string& api_version = api->value.AsString();
  const std::string& kind_name = kind->value.AsString();
  if (auto type = FindResource(api_version, kind_name)) {
    // The history is looked at only when this record leaves a release of
    // the target, or the newest release, out (rare: the common case costs
    // nothing beyond the lookup).
    const ReleaseMask served = view_.ResourceReleases(view_.FirstResource(api_version, kind_name));
    const ReleaseMask newest = ReleaseMask{1} << (view_.release_count() - 1);
    if ((served & target_) != target_ || (served & newest) == 0) {
      if (!ReportNotServed(api_version, kind_name, api->value.origin(), sink)) {
        ReportServedHistory(api_version, kind_name, api->value.origin(), sink);
      }
    }
    return type;
  }
  if (ReportNotServed(api_version, kind_name, api->value.origin(), sink)) return std::nullopt;

  // Unknown: say which half is wrong, with the nearest known name.
  std::vector<std::string_view> kinds_of_api;  // kinds served under this apiVersion
  std::vector<std::string_view> apis_of_kind;  // apiVersions serving this kind
  std::set<std::string_view> all_apis;
  bool group_known = false;
  for (uint32_t r = 0; r < view_.resource_count(); ++r) {
    if ((view_.ResourceReleases(r) & lookup_) == 0) continue;
    const std::string_view r_api = view_.ResourceApiVersion(r);
    const std::string_view r_kind = view_.ResourceKind(r);
    if (r_api == api_version) kinds_of_api.push_back(r_kind);
    if (r_kind == kind_name) apis_of_kind.push_back(r_api);
    all_apis.insert(r_api);
    group_known = group_known || ApiGroupOf(r_api) == ApiGroupOf(api_version);
  }
  // Meta kinds (DeleteOptions, WatchEvent) are served under almost every
  // apiVersion, so a known apiVersion alone does not mean the kind is wrong.
  const std::optional<std::string> kind_suggestion = ClosestMatch(kind_name, kinds_of_api);
  if (!kinds_of_api.empty() && (kind_suggestion || apis_of_kind.empty())) {
    sink.Report(
        DiagnosticCode::E0506, kind->value.origin(),
        "unknown kind " + schemas::CodeText(kind_name) + " in `" + api_version + "`" + DidYouMean(kind_suggestion));
  } else if (!apis_of_kind.empty()) {
    std::optional<std::string> suggestion = ClosestMatch(api_version, apis_of_kind);
    if (!suggestion && apis_of_kind.size() == 1) suggestion = std::string(apis_of_kind.front());
    sink.Report(DiagnosticCode::E0506, api->value.origin(),
                "unknown apiVersion " + schemas::CodeText(api_version) + " for kind `" + kind_name + "`" +
                    DidYouMean(suggestion));
  } else if (!group_known) {
    const std::vector<std::string_view> candidates(all_apis.begin(), all_apis.end());
    const std::optional<std::string> suggestion = ClosestMatch(api_version, candidates);
    sink.Report(DiagnosticCode::E0506, api->value.origin(),
                "unknown apiVersion " + schemas::CodeText(api_version) +
                    (suggestion ? DidYouMean(suggestion)
                                : "; if `" + kind_name + "` is a custom resource, pass its schema with `--schema`"));
  } else {
    const std::vector<std::string_view> candidates(all_apis.begin(), all_apis.end());
    sink.Report(
        DiagnosticCode::E0506, api->value.origin(),
        "unknown apiVersion " + schemas::CodeText(api_version) + DidYouMean(ClosestMatch(api_version, candidates)));
  }
  return std::nullopt;
}

}  // namespace mast
