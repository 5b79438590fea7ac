#!/usr/bin/env python3
"""Fails on a function of the product's C++ code longer than about 100 lines.

docs/architecture.md and STYLE.md ask for small functions: none over about
100 lines unless it is a table. This reads every .cpp and .h file under the
product's folders, blanks comments, strings and preprocessor lines, matches
braces, and measures each function defined at namespace or class scope
(lambdas and blocks inside count toward their function). TABLES lists the
functions that are tables, one entry a line, and why.

Usage: check_functions.py SOURCE_DIR
"""

import pathlib
import re
import sys

LIMIT = 100

# "path:function": why it may be long. Each entry must still exist and be long.
TABLES = {
    "compiler/eval/builtins.cpp:AddCollectionBuiltins": "the table of list and record builtins, one entry each",
    "compiler/eval/builtins.cpp:AddStringBuiltins": "the table of string builtins, one entry each",
    "lsp/server/dispatcher.cpp:Dispatcher::RegisterHandlers": "the table of LSP methods and their handlers",
}


def strip_code(text):
    """The text with comments, string and character literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            close = ")" + m.group(1) + '"'
            j = text.find(close, i + m.end())
            j = n if j < 0 else j + len(close)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum():  # digit separator 1'000
                out.append(" ")
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def without_preprocessor(code):
    """Blanks preprocessor lines (and their continuations)."""
    lines = code.split("\n")
    continued = False
    for index, text in enumerate(lines):
        if continued or text.lstrip().startswith("#"):
            continued = text.endswith("\\")
            lines[index] = ""
    return "\n".join(lines)


def functions(code):
    """(first line, line count, header) of each function at namespace or class scope."""
    stack = []  # kinds of open braces: "scope" (namespace, class, file) or "function" or "other"
    header_start = 0
    found = []
    line = 1
    opened = []  # per brace: (kind, line, header)
    for i, c in enumerate(code):
        if c == "\n":
            line += 1
        elif c in ";":
            header_start = i + 1
        elif c == "{":
            header = " ".join(code[header_start:i].split())
            outer = opened[-1][0] if opened else "scope"
            if outer != "scope":
                kind = "other"
            elif re.match(r"^(inline\s+)?namespace\b|^extern\s*$", header) or re.search(
                    r"(^|\s|>)(class|struct|union|enum(\s+class)?)\s+[\w:]+(\s+final)?(\s*:[^()]*)?$", header) or re.search(
                    r"(^|\s)(class|struct|union)\s*$", header):
                kind = "scope"
            elif "(" in header and not re.search(r"=\s*$", header) and not re.match(r"^(if|for|while|switch|catch|do|else)\b", header):
                kind = "function"
            else:
                kind = "other"
            opened.append((kind, line, header))
            header_start = i + 1
        elif c == "}":
            if opened:
                kind, start, header = opened.pop()
                if kind == "function":
                    found.append((start, line - start + 1, header))
            header_start = i + 1
    return found


def function_name(header):
    """`Dispatcher::RegisterHandlers` of `void Dispatcher::RegisterHandlers() const`."""
    before_parameters = header.split("(", 1)[0].split()
    return before_parameters[-1].lstrip("*&") if before_parameters else header


def main():
    root = pathlib.Path(sys.argv[1])
    folders = ["compiler", "schemas", "policies", "lsp", "cli", "bench"]
    failures = []
    tables_seen = set()
    measured = 0
    for folder in folders:
        for path in sorted((root / folder).rglob("*.cpp")) + sorted((root / folder).rglob("*.h")):
            relative = path.relative_to(root).as_posix()
            code = without_preprocessor(strip_code(path.read_text(encoding="utf-8", errors="replace")))
            for start, count, header in functions(code):
                measured += 1
                if count <= LIMIT:
                    continue
                key = f"{relative}:{function_name(header)}"
                if key in TABLES:
                    tables_seen.add(key)
                    continue
                failures.append(f"{relative}:{start}: `{function_name(header)}` is {count} lines long (limit {LIMIT}); "
                                "split it into steps with names, or list it in TABLES if it is a table")
    for key in sorted(set(TABLES) - tables_seen):
        failures.append(f"TABLES lists {key}, which is gone or no longer long: remove the entry")
    if measured < 1000:
        failures.append(f"only {measured} functions found: the reader is broken")
    for failure in failures:
        print(failure)
    if not failures:
        print(f"{measured} functions, none over {LIMIT} lines but {len(TABLES)} tables")
    return 1 if failures else 0


sys.exit(main())
