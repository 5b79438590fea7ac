// FromOpenApi: catalogs converted at run time from OpenAPI 3 and Swagger 2.
#include <catch2/catch.hpp>

#include "schemas/kube_catalog.h"
#include "schemas/openapi/openapi_convert.h"
#include "schemas_test_util.h"

namespace mast {
namespace {

using testing::Catalog;
using testing::F;
using testing::Obj;

// A CRD-like OpenAPI 3 document: a resource with an inline object, an
// open object, a free-form field, a map, int-or-string and a quantity.
constexpr std::string_view kOpenApi3 = R"json({
  "openapi": "3.0.0",
  "components": {"schemas": {
    "com.example.stable.v1.CronTab": {
      "type": "object",
      "description": "A cron tab.",
      "x-kubernetes-group-version-kind": [{"group": "stable.example.com", "version": "v1", "kind": "CronTab"}],
      "required": ["spec"],
      "properties": {
        "apiVersion": {"type": "string"},
        "kind": {"type": "string"},
        "spec": {"$ref": "#/components/schemas/com.example.stable.v1.CronTabSpec"}
      }
    },
    "com.example.stable.v1.CronTabSpec": {
      "type": "object",
      "required": ["cronSpec"],
      "properties": {
        "cronSpec": {"type": "string", "description": "When to run."},
        "replicas": {"type": "integer", "format": "int32"},
        "port": {"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}]},
        "memory": {"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity"},
        "options": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
        "tuning": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
                   "properties": {"level": {"type": "integer"}}},
        "schedule": {"type": "object", "properties": {"zone": {"type": "string"}, "hour": {"type": "integer"}},
                     "required": ["hour"]},
        "env": {"type": "object", "additionalProperties": {"type": "string"}},
        "steps": {"type": "array", "items": {"type": "object", "properties": {"run": {"type": "string"}}}},
        "extra": {"allOf": [{"$ref": "#/components/schemas/com.example.stable.v1.Extra"}],
                  "description": "Extra settings."}
      }
    },
    "com.example.stable.v1.Extra": {"type": "object", "description": "Extra.",
                                    "properties": {"on": {"type": "boolean"}}},
    "io.k8s.apimachinery.pkg.api.resource.Quantity": {"type": "string"}
  }}
})json";

constexpr std::string_view kSwagger2 = R"json({
  "swagger": "2.0",
  "definitions": {
    "io.k8s.api.core.v1.ConfigMap": {
      "type": "object",
      "x-kubernetes-group-version-kind": [{"group": "", "version": "v1", "kind": "ConfigMap"}],
      "properties": {
        "apiVersion": {"type": "string"},
        "kind": {"type": "string"},
        "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
        "data": {"type": "object", "additionalProperties": {"type": "string"}},
        "binaryData": {"type": "object", "additionalProperties": {"type": "string", "format": "byte"}}
      }
    },
    "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {
      "type": "object",
      "description": "Standard object metadata.",
      "properties": {"name": {"type": "string"}, "missing": {"$ref": "#/definitions/does.not.Exist"}}
    }
  }
})json";

std::unique_ptr<KubeCatalog> Load(std::string_view text) {
  std::string error;
  std::unique_ptr<KubeCatalog> catalog = KubeCatalog::FromOpenApi(text, &error);
  INFO(error);
  REQUIRE(catalog != nullptr);
  return catalog;
}

std::vector<std::string> Messages(const KubeCatalog& catalog, const Value& value, ExternalTypeId type) {
  DiagnosticSink sink;
  catalog.Validate(value, type, sink);
  std::vector<std::string> messages;
  for (const Diagnostic& d : sink.diagnostics()) messages.push_back(d.message);
  return messages;
}

TEST_CASE("an OpenAPI 3 document converts", "[openapi]") {
  std::unique_ptr<KubeCatalog> catalog = Load(kOpenApi3);
  CHECK(catalog->HasModule("k8s/stable/v1"));
  CHECK(catalog->HasModule("k8s/stable.example.com/v1"));
  CHECK(catalog->HasModule("k8s/resource"));
  const std::optional<ExternalTypeId> cron_tab = catalog->FindMember("k8s/stable/v1", "CronTab");
  REQUIRE(cron_tab.has_value());
  CHECK(catalog->FindResource("stable.example.com/v1", "CronTab") == cron_tab);
  REQUIRE(catalog->ResourceKind(*cron_tab).has_value());
  CHECK(catalog->ResourceKind(*cron_tab)->api_version == "stable.example.com/v1");
  CHECK(catalog->Description(*cron_tab) == "A cron tab.");

  const ExternalTypeId spec = *catalog->FindMember("k8s/stable/v1", "CronTabSpec");
  auto kind_of = [&](std::string_view field) { return catalog->KindOf(catalog->FindField(spec, field)->type); };
  CHECK(kind_of("port") == ExternalKind::kIntOrString);
  CHECK(kind_of("memory") == ExternalKind::kQuantity);
  CHECK(kind_of("options") == ExternalKind::kAny);
  CHECK(kind_of("tuning") == ExternalKind::kObject);
  CHECK(kind_of("schedule") == ExternalKind::kObject);
  CHECK(kind_of("env") == ExternalKind::kMap);
  CHECK(kind_of("steps") == ExternalKind::kList);
  CHECK(kind_of("extra") == ExternalKind::kObject);
  CHECK(catalog->FindField(spec, "cronSpec")->required);
  CHECK(catalog->FieldDescription(spec, "cronSpec") == "When to run.");
  CHECK(catalog->FieldDescription(spec, "extra") == "Extra settings.");
  CHECK(catalog->TypeName(catalog->FindField(spec, "schedule")->type) == "CronTabSpec.schedule");
  CHECK(catalog->TypeName(catalog->FindField(spec, "env")->type) == "map[string]string");
  CHECK(catalog->warnings().empty());
}

