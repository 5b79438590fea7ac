// `mast fmt`: the canonical layout of a Mast file (the rules are in
// docs/language.md, "Layout: `mast fmt`"). Works on the token stream, so
// every comment is kept where it was; line breaks are kept (at most one blank
// line in a row, none next to a bracket), indentation follows bracket depth
// (plus one level for a continued expression), spacing is decided by the
// tokens alone, optional commas are dropped and trailing comments aligned. Files with syntax errors are not formatted: formatting broken
// code could change its meaning. Idempotent: FormatMast(FormatMast(x)) == FormatMast(x).
#pragma once

#include <string>

#include "compiler/diagnostics/diagnostic.h"

namespace mast {

struct FormatOptions {
  size_t indent = 2;  // spaces per level
};

struct FormatResult {
  bool ok = false;           // false when the file has syntax errors
  std::string text;          // the formatted file, when ok
  DiagnosticSink diagnostics;
};

FormatResult FormatMast(const SourceFile& source, FileId file, const FormatOptions& options = {});

}  // namespace mast
