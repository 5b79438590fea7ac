// The written-out lexer (compiler/syntax/antlr_lexer.cpp) against the lexer
// ANTLR generates from grammar/Mast.g4: the same tokens, field for field
// (type, channel, code point start and stop, line, column, text), on every
// Mast file of the repository, the fuzz corpora, hand-written corner cases,
// and seeded mutations of all of them that stress the string, number and
// comment rules. The generated lexer is the specification; the parser reads
// the written one.
// (Before Catch: the generated parser has members named CHECK and THEN,
// which are Catch's macros.)
#include "compiler/syntax/antlr_adapter.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using mast::syntax_detail::LexMast;
using mast::syntax_detail::MastLexer;

namespace {

struct Lexed {
  size_t type, channel, start, stop, line, column;
  std::string text;
  bool operator==(const Lexed&) const = default;
};

std::string Describe(const std::vector<Lexed>& tokens, size_t i) {
  if (i >= tokens.size()) return "(none)";
  const Lexed& t = tokens[i];
  std::ostringstream out;
  out << "type " << t.type << " channel " << t.channel << " [" << t.start << ", " << t.stop << "] at " << t.line
      << ":" << t.column << " text `" << t.text << "`";
  return out.str();
}

std::vector<Lexed> Generated(const std::string& text) {
  antlr4::ANTLRInputStream input(text.data(), text.size());
  MastLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  std::vector<Lexed> out;
  for (antlr4::Token* t : tokens.getTokens()) {
    out.push_back({t->getType(), t->getChannel(), t->getStartIndex(), t->getStopIndex(), t->getLine(),
                   t->getCharPositionInLine(), t->getType() == antlr4::Token::EOF ? "<EOF>" : t->getText()});
  }
  return out;
}

std::vector<Lexed> Written(const std::string& text) {
  std::vector<Lexed> out;
  for (const std::unique_ptr<antlr4::Token>& t : LexMast(text)) {
    out.push_back({t->getType(), t->getChannel(), t->getStartIndex(), t->getStopIndex(), t->getLine(),
                   t->getCharPositionInLine(), t->getText()});
  }
  return out;
}

// Empty when both lexers agree; else the first token where they differ.
std::string Difference(const std::string& text) {
  const std::vector<Lexed> expected = Generated(text);
  const std::vector<Lexed> actual = Written(text);
  for (size_t i = 0; i < std::max(expected.size(), actual.size()); ++i) {
    if (i < expected.size() && i < actual.size() && expected[i] == actual[i]) continue;
    return "token " + std::to_string(i) + ": generated " + Describe(expected, i) + ", written " +
           Describe(actual, i);
  }
  return {};
}

// Valid UTF-8 only: the parser is given nothing else (sources are checked
// when they are read), and the generated lexer's input stream rejects it.
bool ValidUtf8(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

std::vector<std::string> RepositoryTexts() {
  std::vector<std::string> texts;
  const fs::path root = MAST_SOURCE_DIR;
  for (const char* dir : {"tests", "samples", "policies", "bench", "docs", "editors"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      if (!entry.is_regular_file()) continue;
      const bool corpus = entry.path().string().find("/corpus") != std::string::npos;
      if (entry.path().extension() != ".mast" && !corpus) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (text.size() <= 256 * 1024 && ValidUtf8(text)) texts.push_back(std::move(text));
    }
  }
  return texts;
}

}  // namespace

TEST_CASE("the written lexer makes the generated lexer's tokens: corner cases", "[lexer]") {
  const std::vector<std::string> cases = {
      "", " ", "\n\n", "x", "imports import importx Import _a a_ A_b9",
      "1 1_000 1__0 1_ 1.5 1. 1.e5 1e5 1E+5 1e- 1.5e3 1.5e 1..5 0x1F .5 1.2.3",
      "a?.b a??b a ? b a?b ?.5 ...", "|| | && & == = != ! <= < >= > + - * / %",
      "// line\n/// doc\n//// four\n/* block */ /* open", "/**/ /*/ */ /***/",
      "\"\" \"a\" \"a\\\"b\" \"\\\\\" \"open", "\"a\\\nb\" \"tab\\t\"",
      "\"${x}\" \"${f(\"}\")}\" \"${\" \"${x\" \"$\" \"$x\" \"a$\" \"$${x}\" \"${\"a\\\"b\"}\"",
      "\"${a\n}\" \"${\"open\n", "\"x$\\\" \"x$\n",
      "\"\"\"\"\"\" \"\"\"text ${x} \"\"\" \"\"\"open", "\"\"\"\"", "\"\"\"\"\"\"\"\"",
      "caf\xC3\xA9 \"\xE2\x82\xAC\" \xF0\x9F\x98\x80 # @ ~ ` ^ ; \\ '",
      "let a = 1\r\nlet b = \"x\"\r\n", "\t\tlet\tx =\t2",
  };
  for (const std::string& text : cases) {
    INFO("text: " << text);
    CHECK(Difference(text).empty());
    CAPTURE(Difference(text));
  }
}

TEST_CASE("the written lexer makes the generated lexer's tokens: the repository and mutations", "[lexer]") {
  const std::vector<std::string> texts = RepositoryTexts();
  REQUIRE(texts.size() > 200);
  size_t compared = 0;
  for (const std::string& text : texts) {
    const std::string difference = Difference(text);
    if (!difference.empty()) FAIL(difference << "\nin:\n" << text.substr(0, 2000));
    ++compared;
  }
  // Mutations: characters the string, number and comment rules turn on,
  // inserted, deleted and replaced at random places (seeded).
  const std::string alphabet = "\"\"\"$${}}\\\n\r/*_.e+-19aZ ?|&=<\t\xC3\xA9";
  std::mt19937 random(20261208);
  for (size_t round = 0; round < 4000; ++round) {
    std::string text = texts[random() % texts.size()];
    if (text.size() > 4000) text = text.substr(random() % (text.size() - 4000), 4000);
    const size_t edits = 1 + random() % 6;
    for (size_t e = 0; e < edits; ++e) {
      const size_t at = text.empty() ? 0 : random() % text.size();
      const char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0: text.insert(at, 1, c); break;
        case 1: if (!text.empty()) text.erase(at, 1); break;
        default: if (!text.empty()) text[at] = c; break;
      }
    }
    if (!ValidUtf8(text)) continue;
    const std::string difference = Difference(text);
    if (!difference.empty()) FAIL(difference << "\nin:\n" << text);
    ++compared;
  }
  CHECK(compared > 3000);
}