// Merge keys come from x-kubernetes-list-map-keys, else from the patch merge
// key of a list whose patch strategy merges; the same item type in a keyed
// and a plain list gives two list types.
TEST_CASE("lists convert with their merge keys", "[openapi]") {
  constexpr std::string_view kLists = R"json({
    "openapi": "3.0.0",
    "components": {"schemas": {
      "com.example.v1.Port": {"type": "object", "properties": {"port": {"type": "integer"}, "protocol": {"type": "string"}}},
      "com.example.v1.Spec": {"type": "object", "properties": {
        "byMapKeys": {"type": "array", "items": {"$ref": "#/components/schemas/com.example.v1.Port"},
                      "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["port", "protocol"],
                      "x-kubernetes-patch-merge-key": "port", "x-kubernetes-patch-strategy": "merge"},
        "byPatchKey": {"type": "array", "items": {"$ref": "#/components/schemas/com.example.v1.Port"},
                       "x-kubernetes-patch-merge-key": "port", "x-kubernetes-patch-strategy": "merge,retainKeys"},
        "atomic": {"type": "array", "items": {"$ref": "#/components/schemas/com.example.v1.Port"},
                   "x-kubernetes-list-type": "atomic"},
        "replaced": {"type": "array", "items": {"$ref": "#/components/schemas/com.example.v1.Port"},
                     "x-kubernetes-patch-merge-key": "port", "x-kubernetes-patch-strategy": "replace"},
        "comma": {"type": "array", "items": {"$ref": "#/components/schemas/com.example.v1.Port"},
                  "x-kubernetes-list-map-keys": ["a,b"]},
        "set": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "set",
                "x-kubernetes-patch-strategy": "merge"}
      }}
    }}
  })json";
  std::unique_ptr<KubeCatalog> catalog = Load(kLists);
  const ExternalTypeId spec = *catalog->FindMember("k8s/example/v1", "Spec");
  auto keys_of = [&](std::string_view field) {
    std::vector<std::string_view> keys = catalog->MergeKeys(catalog->FindField(spec, field)->type);
    return std::vector<std::string>(keys.begin(), keys.end());
  };
  using Keys = std::vector<std::string>;
  CHECK(keys_of("byMapKeys") == Keys{"port", "protocol"});
  CHECK(keys_of("byPatchKey") == Keys{"port"});
  CHECK(keys_of("atomic").empty());
  CHECK(keys_of("replaced").empty());
  CHECK(keys_of("comma").empty());
  CHECK(keys_of("set").empty());
  const ExternalTypeId keyed = catalog->FindField(spec, "byPatchKey")->type;
  const ExternalTypeId plain = catalog->FindField(spec, "atomic")->type;
  CHECK(keyed != plain);
  CHECK(catalog->TypeName(keyed) == catalog->TypeName(plain));
  CHECK(catalog->ElementType(keyed) == catalog->ElementType(plain));
}

TEST_CASE("an OpenAPI 3 catalog validates like the embedded one", "[openapi]") {
  std::unique_ptr<KubeCatalog> catalog = Load(kOpenApi3);
  const ExternalTypeId cron_tab = *catalog->FindMember("k8s/stable/v1", "CronTab");
  const Value good =
      Obj({F("apiVersion", Value::String("stable.example.com/v1")), F("kind", Value::String("CronTab")),
           F("spec",
             Obj({F("cronSpec", Value::String("* * * * *")), F("port", Value::String("http")),
                  F("memory", Value::String("1Gi")), F("options", Obj({F("anything", Value::List({Value::Int(1)}))})),
                  F("tuning", Obj({F("level", Value::Int(2)), F("unknown", Value::Int(1))})),
                  F("schedule", Obj({F("hour", Value::Int(3))})), F("env", Obj({F("A", Value::String("b"))})),
                  F("steps", Value::List({Obj({F("run", Value::String("x"))})}))}))});
  CHECK(Messages(*catalog, good, cron_tab).empty());

  const Value bad = Obj({F("spec", Obj({F("cronSpec", Value::String("x")), F("memory", Value::String("1GB")),
                                        F("tuning", Obj({F("level", Value::String("high"))})),
                                        F("schedule", Obj({F("zone", Value::String("UTC"))})),
                                        F("steps", Value::List({Obj({F("rn", Value::String("x"))})}))}))});
  const std::vector<std::string> messages = Messages(*catalog, bad, cron_tab);
  CHECK(messages == std::vector<std::string>{
                        "`1GB` is not a valid quantity; did you mean `1G` or `1Gi`?",
                        "expected integer, found string \"high\"",
                        "missing required field `hour` in `CronTabSpec.schedule`",
                        "unknown field `rn` in `CronTabSpec.steps[]`; did you mean `run`?",
                    });
}

