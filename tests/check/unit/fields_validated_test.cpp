// The compiler validates an emitted object's fields against its resource's
// schema (CompileResult::fields_validated); the object checks then skip that
// part for the objects it found clean. What must hold: the flag is set only
// where that validation found nothing, and the object checks report exactly
// the same with and without it, on any thread count.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "compiler/driver/compile.h"
#include "schemas/check/crd_types.h"
#include "schemas/check/program_check.h"
#include "schemas/kube_catalog.h"

namespace mast {
namespace {

struct Compiled {
  SourceManager sources;
  CustomResourceTypes types{KubeCatalog::Embedded()};
  CompileResult result;

  explicit Compiled(const std::string& text) {
    CompileOptions options;
    options.external = &types;
    options.project_root = "/project";
    options.overlays.emplace_back("/project/main.mast", text);
    result = Compile(sources, {"/project/main.mast"}, options);
  }

  // The findings of the object checks, as "code line:col message | notes".
  std::vector<std::string> Check(bool use_flags, unsigned jobs) const {
    SchemaSources schemas;
    schemas.catalog = &KubeCatalog::Embedded();
    ManifestCheckOptions options;
    FileFindings out;
    CheckProgramDocuments(result.documents, schemas, options, 0, out, sources.provenance(), jobs,
                          use_flags ? &result.fields_validated : nullptr);
    std::vector<std::string> lines;
    for (const Diagnostic& d : out.diagnostics) {
      std::string line = std::string(d.id()) + " " + std::to_string(d.range.begin) + " " + d.message;
      for (const std::string& note : d.notes) line += " | " + note;
      lines.push_back(line);
    }
    return lines;
  }
};

constexpr const char* kProgram = R"(import "k8s/apps/v1" as apps
import "k8s/core/v1" as core

fn deployment(name: string): apps.Deployment = {
  metadata: { name: name }
  spec: {
    selector: { matchLabels: { app: name } }
    template: {
      metadata: { labels: { app: name } }
      spec: { containers: [{ name: "main", image: "nginx:1.27" }] }
    }
  }
}

// 0: typed by the function's return type, clean.
emit deployment("web")
// 1: untyped, validated when emitted, clean.
emit { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" }, data: { a: "b" } }
// 2: untyped, with a field its kind does not have.
emit { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "broken" }, bogus: 1 }
// 3: a custom resource: no built-in schema to validate it with.
emit { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } }
// 4: a clean object changed afterwards by `with`: a value of its own.
emit deployment("api") with { spec: { replicas: 2 } }
// 5: typed and clean, but the server-side rules reject its name.
emit core.Service { metadata: { name: "Bad_Name" }, spec: { selector: { app: "x" }, ports: [{ port: 80 }] } }
// 6: typed when the function returns, which finds a field Deployments lack.
fn asDeployment(x: any): apps.Deployment = x
emit asDeployment({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "odd" }, bogus: 1 })
)";

TEST_CASE("the compiler marks the objects whose fields it validated without a finding", "[check][program]") {
  const Compiled compiled(kProgram);
  REQUIRE(compiled.result.documents.size() == 7);
  REQUIRE(compiled.result.fields_validated.size() == 7);
  CHECK(compiled.result.fields_validated[0]);
  CHECK(compiled.result.fields_validated[1]);
  CHECK_FALSE(compiled.result.fields_validated[2]);  // E0501 was found
  CHECK_FALSE(compiled.result.fields_validated[3]);  // nothing validated it
  CHECK(compiled.result.fields_validated[5]);        // the schema has no objection
  CHECK_FALSE(compiled.result.fields_validated[6]);  // E0501 when the function returned
}

TEST_CASE("the object checks report the same with and without the compiler's marks", "[check][program]") {
  const Compiled compiled(kProgram);
  const std::vector<std::string> unmarked = compiled.Check(false, 1);
  // The broken ConfigMap, the custom resource without a schema and the
  // Service's name are still reported.
  auto reports = [&](const std::string& text) {
    return std::any_of(unmarked.begin(), unmarked.end(),
                       [&](const std::string& line) { return line.find(text) != std::string::npos; });
  };
  CHECK(reports("E0501"));
  CHECK(reports("E0506"));
  CHECK(reports("E0701"));
  CHECK(compiled.Check(true, 1) == unmarked);
  CHECK(compiled.Check(true, 2) == unmarked);
}

TEST_CASE("a document list without marks is checked in full", "[check][program]") {
  Compiled compiled(kProgram);
  const std::vector<std::string> expected = compiled.Check(false, 1);
  compiled.result.fields_validated.resize(2);  // shorter than the documents: the rest unmarked
  CHECK(compiled.Check(true, 1) == expected);
}

}  // namespace
}  // namespace mast
