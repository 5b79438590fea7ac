// Keeps the language reference complete: every built-in function and every
// diagnostic code that the compiler registers must appear in a Markdown
// table row of the manual. A built-in counts as documented when a line that
// starts with `|` contains it as `name` (in backticks); a diagnostic code when
// a line starts with `| CODE |`.
//
// Usage: doc_coverage DOC.md
// Exit status: 0 when everything is documented, 1 otherwise, 2 on usage errors.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/sema/builtins.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: doc_coverage DOC.md\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 2;
  }
  std::vector<std::string> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '|') rows.push_back(line);
  }
  auto in_some_row = [&](const std::string& needle, bool at_start) {
    for (const std::string& row : rows) {
      if (at_start ? row.rfind(needle, 0) == 0 : row.find(needle) != std::string::npos) return true;
    }
    return false;
  };

  int missing = 0;
  for (const mast::BuiltinSignature& builtin : mast::AllBuiltins()) {
    if (in_some_row("`" + std::string(builtin.name) + "`", false)) continue;
    std::cout << argv[1] << ": built-in `" << builtin.name << "` is not documented (signature: `" << builtin.signature
              << "`)\n";
    ++missing;
  }
  for (const mast::DiagnosticInfo& info : mast::AllDiagnostics()) {
    if (in_some_row("| " + std::string(info.id) + " |", true)) continue;
    std::cout << argv[1] << ": diagnostic " << info.id << " (" << info.name << ": " << info.summary
              << ") is not in the table of codes\n";
    ++missing;
  }
  if (missing) {
    std::cout << "FAILED: " << missing << " things the compiler has are missing from " << argv[1] << "\n";
    return 1;
  }
  std::cout << "every built-in and diagnostic code is documented\n";
  return 0;
}
