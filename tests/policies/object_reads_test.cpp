// What the cross-object rules read of objects (policies/object_reads.h), and
// objects packed and unpacked (policies/packed_object.h).
#include <filesystem>
#include <fstream>

#include "compiler/emit/yaml_writer.h"
#include "policies/packed_object.h"
#include "policy_test_util.h"

namespace mast {
namespace {

// A linter with the policies of `source` alone.
std::unique_ptr<testing::Linter> CustomLinter(const std::string& source) {
  const std::string file = testing::WriteTestFile("custom.mast", source);
  PolicyOptions options;
  options.builtin = false;
  options.policy_files = {file};
  auto linter = std::make_unique<testing::Linter>(options);
  INFO(linter->Describe(linter->load_diagnostics()));
  REQUIRE(linter->load_diagnostics().empty());
  return linter;
}

std::optional<ObjectReads> ReadsOf(const testing::Linter& linter) {
  std::vector<const PolicyDefinition*> rules;
  for (const RuleInfo& rule : linter.engine().rules()) rules.push_back(&rule.definition);
  return ObjectReads::Of(rules, false);
}

Value ReadObject(SourceManager& sources, const std::string& yaml, const std::string& name = "object.yaml") {
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = ReadYamlStream(sources.Add(name, yaml), yaml, sink);
  REQUIRE(sink.diagnostics().empty());
  REQUIRE(documents.size() == 1);
  return documents[0].value;
}

// Whether two values are the same: kinds, contents, origins and key ranges.
bool Same(const Value& a, const Value& b) {
  if (!(a.origin() == b.origin()) || a.kind() != b.kind()) return false;
  if (a.IsList()) {
    if (a.AsList().size() != b.AsList().size()) return false;
    for (size_t i = 0; i < a.AsList().size(); ++i) {
      if (!Same(a.AsList()[i], b.AsList()[i])) return false;
    }
    return true;
  }
  if (a.IsMap()) {
    if (a.AsMap().size() != b.AsMap().size()) return false;
    for (size_t i = 0; i < a.AsMap().size(); ++i) {
      const MapEntry& x = a.AsMap()[i];
      const MapEntry& y = b.AsMap()[i];
      if (x.key != y.key || !(x.key_range == y.key_range) || !Same(x.value, y.value)) return false;
    }
    return true;
  }
  return a.Equals(b);
}

constexpr const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, labels: {team: a}}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: nginx, ports: [{containerPort: 80}]}
      - {name: sidecar, image: envoy}
)";

TEST_CASE("a projection keeps what the cross-object rules read", "[policies][reads]") {
  auto linter = CustomLinter(R"(policy "lonely-single-replica" {
  description: "a single replica that no Service selects"
  kinds: ["Deployment"]
  violations(object, context):
    let labels = object?.spec?.template?.metadata?.labels ?? {} in
    if object?.spec?.replicas != 1 || len(selectorsMatching(context.objects, "Service", labels, object?.metadata?.namespace)) > 0 then []
    else [for c in containers(object) if c?.ports == null: violation(c, "container `${c.name}` of a lone replica")]
}
)");
  std::optional<ObjectReads> reads = ReadsOf(*linter);
  REQUIRE(reads.has_value());
  SourceManager sources;
  const Value deployment = ReadObject(sources, kDeployment);
  CHECK(WriteYaml(Project(deployment, reads->ForKind("Deployment"))) ==
        // What places a finding raised at the object itself (policies/anchor.h).
        "apiVersion: apps/v1\n"
        "kind: Deployment\n"
        "metadata:\n  name: web\n  namespace: shop\n"
        "spec:\n  replicas: 1\n  template:\n    metadata:\n      labels:\n        app: web\n"
        // A container's fields stay (as stubs): `c.name` is not optional, and
        // the error it gives when the field is missing names the fields there are.
        "    spec:\n      containers:\n      - name: web\n        image: nginx\n        ports:\n        - {}\n"
        "      - name: sidecar\n        image: envoy\n");
  // What the lookup reads of a Service; nothing of other kinds.
  const Value service = ReadObject(sources, "kind: Service\nmetadata: {name: web, labels: {a: b}}\n"
                                            "spec: {selector: {app: web}, ports: [{port: 80}]}\n");
  CHECK(WriteYaml(Project(service, reads->ForKind("Service"))) == "kind: Service\nmetadata: {}\nspec:\n  selector:\n    app: web\n");
  const Value config = ReadObject(sources, "kind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n");
  CHECK(WriteYaml(Project(config, reads->ForKind("ConfigMap"))) == "kind: ConfigMap\n");
  // Origins and key ranges are the whole object's.
  const Value projected = Project(deployment, reads->ForKind("Deployment"));
  CHECK(projected.origin() == deployment.origin());
  const Value& kept = projected.Find("spec")->Find("template")->Find("spec")->Find("containers")->AsList()[1];
  const Value& whole = deployment.Find("spec")->Find("template")->Find("spec")->Find("containers")->AsList()[1];
  CHECK(kept.origin() == whole.origin());
  CHECK(kept.AsMap()[0].key_range == whole.AsMap()[0].key_range);
}

