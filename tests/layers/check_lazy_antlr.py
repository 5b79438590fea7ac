#!/usr/bin/env python3
"""Fails if the generated lexer or parser still builds its ATN when the
program starts (cmake/LazyAntlrInit.cmake): every run, also one that never
parses Mast, would pay for it.

    check_lazy_antlr.py GENERATED_DIR
"""
import pathlib
import sys


def main():
    generated = pathlib.Path(sys.argv[1])
    failures = []
    for name in ("MastLexer", "MastParser"):
        text = (generated / f"{name}.cpp").read_text()
        eager = f"{name}::Initializer {name}::_init;"
        if eager in text:
            failures.append(f"{name}.cpp defines `{eager}`: its ATN is built at start-up")
        # Output that initializes lazily by itself (antlr4 4.10 and later)
        # has no Initializer at all.
        if f"{name}::Initializer::Initializer()" in text and "initialized_once" not in text:
            failures.append(f"{name}.cpp has an Initializer that its constructor does not run")
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
