#include <catch2/catch.hpp>

#include "schemas/check/glob.h"

namespace mast {
namespace {

TEST_CASE("glob wildcards", "[glob]") {
  CHECK(GlobMatch("*.yaml", "a.yaml"));
  CHECK_FALSE(GlobMatch("*.yaml", "dir/a.yaml"));  // `*` stops at `/`
  CHECK(GlobMatch("**/*.yaml", "dir/sub/a.yaml"));
  CHECK(GlobMatch("**/*.yaml", "a.yaml"));  // `**/` may match nothing
  CHECK(GlobMatch("a/**/b", "a/b"));
  CHECK(GlobMatch("a/**/b", "a/x/y/b"));
  CHECK(GlobMatch("a/**", "a/x/y"));
  CHECK(GlobMatch("?.json", "x.json"));
  CHECK_FALSE(GlobMatch("?.json", "xy.json"));
  CHECK(GlobMatch("[a-c]*.yml", "b1.yml"));
  CHECK_FALSE(GlobMatch("[!a-c]*.yml", "b1.yml"));
  CHECK(GlobMatch("\\*.yaml", "*.yaml"));
  CHECK_FALSE(GlobMatch("\\*.yaml", "a.yaml"));
  CHECK(GlobMatch("[unclosed", "[unclosed"));
  CHECK(GlobMatch("", ""));
  CHECK_FALSE(GlobMatch("", "a"));
}

TEST_CASE("ignore patterns without a slash match any path component", "[glob]") {
  IgnoreMatcher ignore({"vendor", "*.tmpl.yaml"});
  CHECK(ignore.Ignores("vendor"));
  CHECK(ignore.Ignores("./deploy/vendor/x.yaml"));
  CHECK(ignore.Ignores("deploy/a.tmpl.yaml"));
  CHECK_FALSE(ignore.Ignores("deploy/vendors/x.yaml"));
  CHECK_FALSE(ignore.Ignores("deploy/a.yaml"));
}

TEST_CASE("ignore patterns with a slash match the whole path", "[glob]") {
  IgnoreMatcher ignore({"deploy/*.json", "charts/**/tests/", "./gen/**"});
  CHECK(ignore.Ignores("deploy/a.json"));
  CHECK(ignore.Ignores("./deploy/a.json"));
  CHECK_FALSE(ignore.Ignores("other/deploy/a.json"));
  CHECK(ignore.Ignores("charts/web/tests"));
  CHECK(ignore.Ignores("gen/x/y.yaml"));
  CHECK_FALSE(IgnoreMatcher({}).Ignores("anything"));
  CHECK_FALSE(IgnoreMatcher({".*"}).Ignores("../x.yaml"));  // `.` and `..` are not names
}

}  // namespace
}  // namespace mast
