// fuzz_check_files: arbitrary bytes as several input files -> the whole
// `mast check` pipeline (CheckManifests: collecting inputs, reading YAML and
// JSON in chunks, compiling .mast files, schemas, server-side rules) with
// several threads. The input is cut at lines `#file` (a YAML file follows)
// and `//file` (a Mast file follows); the parts are written to a scratch
// directory and checked together.
//
// Oracles: no crash; every diagnostic and object range lies inside its file;
// every diagnostic's object index is valid; the text report renders; a
// second run gives the same findings (no hidden state, no dependence on
// thread timing).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "compiler/diagnostics/render.h"
#include "fuzz_shapes.h"
#include "fuzz_util.h"
#include "schemas/check/check.h"

namespace {

using namespace mast;

void RequireInside(SourceRange range, const ManifestCheckResult& result) {
  if (!range.IsValid()) return;
  if (!result.sources.Has(range.file)) fuzz::Fail("a range in an unknown file");
  const size_t size = result.sources.Get(range.file).text().size();
  if (range.begin > range.end || range.end > size) fuzz::Fail("a range outside its file");
}

// The scratch directory, made once per process and emptied for each input.
const std::filesystem::path& Scratch() {
  static const std::filesystem::path path = [] {
    std::filesystem::path p = std::filesystem::temp_directory_path() / ("fuzz_check_files-" + std::to_string(::getpid()));
    std::filesystem::create_directories(p);
    return p;
  }();
  return path;
}

std::vector<std::string> WriteParts(std::string_view text) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(Scratch(), ec)) std::filesystem::remove(entry.path(), ec);
  std::vector<std::string> paths;
  std::string extension = ".yaml";
  size_t start = 0;
  while (start <= text.size() && paths.size() < 16) {
    size_t next = std::string_view::npos;
    std::string next_extension;
    for (const auto& [marker, ext] : {std::pair<std::string_view, std::string>{"\n#file\n", ".yaml"},
                                      std::pair<std::string_view, std::string>{"\n//file\n", ".mast"}}) {
      const size_t at = text.find(marker, start);
      if (at < next) {
        next = at;
        next_extension = ext;
      }
    }
    const size_t end = next == std::string_view::npos ? text.size() : next;
    const std::string path = (Scratch() / ("f" + std::to_string(paths.size()) + extension)).string();
    std::ofstream(path, std::ios::binary) << text.substr(start, end - start);
    paths.push_back(path);
    if (next == std::string_view::npos) break;
    start = next + (next_extension == ".yaml" ? 7 : 8);
    extension = next_extension;
  }
  return paths;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ManifestCheckOptions options;
  options.paths = WriteParts(std::string_view(reinterpret_cast<const char*>(data), size));
  options.jobs = 2;
  options.chunk_bytes = 256;  // many chunks: their seams are under test too
  const ManifestCheckResult result = CheckManifests(options);
  if (result.diagnostics.size() != result.diagnostic_objects.size()) fuzz::Fail("diagnostic_objects is out of step");
  for (size_t i = 0; i < result.diagnostics.size(); ++i) {
    const Diagnostic& d = result.diagnostics[i];
    RequireInside(d.range, result);
    for (const Label& label : d.labels) RequireInside(label.range, result);
    if (result.diagnostic_objects[i] != kNoObject && result.diagnostic_objects[i] >= result.objects.size()) {
      fuzz::Fail("a diagnostic names an object that does not exist");
    }
  }
  for (const CheckedObject& object : result.objects) RequireInside(object.range, result);
  RenderText(result.sources, result.diagnostics);

  const ManifestCheckResult again = CheckManifests(options);
  if (again.diagnostics.size() != result.diagnostics.size()) fuzz::Fail("a second run found something else");
  for (size_t i = 0; i < again.diagnostics.size(); ++i) {
    if (again.diagnostics[i].message != result.diagnostics[i].message) fuzz::Fail("a second run found something else");
  }
  return 0;
}
