// fuzz_fmt: arbitrary bytes -> FormatMast (the formatter behind `mast fmt`).
// Oracles: no crash; every diagnostic lies inside the file and renders; a
// formatted file formats again, to itself (idempotence, STYLE.md principle
// 16). Long chains and deep nesting come from fuzz_shapes.h.
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/format/format.h"
#include "fuzz_shapes.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mast;
  SourceManager sources;
  const FileId file = sources.Add("fuzz.mast", std::string(reinterpret_cast<const char*>(data), size));
  FormatResult result = FormatMast(sources.Get(file), file);
  fuzz::CheckDiagnostics(sources, result.diagnostics.diagnostics());
  if (!result.ok) return 0;
  const FileId formatted = sources.Add("formatted.mast", result.text);
  FormatResult again = FormatMast(sources.Get(formatted), formatted);
  if (!again.ok) fuzz::Fail("the formatted text does not format: " + result.text.substr(0, 200));
  if (again.text != result.text) fuzz::Fail("formatting is not idempotent: " + result.text.substr(0, 200));
  return 0;
}
