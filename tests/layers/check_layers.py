#!/usr/bin/env python3
"""Fails on an include that goes against the layering of docs/architecture.md.

Every source file belongs to one layer (its folder), and may include only
headers of its own layer and of the layers written down for it in ALLOWED.
Dependencies run one way: compiler <- schemas <- policies <- lsp, cli. A new
folder must be added here before its files may be included.

Usage: check_layers.py SOURCE_DIR
"""
import pathlib
import re
import sys

COMPILER_CORE = ["compiler/base", "compiler/diagnostics", "compiler/value"]
COMPILER_ALL = COMPILER_CORE + ["compiler/types", "compiler/syntax", "compiler/sema", "compiler/yaml",
                                "compiler/emit", "compiler/eval", "compiler/check", "compiler/driver"]

# layer -> the layers it may include (besides itself).
ALLOWED = {
    "compiler/base": [],
    "compiler/diagnostics": ["compiler/base"],
    "compiler/value": ["compiler/base"],
    "compiler/syntax": ["compiler/base", "compiler/diagnostics"],
    # types.h names the syntax tree's type expressions.
    "compiler/types": COMPILER_CORE + ["compiler/syntax"],
    "compiler/format": COMPILER_CORE + ["compiler/syntax"],
    "compiler/yaml": COMPILER_CORE,
    "compiler/emit": COMPILER_CORE + ["compiler/yaml"],
    # Type resolution, conformance and the builtins' signatures, under both
    # checking and evaluation.
    "compiler/sema": COMPILER_CORE + ["compiler/types", "compiler/syntax"],
    "compiler/eval": COMPILER_CORE + ["compiler/types", "compiler/syntax", "compiler/sema", "compiler/yaml",
                                      "compiler/emit"],
    "compiler/check": COMPILER_CORE + ["compiler/types", "compiler/syntax", "compiler/sema"],
    "compiler/driver": COMPILER_ALL,
    "compiler/testing": COMPILER_ALL,
    "schemas/openapi": COMPILER_CORE + ["compiler/types", "schemas"],
    "schemas/generator": ["schemas/openapi"],
    "schemas": COMPILER_CORE + ["compiler/types", "compiler/yaml", "schemas/openapi"],
    "schemas/rules": COMPILER_CORE + ["compiler/yaml", "schemas"],
    "schemas/check": COMPILER_ALL + ["schemas", "schemas/rules"],
    "policies": COMPILER_ALL + ["schemas", "schemas/check"],
    "policies/tools": COMPILER_ALL + ["schemas", "schemas/check", "policies"],
    "lsp/protocol": [],
    "lsp/transport": ["lsp/protocol"],
    "lsp/analysis": COMPILER_ALL + ["compiler/format", "schemas", "schemas/check", "schemas/rules", "policies",
                                    "lsp/protocol"],
    "lsp/features": COMPILER_ALL + ["compiler/format", "schemas", "schemas/check", "policies", "lsp/protocol",
                                    "lsp/analysis"],
    "lsp/server": COMPILER_ALL + ["schemas", "schemas/check", "policies", "lsp/protocol", "lsp/transport",
                                  "lsp/analysis", "lsp/features"],
}
# Layers the front end (cli/) may use: everything.
ALLOWED["cli"] = sorted(set(ALLOWED) | {"compiler/testing", "compiler/format"})

COMPILER_FOLDERS = {name.split("/")[1] for name in ALLOWED if name.startswith("compiler/")}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def layer_of_file(relative: pathlib.PurePosixPath) -> str:
    parts = relative.parts
    if parts[0] == "compiler" or (parts[0] == "lsp" and len(parts) > 2):
        return "/".join(parts[:2])
    if parts[0] in ("schemas", "policies") and len(parts) > 2:
        return "/".join(parts[:2])
    return parts[0]


def layer_of_include(include: str) -> str | None:
    parts = include.split("/")
    if len(parts) < 2:
        return None  # generated headers (MastParser.h, mast_version_info.h) and same-folder names
    if parts[0] == "compiler" and len(parts) > 2:
        return "compiler/" + parts[1]
    if parts[0] in COMPILER_FOLDERS:
        return "unrooted"  # one include root: the repository's top folder
    if parts[0] in ("schemas", "policies", "lsp"):
        return "/".join(parts[:2]) if len(parts) > 2 else parts[0]
    if parts[0] == "cli":
        return "cli"
    return None


def main() -> int:
    root = pathlib.Path(sys.argv[1])
    violations, files = [], 0
    for top in ("compiler", "schemas", "policies", "lsp", "cli"):
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in (".h", ".cpp", ".in") or not path.is_file():
                continue
            relative = pathlib.PurePosixPath(path.relative_to(root).as_posix())
            layer = layer_of_file(relative)
            if layer not in ALLOWED:
                violations.append(f"{relative}: the folder `{layer}` has no entry in tests/layers/check_layers.py")
                continue
            files += 1
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in INCLUDE.finditer(text):
                target = layer_of_include(match.group(1))
                if target is None or target == layer or target in ALLOWED[layer]:
                    continue
                line = text.count("\n", 0, match.start()) + 1
                if target == "unrooted":
                    violations.append(f"{relative}:{line}: include `{match.group(1)}` from the repository's top folder: "
                                      f"`compiler/{match.group(1)}`")
                    continue
                violations.append(f"{relative}:{line}: `{layer}` may not include `{match.group(1)}` "
                                  f"(layer `{target}`); allowed: {', '.join(ALLOWED[layer]) or 'nothing'}")
    for violation in violations:
        print(violation, file=sys.stderr)
    print(f"layers: {files} files, {len(violations)} upward or unlisted includes")
    return 1 if violations or files < 100 else 0


if __name__ == "__main__":
    sys.exit(main())
