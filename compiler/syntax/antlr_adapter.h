// Private to the parser (parse.cpp and the antlr_*.cpp files): the shared
// pieces of the ANTLR adapter. These files, and no others, include ANTLR
// headers (but tests/unit/syntax_lexer_test.cpp, which holds LexMast against
// the generated lexer). Everything here is in mast::syntax_detail, so that a unity build
// that batches them with other files of mast_syntax sees no name twice.
#pragma once

#include <antlr4-runtime.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "MastLexer.h"
#include "MastParser.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/syntax/parse.h"

namespace mast::syntax_detail {

using mast_grammar::MastLexer;
using mast_grammar::MastParser;
using P = MastParser;

// ANTLR indexes characters in code points; ranges are bytes. Maps one to the
// other for a slice of a source file that starts at `base`.
class OffsetMap {
 public:
  OffsetMap(std::string_view text, uint32_t base) : base_(base) {
    bool ascii = true;
    for (unsigned char c : text) {
      if (c >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return;
    for (uint32_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) byte_of_cp_.push_back(i);
    }
    byte_of_cp_.push_back(static_cast<uint32_t>(text.size()));
  }

  uint32_t Byte(size_t code_point) const {
    if (byte_of_cp_.empty()) return base_ + static_cast<uint32_t>(code_point);
    if (code_point >= byte_of_cp_.size()) return base_ + byte_of_cp_.back();
    return base_ + byte_of_cp_[code_point];
  }

 private:
  uint32_t base_;
  std::vector<uint32_t> byte_of_cp_;
};

// --- Syntax errors (antlr_errors.cpp) ---

// A token as the user wrote it, in backticks (shortened), for a message.
std::string Describe(antlr4::Token* token);

// Replaces ANTLR's default error listeners: turns its syntax errors into
// E0101 diagnostics, reworded for people, at most `limit` of them.
class ErrorCollector : public antlr4::BaseErrorListener {
 public:
  ErrorCollector(FileId file, const OffsetMap& map, DiagnosticSink& sink, size_t limit)
      : file_(file), map_(map), sink_(sink), limit_(limit) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* token, size_t line, size_t column,
                   const std::string& message, std::exception_ptr) override;

 private:
  static std::string Reword(antlr4::Token* token, const std::string& message, antlr4::Recognizer* recognizer);
  static std::vector<std::string> ExpectedTokenNames(antlr4::Parser* parser);
  static antlr4::Token* DanglingOperator(antlr4::Parser* parser, antlr4::Token* token);
  static antlr4::Token* PreviousToken(antlr4::Parser* parser, antlr4::Token* token);

  FileId file_;
  const OffsetMap& map_;
  DiagnosticSink& sink_;
  size_t limit_;
  size_t count_ = 0;
  size_t skip_line_ = 0;  // errors on this line are not reported (0: none)
};

// --- Token classes and input limits (antlr_tokens.cpp) ---

bool StartsDeclaration(size_t type);
bool EndsOperand(size_t type);
bool IsKeyword(size_t type);

// The token where a declaration puts the name it declares (an import's
// alias), or null.
antlr4::Token* DeclaredNameToken(const std::vector<antlr4::Token*>& segment);

// Rejects (with E0102) tokens that nest deeper than `limits` allow.
// `declarations`: the tokens are a whole file, split into declarations.
bool CheckNesting(antlr4::CommonTokenStream& tokens, const OffsetMap& map, FileId file, const ParseOptions& limits,
                  bool declarations, DiagnosticSink& sink);

// Rejects (with E0104) text on which the lexer would take quadratic time.
bool CheckInterpolationScan(std::string_view text, uint32_t base, FileId file, DiagnosticSink& sink);

// --- Declarations (antlr_declarations.cpp) ---

// Lexes the whole file, splits it into top-level declarations and parses
// each one alone, adding them (and the comments) to `result.module`.
void ParseFileBySegments(const SourceFile& source, FileId file, const ParseOptions& options, ParseResult& result);

// The tokens of `text` as the generated MastLexer makes them (type,
// channel, code point indices, line and column, text), ending in EOF
// (antlr_lexer.cpp). Feed them to the parser through a ListTokenSource.
std::vector<std::unique_ptr<antlr4::Token>> LexMast(std::string_view text);

// --- Expressions (parse.cpp) ---

// Parses [begin, end) of the source as one expression. Input after it is
// reported as `extra_input`. The caller holds the parser mutex.
ast::ExprPtr ParseExpressionRange(const SourceFile& source, FileId file, uint32_t begin, uint32_t end,
                                  DiagnosticSink& sink, const ParseOptions& options, const char* extra_input);

}  // namespace mast::syntax_detail
