// fuzz_yaml: arbitrary bytes -> ReadYamlStream, then a write/read round trip.
//
// Oracles, for whatever documents the first read returns (with or without
// errors; a kept document is a complete Value):
// - every diagnostic and every origin lies inside the input;
// - WriteYamlStream's text reads back with no error, as the same number of
//   documents, each equal to the original (Value::Equals, with NaN == NaN);
// - writing the re-read documents gives byte-identical text (the writer is
//   deterministic and its output is a fixed point);
// - WriteJsonStream's text (JSON is flow YAML) reads back as the same data,
//   when no float is NaN or infinite (JSON writes those as null);
// - the reader's fast path (yaml/block_scanner.h) and libyaml give the same
//   documents, origins, key ranges and diagnostics.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/emit/json_writer.h"
#include "compiler/emit/mast_writer.h"
#include "compiler/emit/yaml_writer.h"
#include "compiler/yaml/yaml_reader.h"
#include "fuzz_util.h"
#include "tests/unit/yaml_dump.h"

namespace {

using namespace mast;

std::vector<Value> ReadBack(SourceManager& sources, const std::string& name, const std::string& text,
                            const YamlReadOptions& options) {
  FileId file = sources.Add(name, text);
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = ReadYamlStream(file, sources.Get(file).text(), sink, options);
  fuzz::CheckDiagnostics(sources, sink.diagnostics());
  if (sink.HasErrors()) {
    fuzz::Fail("mast's own " + name + " output does not read back:\n" + text + "\n--- diagnostics:\n" +
               RenderText(sources, sink.diagnostics()));
  }
  std::vector<Value> values;
  for (const YamlDocument& document : documents) values.push_back(document.value);
  return values;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  SourceManager sources;
  FileId file = sources.Add("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  YamlReadOptions options;
  options.max_bytes = 1u << 20;
  options.max_alias_expansion_nodes = 10'000;  // keeps expanded output small
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = ReadYamlStream(file, sources.Get(file).text(), sink, options);
  fuzz::CheckDiagnostics(sources, sink.diagnostics());

  YamlReadOptions libyaml_only = options;
  libyaml_only.fast_path = false;
  const std::string_view text = sources.Get(file).text();
  const std::string fast = testing::ReadAndDump(text, options);
  const std::string slow = testing::ReadAndDump(text, libyaml_only);
  if (fast != slow) fuzz::Fail("the fast path reads differently from libyaml:\n" + fast + "--- libyaml:\n" + slow);

  std::vector<Value> values;
  for (const YamlDocument& document : documents) {
    fuzz::CheckRange(sources, document.range, "document range");
    fuzz::CheckOrigins(sources, document.value);
    values.push_back(document.value);
  }
  if (values.empty()) return 0;

  const std::string yaml = WriteYamlStream(values);
  std::vector<Value> again = ReadBack(sources, "yaml", yaml, options);
  if (again.size() != values.size()) {
    fuzz::Fail("wrote " + std::to_string(values.size()) + " documents, read back " + std::to_string(again.size()) +
               ":\n" + yaml);
  }
  for (size_t i = 0; i < values.size(); ++i) {
    if (!fuzz::SameData(values[i], again[i])) {
      fuzz::Fail("document " + std::to_string(i) + " changed in a YAML round trip:\n" + yaml + "--- read back as:\n" +
                 WriteYamlStream({again[i]}));
    }
  }
  const std::string yaml_again = WriteYamlStream(again);
  if (yaml_again != yaml) fuzz::Fail("writing is not a fixed point:\n" + yaml + "--- then:\n" + yaml_again);

  bool finite = true;
  for (const Value& value : values) finite = finite && HasMastLiteral(value);  // JSON has no NaN either
  if (finite) {
    const std::string json = WriteJsonStream(values);
    std::vector<Value> from_json = ReadBack(sources, "json", json, options);
    if (from_json.size() != 1) fuzz::Fail("JSON stream read back as " + std::to_string(from_json.size()) + " documents");
    // One document is written as itself, several as a `v1 List`.
    const Value expected = values.size() == 1 ? values[0] : Value::List(values);
    const Value* got = values.size() == 1 ? &from_json[0] : from_json[0].Find("items");
    if (!got || !fuzz::SameData(expected, *got)) fuzz::Fail("a JSON round trip changed the data:\n" + json);
  }
  return 0;
}