TEST_CASE("the analysis gives up on reads it cannot tell", "[policies][reads]") {
  const std::string head = "policy \"p\" {\n  description: \"d\"\n  violations(object, context): ";
  for (const std::string& body : {
           std::string("if len(context.objects) > 1 then [\"many\"] else []"),  // the objects themselves
           std::string("[for o in context.objects: o.kind]"),
           std::string("objectsWhere(context.objects, \"Service\", object.kind, \"x\")"),  // a path not known
           std::string("count(context.objects, 3)\n}\nfn count(objects: any, n: int): any =\n"
                       "  if n == 0 then [] else count(objects, n - 1)"),  // recursion
       }) {
    auto linter = CustomLinter(head + body + (body.find('}') == std::string::npos ? "\n}\n" : "\n"));
    INFO(body);
    CHECK_FALSE(ReadsOf(*linter).has_value());
  }
  // Helpers that pass the objects on to a lookup are followed.
  auto helper = CustomLinter(head + "services(context.objects, object?.metadata?.namespace)\n}\n"
                             "fn services(objects: any, ns: any): any = objectsWhere(objects, \"Service\", "
                             "\"metadata.namespace\", ns ?? \"\")\n");
  std::optional<ObjectReads> reads = ReadsOf(*helper);
  REQUIRE(reads.has_value());
  REQUIRE(reads->where_paths().size() == 1);
  CHECK(reads->where_paths()[0] == WherePath{"Service", "metadata.namespace"});
}

TEST_CASE("every built-in cross-object rule's reads are known", "[policies][reads]") {
  PolicyOptions every = testing::BuiltinPolicyOptions();
  for (const std::string& id : testing::AllRules().RuleIds()) every.severity[id] = "warning";
  testing::Linter linter(every);
  const std::vector<const PolicyDefinition*> rules = linter.engine().CrossObjectRules({});
  CHECK(rules.size() >= 20);
  CHECK(ObjectReads::Of(rules, true).has_value());
}

TEST_CASE("a packed value unpacks to the same value, origins and all", "[policies][reads]") {
  SourceManager sources;
  sources.Add("first.yaml", "padding");
  const Value value = ReadObject(sources, R"(kind: Mixed
null: ~
yes: true
no: false
int: -9223372036854775807
big: 18446744073709551
float: -0.125
text: "caf\u00e9 \"quoted\"\n"
empty: {}
list: [[], [1, [2, {deep: [x]}]], {}]
"app.kubernetes.io/name": web
)", "second.yaml");
  FieldDemand whole;
  whole.whole = true;
  CHECK(Same(Project(value, whole), value));
  // Values made elsewhere: without origins, and in other files.
  const Value made = Value::Map({{"a", {}, Value::List({Value::Int(1), Value::String("x", {0, 3, 9})})},
                                 {"b", {1, 2, 5}, Value::Float(1e300, {7, 100000, 100004})}});
  CHECK(Same(Project(made, whole), made));
  // Truncated bytes end the value early instead of reading past them.
  PackedKeys keys;
  std::string bytes;
  PackProjection(value, whole, keys, bytes);
  for (size_t size = 0; size < bytes.size(); size += 7) {
    CHECK_NOTHROW(UnpackObject(std::string_view(bytes).substr(0, size), keys));
  }
  // And numbers of keys it does not know read as "".
  CHECK_NOTHROW(UnpackObject(bytes, PackedKeys()));
}

TEST_CASE("objects packed one after another with one demand each get their own projection", "[policies][reads]") {
  // The demands packing joins (a list's elements and a finding's place on
  // the list; a field by name and as any entry; metadata and its name) are
  // made for the first object and kept: every object still gets what it
  // would get packed alone.
  SourceManager sources;
  const Value first = ReadObject(sources, R"(kind: Pod
metadata: { name: a, labels: { x: y } }
spec:
  containers:
  - { name: c1, image: i1, ports: [{ containerPort: 80 }] }
  - { name: c2, image: i2 }
)", "first.yaml");
  const Value second = ReadObject(sources, R"(kind: Pod
metadata: { labels: { z: w }, name: b }
spec:
  volumes: [{ name: v, image: not-asked-for }]
  containers:
  - { image: i3, name: c3 }
)", "second.yaml");
  FieldDemand demand;
  demand.anchor = true;
  FieldDemand& spec = demand.At("spec");
  spec.all_entries = true;
  spec.each = std::make_unique<FieldDemand>();
  spec.each->anchor = true;
  FieldDemand& containers = demand.At("spec.containers");
  containers.anchor = true;
  containers.each = std::make_unique<FieldDemand>();
  containers.each->fields["image"];
  PackedKeys keys;
  MergedDemands merged;
  for (const Value* value : {&first, &second, &first, &second}) {
    std::string together;
    std::string alone;
    PackProjection(*value, demand, keys, together, &merged);
    PackProjection(*value, demand, keys, alone);
    CHECK(together == alone);
    CHECK(Same(UnpackObject(together, keys), Project(*value, demand)));
  }
}

}  // namespace
}  // namespace mast