TEST_CASE("a Swagger 2 document converts", "[openapi]") {
  std::unique_ptr<KubeCatalog> catalog = Load(kSwagger2);
  const std::optional<ExternalTypeId> config_map = catalog->FindMember("k8s/core/v1", "ConfigMap");
  REQUIRE(config_map.has_value());
  CHECK(catalog->FindResource("v1", "ConfigMap") == config_map);
  CHECK(catalog->ResourceKind(*config_map)->api_version == "v1");
  const std::optional<ExternalField> metadata = catalog->FindField(*config_map, "metadata");
  REQUIRE(metadata.has_value());
  CHECK(metadata->type == catalog->FindMember("k8s/meta/v1", "ObjectMeta"));
  CHECK(catalog->FieldDescription(*config_map, "metadata") == "Standard object metadata.");
  // The dangling $ref became "any" and was reported.
  REQUIRE(catalog->warnings().size() == 1);
  CHECK(catalog->warnings()[0] == "cannot resolve `#/definitions/does.not.Exist`; it accepts any value");

  const Value value = Obj(
      {F("metadata", Obj({F("name", Value::Int(1))})), F("binaryData", Obj({F("blob", Value::String("not base64"))}))});
  const std::vector<std::string> messages = Messages(*catalog, value, *config_map);
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].rfind("expected string, found integer 1", 0) == 0);
  CHECK(messages[1].rfind("`not base64` is not valid base64", 0) == 0);
}

TEST_CASE("documents that are not OpenAPI are rejected with a reason", "[openapi]") {
  std::string error;
  CHECK(KubeCatalog::FromOpenApi("{not json", &error) == nullptr);
  CHECK(error == "the schema file is not valid JSON");
  CHECK(KubeCatalog::FromOpenApi("[1, 2]", &error) == nullptr);
  CHECK(error == "the schema file is not a JSON object");
  CHECK(KubeCatalog::FromOpenApi(R"({"openapi": "3.0.0", "paths": {}})", &error) == nullptr);
  CHECK(error == "the schema file has neither `components.schemas` (OpenAPI 3) nor `definitions` (Swagger 2)");
  CHECK(KubeCatalog::FromOpenApi(R"({"definitions": {}})", &error) == nullptr);
  CHECK(error == "the schema file defines no schemas");
  CHECK(KubeCatalog::FromBytes("short", &error) == nullptr);
  CHECK(error == "catalog is shorter than its header");
}

TEST_CASE("definition names map to module paths", "[openapi]") {
  using schemas::ModuleAndMemberOf;
  using Pair = std::pair<std::string, std::string>;
  CHECK(ModuleAndMemberOf("io.k8s.api.apps.v1.Deployment") == Pair{"k8s/apps/v1", "Deployment"});
  CHECK(ModuleAndMemberOf("io.k8s.api.core.v1.Pod") == Pair{"k8s/core/v1", "Pod"});
  CHECK(ModuleAndMemberOf("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta") == Pair{"k8s/meta/v1", "ObjectMeta"});
  CHECK(ModuleAndMemberOf("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON") ==
        Pair{"k8s/apiextensions/v1", "JSON"});
  CHECK(ModuleAndMemberOf("io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService") ==
        Pair{"k8s/apiregistration/v1", "APIService"});
  CHECK(ModuleAndMemberOf("io.k8s.api.flowcontrol.v1beta3.FlowSchema") ==
        Pair{"k8s/flowcontrol/v1beta3", "FlowSchema"});
  CHECK(ModuleAndMemberOf("io.k8s.apimachinery.pkg.api.resource.Quantity") == Pair{"k8s/resource", "Quantity"});
  CHECK(ModuleAndMemberOf("v1.Pod") == Pair{"k8s/v1", "Pod"});
  CHECK(ModuleAndMemberOf("Pod") == Pair{"k8s/unversioned", "Pod"});
}

TEST_CASE("the embedded catalog is complete", "[openapi]") {
  // About 550 definitions plus synthesized list, map and scalar types.
  const KubeCatalog& embedded = KubeCatalog::Embedded();
  CHECK(embedded.TypeCount() > 700);
  CHECK(embedded.warnings().empty());
}

}  // namespace
}  // namespace mast
