// The building blocks of the server-side rules (exact quantities, cron
// schedules, name syntaxes) and the rule options, tested directly.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "compiler/yaml/yaml_reader.h"
#include "schemas/rules/cron_schedule.h"
#include "schemas/rules/exact_quantity.h"
#include "schemas/rules/server_rules.h"
#include "schemas/rules/syntax.h"

namespace mast::rules {
namespace {

std::optional<int> Compare(std::string_view a, std::string_view b) {
  const std::optional<ExactQuantity> x = ParseExactQuantity(a);
  const std::optional<ExactQuantity> y = ParseExactQuantity(b);
  REQUIRE(x.has_value());
  REQUIRE(y.has_value());
  const std::optional<int> order = CompareQuantities(*x, *y);
  if (!order) return std::nullopt;
  return *order < 0 ? -1 : (*order > 0 ? 1 : 0);
}

bool Whole(std::string_view text) {
  const std::optional<ExactQuantity> q = ParseExactQuantity(text);
  REQUIRE(q.has_value());
  return IsWholeNumber(*q);
}

TEST_CASE("quantities compare exactly across suffixes", "[rules][quantity]") {
  CHECK(Compare("1Gi", "1G") == 1);
  CHECK(Compare("500m", "0.5") == 0);
  CHECK(Compare("1e3", "1k") == 0);
  CHECK(Compare("2", "1500m") == 1);
  CHECK(Compare("1Ki", "1024") == 0);
  CHECK(Compare("0.1Gi", "107374182.4") == 0);
  CHECK(Compare("1E", "1000P") == 0);
  CHECK(Compare("1Ei", "1E") == 1);
  CHECK(Compare("100n", ".0000001") == 0);
  CHECK(Compare("-1", "0") == -1);
  CHECK(Compare("-0", "+0.000") == 0);
  CHECK(Compare("-2Gi", "-1Gi") == -1);
  CHECK(Compare("128974848", "129e6") == -1);
  CHECK(Compare("129M", "123Mi") == 1);
  CHECK(Compare("1e100", "1") == 1);
  CHECK(Compare("00012.5000m", "0.0125") == 0);
  CHECK_FALSE(ParseExactQuantity("1MB").has_value());
  CHECK_FALSE(ParseExactQuantity("Mi").has_value());
  CHECK_FALSE(ParseExactQuantity("1e").has_value());
  CHECK_FALSE(ParseExactQuantity(" 1").has_value());
}

TEST_CASE("whole numbers are told apart from fractions", "[rules][quantity]") {
  CHECK(Whole("2000m"));
  CHECK(Whole("0.5Ki"));
  CHECK(Whole("1e1"));
  CHECK(Whole("3"));
  CHECK(Whole("0"));
  CHECK_FALSE(Whole("500m"));
  CHECK_FALSE(Whole("1.5"));
  CHECK_FALSE(Whole("1e-3"));
  CHECK_FALSE(Whole("1n"));
}

TEST_CASE("YAML numbers are quantities too", "[rules][quantity]") {
  const std::optional<ExactQuantity> integer = QuantityOf(Value::Int(2));
  const std::optional<ExactQuantity> real = QuantityOf(Value::Float(0.5));
  REQUIRE(integer.has_value());
  REQUIRE(real.has_value());
  CHECK(CompareQuantities(*real, *ParseExactQuantity("500m")) == 0);
  CHECK(CompareQuantities(*integer, *ParseExactQuantity("2000m")) == 0);
  CHECK_FALSE(QuantityOf(Value::Bool(true)).has_value());
}

TEST_CASE("cron schedules parse like robfig/cron's ParseStandard", "[rules][cron]") {
  for (const char* schedule : {"* * * * *",        "*/5 * * * *",
                               "0 0 1 1 *",        "0 9-17/2 * * mon-fri",
                               "0 0 1,15 * *",     "0 0 * JAN,jul SUN",
                               "5 4 ? * *",        "0 0 * * 0",
                               "0 0 * * 6",        "59 23 31 12 6",
                               "5/15 * * * *",     "*-5 * * * *",
                               "1,,2 * * * *",     "+5 * * * *",
                               "@yearly",          "@annually",
                               "@monthly",         "@weekly",
                               "@daily",           "@midnight",
                               "@hourly",          "@every 1h30m",
                               "@every 90s",       "@every 1.5h",
                               "TZ=UTC 0 0 * * *", "CRON_TZ=Europe/Berlin @daily",
                               "  0 0 * * *  "}) {
    INFO(schedule);
    CHECK(CronScheduleProblem(schedule).empty());
  }
  for (const char* schedule :
       {"",           "* * * *",   "0 0 * * * *",     "60 * * * *",  "* 24 * * *",  "* * 0 * *",     "* * 32 * *",
        "* * * 13 *", "* * * * 7", "* * * jan-foo *", "5-1 * * * *", "*/0 * * * *", "1-2-3 * * * *", "1/2/3 * * * *",
        "-1 * * * *", "L * * * *", "@fortnightly",    "@every",      "@every 5",    "@every 5x",     "@daily ",
        " @daily",    "TZ=UTC"}) {
    INFO(schedule);
    CHECK_FALSE(CronScheduleProblem(schedule).empty());
  }
  CHECK(CronScheduleProblem("0 24 * * *") == "24 is above the maximum 23 in hour `24` (allowed: 0-23)");
  CHECK(CronScheduleProblem("5-1 * * * *") == "the range starts after it ends in minute `5-1`");
}

TEST_CASE("name syntaxes follow IsDNS1123Subdomain, IsDNS1123Label and IsDNS1035Label", "[rules][syntax]") {
  CHECK(NameProblem("my-app.v2", NameSyntax::kDnsSubdomain).empty());
  CHECK(NameProblem("0abc", NameSyntax::kDnsSubdomain).empty());
  CHECK_FALSE(NameProblem("a..b", NameSyntax::kDnsSubdomain).empty());
  CHECK_FALSE(NameProblem("a.-b", NameSyntax::kDnsSubdomain).empty());
  CHECK_FALSE(NameProblem("", NameSyntax::kDnsSubdomain).empty());
  CHECK_FALSE(NameProblem(std::string(254, 'a'), NameSyntax::kDnsSubdomain).empty());
  CHECK(NameProblem(std::string(253, 'a'), NameSyntax::kDnsSubdomain).empty());
  CHECK(NameProblem("team-a", NameSyntax::kDnsLabel).empty());
  CHECK(NameProblem("a.b", NameSyntax::kDnsLabel) == "a DNS-1123 label may not contain '.'");
  CHECK_FALSE(NameProblem(std::string(64, 'a'), NameSyntax::kDnsLabel).empty());
  CHECK(NameProblem("web-1", NameSyntax::kDns1035Label).empty());
  CHECK_FALSE(NameProblem("1web", NameSyntax::kDns1035Label).empty());
  CHECK(NameProblem("system:controller:x", NameSyntax::kPathSegment).empty());
  CHECK_FALSE(NameProblem("..", NameSyntax::kPathSegment).empty());
  CHECK_FALSE(NameProblem("a%2f", NameSyntax::kPathSegment).empty());
  // generateName: the trailing '-' is completed by random characters.
  CHECK(NameProblem("web-", NameSyntax::kDnsSubdomain, true).empty());
  CHECK_FALSE(NameProblem("web-", NameSyntax::kDnsSubdomain, false).empty());
  CHECK(SuggestName("My_App", NameSyntax::kDnsSubdomain) == "my-app");
  CHECK(SuggestName("a..b", NameSyntax::kDnsSubdomain) == "a.b");
  CHECK(SuggestName("1st", NameSyntax::kDns1035Label).empty());
  CHECK(SuggestName(std::string(70, 'a'), NameSyntax::kDnsLabel).empty());
}

TEST_CASE("keys, values and port names follow their syntaxes", "[rules][syntax]") {
  CHECK(QualifiedNameProblem("app.kubernetes.io/name").empty());
  CHECK(QualifiedNameProblem("My_Key.v1").empty());
  CHECK_FALSE(QualifiedNameProblem("a/b/c").empty());
  CHECK_FALSE(QualifiedNameProblem("/name").empty());
  CHECK_FALSE(QualifiedNameProblem("example.com/").empty());
  CHECK_FALSE(QualifiedNameProblem("Example.com/name").empty());
  CHECK_FALSE(QualifiedNameProblem(std::string(64, 'k')).empty());
  CHECK(LabelValueProblem("").empty());
  CHECK(LabelValueProblem("v1.2_beta-3").empty());
  CHECK_FALSE(LabelValueProblem("-v1").empty());
  CHECK_FALSE(LabelValueProblem(std::string(64, 'v')).empty());
  CHECK(PortNameProblem("http-2").empty());
  CHECK_FALSE(PortNameProblem("80").empty());
  CHECK_FALSE(PortNameProblem("a--b").empty());
  CHECK_FALSE(PortNameProblem("-http").empty());
  CHECK_FALSE(PortNameProblem("sixteen-chars-xx").empty());
  CHECK(ConfigMapKeyProblem(".env").empty());
  CHECK_FALSE(ConfigMapKeyProblem("..env").empty());
  CHECK_FALSE(ConfigMapKeyProblem("a/b").empty());
  CHECK(IsPercent("25%"));
  CHECK_FALSE(IsPercent("25"));
  CHECK_FALSE(IsPercent("%"));
  CHECK_FALSE(IsPercent("-5%"));
}

TEST_CASE("environment variable names: strict and relaxed", "[rules][syntax]") {
  CHECK(EnvVarNameProblem("1ST", false).empty());
  CHECK(EnvVarNameProblem("my var", false).empty());
  CHECK_FALSE(EnvVarNameProblem("A=B", false).empty());
  CHECK_FALSE(EnvVarNameProblem("", false).empty());
  CHECK(EnvVarNameProblem("my.env-name_1", true).empty());
  CHECK_FALSE(EnvVarNameProblem("1ST", true).empty());
  CHECK_FALSE(EnvVarNameProblem("my var", true).empty());
  CHECK_FALSE(EnvVarNameProblem("..x", true).empty());
  CHECK(SuggestEnvVarName("MY VAR") == "MY_VAR");
  CHECK(SuggestEnvVarName("1ST") == "_1ST");
}

std::vector<Diagnostic> CheckYaml(std::string_view yaml, const ServerRuleOptions& options = {}) {
  DiagnosticSink sink;
  const std::vector<YamlDocument> documents = ReadYamlStream(0, yaml, sink);
  REQUIRE(sink.empty());
  REQUIRE(documents.size() == 1);
  const Value& object = documents[0].value;
  CheckServerRules(object, object.Find("apiVersion")->AsString(), object.Find("kind")->AsString(), sink, options);
  return sink.diagnostics();
}

TEST_CASE("options: strict environment variable names", "[rules][options]") {
  constexpr std::string_view kPod = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx
      env:
        - name: 1ST_CHOICE
          value: a
)";
  CHECK(CheckYaml(kPod).empty());
  ServerRuleOptions strict;
  strict.strict_env_var_names = true;
  const std::vector<Diagnostic> found = CheckYaml(kPod, strict);
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == DiagnosticCode::E0727);
  CHECK(found[0].message ==
        "invalid environment variable name `1ST_CHOICE`: an environment variable name may have only letters, digits, "
        "'_', '-' and '.', and may not start with a digit; did you mean `_1ST_CHOICE`?");
  REQUIRE(found[0].notes.size() == 1);
  CHECK(found[0].notes[0] == "at `spec.containers[0].env[0].name`");
}

