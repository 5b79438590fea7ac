// fuzz_parse: arbitrary bytes -> Parse (the ANTLR adapter and AST builder).
// Oracles: no crash, no exception escapes, every diagnostic range lies inside
// the file, and both diagnostic renderers accept the result. The same bytes
// also go through ParseExpression (the `-D name=value` path). Every parsed
// tree must survive the codec (syntax/ast_codec.h) unchanged, and the raw
// bytes are also fed to the decoder, which must reject or accept them safely.
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/syntax/ast_codec.h"
#include "compiler/syntax/parse.h"
#include "fuzz_shapes.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mast;
  std::string text(reinterpret_cast<const char*>(data), size);
  SourceManager sources;
  FileId file = sources.Add("fuzz.mast", text);
  ParseOptions options;
  options.max_bytes = 2u << 20;  // runs with -max_len of 1 MB stay under it
  ParseResult result = Parse(sources.Get(file), file, options);
  fuzz::CheckDiagnostics(sources, result.diagnostics.diagnostics());
  std::string encoded = EncodeModule(result.module);
  std::optional<ast::Module> decoded = DecodeModule(encoded, file);
  // The codec refuses trees deeper than its own limit; the parser's depth
  // bound (ParseOptions::max_depth, which counts operator and field chains)
  // keeps every tree it returns below it, so a failed round trip is a bug.
  if (!decoded) fuzz::Fail("a parsed tree does not decode (deeper than the codec's limit?)");
  if (EncodeModule(*decoded) != encoded) fuzz::Fail("a parsed tree changes through the codec");
  (void)DecodeModule(text, file);

  FileId expression_file = sources.Add("<command line>", text);
  DiagnosticSink sink;
  (void)ParseExpression(sources.Get(expression_file), expression_file, sink, options);
  fuzz::CheckDiagnostics(sources, sink.diagnostics());
  return 0;
}
