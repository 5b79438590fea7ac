#include "schemas/check/duplicate_objects.h"

#include <string>
#include <unordered_map>

namespace mast {

namespace {

// "apps" for `apps/v1`, "" for `v1`: versions of one group are one object.
std::string_view GroupOf(std::string_view api_version) {
  const size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
}

SourceRange Where(const CheckedObject& object) {
  return object.name_range.IsValid() ? object.name_range : object.range;
}

}  // namespace

void ReportDuplicateObjects(const std::vector<CheckedObject>& objects, DiagnosticSink& sink,
                            std::string_view default_namespace) {
  std::unordered_map<std::string, const CheckedObject*> first_of;
  first_of.reserve(objects.size());
  for (const CheckedObject& object : objects) {
    if (!object.has_own_name || object.kind.empty() || object.name.empty()) continue;
    const std::string_view namespace_name =
        object.namespace_name.empty() ? default_namespace : std::string_view(object.namespace_name);
    std::string identity = std::to_string(object.input);
    identity.append(1, '\0').append(GroupOf(object.api_version)).append(1, '\0').append(object.kind).append(1, '\0');
    identity.append(namespace_name).append(1, '\0').append(object.name);
    const auto [it, inserted] = first_of.emplace(std::move(identity), &object);
    if (inserted) continue;
    const std::string what = "`" + object.kind + "` `" + std::string(namespace_name) + "/" + object.name + "`";
    Diagnostic& d = sink.Report(DiagnosticCode::E0510, Where(object),
                                what + " is defined twice; the API server keeps only the last one applied, so the "
                                       "first is lost; rename one or remove it");
    d.labels.push_back(Label{Where(*it->second), "first defined here"});
  }
}

}  // namespace mast
