// The schema validator on values built in code, the way the evaluator and
// the YAML reader hand them over (with origins and key ranges).
#include <catch2/catch.hpp>

#include "schemas/kube_catalog.h"
#include "schemas_test_util.h"

namespace mast {
namespace {

using testing::Catalog;
using testing::F;
using testing::Obj;

ExternalTypeId Type(std::string_view module, std::string_view name) {
  std::optional<ExternalTypeId> id = Catalog().FindMember(module, name);
  REQUIRE(id.has_value());
  return *id;
}

// Distinct fake ranges, so a test can check where a finding points.
SourceRange At(uint32_t begin) { return SourceRange{1, begin, begin + 1}; }

Value Str(std::string text, SourceRange origin = {}) { return Value::String(std::move(text), origin); }
Value Int(int64_t number, SourceRange origin = {}) { return Value::Int(number, origin); }

Value Container(ValueMap extra = {}) {
  ValueMap entries = {F("name", Str("web")), F("image", Str("nginx:1.25"))};
  for (MapEntry& e : extra) entries.push_back(std::move(e));
  return Obj(std::move(entries));
}

Value PodSpec(Value containers) { return Obj({F("containers", std::move(containers))}); }

Value Deployment(ValueMap spec_extra = {}, Value pod_spec = PodSpec(Value::List({Container()}))) {
  ValueMap spec = {F("selector", Obj({F("matchLabels", Obj({F("app", Str("web"))}))})),
                   F("template", Obj({F("metadata", Obj({F("labels", Obj({F("app", Str("web"))}))})),
                                      F("spec", std::move(pod_spec))}))};
  for (MapEntry& e : spec_extra) spec.push_back(std::move(e));
  return Obj({F("apiVersion", Str("apps/v1")), F("kind", Str("Deployment")),
              F("metadata", Obj({F("name", Str("web"))})), F("spec", Obj(std::move(spec)))});
}

std::vector<Diagnostic> Check(const Value& value, ExternalTypeId type) {
  DiagnosticSink sink;
  Catalog().Validate(value, type, sink);
  return sink.diagnostics();
}

std::vector<Diagnostic> CheckDeployment(const Value& value) { return Check(value, Type("k8s/apps/v1", "Deployment")); }

TEST_CASE("a good Deployment has no findings", "[validate]") {
  const std::vector<Diagnostic> found = CheckDeployment(Deployment({F("replicas", Int(3))}));
  for (const Diagnostic& d : found) INFO(d.message);
  CHECK(found.empty());
}

TEST_CASE("an unknown field is reported at its key with a fix", "[validate]") {
  const std::vector<Diagnostic> found = CheckDeployment(Deployment({F("replica", Int(3), At(40))}));
  REQUIRE(found.size() == 1);
  const Diagnostic& d = found[0];
  CHECK(d.code == DiagnosticCode::E0501);
  CHECK(d.message == "unknown field `replica` in `DeploymentSpec`; did you mean `replicas`?");
  CHECK(d.range == At(40));
  REQUIRE(d.fix.has_value());
  REQUIRE(d.fix->edits.size() == 1);
  CHECK(d.fix->edits[0].range == At(40));
  CHECK(d.fix->edits[0].replacement == "replicas");
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0] == "at `spec.replica`");
}

TEST_CASE("an unknown field is labelled with the key that holds its object", "[validate]") {
  const Value containers = Value::List({Container({F("imagePullPolicyy", Str("Always"), At(90))})});
  const Value deployment = Obj({F("spec",
                                  Obj({F("selector", Obj({})), F("replica", Int(1), At(75)),
                                       F("template", Obj({F("spec", Obj({F("containers", containers, At(85))}))}))}),
                                  At(70))});
  const std::vector<Diagnostic> found = CheckDeployment(deployment);
  REQUIRE(found.size() == 2);
  CHECK(found[0].range == At(75));
  REQUIRE(found[0].labels.size() == 1);
  CHECK(found[0].labels[0].range == At(70));
  CHECK(found[0].labels[0].message == "`spec` has type `DeploymentSpec`");
  CHECK(found[1].range == At(90));
  CHECK(found[1].message == "unknown field `imagePullPolicyy` in `Container`; did you mean `imagePullPolicy`?");
  REQUIRE(found[1].labels.size() == 1);
  CHECK(found[1].labels[0].range == At(85));
  CHECK(found[1].labels[0].message == "items of `containers` have type `Container`");
}

TEST_CASE("an unknown field with no near name has no fix", "[validate]") {
  const std::vector<Diagnostic> found = CheckDeployment(Deployment({F("zzzzzzzz", Int(3), At(40))}));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "unknown field `zzzzzzzz` in `DeploymentSpec`");
  CHECK_FALSE(found[0].fix.has_value());
}

