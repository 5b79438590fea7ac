// The closed value sets of schemas/rules/field_enums.h name real catalog
// fields: each owner type exists in every built-in release's catalog, has the
// field, and the field is a string (or a list of strings).
#include <catch2/catch.hpp>

#include "schemas/kube_catalog.h"
#include "schemas/rules/field_enums.h"

namespace mast::rules {
namespace {

// "io.k8s.api.core.v1.Container" -> {"k8s/core/v1", "Container"}.
std::pair<std::string, std::string> ModuleAndMember(std::string_view type_name) {
  constexpr std::string_view kPrefix = "io.k8s.api.";
  REQUIRE(type_name.substr(0, kPrefix.size()) == kPrefix);
  std::string rest(type_name.substr(kPrefix.size()));
  size_t group_end = rest.find('.');
  size_t version_end = rest.find('.', group_end + 1);
  REQUIRE(version_end != std::string::npos);
  return {"k8s/" + rest.substr(0, group_end) + "/" + rest.substr(group_end + 1, version_end - group_end - 1),
          rest.substr(version_end + 1)};
}

TEST_CASE("every closed value set names a string field of the catalog", "[rules][enums]") {
  const KubeCatalog& catalog = KubeCatalog::Embedded();
  REQUIRE(EnumFields().size() >= 20);
  for (const EnumField& entry : EnumFields()) {
    INFO(std::string(entry.owner_type) + "." + std::string(entry.field));
    auto [module, member] = ModuleAndMember(entry.owner_type);
    std::optional<ExternalTypeId> owner = catalog.FindMember(module, member);
    REQUIRE(owner.has_value());
    CHECK(catalog.TypeName(*owner) == entry.owner_type);
    std::optional<ExternalField> field = catalog.FindField(*owner, entry.field);
    REQUIRE(field.has_value());
    ExternalTypeId value_type = field->type;
    if (catalog.KindOf(value_type) == ExternalKind::kList) value_type = catalog.ElementType(value_type);
    CHECK(catalog.KindOf(value_type) == ExternalKind::kString);
    CHECK(EnumValues(entry.set).size() >= 2);
  }
}

TEST_CASE("a field's values are found by its owner type", "[rules][enums]") {
  const auto* pull = EnumValuesOf("io.k8s.api.core.v1.Container", "imagePullPolicy");
  REQUIRE(pull != nullptr);
  CHECK(*pull == std::vector<std::string_view>{"Always", "IfNotPresent", "Never"});
  CHECK(EnumValuesOf("io.k8s.api.core.v1.Container", "image") == nullptr);
  CHECK(EnumValuesOf("io.k8s.api.core.v1.PodSpec", "imagePullPolicy") == nullptr);
}

}  // namespace
}  // namespace mast::rules
