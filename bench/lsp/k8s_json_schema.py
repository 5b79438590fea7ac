#!/usr/bin/env python3
"""Writes a yannh-style "all.json" Kubernetes JSON schema from an OpenAPI v3
(components.schemas) or Swagger 2 (definitions) Kubernetes document.

Usage: k8s_json_schema.py SPEC.json OUT.json

yaml-language-server's `kubernetes` schema keyword downloads
yannh/kubernetes-json-schema's `<version>-standalone-strict/all.json`; this
builds the equivalent offline (from the same spec `mast` embeds), so the
benchmark does not need network access: every definition, `$ref`s into
`#/definitions`, int-or-string as a oneOf, `additionalProperties: false` on
objects with properties (strict), apiVersion/kind enums on resources, and a
top-level oneOf over the resources.
"""
import json
import sys


def convert(node):
    """Converts one schema (not a map of property names to schemas)."""
    if isinstance(node, list):
        return [convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            out[key] = value.replace("#/components/schemas/", "#/definitions/")
        elif key in ("properties", "patternProperties", "definitions") and isinstance(value, dict):
            out[key] = {name: convert(schema) for name, schema in value.items()}
        elif key.startswith("x-kubernetes-") and key != "x-kubernetes-group-version-kind":
            continue
        else:
            out[key] = convert(value)
    if node.get("x-kubernetes-int-or-string") is True:
        out.pop("type", None)
        out.pop("format", None)
        out["oneOf"] = [{"type": "string"}, {"type": "integer"}]
    if isinstance(out.get("allOf"), list) and len(out["allOf"]) == 1 and "$ref" in out["allOf"][0]:
        out["$ref"] = out.pop("allOf")[0]["$ref"]
    if out.get("type") == "object" and "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


def main():
    spec = json.load(open(sys.argv[1]))
    definitions = spec.get("definitions") or spec.get("components", {}).get("schemas", {})
    converted = {}
    resources = []
    for name, schema in definitions.items():
        schema = convert(schema)
        gvks = schema.pop("x-kubernetes-group-version-kind", None)
        if gvks and "properties" in schema and "kind" in schema["properties"]:
            kinds = sorted({g["kind"] for g in gvks})
            versions = sorted({(g["group"] + "/" if g["group"] else "") + g["version"] for g in gvks})
            schema["properties"]["kind"] = dict(schema["properties"]["kind"], enum=kinds)
            schema["properties"]["apiVersion"] = dict(schema["properties"]["apiVersion"], enum=versions)
            if not name.endswith("List") and "WatchEvent" not in name and "DeleteOptions" not in name:
                resources.append(name)
        converted[name] = schema
    out = {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": converted,
           "oneOf": [{"$ref": "#/definitions/" + name} for name in sorted(resources)]}
    json.dump(out, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