TEST_CASE("a quoted number for an integer field", "[validate]") {
  const std::vector<Diagnostic> found = CheckDeployment(Deployment({F("replicas", Str("3", At(7)))}));
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == DiagnosticCode::E0502);
  CHECK(found[0].range == At(7));
  CHECK(found[0].message == "expected integer, found string \"3\"; write it without quotes");
}

TEST_CASE("integral floats decode as integers; fractions do not", "[validate]") {
  CHECK(CheckDeployment(Deployment({F("replicas", Value::Float(3.0))})).empty());
  const std::vector<Diagnostic> found = CheckDeployment(Deployment({F("replicas", Value::Float(2.5))}));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "expected integer, found number 2.5");
}

TEST_CASE("int32 overflow", "[validate]") {
  const std::vector<Diagnostic> found = CheckDeployment(Deployment({F("replicas", Int(3000000000, At(9)))}));
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == DiagnosticCode::E0505);
  CHECK(found[0].range == At(9));
  CHECK(found[0].message == "integer 3000000000 is out of range for int32; the range is -2147483648 to 2147483647");
  CHECK(CheckDeployment(Deployment({F("replicas", Int(2147483647))})).empty());
  CHECK(CheckDeployment(Deployment({F("replicas", Value::Float(1e20))})).size() == 1);
}

TEST_CASE("a missing required field is reported at the object", "[validate]") {
  const Value pod_spec = Obj({F("restartPolicy", Str("Always"))}, At(20));
  const std::vector<Diagnostic> found = CheckDeployment(Deployment({}, pod_spec));
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == DiagnosticCode::E0503);
  CHECK(found[0].message == "missing required field `containers` in `PodSpec`");
  CHECK(found[0].range == At(20));
  REQUIRE(found[0].notes.size() == 1);
  CHECK(found[0].notes[0] == "at `spec.template.spec`");
}

TEST_CASE("null is unset: fine when optional, missing when required", "[validate]") {
  CHECK(CheckDeployment(Deployment({F("replicas", Value::Null()), F("strategy", Value::Null())})).empty());
  const std::vector<Diagnostic> found = CheckDeployment(Deployment({}, PodSpec(Value::Null(At(5)))));
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == DiagnosticCode::E0503);
  CHECK(found[0].message == "required field `containers` in `PodSpec` is null; give it a value");
  CHECK(found[0].range == At(5));
}

TEST_CASE("findings inside lists carry the path", "[validate]") {
  const Value containers = Value::List({Container(), Obj({F("name", Str("side")), F("image", Int(5, At(3)))})});
  const std::vector<Diagnostic> found = CheckDeployment(Deployment({}, PodSpec(containers)));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "expected string, found integer 5; quote it to keep it a string");
  CHECK(found[0].notes.at(0) == "at `spec.template.spec.containers[1].image`");
}

TEST_CASE("an integer where a string belongs mentions octal only when its text was not its decimal form",
          "[validate]") {
  // `0755` (four bytes) read as 493 by YAML 1.1; `8080` written as itself.
  const Value octal = Obj({F("name", Str("c")), F("image", Int(493, SourceRange{1, 10, 14}))});
  const Value plain = Obj({F("name", Str("c")), F("image", Int(8080, SourceRange{1, 20, 24}))});
  const std::vector<Diagnostic> found = CheckDeployment(Deployment({}, PodSpec(Value::List({octal, plain}))));
  REQUIRE(found.size() == 2);
  CHECK(found[0].message ==
        "expected string, found integer 493; quote it: YAML 1.1 also reads a leading zero like `0123` as an octal number");
  CHECK(found[1].message == "expected string, found integer 8080; quote it to keep it a string");
}

TEST_CASE("an object where a list is expected", "[validate]") {
  const std::vector<Diagnostic> found = CheckDeployment(Deployment({}, PodSpec(Container())));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "expected list, found object; wrap it in a list");
}

TEST_CASE("a boolean where a string is expected hints at YAML 1.1", "[validate]") {
  const Value env = Value::List({Obj({F("name", Str("DEBUG")), F("value", Value::Bool(true, At(11)))})});
  const std::vector<Diagnostic> found =
      CheckDeployment(Deployment({}, PodSpec(Value::List({Container({F("env", env)})}))));
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == DiagnosticCode::E0502);
  CHECK(found[0].range == At(11));
  CHECK(found[0].message ==
        "expected string, found boolean true; quote it: YAML 1.1 reads unquoted yes/no/on/off/true/false as booleans");
}

TEST_CASE("a string where an object is expected names the type", "[validate]") {
  const std::vector<Diagnostic> found = CheckDeployment(Deployment({F("strategy", Str("Recreate"))}));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "expected object `DeploymentStrategy`, found string \"Recreate\"");
}

Value WithResources(Value limits) {
  return Deployment({}, PodSpec(Value::List({Container({F("resources", Obj({F("limits", std::move(limits))}))})})));
}

