// Parse: source text -> syntax tree plus diagnostics. Always returns a usable
// (possibly partial) module; syntax errors become E01xx diagnostics.
#pragma once

#include <cstddef>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/syntax/ast.h"

namespace mast {

struct ParseOptions {
  size_t max_bytes = 8u << 20;       // larger files are rejected with E0103
  size_t max_nesting = 200;          // brackets, prefix operators and if/let chains
  // Syntax tree depth: the above plus one per link of an operator, field or
  // call chain (`a + b + c`). Every phase walks trees recursively, the
  // language server on ordinary thread stacks, so this bounds their stack;
  // it stays below the AST codec's own limit (ast_codec.cpp, 2000).
  size_t max_depth = 1500;
  size_t max_syntax_errors = 50;     // further errors in one file are dropped
};

struct ParseResult {
  ast::Module module;
  DiagnosticSink diagnostics;
};

ParseResult Parse(const SourceFile& source, FileId file, const ParseOptions& options = {});

// Parses one expression (used for `-D name=value` and tests).
ast::ExprPtr ParseExpression(const SourceFile& source, FileId file, DiagnosticSink& sink,
                             const ParseOptions& options = {});

}  // namespace mast
