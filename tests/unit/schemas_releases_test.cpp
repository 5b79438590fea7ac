// The embedded catalog's release history, checked against the vendored
// specs (third_party/kubernetes-openapi): for a sample of fields, kinds and
// types, the first and last release the catalog gives are the ones the spec
// files show (found with a script over swagger-1.NN.json when the sample was
// written). Then targets: parsing, naming, and lookups that follow them.
#include <catch2/catch.hpp>

#include <string>

#include "schemas/catalog_choice.h"
#include "schemas/kube_catalog.h"
#include "schemas/release_history.h"
#include "schemas_test_util.h"

namespace mast {
namespace {

using testing::Catalog;
using testing::F;
using testing::Obj;

ExternalTypeId Member(const char* module, const char* name) {
  const schemas::CatalogView& view = Catalog().view();
  const uint32_t m = view.FindModule(module);
  REQUIRE(m != schemas::kNone);
  const uint32_t member = view.FindMemberInAnyRelease(m, name);
  REQUIRE(member != schemas::kNone);
  return view.MemberType(member);
}

// "1.30..1.36" for a contiguous mask.
std::string Span(ReleaseMask releases) {
  REQUIRE(releases != 0);
  const schemas::CatalogView& view = Catalog().view();
  const uint32_t first = static_cast<uint32_t>(__builtin_ctz(releases));
  const uint32_t last = 31u - static_cast<uint32_t>(__builtin_clz(releases));
  for (uint32_t r = first; r <= last; ++r) REQUIRE((releases >> r & 1) != 0);  // no gaps
  return std::string(view.ReleaseName(first)) + ".." + std::string(view.ReleaseName(last));
}

std::string FieldSpan(const char* module, const char* type, const char* field) {
  return Span(Catalog().FieldReleases(Member(module, type), field));
}

std::string KindSpan(const char* api_version, const char* kind) {
  const schemas::CatalogView& view = Catalog().view();
  ReleaseMask releases = 0;
  for (uint32_t r = 0; r < view.resource_count(); ++r) {
    if (view.ResourceApiVersion(r) == api_version && view.ResourceKind(r) == kind) releases |= view.ResourceReleases(r);
  }
  return Span(releases);
}

TEST_CASE("the embedded catalog holds Kubernetes 1.28 to 1.36", "[releases]") {
  const std::vector<std::string_view> names = Catalog().ReleaseNames();
  REQUIRE(names.size() == 9);
  CHECK(names.front() == "1.28");
  CHECK(names.back() == "1.36");
  CHECK(Catalog().TargetName() == "1.36");
  CHECK(Catalog().HasReleases());
}

TEST_CASE("fields carry the releases the specs give them", "[releases]") {
  CHECK(FieldSpan("k8s/core/v1", "ServiceSpec", "trafficDistribution") == "1.30..1.36");
  CHECK(FieldSpan("k8s/core/v1", "PodSpec", "resources") == "1.32..1.36");
  CHECK(FieldSpan("k8s/core/v1", "Container", "restartPolicy") == "1.28..1.36");
  CHECK(FieldSpan("k8s/core/v1", "Container", "restartPolicyRules") == "1.34..1.36");
  CHECK(FieldSpan("k8s/core/v1", "LifecycleHandler", "sleep") == "1.29..1.36");
  CHECK(FieldSpan("k8s/core/v1", "Lifecycle", "stopSignal") == "1.33..1.36");
  CHECK(FieldSpan("k8s/core/v1", "PodSecurityContext", "appArmorProfile") == "1.30..1.36");
  CHECK(FieldSpan("k8s/core/v1", "Volume", "image") == "1.31..1.36");
  CHECK(FieldSpan("k8s/batch/v1", "JobSpec", "managedBy") == "1.30..1.36");
  CHECK(FieldSpan("k8s/batch/v1", "JobSpec", "successPolicy") == "1.30..1.36");
  CHECK(FieldSpan("k8s/autoscaling/v2", "HPAScalingRules", "tolerance") == "1.33..1.36");
  CHECK(FieldSpan("k8s/apps/v1", "DeploymentSpec", "replicas") == "1.28..1.36");
  // Removed: PodResourceClaim.source gave way to resourceClaimName in 1.31.
  CHECK(FieldSpan("k8s/core/v1", "PodResourceClaim", "source") == "1.28..1.30");
  CHECK(FieldSpan("k8s/core/v1", "PodResourceClaim", "resourceClaimName") == "1.31..1.36");
  // Only in one release.
  CHECK(FieldSpan("k8s/core/v1", "PodSpec", "workloadRef") == "1.35..1.35");
  CHECK(Catalog().FieldReleases(Member("k8s/core/v1", "PodSpec"), "noSuchField") == 0);
}

TEST_CASE("kinds and types carry the releases that serve them", "[releases]") {
  CHECK(KindSpan("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema") == "1.28..1.28");
  CHECK(KindSpan("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema") == "1.28..1.31");
  CHECK(KindSpan("flowcontrol.apiserver.k8s.io/v1", "FlowSchema") == "1.29..1.36");
  CHECK(KindSpan("resource.k8s.io/v1alpha2", "ResourceClass") == "1.28..1.30");
  CHECK(KindSpan("resource.k8s.io/v1", "DeviceClass") == "1.34..1.36");
  CHECK(KindSpan("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy") == "1.30..1.36");
  CHECK(KindSpan("networking.k8s.io/v1", "ServiceCIDR") == "1.33..1.36");
  CHECK(KindSpan("apps/v1", "Deployment") == "1.28..1.36");
  CHECK(Span(Catalog().TypeReleases(Member("k8s/core/v1", "SleepAction"))) == "1.29..1.36");
}

TEST_CASE("a target is a release or a range, named as written", "[releases]") {
  std::string error;
  const std::optional<ReleaseMask> single = Catalog().ParseTarget("1.31", &error);
  REQUIRE(single);
  CHECK(Catalog().WithTarget(*single).TargetName() == "1.31");
  CHECK(Catalog().ParseTarget("v1.31.4", &error) == single);
  const std::optional<ReleaseMask> range = Catalog().ParseTarget("1.31..1.36", &error);
  REQUIRE(range);
  CHECK(Catalog().WithTarget(*range).TargetName() == "1.31..1.36");
  CHECK_FALSE(Catalog().ParseTarget("1.27", &error));
  CHECK(error == "unknown Kubernetes version `1.27`; the built-in releases are 1.28 to 1.36");
  CHECK_FALSE(Catalog().ParseTarget("1.36..1.31", &error));
  CHECK_THAT(error, Catch::Matchers::Contains("runs backwards"));
  // The same target twice is the same catalog.
  CHECK(&Catalog().WithTarget(*single) == &Catalog().WithTarget(*single));
}

TEST_CASE("lookups follow the target's newest release", "[releases]") {
  std::string error;
  const KubeCatalog& old = Catalog().WithTarget(*Catalog().ParseTarget("1.29", &error));
  const ExternalTypeId service_spec = Member("k8s/core/v1", "ServiceSpec");
  CHECK_FALSE(old.FindField(service_spec, "trafficDistribution"));
  CHECK(Catalog().FindField(service_spec, "trafficDistribution"));
  CHECK(old.FindResource("flowcontrol.apiserver.k8s.io/v1", "FlowSchema"));
  CHECK_FALSE(old.FindResource("resource.k8s.io/v1", "DeviceClass"));
  CHECK_FALSE(old.HasModule("k8s/resource/v1"));
  CHECK(Catalog().HasModule("k8s/resource/v1"));
  CHECK_FALSE(old.FindMember("k8s/core/v1", "ImageVolumeSource"));
  CHECK(*old.ExplainMissingMember("k8s/core/v1", "ImageVolumeSource") ==
        "`ImageVolumeSource` is a type of `k8s/core/v1` from Kubernetes 1.31 on, but the target is 1.29; raise the "
        "target to 1.31 or later");
  // Fields of other releases are listed for completion, with the target's record first.
  bool found = false;
  for (const ExternalField& field : old.FieldsInAnyRelease(service_spec)) found = found || field.name == "trafficDistribution";
  CHECK(found);
}

TEST_CASE("release phrases read as the history of a name", "[releases]") {
  const schemas::CatalogView& view = Catalog().view();
  auto mask = [](uint32_t first, uint32_t last) {
    ReleaseMask m = 0;
    for (uint32_t r = first; r <= last; ++r) m |= ReleaseMask{1} << r;
    return m;
  };
  CHECK(schemas::ReleasePhrase(view, mask(2, 8)) == "from Kubernetes 1.30 on");
  CHECK(schemas::ReleasePhrase(view, mask(0, 8)) == "in every built-in release");
  CHECK(schemas::ReleasePhrase(view, mask(0, 0)) == "up to Kubernetes 1.28 (removed in 1.29)");
  CHECK(schemas::ReleasePhrase(view, mask(2, 3)) == "in Kubernetes 1.30 to 1.31 (removed in 1.32)");
  CHECK(schemas::ReleasePhrase(view, mask(7, 7)) == "only in Kubernetes 1.35 (removed in 1.36)");
  CHECK(schemas::ReleasePhrase(view, mask(0, 1) | mask(5, 8)) == "in Kubernetes 1.28 to 1.29, 1.33 to 1.36");
  CHECK(schemas::RaiseTargetHint(view, mask(2, 8), mask(1, 1)) == "; raise the target to 1.30 or later");
  CHECK(schemas::RaiseTargetHint(view, mask(0, 3), mask(6, 6)) == "; lower the target to 1.31");
  CHECK(schemas::RaiseTargetHint(view, mask(4, 8), mask(3, 8)) == "; start the target range at 1.32");
  CHECK(schemas::RaiseTargetHint(view, mask(0, 5), mask(3, 8)) == "; end the target range at 1.33");
}

TEST_CASE("a one-document catalog has no releases to choose", "[releases]") {
  DiagnosticSink sink;
  CatalogChoice choice;
  choice.kubernetes_version = "1.99";
  ChosenCatalog chosen = ChooseCatalog(choice, sink);
  CHECK(chosen.catalog == nullptr);
  CHECK_THAT(chosen.error, Catch::Matchers::Contains("--kubernetes-version: unknown Kubernetes version `1.99`"));
  // A flag for one source replaces both settings of the configuration.
  CatalogChoice config{"specs/k8s.json", "1.30", {}};
  CHECK(CatalogChoice::Combine({"", "1.31", {}}, config).schema_file.empty());
  CHECK(CatalogChoice::Combine({"", "", {}}, config).kubernetes_version == "1.30");
}

}  // namespace
}  // namespace mast