TEST_CASE("quantities", "[validate]") {
  CHECK(CheckDeployment(WithResources(Obj({F("cpu", Str("500m")), F("memory", Str("128Mi"))}))).empty());
  CHECK(CheckDeployment(WithResources(Obj({F("cpu", Int(2)), F("memory", Value::Float(1.5))}))).empty());

  std::vector<Diagnostic> found = CheckDeployment(WithResources(Obj({F("memory", Str("128MB", At(30)))})));
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == DiagnosticCode::E0504);
  CHECK(found[0].range == At(30));
  CHECK(found[0].message == "`128MB` is not a valid quantity; did you mean `128M` or `128Mi`?");

  found = CheckDeployment(WithResources(Obj({F("cpu", Str("lots"))})));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message ==
        "`lots` is not a valid quantity; write a number with an optional suffix, like `500m`, `128Mi` or `2G`");

  found = CheckDeployment(WithResources(Obj({F("cpu", Value::Bool(true))})));
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == DiagnosticCode::E0502);
  CHECK(found[0].message == "expected quantity, found boolean true");
}

Value ServiceWithTargetPort(Value target_port) {
  return Obj({F("apiVersion", Str("v1")), F("kind", Str("Service")),
              F("spec",
                Obj({F("ports", Value::List({Obj({F("port", Int(80)), F("targetPort", std::move(target_port))})}))}))});
}

TEST_CASE("int-or-string accepts both", "[validate]") {
  const ExternalTypeId service = Type("k8s/core/v1", "Service");
  CHECK(Check(ServiceWithTargetPort(Int(8080)), service).empty());
  CHECK(Check(ServiceWithTargetPort(Str("http")), service).empty());
  std::vector<Diagnostic> found = Check(ServiceWithTargetPort(Value::Bool(false)), service);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "expected integer or string, found boolean false");
  found = Check(ServiceWithTargetPort(Int(1LL << 40)), service);
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == DiagnosticCode::E0505);
}

TEST_CASE("labels are a map of strings", "[validate]") {
  const ExternalTypeId meta = Type("k8s/meta/v1", "ObjectMeta");
  CHECK(Check(Obj({F("labels", Obj({F("app", Str("web")), F("tier", Str("front"))}))}), meta).empty());
  std::vector<Diagnostic> found = Check(Obj({F("labels", Obj({F("version", Value::Float(1.1, At(3)))}))}), meta);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "expected string, found number 1.1; quote it to keep it a string, e.g. `\"1.10\"`");
  CHECK(found[0].notes.at(0) == "at `labels.version`");
  found = Check(Obj({F("labels", Value::List({}))}), meta);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "expected map, found list");
}

TEST_CASE("free-form fields accept anything", "[validate]") {
  // ControllerRevision.data is a RawExtension; JSONSchemaProps.default is JSON.
  const Value anything = Obj({F("x", Value::List({Int(1), Str("two"), Obj({F("deep", Value::Bool(true))})}))});
  CHECK(Check(Obj({F("revision", Int(1)), F("data", anything)}), Type("k8s/apps/v1", "ControllerRevision")).empty());
  CHECK(Check(Obj({F("default", anything)}), Type("k8s/apiextensions/v1", "JSONSchemaProps")).empty());
  CHECK(Check(Obj({F("default", Int(3))}), Type("k8s/apiextensions/v1", "JSONSchemaProps")).empty());
}

TEST_CASE("formats: date-time and base64", "[validate]") {
  const ExternalTypeId meta = Type("k8s/meta/v1", "ObjectMeta");
  CHECK(Check(Obj({F("creationTimestamp", Str("2024-01-31T12:00:00Z"))}), meta).empty());
  std::vector<Diagnostic> found = Check(Obj({F("creationTimestamp", Str("2024-01-31"))}), meta);
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == DiagnosticCode::E0505);
  CHECK(found[0].message == "`2024-01-31` is not an RFC 3339 date-time; write it like `2024-01-31T12:00:00Z`");

  const ExternalTypeId secret = Type("k8s/core/v1", "Secret");
  CHECK(Check(Obj({F("data", Obj({F("password", Str("aHVudGVyMg=="))}))}), secret).empty());
  found = Check(Obj({F("data", Obj({F("password", Str("hunter2"))}))}), secret);
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == DiagnosticCode::E0505);
  CHECK(found[0].message == "`hunter2` is not valid base64; encode it (a Secret takes plain text under `stringData`)");
}

