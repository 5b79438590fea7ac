// The text renderer: a long list rendered on several threads must read
// exactly as when rendered on one.
#include <catch2/catch.hpp>

#include <string>

#include "compiler/base/source.h"
#include "compiler/diagnostics/render.h"

using namespace mast;

TEST_CASE("text rendered on several threads matches one thread, in order", "[render]") {
  SourceManager sources;
  std::string text;
  // 20,000 findings: ten slices, so that every helper renders several.
  constexpr int kLines = 20000;
  for (int line = 0; line < kLines; ++line) text += "key" + std::to_string(line) + ": value\n";
  const FileId file = sources.Add("big.yaml", text);
  std::vector<Diagnostic> diagnostics;
  uint32_t offset = 0;
  for (int line = 0; line < kLines; ++line) {
    const uint32_t length = static_cast<uint32_t>(("key" + std::to_string(line)).size());
    Diagnostic d;
    d.code = DiagnosticCode::W1001;
    d.severity = line % 3 == 0 ? Severity::kWarning : Severity::kInfo;
    d.range = SourceRange{file, offset, offset + length};
    d.message = "finding " + std::to_string(line);
    d.rule = "some-rule";
    d.notes.push_back("fix: rename it");
    diagnostics.push_back(d);
    offset += length + 8;  // ": value\n"
  }
  TextRenderOptions one;
  const std::string expected = RenderText(sources, diagnostics, one);
  REQUIRE(expected.find("big.yaml:20000:1") != std::string::npos);
  for (unsigned jobs : {2u, 3u, 8u}) {
    TextRenderOptions several;
    several.jobs = jobs;
    INFO("jobs " << jobs);
    CHECK(RenderText(sources, diagnostics, several) == expected);
  }
  // Short lists stay on one thread and still render.
  std::vector<Diagnostic> few(diagnostics.begin(), diagnostics.begin() + 3);
  TextRenderOptions several;
  several.jobs = 4;
  CHECK(RenderText(sources, few, several) == RenderText(sources, few, one));
}
