// The server-side rules against their fixtures: every YAML file in
// tests/check/rules/ is read with the YAML reader, each document is validated
// against the schema and then run through CheckServerRules, and the findings
// must equal the expectations written in the file:
//
//   image: nginx
//   imagePullPolicy: always
//   # ~^ E0708@20: unsupported `imagePullPolicy` value `always`; did you mean `Always`?
//
// An expectation line `# ~^ CODE@COLUMN: message` refers to the nearest line
// above it that is not itself an expectation; COLUMN is the 1-based byte
// column where the finding's range starts. This is the format `mast check`'s
// fixture runner reads; this test keeps the fixtures honest until then and
// afterwards checks the rules without the CLI.
//
// The real-world manifests in tests/check/realworld/ must produce no E07xx
// finding beyond the ones they expect (false positives are bugs too).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "compiler/base/source.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/yaml/yaml_reader.h"
#include "schemas/kube_catalog.h"
#include "schemas/rules/server_rules.h"

namespace mast {
namespace {

namespace fs = std::filesystem;

struct Finding {
  uint32_t line = 0;
  std::string text;  // "E0701@12: message"
  bool operator<(const Finding& other) const { return std::tie(line, text) < std::tie(other.line, other.text); }
  bool operator==(const Finding& other) const { return line == other.line && text == other.text; }
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// YAML (and, with `json`, JSON) files of a directory, sorted.
std::vector<fs::path> YamlFiles(const fs::path& directory, bool json = false) {
  std::vector<fs::path> files;
  if (!fs::exists(directory)) return files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    const std::string extension = entry.path().extension().string();
    const bool wanted = extension == ".yaml" || extension == ".yml" || (json && extension == ".json");
    if (entry.is_regular_file() && wanted) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// `# ~^ E0701@12: message` lines, attached to the nearest non-expectation line above.
std::vector<Finding> Expectations(const std::string& text) {
  std::vector<Finding> out;
  std::istringstream in(text);
  std::string line;
  uint32_t number = 0;
  uint32_t target = 0;
  while (std::getline(in, line)) {
    ++number;
    const size_t start = line.find_first_not_of(" \t");
    constexpr std::string_view kMarker = "# ~^ ";
    if (start != std::string::npos && line.compare(start, kMarker.size(), kMarker) == 0) {
      std::string body = line.substr(start + kMarker.size());
      if (!body.empty() && body.back() == '\r') body.pop_back();
      out.push_back({target, body});
    } else {
      target = number;
    }
  }
  return out;
}

std::string Format(const SourceFile& file, const Diagnostic& diagnostic, uint32_t* line) {
  const LineColumn position = file.ToLineColumn(diagnostic.range.begin);
  *line = position.line;
  return std::string(diagnostic.id()) + "@" + std::to_string(position.column) + ": " + diagnostic.message;
}

struct FileResult {
  std::vector<Finding> found;
  std::vector<Finding> expected;
  size_t documents = 0;
  size_t clean_documents = 0;  // documents without any finding
  std::vector<std::string> problems;
};

FileResult RunFixture(const fs::path& path, const ServerRuleOptions& options = {}) {
  FileResult result;
  const std::string text = ReadFile(path);
  SourceManager sources;
  const FileId file = sources.Add(path.string(), text);
  DiagnosticSink read_sink;
  const std::vector<YamlDocument> documents = ReadYamlStream(file, text, read_sink);
  for (const Diagnostic& diagnostic : read_sink.diagnostics()) {
    uint32_t line = 0;
    result.found.push_back({0, Format(sources.Get(file), diagnostic, &line)});
    result.found.back().line = line;
  }
  for (const YamlDocument& document : documents) {
    if (document.empty || !document.value.IsMap()) continue;
    ++result.documents;
    DiagnosticSink sink;
    const std::optional<ExternalTypeId> type = KubeCatalog::Embedded().ValidateResource(document.value, sink);
    const Value* api_version = document.value.Find("apiVersion");
    const Value* kind = document.value.Find("kind");
    if (type && api_version != nullptr && kind != nullptr && api_version->IsString() && kind->IsString()) {
      CheckServerRules(document.value, api_version->AsString(), kind->AsString(), sink, options);
    } else {
      result.problems.push_back("a document has no known apiVersion/kind");
    }
    if (sink.empty()) ++result.clean_documents;
    for (const Diagnostic& diagnostic : sink.diagnostics()) {
      Finding finding;
      finding.text = Format(sources.Get(file), diagnostic, &finding.line);
      result.found.push_back(std::move(finding));
    }
  }
  result.expected = Expectations(text);
  std::sort(result.found.begin(), result.found.end());
  std::sort(result.expected.begin(), result.expected.end());
  return result;
}

// Lines of `a` that are not in `b` (multiset difference).
std::vector<Finding> Missing(const std::vector<Finding>& a, const std::vector<Finding>& b) {
  std::vector<Finding> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::string Describe(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& finding : findings) out += "  line " + std::to_string(finding.line) + ": " + finding.text + "\n";
  return out;
}

fs::path SourceDir() { return fs::path(MAST_SOURCE_DIR); }

TEST_CASE("every rule fixture produces exactly the findings it expects", "[rules][fixtures]") {
  const std::vector<fs::path> files = YamlFiles(SourceDir() / "tests/check/rules");
  REQUIRE(files.size() >= 25);
  for (const fs::path& path : files) {
    SECTION(path.filename().string()) {
      const FileResult result = RunFixture(path);
      const std::vector<Finding> unexpected = Missing(result.found, result.expected);
      const std::vector<Finding> missing = Missing(result.expected, result.found);
      INFO("file " << path.string());
      INFO("found but not expected:\n" << Describe(unexpected));
      INFO("expected but not found:\n" << Describe(missing));
      CHECK(unexpected.empty());
      CHECK(missing.empty());
      for (const std::string& problem : result.problems) FAIL_CHECK(problem);
      // A failing and a passing case in every fixture.
      CHECK(!result.expected.empty());
      CHECK(result.clean_documents >= 1);
    }
  }
}

TEST_CASE("every server rule code is expected by some fixture", "[rules][fixtures]") {
  std::set<std::string> covered;
  for (const fs::path& path : YamlFiles(SourceDir() / "tests/check/rules")) {
    for (const Finding& expectation : Expectations(ReadFile(path))) covered.insert(expectation.text.substr(0, 5));
  }
  for (const ServerRuleInfo& rule : AllServerRules()) {
    INFO(rule.id << " (" << rule.name << ") has no fixture expecting it");
    CHECK(covered.count(std::string(rule.id)) == 1);
  }
}

TEST_CASE("real-world manifests get no unexpected server-rule findings", "[rules][fixtures]") {
  for (const fs::path& path : YamlFiles(SourceDir() / "tests/check/realworld", /*json=*/true)) {
    const FileResult result = RunFixture(path);
    auto rules_only = [](const std::vector<Finding>& findings) {
      std::vector<Finding> out;
      for (const Finding& finding : findings) {
        if (finding.text.rfind("E07", 0) == 0) out.push_back(finding);
      }
      return out;
    };
    const std::vector<Finding> unexpected = Missing(rules_only(result.found), rules_only(result.expected));
    INFO("file " << path.string() << "\nfound but not expected:\n" << Describe(unexpected));
    CHECK(unexpected.empty());
  }
}

// Not run by default: `RULES_DUMP=file.yaml unit_rules "[.dump]"` prints the
// findings of a fixture in expectation form, for writing new fixtures.
TEST_CASE("dump the findings of a fixture", "[.dump]") {
  const char* path = std::getenv("RULES_DUMP");
  if (path == nullptr) return;
  const FileResult result = RunFixture(path);
  for (const Finding& finding : result.found) std::cout << finding.line << "\t# ~^ " << finding.text << "\n";
}

TEST_CASE("the rule list covers the E07xx block of the registry", "[rules]") {
  std::set<std::string> registered;
  for (const DiagnosticInfo& info : AllDiagnostics()) {
    if (info.id.substr(0, 3) == "E07") registered.insert(std::string(info.id));
  }
  std::set<std::string> rules;
  for (const ServerRuleInfo& rule : AllServerRules()) {
    rules.insert(std::string(rule.id));
    CHECK(!rule.title.empty());
    CHECK(!rule.mirrors.empty());
  }
  CHECK(rules == registered);
  CHECK(rules.size() >= 25);
}

}  // namespace
}  // namespace mast
