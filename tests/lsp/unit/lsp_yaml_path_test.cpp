#include <catch2/catch.hpp>

#include "lsp/analysis/yaml_path.h"
#include "test_util.h"

using namespace mast::lsp;
using mast::lsp::testing::Marked;

namespace {

std::string PathText(const YamlCursor& cursor) {
  std::string out;
  for (const YamlStep& step : cursor.parents) out += step.item ? "[]" : "." + step.key;
  return out;
}

}  // namespace

TEST_CASE("the path to a key goes through sequence items", "[yaml]") {
  Marked m(R"(apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
      - name: web
        im<|>age: nginx
        ports:
        - containerPort: 80
---
kind: Other
)");
  YamlCursor cursor = LocateInYaml(m.text, m.offset);
  CHECK(cursor.api_version == "apps/v1");
  CHECK(cursor.kind == "Deployment");
  CHECK(PathText(cursor) == ".spec.template.spec.containers[]");
  CHECK(cursor.key == "image");
  CHECK(cursor.on_key);
  CHECK(cursor.sibling_keys == std::vector<std::string>{"name", "ports"});  // not its own line
}

TEST_CASE("sequences at their key's indentation", "[yaml]") {
  Marked m("kind: Pod\nspec:\n  containers:\n  - name: a\n    <|>\n");
  YamlCursor cursor = LocateInYaml(m.text, m.offset);
  CHECK(PathText(cursor) == ".spec.containers[]");
  CHECK(cursor.sibling_keys == std::vector<std::string>{"name"});
}

TEST_CASE("values and the document around the cursor", "[yaml]") {
  Marked m("kind: A\n---\napiVersion: v1\nkind: Ser<|>\n---\nkind: B\n");
  YamlCursor cursor = LocateInYaml(m.text, m.offset);
  CHECK(cursor.kind == "Ser");
  CHECK(cursor.in_value);
  CHECK(cursor.key == "kind");
  CHECK(cursor.parents.empty());
}

TEST_CASE("a second item starts a new mapping", "[yaml]") {
  Marked m("containers:\n- name: a\n  image: x\n- name: b\n  <|>\n");
  YamlCursor cursor = LocateInYaml(m.text, m.offset);
  CHECK(PathText(cursor) == ".containers[]");
  CHECK(cursor.sibling_keys == std::vector<std::string>{"name"});
}