TEST_CASE("apiVersion and kind must name the resource", "[validate]") {
  Value wrong_kind = Obj({F("apiVersion", Str("apps/v1")), F("kind", Str("Service", At(2)))});
  std::vector<Diagnostic> found = CheckDeployment(wrong_kind);
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == DiagnosticCode::E0502);
  CHECK(found[0].range == At(2));
  CHECK(found[0].message == "expected kind `Deployment`, found `Service`");

  Value wrong_api = Obj({F("apiVersion", Str("apps/v1beta1", At(4))), F("kind", Str("Deployment"))});
  found = CheckDeployment(wrong_api);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == At(4));
  CHECK(found[0].message == "expected apiVersion `apps/v1` for kind `Deployment`, found `apps/v1beta1`");

  // Resources served under many groups accept each of them.
  CHECK(Check(Obj({F("apiVersion", Str("apps/v1")), F("kind", Str("DeleteOptions"))}),
              Type("k8s/meta/v1", "DeleteOptions"))
            .empty());
}

TEST_CASE("origins fall back to the nearest enclosing value", "[validate]") {
  const Value spec = Obj({F("replicas", Str("x"))}, At(50));
  const std::vector<Diagnostic> found = Check(spec, Type("k8s/apps/v1", "DeploymentSpec"));
  REQUIRE(found.size() >= 1);
  for (const Diagnostic& d : found) CHECK(d.range == At(50));
}

TEST_CASE("plain YAML objects are checked against their kind", "[validate]") {
  DiagnosticSink sink;
  std::optional<ExternalTypeId> type = Catalog().ValidateResource(Deployment({F("replicas", Int(2))}), sink);
  CHECK(type == Type("k8s/apps/v1", "Deployment"));
  CHECK(sink.empty());

  sink = DiagnosticSink();
  type = Catalog().ValidateResource(Obj({F("apiVersion", Str("apps/v1")), F("kind", Str("Deploymnt", At(6)))}), sink);
  CHECK_FALSE(type.has_value());
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0506);
  CHECK(sink.diagnostics()[0].range == At(6));
  CHECK(sink.diagnostics()[0].message == "unknown kind `Deploymnt` in `apps/v1`; did you mean `Deployment`?");

  sink = DiagnosticSink();
  Catalog().ValidateResource(Obj({F("apiVersion", Str("apps/v1beta2", At(8))), F("kind", Str("Deployment"))}), sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].range == At(8));
  CHECK(sink.diagnostics()[0].message ==
        "unknown apiVersion `apps/v1beta2` for kind `Deployment`; did you mean `apps/v1`?");

  sink = DiagnosticSink();
  Catalog().ValidateResource(Obj({F("apiVersion", Str("cert-manager.io/v1")), F("kind", Str("Certificate"))}), sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].message ==
        "unknown apiVersion `cert-manager.io/v1`; if `Certificate` is a custom resource, pass its schema with "
        "`--schema`");

  sink = DiagnosticSink();
  Catalog().ValidateResource(Obj({F("kind", Str("Pod"))}, At(1)), sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0503);
  CHECK(sink.diagnostics()[0].range == At(1));
}

TEST_CASE("a suggestion is never a field the object already sets", "[validate][spelling]") {
  DiagnosticSink sink;
  Catalog().Validate(Container({F("imagePullPolicy", Str("Always")), F("imagePullPolicyy", Str("Always"), At(5))}),
                     Type("k8s/core/v1", "Container"), sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].message == "unknown field `imagePullPolicyy` in `Container`");
  CHECK_FALSE(sink.diagnostics()[0].fix.has_value());

  sink = DiagnosticSink();
  Catalog().Validate(Container({F("imagePullPolicyy", Str("Always"), At(5))}), Type("k8s/core/v1", "Container"), sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].message == "unknown field `imagePullPolicyy` in `Container`; did you mean `imagePullPolicy`?");
  REQUIRE(sink.diagnostics()[0].fix.has_value());
}

TEST_CASE("a field of another release is explained, not corrected", "[validate][releases]") {
  std::string error;
  const KubeCatalog& old = Catalog().WithTarget(*Catalog().ParseTarget("1.28", &error));
  DiagnosticSink sink;
  const Value sleep_hook = Obj({F("preStop", Obj({F("sleep", Obj({F("seconds", Int(5))}), At(3))}))});
  old.Validate(Container({F("lifecycle", sleep_hook)}), Type("k8s/core/v1", "Container"), sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].code == DiagnosticCode::E0507);
  CHECK(sink.diagnostics()[0].range == At(3));
  CHECK(sink.diagnostics()[0].message ==
        "`sleep` is a field of `LifecycleHandler` from Kubernetes 1.29 on, but the target is 1.28; raise the target "
        "to 1.29 or later, or remove the field");
  CHECK_FALSE(sink.diagnostics()[0].fix.has_value());

  // A native sidecar is valid on every built-in release.
  sink = DiagnosticSink();
  old.Validate(Container({F("restartPolicy", Str("Always"))}), Type("k8s/core/v1", "Container"), sink);
  CHECK(sink.empty());
}

}  // namespace
}  // namespace mast
