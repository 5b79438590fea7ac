// Build-time tool: parses the built-in policy files and writes a C++ file
// that embeds each one twice, as source text (for diagnostics, hover and the
// rule reference) and as its encoded syntax tree (syntax/ast_codec.h), so
// that no run of `mast` parses the built-in policies again.
//
//   precompile_policies OUTPUT.cpp builtin/a.mast builtin/b.mast ...
//
// A syntax error in a built-in policy fails the build with its location.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "compiler/base/file_io.h"
#include "compiler/diagnostics/render.h"
#include "compiler/syntax/ast_codec.h"
#include "compiler/syntax/parse.h"

namespace {

// A C++ string literal for arbitrary bytes: octal escapes for everything
// outside printable ASCII (octal, unlike \x, never swallows the next char).
std::string BytesLiteral(std::string_view bytes) {
  std::string out = "\"";
  size_t line_length = 0;
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?') {
      out += static_cast<char>(c);
      ++line_length;
    } else {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\%03o", c);
      out += escape;
      line_length += 4;
    }
    if (line_length >= 96) {
      out += "\"\n    \"";
      line_length = 0;
    }
  }
  out += "\"";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: precompile_policies OUTPUT.cpp POLICY.mast...\n");
    return 2;
  }
  mast::SourceManager sources;
  std::string definitions;
  std::string table;
  bool failed = false;
  for (int i = 2; i < argc; ++i) {
    std::string text;
    std::string error;
    if (!mast::ReadFileToString(argv[i], &text, &error, 16u << 20)) {
      std::fprintf(stderr, "precompile_policies: cannot read %s: %s\n", argv[i], error.c_str());
      return 2;
    }
    std::string name = "builtin/" + std::filesystem::path(argv[i]).filename().string();
    mast::FileId file = sources.Add(argv[i], text);
    mast::ParseResult parsed = mast::Parse(sources.Get(file), file);
    if (!parsed.diagnostics.empty()) {
      std::fputs(mast::RenderText(sources, parsed.diagnostics.diagnostics()).c_str(), stderr);
      failed = true;
      continue;
    }
    std::string index = std::to_string(i - 2);
    definitions += "const char kText" + index + "[] =\n    " + BytesLiteral(text) + ";\n";
    definitions += "const char kTree" + index + "[] =\n    " + BytesLiteral(mast::EncodeModule(parsed.module)) + ";\n";
    table += "      {\"" + name + "\", {kText" + index + ", sizeof kText" + index + " - 1}, {kTree" + index +
             ", sizeof kTree" + index + " - 1}},\n";
  }
  if (failed) return 1;
  std::string content =
      "// Generated from policies/builtin/*.mast by precompile_policies. Do not edit.\n"
      "#include \"policies/builtin_sources.h\"\n\nnamespace mast {\nnamespace {\n\n" +
      definitions +
      "\n}  // namespace\n\n"
      "const std::vector<BuiltinPolicySource>& BuiltinPolicySources() {\n"
      "  static const std::vector<BuiltinPolicySource> kSources = {\n" +
      table + "  };\n  return kSources;\n}\n\n}  // namespace mast\n";
  std::string error;
  if (!mast::WriteFileAtomically(argv[1], content, &error)) {
    std::fprintf(stderr, "precompile_policies: cannot write %s: %s\n", argv[1], error.c_str());
    return 2;
  }
  return 0;
}
