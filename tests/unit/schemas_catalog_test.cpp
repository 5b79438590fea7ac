// The embedded Kubernetes catalog: modules, members, fields, kinds.
#include <algorithm>

#include <catch2/catch.hpp>

#include "schemas/kube_catalog.h"
#include "schemas_test_util.h"

namespace mast {
namespace {

using testing::Catalog;
using testing::F;
using testing::Obj;

ExternalTypeId Member(std::string_view module, std::string_view name) {
  std::optional<ExternalTypeId> id = Catalog().FindMember(module, name);
  INFO(std::string(module) + " " + std::string(name));
  REQUIRE(id.has_value());
  return *id;
}

bool Contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

TEST_CASE("module paths follow the definition names", "[catalog]") {
  for (const char* path : {"k8s/apps/v1", "k8s/core/v1", "k8s/networking/v1", "k8s/rbac/v1", "k8s/meta/v1",
                           "k8s/apiextensions/v1", "k8s/apiregistration/v1", "k8s/batch/v1", "k8s/autoscaling/v2"}) {
    INFO(path);
    CHECK(Catalog().HasModule(path));
  }
  CHECK_FALSE(Catalog().HasModule("k8s/apps/v9"));
  CHECK_FALSE(Catalog().HasModule("apps/v1"));
  CHECK_FALSE(Catalog().HasModule(""));
}

TEST_CASE("the real API group is an alias of its module", "[catalog]") {
  CHECK(Catalog().HasModule("k8s/networking.k8s.io/v1"));
  CHECK(Catalog().HasModule("k8s/rbac.authorization.k8s.io/v1"));
  CHECK(Catalog().HasModule("k8s/apiextensions.k8s.io/v1"));
  CHECK(Member("k8s/networking.k8s.io/v1", "Ingress") == Member("k8s/networking/v1", "Ingress"));
  CHECK(Catalog().CanonicalModule("k8s/rbac.authorization.k8s.io/v1") == std::string_view("k8s/rbac/v1"));
  CHECK(Catalog().CanonicalModule("k8s/apps/v1") == std::string_view("k8s/apps/v1"));
  CHECK_FALSE(Catalog().CanonicalModule("k8s/nope/v1").has_value());

  const std::vector<std::string> paths = Catalog().ModulePaths();
  CHECK(Contains(paths, "k8s/networking/v1"));
  CHECK_FALSE(Contains(paths, "k8s/networking.k8s.io/v1"));  // aliases are not listed
  CHECK(std::is_sorted(paths.begin(), paths.end()));
}

TEST_CASE("modules list their members", "[catalog]") {
  const std::vector<std::string> members = Catalog().ModuleMembers("k8s/apps/v1");
  CHECK(Contains(members, "Deployment"));
  CHECK(Contains(members, "DeploymentSpec"));
  CHECK(Contains(members, "StatefulSet"));
  CHECK_FALSE(Contains(members, "Pod"));
  CHECK(Catalog().ModuleMembers("k8s/networking.k8s.io/v1") == Catalog().ModuleMembers("k8s/networking/v1"));
  CHECK(Catalog().ModuleMembers("k8s/none/v1").empty());
  CHECK_FALSE(Catalog().FindMember("k8s/apps/v1", "Deploymnt").has_value());
  CHECK_FALSE(Catalog().FindMember("k8s/nope/v1", "Deployment").has_value());
  CHECK(Catalog().FindMember("k8s/meta/v1", "ObjectMeta").has_value());
}

TEST_CASE("resource kinds map both ways", "[catalog]") {
  const ExternalTypeId deployment = Member("k8s/apps/v1", "Deployment");
  std::optional<GroupVersionKind> gvk = Catalog().ResourceKind(deployment);
  REQUIRE(gvk.has_value());
  CHECK(gvk->api_version == "apps/v1");
  CHECK(gvk->kind == "Deployment");
  CHECK(Catalog().FindResource("apps/v1", "Deployment") == deployment);

  gvk = Catalog().ResourceKind(Member("k8s/core/v1", "Pod"));
  REQUIRE(gvk.has_value());
  CHECK(gvk->api_version == "v1");
  CHECK(gvk->kind == "Pod");
  gvk = Catalog().ResourceKind(Member("k8s/networking/v1", "Ingress"));
  REQUIRE(gvk.has_value());
  CHECK(gvk->api_version == "networking.k8s.io/v1");

  CHECK_FALSE(Catalog().ResourceKind(Member("k8s/apps/v1", "DeploymentSpec")).has_value());
  CHECK_FALSE(Catalog().FindResource("apps/v1", "Pod").has_value());
  CHECK(Catalog().FindResource("v1", "Pod") == Member("k8s/core/v1", "Pod"));
  // DeleteOptions is served by every group; it reports the core one.
  gvk = Catalog().ResourceKind(Member("k8s/meta/v1", "DeleteOptions"));
  REQUIRE(gvk.has_value());
  CHECK(gvk->api_version == "v1");
  CHECK(Catalog().FindResource("apps/v1", "DeleteOptions") == Member("k8s/meta/v1", "DeleteOptions"));

  const std::vector<KnownResource> resources = Catalog().Resources();
  CHECK(resources.size() > 200);
  CHECK(std::is_sorted(resources.begin(), resources.end(), [](const KnownResource& a, const KnownResource& b) {
    return std::tie(a.api_version, a.kind) < std::tie(b.api_version, b.kind);
  }));
}

TEST_CASE("types have names, descriptions and modules", "[catalog]") {
  const ExternalTypeId deployment = Member("k8s/apps/v1", "Deployment");
  CHECK(Catalog().TypeName(deployment) == "io.k8s.api.apps.v1.Deployment");
  CHECK(Catalog().ShortName(deployment) == "Deployment");
  CHECK(Catalog().KindOf(deployment) == ExternalKind::kObject);
  CHECK(Catalog().ModuleOf(deployment) == "k8s/apps/v1");
  CHECK(Catalog().Description(deployment).find("declarative updates") != std::string_view::npos);
  CHECK(Catalog().ModuleOf(Member("k8s/networking.k8s.io/v1", "Ingress")) == "k8s/networking/v1");
}

TEST_CASE("PodSpec fields, with containers required", "[catalog]") {
  const ExternalTypeId pod_spec = Member("k8s/core/v1", "PodSpec");
  const std::vector<ExternalField> fields = Catalog().Fields(pod_spec);
  REQUIRE(fields.size() > 30);
  CHECK(std::is_sorted(fields.begin(), fields.end(),
                       [](const ExternalField& a, const ExternalField& b) { return a.name < b.name; }));
  int required = 0;
  for (const ExternalField& field : fields) {
    if (field.required) {
      ++required;
      CHECK(field.name == "containers");
    }
  }
  CHECK(required == 1);

  std::optional<ExternalField> containers = Catalog().FindField(pod_spec, "containers");
  REQUIRE(containers.has_value());
  CHECK(containers->required);
  CHECK_FALSE(Catalog().FieldDescription(Member("k8s/core/v1", "PodSpec"), "containers").empty());
  CHECK(Catalog().KindOf(containers->type) == ExternalKind::kList);
  CHECK(Catalog().ElementType(containers->type) == Member("k8s/core/v1", "Container"));
  CHECK(Catalog().TypeName(containers->type) == "[]Container");

  CHECK_FALSE(Catalog().FindField(pod_spec, "container").has_value());
  CHECK(Catalog().Fields(Member("k8s/core/v1", "Container")).size() > 10);
}

// The keys `with` merges list items by: x-kubernetes-list-map-keys, else the
// patch merge key; none for atomic lists. Types are shared, so the keyed and
// the plain list of one item type must stay two types.
TEST_CASE("lists carry their merge keys", "[catalog]") {
  auto keys_of = [](std::string_view module, std::string_view type, std::string_view field) {
    std::optional<ExternalField> found = Catalog().FindField(Member(module, type), field);
    INFO(std::string(type) + "." + std::string(field));
    REQUIRE(found.has_value());
    std::vector<std::string_view> keys = Catalog().MergeKeys(found->type);
    return std::vector<std::string>(keys.begin(), keys.end());
  };
  using Keys = std::vector<std::string>;
  CHECK(keys_of("k8s/core/v1", "PodSpec", "containers") == Keys{"name"});
  CHECK(keys_of("k8s/core/v1", "PodSpec", "volumes") == Keys{"name"});
  CHECK(keys_of("k8s/core/v1", "PodSpec", "imagePullSecrets") == Keys{"name"});
  CHECK(keys_of("k8s/core/v1", "PodSpec", "topologySpreadConstraints") == Keys{"topologyKey", "whenUnsatisfiable"});
  CHECK(keys_of("k8s/core/v1", "Container", "env") == Keys{"name"});
  CHECK(keys_of("k8s/core/v1", "Container", "ports") == Keys{"containerPort", "protocol"});
  CHECK(keys_of("k8s/core/v1", "Container", "volumeMounts") == Keys{"mountPath"});
  CHECK(keys_of("k8s/core/v1", "ServiceSpec", "ports") == Keys{"port", "protocol"});
  CHECK(keys_of("k8s/core/v1", "PodSpec", "tolerations").empty());
  CHECK(keys_of("k8s/core/v1", "Container", "args").empty());
  CHECK(keys_of("k8s/core/v1", "Container", "envFrom").empty());
  CHECK(keys_of("k8s/meta/v1", "ObjectMeta", "finalizers").empty());
  // ServiceAccount.imagePullSecrets is atomic: the same item type, another list type.
  const std::vector<std::string> service_account = keys_of("k8s/core/v1", "ServiceAccount", "imagePullSecrets");
  CHECK(service_account.empty());
  CHECK(Catalog().MergeKeys(Member("k8s/core/v1", "PodSpec")).empty());  // not a list
  CHECK(Catalog().MergeKeys(0xFFFFFFF0u).empty());                       // not a type
}

TEST_CASE("special types have their own kinds", "[catalog]") {
  const ExternalTypeId quantity = Member("k8s/resource", "Quantity");
  CHECK(Catalog().KindOf(quantity) == ExternalKind::kQuantity);
  CHECK(Catalog().KindOf(Member("k8s/intstr", "IntOrString")) == ExternalKind::kIntOrString);
  CHECK(Catalog().KindOf(Member("k8s/runtime", "RawExtension")) == ExternalKind::kAny);
  CHECK(Catalog().KindOf(Member("k8s/apiextensions/v1", "JSON")) == ExternalKind::kAny);
  const ExternalTypeId time = Member("k8s/meta/v1", "Time");
  CHECK(Catalog().KindOf(time) == ExternalKind::kString);
  CHECK(Catalog().Format(time) == "date-time");

  std::optional<ExternalField> limits = Catalog().FindField(Member("k8s/core/v1", "ResourceRequirements"), "limits");
  REQUIRE(limits.has_value());
  CHECK(Catalog().KindOf(limits->type) == ExternalKind::kMap);
  CHECK(Catalog().ElementType(limits->type) == quantity);
  CHECK(Catalog().TypeName(limits->type) == "map[string]Quantity");

  std::optional<ExternalField> labels = Catalog().FindField(Member("k8s/meta/v1", "ObjectMeta"), "labels");
  REQUIRE(labels.has_value());
  CHECK(Catalog().KindOf(labels->type) == ExternalKind::kMap);
  CHECK(Catalog().KindOf(Catalog().ElementType(labels->type)) == ExternalKind::kString);

  std::optional<ExternalField> replicas = Catalog().FindField(Member("k8s/apps/v1", "DeploymentSpec"), "replicas");
  REQUIRE(replicas.has_value());
  CHECK(Catalog().KindOf(replicas->type) == ExternalKind::kInteger);
  CHECK(Catalog().Format(replicas->type) == "int32");
  CHECK(Catalog().ElementType(replicas->type) == replicas->type);
}

TEST_CASE("a field has its own description, or else its type's", "[catalog]") {
  // Swagger 2 keeps a description next to a $ref: the field's own wins.
  std::optional<ExternalField> selector = Catalog().FindField(Member("k8s/apps/v1", "DeploymentSpec"), "selector");
  REQUIRE(selector.has_value());
  CHECK_THAT(std::string(Catalog().FieldDescription(Member("k8s/apps/v1", "DeploymentSpec"), "selector")),
             Catch::Matchers::Contains("Label selector for pods"));
  CHECK_FALSE(Catalog().Description(selector->type).empty());
}

TEST_CASE("bad type ids are harmless", "[catalog]") {
  const ExternalTypeId bad = 0xFFFFFF;
  CHECK(Catalog().KindOf(bad) == ExternalKind::kAny);
  CHECK(Catalog().Fields(bad).empty());
  CHECK_FALSE(Catalog().FindField(bad, "x").has_value());
  CHECK_FALSE(Catalog().ResourceKind(bad).has_value());
  DiagnosticSink sink;
  Catalog().Validate(Value::Int(1), bad, sink);
  CHECK(sink.empty());
  CHECK(Catalog().KindOf(0) == ExternalKind::kAny);  // id 0, the default, accepts anything
}

}  // namespace
}  // namespace mast