TEST_CASE("options: the node port range", "[rules][options]") {
  constexpr std::string_view kService = R"(apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  ports:
    - port: 80
      nodePort: 8080
)";
  REQUIRE(CheckYaml(kService).size() == 1);
  ServerRuleOptions wide;
  wide.node_port_min = 1024;
  CHECK(CheckYaml(kService, wide).empty());
  ServerRuleOptions any;
  any.node_port_max = 0;
  CHECK(CheckYaml(kService, any).empty());
}

TEST_CASE("custom resources get the metadata rules only", "[rules]") {
  const std::vector<Diagnostic> found = CheckYaml(R"(apiVersion: example.com/v1
kind: Widget
metadata:
  name: My_Widget
  labels:
    bad key: x
spec:
  containers:
    - name: Not_A_Label
  replicas: -1
)");
  REQUIRE(found.size() == 2);
  CHECK(found[0].code == DiagnosticCode::E0701);
  CHECK(found[1].code == DiagnosticCode::E0704);
}

TEST_CASE("values without origins are reported at the nearest known range", "[rules]") {
  // As the evaluator may build them: no source ranges at all.
  const Value object = Value::Map(
      {
          MapEntry{"apiVersion", {}, Value::String("v1")},
          MapEntry{"kind", {}, Value::String("ConfigMap")},
          MapEntry{
              "metadata", {}, Value::Map({MapEntry{"name", {}, Value::String("Bad_Name")}}, SourceRange{3, 10, 20})},
      },
      SourceRange{3, 0, 40});
  DiagnosticSink sink;
  CheckServerRules(object, "v1", "ConfigMap", sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].range == (SourceRange{3, 10, 20}));  // the nearest known range: `metadata`
}

