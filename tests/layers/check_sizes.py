#!/usr/bin/env python3
"""Fails on a source file longer than about 600 lines (STYLE.md: small files).

Counts the lines of every C++ and Python file in the repository's own
folders (third_party/ and build directories excluded). A file over the limit
is to be split along its seams, as compiler/syntax/parse.cpp was; the limit
leaves a little room over 600 so that a file at the limit is not broken by
one added line, and no file may grow past it.

Usage: check_sizes.py SOURCE_DIR
"""
import pathlib
import sys

LIMIT = 620
FOLDERS = ("compiler", "schemas", "policies", "lsp", "cli", "bench", "tests", "scripts", "grammar", "editors")
SUFFIXES = (".cpp", ".h", ".hpp", ".cc", ".py")


def main() -> int:
    root = pathlib.Path(sys.argv[1])
    too_long, files = [], 0
    for top in FOLDERS:
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in SUFFIXES or not path.is_file() or "node_modules" in path.parts:
                continue
            files += 1
            with path.open(encoding="utf-8", errors="replace") as text:
                lines = sum(1 for _ in text)
            if lines > LIMIT:
                too_long.append(f"{path.relative_to(root).as_posix()}: {lines} lines (limit {LIMIT}); "
                                "split it along its seams")
    for message in too_long:
        print(message, file=sys.stderr)
    print(f"sizes: {files} files, {len(too_long)} over {LIMIT} lines")
    return 1 if too_long or files < 300 else 0


if __name__ == "__main__":
    sys.exit(main())
