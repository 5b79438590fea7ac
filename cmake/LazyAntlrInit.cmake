# Run as `cmake -DDIR=<generated dir> -P LazyAntlrInit.cmake` after the
# antlr4 tool. Debian's antlr4 (4.7.2) emits a static `_init` object per
# recognizer that deserializes its ATN when the program starts: about 2.6 M
# instructions that every run paid, also the runs that never parse Mast
# (`mast check` on YAML, the pre-commit case). This moves that work into the
# recognizer's constructor, behind a function-local static (initialized once,
# thread-safe), so it runs the first time a lexer or parser is made. Output
# of other antlr4 versions, which initialize lazily already, has neither
# pattern and is left as it is.
foreach(class MastLexer MastParser)
  set(file "${DIR}/${class}.cpp")
  file(READ "${file}" text)
  set(eager "${class}::Initializer ${class}::_init;")
  if(class STREQUAL "MastLexer")
    set(constructor "${class}::${class}(CharStream *input) : Lexer(input) {")
  else()
    set(constructor "${class}::${class}(TokenStream *input) : Parser(input) {")
  endif()
  string(FIND "${text}" "${eager}" eager_at)
  string(FIND "${text}" "${constructor}" constructor_at)
  if(eager_at EQUAL -1 OR constructor_at EQUAL -1)
    message(STATUS "${class}.cpp: no eager initializer to defer")
    continue()
  endif()
  string(REPLACE "${eager}" "// (initialized on first use: see the constructor)" text "${text}")
  string(REPLACE "${constructor}"
         "${constructor}\n  static const Initializer initialized_once;  // cmake/LazyAntlrInit.cmake\n  (void)initialized_once;"
         text "${text}")
  file(WRITE "${file}" "${text}")
endforeach()