TEST_CASE("every rule has metadata", "[rules]") {
  const std::vector<ServerRuleInfo>& rules = AllServerRules();
  REQUIRE(rules.size() == 47);
  CHECK(rules.front().id == "E0701");
  CHECK(rules.front().name == "k8s-invalid-object-name");
  for (size_t i = 1; i < rules.size(); ++i) CHECK(rules[i - 1].id < rules[i].id);
}

}  // namespace
}  // namespace mast::rules

namespace mast::rules {
namespace {

// Rebuilds `value` with its `target`-th node (pre-order) replaced; `counter`
// counts nodes as they are visited.
Value Replace(const Value& value, size_t target, const Value& replacement, size_t& counter) {
  if (counter++ == target) return replacement.WithOrigin(value.origin());
  if (value.IsMap()) {
    ValueMap entries;
    for (const MapEntry& entry : value.AsMap()) {
      entries.push_back(MapEntry{entry.key, entry.key_range, Replace(entry.value, target, replacement, counter)});
    }
    return Value::Map(std::move(entries), value.origin());
  }
  if (value.IsList()) {
    ValueList items;
    for (const Value& item : value.AsList()) items.push_back(Replace(item, target, replacement, counter));
    return Value::List(std::move(items), value.origin());
  }
  return value;
}

size_t CountNodes(const Value& value) {
  size_t count = 1;
  if (value.IsMap()) {
    for (const MapEntry& entry : value.AsMap()) count += CountNodes(entry.value);
  } else if (value.IsList()) {
    for (const Value& item : value.AsList()) count += CountNodes(item);
  }
  return count;
}

// The rules read values the schema validator may already have rejected: every
// field of every fixture, replaced by a value of each other type, must not
// crash a rule (run under the sanitizer build to catch memory errors).
TEST_CASE("rules survive values of any type anywhere", "[rules][robustness]") {
  const std::vector<Value> replacements = {Value::Null(),     Value::Int(-1),    Value::Float(0.5),
                                           Value::Bool(true), Value::String(""), Value::String("x y"),
                                           Value::List({}),   Value::Map({})};
  const std::filesystem::path directory = std::filesystem::path(MAST_SOURCE_DIR) / "tests/check/rules";
  size_t runs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() != ".yaml" || entry.file_size() > 64 * 1024) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    DiagnosticSink read_sink;
    for (const YamlDocument& document : ReadYamlStream(0, text, read_sink)) {
      const Value* api_version = document.value.Find("apiVersion");
      const Value* kind = document.value.Find("kind");
      if (api_version == nullptr || kind == nullptr) continue;
      const std::string api = api_version->AsString();
      const std::string kind_name = kind->AsString();
      const size_t nodes = CountNodes(document.value);
      for (size_t target = 1; target < nodes; ++target) {
        for (const Value& replacement : replacements) {
          size_t counter = 0;
          const Value mutated = Replace(document.value, target, replacement, counter);
          DiagnosticSink sink;
          CheckServerRules(mutated, api, kind_name, sink);
          ++runs;
        }
      }
    }
  }
  CHECK(runs > 1000);
}

}  // namespace
}  // namespace mast::rules
