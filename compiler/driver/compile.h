// The compiler's facade: files in, documents and diagnostics out.
// Load (read, parse, resolve imports) -> evaluate (types, refinements,
// checks, Kubernetes validation) -> documents. Always returns what it could
// build; the caller decides what to do with errors.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/driver/parse_cache.h"
#include "compiler/eval/evaluator.h"
#include "compiler/sema/program.h"
#include "compiler/sema/semantic_index.h"
#include "compiler/syntax/parse.h"

namespace mast {

struct CompileOptions {
  std::vector<std::string> defines;   // "name=value" from -D
  std::string project_root;           // readFile and import boundary; default: the files' common directory
  ParseOptions parse;
  EvalLimits limits;
  const ExternalTypes* external = nullptr;  // Kubernetes types; null disables k8s imports
  size_t max_file_bytes = 8u << 20;
  // Source texts that override files on disk (the language server's open buffers).
  std::vector<std::pair<std::string, std::string>> overlays;
  // Parsed modules to reuse and to fill (see parse_cache.h); null parses every file.
  ParseCache* parse_cache = nullptr;
  // A file the SourceManager already holds with the same path and text keeps
  // its id instead of being added again (a second copy of a program, such as
  // a policy linter's thread, then reports at the same ids as the first).
  bool reuse_sources = false;
  // Filled, when given, with what checking made of each name (the language
  // server's navigation reads it); null records nothing.
  SemanticIndex* semantic_index = nullptr;
  // Stop after the static checks: no evaluation, no documents (the language
  // server's features need names and types, not values).
  bool check_only = false;
};

struct CompileResult {
  // The documents the declarations that parse emit; incomplete when
  // has_syntax_errors is set, so `mast build` writes none then.
  std::vector<Value> documents;
  // Per document: the compiler validated its fields against the schema of
  // its apiVersion and kind without a finding, so the object checks need
  // not validate them again (ObjectChecker, KubeCatalog::ResolveResource).
  std::vector<bool> fields_validated;
  bool has_syntax_errors = false;  // some loaded file did not parse completely
  DiagnosticSink diagnostics;
  std::unique_ptr<Program> program;
};

CompileResult Compile(SourceManager& sources, const std::vector<std::string>& files, const CompileOptions& options);

// Loads and parses `files` and everything they import. Exposed for tools that
// need the syntax trees without evaluation (formatter, language server).
std::unique_ptr<Program> LoadProgram(SourceManager& sources, const std::vector<std::string>& files,
                                     const CompileOptions& options, DiagnosticSink& sink);

}  // namespace mast
