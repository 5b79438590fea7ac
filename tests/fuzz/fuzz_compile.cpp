// fuzz_compile: arbitrary bytes as one .mast file -> Compile (load, parse,
// evaluate, Kubernetes validation), then the emitters.
//
// The text is handed over as an overlay, so nothing is read from disk for the
// main file; its directory does not exist, so relative imports and readFile
// fail with a diagnostic. Limits are small so that one input runs in
// milliseconds.
//
// Oracles: no crash, no exception escapes; every diagnostic and every output
// origin lies inside its file; the diagnostic renderers accept the result;
// both emitters accept the documents; and the YAML that `mast build` writes
// reads back as the same data (for documents whose strings are valid UTF-8,
// which the writer's contract covers, and whose depth the reader accepts).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/driver/compile.h"
#include "compiler/emit/json_writer.h"
#include "compiler/emit/yaml_writer.h"
#include "compiler/yaml/yaml_reader.h"
#include "fuzz_shapes.h"
#include "fuzz_util.h"
#include "schemas/kube_catalog.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mast;
  static const std::string kPath = "/nonexistent-mast-fuzz/main.mast";
  CompileOptions options;
  options.project_root = "/nonexistent-mast-fuzz";
  options.external = &KubeCatalog::Embedded();
  options.parse.max_bytes = 1u << 20;
  options.max_file_bytes = 1u << 20;
  options.limits.max_call_depth = 50;
  options.limits.max_steps = 200'000;
  options.limits.max_output_bytes = 1u << 20;
  options.overlays.emplace_back(kPath, std::string(reinterpret_cast<const char*>(data), size));

  SourceManager sources;
  CompileResult result = Compile(sources, {kPath}, options);
  fuzz::CheckDiagnostics(sources, result.diagnostics.diagnostics());
  for (const Value& document : result.documents) fuzz::CheckOrigins(sources, document);
  if (result.documents.empty()) return 0;

  (void)WriteJsonStream(result.documents);
  const std::string yaml = WriteYamlStream(result.documents);
  bool round_trips = true;
  for (const Value& document : result.documents) {
    round_trips = round_trips && fuzz::AllValidUtf8(document) && fuzz::Depth(document) <= 200;
  }
  if (!round_trips) return 0;

  FileId file = sources.Add("build.yaml", yaml);
  DiagnosticSink sink;
  std::vector<YamlDocument> read = ReadYamlStream(file, sources.Get(file).text(), sink);
  if (sink.HasErrors()) {
    fuzz::Fail("`mast build` output does not read back:\n" + yaml + "--- diagnostics:\n" +
               RenderText(sources, sink.diagnostics()));
  }
  if (read.size() != result.documents.size()) fuzz::Fail("document count changed in a round trip:\n" + yaml);
  for (size_t i = 0; i < read.size(); ++i) {
    if (!fuzz::SameData(result.documents[i], read[i].value)) {
      fuzz::Fail("document " + std::to_string(i) + " changed in a round trip:\n" + yaml + "--- read back as:\n" +
                 WriteYamlStream({read[i].value}));
    }
  }
  return 0;
}
