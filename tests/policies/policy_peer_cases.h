// The cases of tests/policies/peers: manifests that reproduce the published
// test fixtures and documented examples of Polaris, kube-linter and
// kube-score, each with the peer's verdict in its header (see
// policy_peer_agreement_test.cpp for the format).
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "compiler/base/source.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/yaml/yaml_reader.h"

namespace mast::testing {

struct PeerCase {
  std::string path;     // relative to tests/policies/peers
  std::string tool;     // "Polaris", "kube-linter" or "kube-score"
  std::string check;    // the peer's check id
  bool peer_fails = false;
  std::string source;   // which peer fixture or document it mirrors
  std::string params;   // "<rule> <flow YAML>", or empty
  std::string differs;  // why Mast deliberately decides otherwise, or empty
  std::string yaml;     // the whole file
};

// The tool a directory under tests/policies/peers holds.
inline std::string ToolOfDirectory(const std::string& directory) {
  if (directory == "polaris") return "Polaris";
  if (directory == "kube-linter" || directory == "kube-score") return directory;
  return "";
}

// Reads the `# key: value` header; a line `#   more` continues the last key.
inline PeerCase ParsePeerCase(const std::string& path, const std::string& text) {
  PeerCase c;
  c.path = path;
  c.yaml = text;
  std::istringstream lines(text);
  std::string line;
  std::string* last = nullptr;
  while (std::getline(lines, line) && line.rfind("#", 0) == 0) {
    if (line.rfind("#   ", 0) == 0 && last != nullptr) {
      *last += " " + line.substr(4);
      continue;
    }
    const size_t colon = line.find(": ");
    if (line.rfind("# ", 0) != 0 || colon == std::string::npos) continue;
    const std::string key = line.substr(2, colon - 2);
    const std::string value = line.substr(colon + 2);
    last = nullptr;
    if (key == "peer") {
      // "<tool> <check>: pass|fail"
      const size_t space = value.find(' ');
      const size_t verdict = value.rfind(": ");
      REQUIRE(space != std::string::npos);
      REQUIRE(verdict != std::string::npos);
      c.tool = value.substr(0, space);
      c.check = value.substr(space + 1, verdict - space - 1);
      const std::string said = value.substr(verdict + 2);
      REQUIRE((said == "pass" || said == "fail"));
      c.peer_fails = said == "fail";
    } else if (key == "source") {
      c.source = value;
      last = &c.source;
    } else if (key == "params") {
      c.params = value;
    } else if (key == "differs") {
      c.differs = value;
      last = &c.differs;
    }
  }
  return c;
}

// Every case under `root`, sorted by path; its directory must name the tool
// and the check its header names.
inline std::vector<PeerCase> LoadPeerCases(const std::string& root) {
  std::vector<PeerCase> cases;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    const std::filesystem::path relative = std::filesystem::relative(entry.path(), root);
    INFO(relative.string());
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    PeerCase c = ParsePeerCase(relative.string(), text.str());
    auto part = relative.begin();
    REQUIRE(std::distance(relative.begin(), relative.end()) == 3);
    CHECK(ToolOfDirectory(part->string()) == c.tool);
    CHECK((++part)->string() == c.check);
    cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(), [](const PeerCase& a, const PeerCase& b) { return a.path < b.path; });
  return cases;
}

// A value written in YAML flow style (`{minReplicas: 3}`).
inline Value ReadFlowValue(const std::string& text) {
  static SourceManager sources;
  DiagnosticSink sink;
  const FileId file = sources.Add("params", text);
  std::vector<YamlDocument> documents = ReadYamlStream(file, sources.Get(file).text(), sink);
  REQUIRE(sink.diagnostics().empty());
  REQUIRE(documents.size() == 1);
  return documents[0].value;
}

}  // namespace mast::testing
