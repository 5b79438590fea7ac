// Links the static checker with nothing above sema (no evaluator, no driver)
// and checks one module with it: if compiler/check ever calls into eval/,
// this program stops linking and the build fails. The run then shows that
// the checker alone finds a static error (an unknown name and a wrong
// argument type) and passes a correct declaration.
#include <cstdio>
#include <string>

#include "compiler/check/static_checker.h"
#include "compiler/syntax/parse.h"

namespace {

int CountCode(const mast::DiagnosticSink& sink, mast::DiagnosticCode code) {
  int count = 0;
  for (const mast::Diagnostic& d : sink.diagnostics()) count += d.code == code;
  return count;
}

}  // namespace

int main() {
  mast::SourceManager sources;
  const std::string text =
      "fn twice(n: int): int = n * 2\n"
      "let good = twice(2)\n"
      "let unknown = twise(2)\n"
      "let wrong = twice(\"two\")\n";
  const mast::FileId file = sources.Add("alone.mast", text);
  mast::ParseResult parsed = mast::Parse(sources.Get(file), file);
  if (parsed.diagnostics.HasErrors()) {
    std::fprintf(stderr, "checker_alone: the test program does not parse\n");
    return 1;
  }
  mast::Program program;
  auto module = std::make_unique<mast::ModuleInfo>();
  module->file = file;
  module->path = "alone.mast";
  module->is_entry = true;
  module->ast = std::move(parsed.module);
  for (const mast::ast::Decl& decl : module->ast.decls) module->decls.emplace(decl.name, &decl);
  program.entries.push_back(module.get());
  program.modules.push_back(std::move(module));

  mast::DiagnosticSink sink;
  mast::CheckProgram(program, sink);
  for (const mast::Diagnostic& d : sink.diagnostics()) std::fprintf(stderr, "%s\n", d.message.c_str());
  const bool ok = sink.diagnostics().size() == 2 && CountCode(sink, mast::DiagnosticCode::E0201) == 1 &&
                  CountCode(sink, mast::DiagnosticCode::E0301) == 1;
  std::printf("checker_alone: %zu diagnostics%s\n", sink.diagnostics().size(),
              ok ? "" : " (expected an E0201 and an E0301)");
  return ok ? 0 : 1;
}
