// The SARIF report validates against the OASIS SARIF 2.1.0 JSON schema
// (tests/check/sarif/sarif-2.1.0-rtm.5.json, vendored from the MIT-licensed
// npm package @microsoft/jest-sarif@1.0.0-beta.0, lib/schemas/), checked with
// the JSON-schema validator of schemas/check in plain JSON-Schema mode.
#include <catch2/catch.hpp>

#include "compiler/base/file_io.h"
#include "compiler/diagnostics/render.h"
#include "compiler/yaml/yaml_reader.h"
#include "schemas/check/check.h"
#include "schemas/check/json_schema.h"

namespace mast {
namespace {

std::string ReadOrFail(const std::string& path) {
  std::string text;
  std::string error;
  INFO(error);
  REQUIRE(ReadFileToString(path, &text, &error, size_t{16} << 20));
  return text;
}

Value ParseJson(const std::string& text) {
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = ReadYamlStream(0, text, sink);
  INFO((sink.empty() ? std::string() : sink.diagnostics().front().message));
  REQUIRE(sink.empty());
  REQUIRE(documents.size() == 1);
  return documents.front().value;
}

struct SarifSchema {
  Value root;
  SchemaSet set;
  SchemaId id = kNoSchema;
};

const SarifSchema& Schema() {
  static const SarifSchema* schema = [] {
    auto* s = new SarifSchema;
    s->root = ParseJson(ReadOrFail(std::string(MAST_SOURCE_DIR) + "/tests/check/sarif/sarif-2.1.0-rtm.5.json"));
    SchemaCompileOptions options;
    options.closed_by_default = false;  // JSON Schema semantics
    DiagnosticSink sink;
    s->id = s->set.Compile(s->root, s->root, "sarifLog", options, sink);
    for (const Diagnostic& d : sink.diagnostics()) WARN(d.message);
    return s;
  }();
  return *schema;
}

std::vector<std::string> Violations(const std::string& sarif_text) {
  DiagnosticSink sink;
  ValidateAgainstSchema(Schema().set, Schema().id, ParseJson(sarif_text), sink);
  std::vector<std::string> out;
  for (const Diagnostic& d : sink.diagnostics()) {
    std::string text = d.message;
    for (const std::string& note : d.notes) text += " (" + note + ")";
    out.push_back(text);
  }
  return out;
}

std::string SarifOf(const std::vector<std::string>& fixtures, ManifestCheckResult* keep = nullptr,
                    SarifRenderOptions sarif = {}) {
  ManifestCheckOptions options;
  for (const std::string& fixture : fixtures) options.paths.push_back(std::string(MAST_SOURCE_DIR) + "/" + fixture);
  ManifestCheckResult result = CheckManifests(options);
  sarif.tool_version = "0.1.0";
  sarif.information_uri = "https://example.com/mast";
  sarif.rule_help["E0501"] = "fields the type does not define; mirrors strict field validation";
  for (size_t i = 0; i < result.diagnostics.size(); ++i) {
    const uint32_t object = result.diagnostic_objects[i];
    sarif.logical_locations.push_back(object == kNoObject ? "" : result.objects[object].DisplayName());
  }
  std::string text = RenderSarif(result.sources, result.diagnostics, sarif);
  if (keep != nullptr) *keep = std::move(result);
  return text;
}

TEST_CASE("SARIF output validates against the 2.1.0 schema", "[sarif]") {
  // Findings with labels, fixes, notes, no file (E0901), several files.
  const std::string sarif = SarifOf({"tests/check/structure/unknown_fields.yaml", "tests/check/yaml/duplicate_keys.yaml",
                                     "tests/check/yaml/syntax_error_recovery.yaml", "tests/check/removed/removed_apis.yaml",
                                     "tests/check/crd/crd_in_input.yaml", "tests/check/does-not-exist.yaml"});
  CHECK(Violations(sarif).empty());
  for (const std::string& v : Violations(sarif)) UNSCOPED_INFO(v);
}

TEST_CASE("policy findings carry their rule's description, severity, remediation and reference", "[sarif]") {
  ManifestCheckOptions options;
  options.paths = {"-"};
  options.stdin_text = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: web, image: nginx:latest}\n";
  ManifestCheckResult result = CheckManifests(options);
  Diagnostic finding;
  finding.code = DiagnosticCode::W1001;
  finding.severity = Severity::kError;
  finding.range = {0, 60, 72};
  finding.message = "container `web` uses image `nginx:latest` with the moving `latest` tag";
  finding.rule = "image-latest-tag";
  finding.notes.push_back("fix: Use an immutable version tag");
  result.diagnostics.push_back(finding);
  SarifRenderOptions sarif;
  sarif.rule_metadata["image-latest-tag"] = {"Images are pinned to an immutable tag", "`latest` moves.",
                                              "Use an immutable version tag", "docs/rules.md#image-latest-tag",
                                              Severity::kError};
  const std::string text = RenderSarif(result.sources, result.diagnostics, sarif);
  CHECK(Violations(text).empty());
  for (const std::string& v : Violations(text)) UNSCOPED_INFO(v);
  const Value log = ParseJson(text);
  const Value* run = &log.Find("runs")->AsList()[0];
  const Value* rule = nullptr;
  for (const Value& r : run->Find("tool")->Find("driver")->Find("rules")->AsList()) {
    if (r.Find("id")->AsString() == "image-latest-tag") rule = &r;
  }
  REQUIRE(rule != nullptr);
  CHECK(rule->Find("shortDescription")->Find("text")->AsString() == "Images are pinned to an immutable tag");
  CHECK(rule->Find("fullDescription")->Find("text")->AsString() == "`latest` moves.");
  CHECK(rule->Find("help")->Find("text")->AsString() == "Use an immutable version tag");
  CHECK(rule->Find("helpUri")->AsString() == "docs/rules.md#image-latest-tag");
  CHECK(rule->Find("defaultConfiguration")->Find("level")->AsString() == "error");
  const Value& result0 = run->Find("results")->AsList().back();
  CHECK(result0.Find("ruleId")->AsString() == "image-latest-tag");
  CHECK(result0.Find("level")->AsString() == "error");
}

// Rules of the Microsoft SARIF validator (sarif-multitool) that can be
// checked offline: SARIF1002 (URIs that must be absolute are), SARIF1004
// (every uriBaseId is declared in originalUriBaseIds, whose URIs are
// absolute and end with a slash; artifact URIs under a base are relative),
// SARIF2012 (a rule's name is readable: Pascal case, not its id).
std::vector<std::string> ValidatorRuleViolations(const Value& log) {
  std::vector<std::string> out;
  const Value& run = log.Find("runs")->AsList()[0];
  const Value* bases = run.Find("originalUriBaseIds");
  auto check_artifact = [&](const Value& artifact) {
    const std::string& uri = artifact.Find("uri")->AsString();
    if (const Value* base = artifact.Find("uriBaseId")) {
      if (bases == nullptr || bases->Find(base->AsString()) == nullptr) out.push_back("undeclared uriBaseId for " + uri);
      if (uri.find("://") != std::string::npos || uri.rfind("/", 0) == 0) out.push_back("absolute URI under a base: " + uri);
    } else if (uri.rfind("file://", 0) == 0) {
      out.push_back("file: URI instead of a path under %SRCROOT%: " + uri);
    }
  };
  if (bases != nullptr) {
    for (const MapEntry& base : bases->AsMap()) {
      const std::string& uri = base.value.Find("uri")->AsString();
      if (uri.rfind("file:///", 0) != 0 || uri.back() != '/') out.push_back("bad base URI " + uri);
    }
  }
  for (const Value& rule : run.Find("tool")->Find("driver")->Find("rules")->AsList()) {
    const std::string& id = rule.Find("id")->AsString();
    const std::string& name = rule.Find("name")->AsString();
    if (name == id || name.find('-') != std::string::npos || !std::isupper(static_cast<unsigned char>(name[0]))) {
      out.push_back("rule name not readable: " + name);
    }
    if (const Value* help = rule.Find("helpUri"); help != nullptr && help->AsString().rfind("https://", 0) != 0) {
      out.push_back("relative helpUri " + help->AsString());
    }
  }
  for (const Value& result : run.Find("results")->AsList()) {
    for (const Value& location : result.Find("locations")->AsList()) {
      if (const Value* physical = location.Find("physicalLocation")) check_artifact(*physical->Find("artifactLocation"));
    }
  }
  return out;
}

TEST_CASE("with a source root, absolute paths are written relative to %SRCROOT%", "[sarif]") {
  SarifRenderOptions sarif;
  sarif.source_root = MAST_SOURCE_DIR;
  sarif.working_directory = std::string(MAST_SOURCE_DIR) + "/tests";
  // Absolute inputs (SarifOf names them so), a policy rule with a link.
  const std::string text = SarifOf({"tests/check/structure/unknown_fields.yaml", "tests/check/yaml/duplicate_keys.yaml"},
                                   nullptr, sarif);
  CHECK(Violations(text).empty());
  for (const std::string& v : Violations(text)) UNSCOPED_INFO(v);
  const Value log = ParseJson(text);
  CHECK(ValidatorRuleViolations(log).empty());
  for (const std::string& v : ValidatorRuleViolations(log)) UNSCOPED_INFO(v);
  const Value& run = log.Find("runs")->AsList()[0];
  CHECK(run.Find("originalUriBaseIds")->Find("%SRCROOT%")->Find("uri")->AsString() ==
        "file://" + std::string(MAST_SOURCE_DIR) + "/");
  const Value& location = run.Find("results")->AsList()[0].Find("locations")->AsList()[0];
  CHECK(location.Find("physicalLocation")->Find("artifactLocation")->Find("uri")->AsString() ==
        "tests/check/structure/unknown_fields.yaml");
}

TEST_CASE("the validator-rule check is not vacuous", "[sarif]") {
  // Without a source root, absolute inputs are file: URIs, which the check
  // must catch.
  const Value log = ParseJson(SarifOf({"tests/check/structure/unknown_fields.yaml"}));
  CHECK_FALSE(ValidatorRuleViolations(log).empty());
}

TEST_CASE("findings in helm template output sit on their template and validate", "[sarif]") {
  SarifRenderOptions sarif;
  sarif.source_root = MAST_SOURCE_DIR;
  sarif.working_directory = MAST_SOURCE_DIR;
  const std::string text = SarifOf({"tests/check/helm/rendered_findings.yaml"}, nullptr, sarif);
  CHECK(Violations(text).empty());
  const Value log = ParseJson(text);
  CHECK(ValidatorRuleViolations(log).empty());
  const Value& result = log.Find("runs")->AsList()[0].Find("results")->AsList()[0];
  const Value* physical = result.Find("locations")->AsList()[0].Find("physicalLocation");
  CHECK(physical->Find("artifactLocation")->Find("uri")->AsString() == "web/templates/deployment.yaml");
  CHECK(physical->Find("region") == nullptr);
  CHECK(result.Find("message")->Find("text")->AsString().find("rendered, ") != std::string::npos);
}

TEST_CASE("an empty SARIF run validates too", "[sarif]") {
  CHECK(Violations(SarifOf({"tests/check/realworld/namespace.yaml"})).empty());
}

TEST_CASE("the schema check is not vacuous", "[sarif]") {
  const std::string sarif = SarifOf({"tests/check/structure/unknown_fields.yaml"});
  std::string broken = sarif;
  broken.replace(broken.find("\"2.1.0\""), 7, "\"2.0.0\"");  // version is an enum
  CHECK_FALSE(Violations(broken).empty());
  broken = sarif;
  broken.replace(broken.find("\"startLine\": "), 13, "\"startLine\": -");  // minimum 1
  CHECK_FALSE(Violations(broken).empty());
  broken = sarif;
  broken.replace(broken.find("\"ruleId\""), 8, "\"ruleIdd\"");  // additionalProperties: false
  CHECK_FALSE(Violations(broken).empty());
}

TEST_CASE("SARIF regions use 1-based UTF-16 columns", "[sarif]") {
  ManifestCheckOptions options;
  options.paths = {"-"};
  // "é" is 2 bytes in UTF-8 and 1 UTF-16 unit; "𝄞" is 4 bytes and 2 units.
  options.stdin_text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, annotations: {a: \"é𝄞\", b: 1}}\n";
  ManifestCheckResult result = CheckManifests(options);
  REQUIRE(result.diagnostics.size() == 1);
  const Value log = ParseJson(RenderSarif(result.sources, result.diagnostics));
  const Value* r = log.Find("runs")->AsList()[0].Find("results")->AsList()[0].Find("locations")->AsList()[0]
                       .Find("physicalLocation")->Find("region");
  // The `1` of `b: 1` is at byte column 51: UTF-16 column 51 - 1 (é) - 2 (𝄞).
  CHECK(result.sources.Get(result.diagnostics[0].range.file).ToLineColumn(result.diagnostics[0].range.begin).column == 51);
  CHECK(r->Find("startLine")->AsInt() == 3);
  CHECK(r->Find("startColumn")->AsInt() == 48);
  CHECK(r->Find("endColumn")->AsInt() == 49);
}

}  // namespace
}  // namespace mast
