#!/usr/bin/env python3
"""Exits 0 when two YAML streams hold the same objects (key order aside).

    yaml_same.py INPUT.yaml OUTPUT.yaml [INPUT2.yaml OUTPUT2.yaml ...]

Several pairs are compared in one run (starting Python and PyYAML costs
more than comparing); every pair that differs is reported, and the exit
status is 1 if any does.

`kind: List` documents count as their items and empty documents as nothing,
as `mast import` reads them. Timestamps stay strings, as Mast reads them. A
field set to null is unset, as the API server reads it (Mast leaves it out).
"""
import sys

import yaml


class Loader(yaml.SafeLoader):
    pass


# Mast (like Kubernetes) reads 2024-01-01 as a string, not a date.
Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def without_nulls(value):
    if isinstance(value, dict):
        return {key: without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value]
    return value


def objects(path):
    with open(path, encoding="utf-8") as stream:
        found = []
        for document in yaml.load_all(stream, Loader=Loader):
            if document is None:
                continue
            if isinstance(document, dict) and document.get("kind") == "List" and isinstance(document.get("items"), list):
                found.extend(item for item in document["items"] if item is not None)
            else:
                found.append(document)
        return [without_nulls(item) for item in found]


def same(expected_path, got_path):
    expected, got = objects(expected_path), objects(got_path)
    if expected == got:
        return True
    print(f"{expected_path} changed in the round trip: {len(expected)} objects in, {len(got)} out", file=sys.stderr)
    for index, (a, b) in enumerate(zip(expected, got)):
        if a != b:
            print(f"object {index} differs:\n  in:  {a}\n  out: {b}", file=sys.stderr)
            break
    return False


def main():
    paths = sys.argv[1:]
    if not paths or len(paths) % 2:
        print("usage: yaml_same.py INPUT.yaml OUTPUT.yaml [INPUT2.yaml OUTPUT2.yaml ...]", file=sys.stderr)
        return 2
    results = [same(paths[i], paths[i + 1]) for i in range(0, len(paths), 2)]
    return 0 if all(results) else 1


sys.exit(main())
