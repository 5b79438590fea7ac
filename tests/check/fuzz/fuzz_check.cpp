// fuzz_check: arbitrary bytes as one manifest (standard input) -> the whole
// `mast check` pipeline (YAML reader with syntax-error recovery, List
// expansion, CRDs found in the input and their JSON-schema validation, the
// catalog, the server-side rules) -> every report format.
//
// Oracles:
// - every diagnostic, label and fix edit lies inside the input;
// - every object's range lies inside the input, and every diagnostic's
//   object index is valid;
// - the JSON and SARIF reports parse back as JSON (through the YAML reader);
// - checking twice gives the same findings (no hidden state).
// Build and run: see tests/fuzz/CMakeLists.txt (MAST_FUZZ=ON, clang); the
// target is fuzz_check, its seeds are tests/check/fuzz/corpus/.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compiler/diagnostics/render.h"
#include "compiler/yaml/yaml_reader.h"
#include "schemas/check/check.h"

namespace {

using namespace mast;

void Require(bool condition) {
  if (!condition) std::abort();
}

void RequireInside(SourceRange range, const ManifestCheckResult& result) {
  if (!range.IsValid()) return;
  Require(result.sources.Has(range.file));
  const size_t size = result.sources.Get(range.file).text().size();
  Require(range.begin <= range.end && range.end <= size);
}

void RequireJson(const std::string& text) {
  DiagnosticSink sink;
  YamlReadOptions options;
  options.max_depth = 10000;
  std::vector<YamlDocument> documents = ReadYamlStream(0, text, sink, options);
  Require(sink.empty() && documents.size() == 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (2u << 20)) return 0;  // -max_len of 1 MB is in range
  ManifestCheckOptions options;
  options.paths = {"-"};
  options.stdin_text = std::string(reinterpret_cast<const char*>(data), size);
  const ManifestCheckResult result = CheckManifests(options);
  Require(result.diagnostics.size() == result.diagnostic_objects.size());
  for (size_t i = 0; i < result.diagnostics.size(); ++i) {
    const Diagnostic& d = result.diagnostics[i];
    RequireInside(d.range, result);
    for (const Label& label : d.labels) RequireInside(label.range, result);
    if (d.fix) {
      for (const TextEdit& edit : d.fix->edits) RequireInside(edit.range, result);
    }
    Require(result.diagnostic_objects[i] == kNoObject || result.diagnostic_objects[i] < result.objects.size());
  }
  for (const CheckedObject& object : result.objects) RequireInside(object.range, result);

  RenderText(result.sources, result.diagnostics);
  RequireJson(RenderJson(result.sources, result.diagnostics));
  RequireJson(RenderSarif(result.sources, result.diagnostics));
  RenderGithub(result.sources, result.diagnostics);
  std::vector<JunitCase> cases(1);
  cases[0].suite = "stdin";
  cases[0].name = "all";
  for (size_t i = 0; i < result.diagnostics.size(); ++i) cases[0].diagnostics.push_back(i);
  RenderJunit(result.sources, result.diagnostics, cases);

  const ManifestCheckResult again = CheckManifests(options);
  Require(again.diagnostics.size() == result.diagnostics.size());
  for (size_t i = 0; i < again.diagnostics.size(); ++i) {
    Require(again.diagnostics[i].message == result.diagnostics[i].message);
    Require(again.diagnostics[i].range == result.diagnostics[i].range);
  }
  return 0;
}
