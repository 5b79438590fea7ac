// Reader speed against libyaml's bare event parse. Hidden ([.bench]); run
// on a Release build:
//   bench/gen_manifest.py > /tmp/manifest.yaml
//   MAST_YAML_BENCH_FILE=/tmp/manifest.yaml build/tests/unit_yaml "[.bench]"
#include <yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>

#include "compiler/base/file_io.h"
#include "compiler/yaml/yaml_reader.h"

namespace mast {
namespace {

template <typename F>
double BestMilliseconds(int runs, F&& run) {
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run();
    const auto stop = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double, std::milli>(stop - start).count());
  }
  return best;
}

size_t BareLibyamlParse(const std::string& text) {
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  size_t events = 0;
  while (true) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) break;
    const bool done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    ++events;
    if (done) break;
  }
  yaml_parser_delete(&parser);
  return events;
}

TEST_CASE("reader speed", "[.bench]") {
  const char* path = std::getenv("MAST_YAML_BENCH_FILE");
  if (path == nullptr) {
    WARN("set MAST_YAML_BENCH_FILE to a YAML file (bench/gen_manifest.py makes one)");
    return;
  }
  std::string text;
  std::string error;
  REQUIRE(ReadFileToString(path, &text, &error, size_t{1} << 30));
  const int runs = std::getenv("MAST_YAML_BENCH_RUNS") ? std::atoi(std::getenv("MAST_YAML_BENCH_RUNS")) : 7;

  size_t events = 0;
  const double bare = BestMilliseconds(runs, [&] { events = BareLibyamlParse(text); });
  size_t documents = 0;
  size_t diagnostics = 0;
  // Reading alone (the result is freed outside the timed region), and
  // reading plus freeing the result.
  double read_only = 1e300;
  for (int i = 0; i < runs; ++i) {
    DiagnosticSink sink;
    std::vector<YamlDocument> result;
    read_only = std::min(read_only, BestMilliseconds(1, [&] { result = ReadYamlStream(0, text, sink); }));
    documents = result.size();
    diagnostics = sink.diagnostics().size();
  }
  const double with_free = BestMilliseconds(runs, [&] {
    DiagnosticSink sink;
    ReadYamlStream(0, text, sink);
  });
  std::printf("%s: %.2f MB, %zu events, %zu documents, %zu diagnostics\n", path, text.size() / 1e6, events, documents,
              diagnostics);
  std::printf("  libyaml events only: %8.1f ms (%.0f MB/s)\n", bare, text.size() / 1e3 / bare);
  std::printf("  ReadYamlStream:      %8.1f ms (%.0f MB/s), %.2fx libyaml\n", read_only,
              text.size() / 1e3 / read_only, read_only / bare);
  std::printf("  ... and freeing it:  %8.1f ms, %.2fx libyaml\n", with_free, with_free / bare);
}

}  // namespace
}  // namespace mast
