#!/usr/bin/env python3
"""Checks that the Mast and Jsonnet benchmark programs produce the same objects.

Usage: check_equal.py MAST_JSON JSONNET_JSON [MAST_YAML]

MAST_JSON is `mast build --format json` output (a `v1 List`), JSONNET_JSON is
`jsonnet` output (the same `v1 List`). They are compared as parsed JSON values:
objects are equal when they have the same keys with equal values, whatever the
key order (jsonnet sorts keys, Mast keeps source order); lists must be equal
item by item, in order. When MAST_YAML (the default `mast build` output) is
given and PyYAML is installed, its documents must equal the list's items too,
so the YAML that Kubernetes would read is checked as well.
"""
import json
import sys


def first_difference(a, b, path="$"):
    """The path of the first place where a and b differ, or None."""
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, dict):
        if a.keys() != b.keys():
            return f"{path}: keys {sorted(a.keys() ^ b.keys())} in only one"
        for key in a:
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: {a!r} vs {b!r}"


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    with open(sys.argv[1]) as f:
        mast = json.load(f)
    with open(sys.argv[2]) as f:
        jsonnet = json.load(f)
    difference = first_difference(mast, jsonnet)
    if difference:
        sys.exit(f"outputs differ at {difference}")
    items = mast["items"]
    kinds = {}
    for item in items:
        kinds[item["kind"]] = kinds.get(item["kind"], 0) + 1
    print(f"equal: {len(items)} objects ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})")
    if len(sys.argv) == 4:
        try:
            import yaml
        except ImportError:
            print("PyYAML not installed; YAML output not compared")
            return
        with open(sys.argv[3]) as f:
            documents = list(yaml.load_all(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
        difference = first_difference(documents, items)
        if difference:
            sys.exit(f"YAML output differs from the JSON items at {difference}")
        print(f"equal: the YAML stream's {len(documents)} documents are the same objects")


if __name__ == "__main__":
    main()
