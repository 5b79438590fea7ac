#!/usr/bin/env python3
"""Robustness check of the built-in policies on malformed input.

Takes the failing and passing examples of docs/rules.md, replaces random
nodes with values of other kinds and drops random keys, and writes the
mutants as one YAML stream. Lint it with every rule on and look at the
"policy error" lines, which are errors in policy code:

    policies/tools/mutate_examples.py 1 > /tmp/mutants.yaml
    build/bench/mast_policy_bench --all --repeat 1 /tmp/mutants.yaml

Needs PyYAML. The argument is the random seed (default 1).
"""
import os
import random
import re
import sys

import yaml
text = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'docs', 'rules.md')).read()
docs = []
for block in re.findall(r"```yaml\n(.*?)```", text, re.S):
    try:
        for d in yaml.safe_load_all(block):
            if isinstance(d, dict) and 'kind' in d: docs.append(d)
    except Exception: pass
rnd = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
weird = [None, 0, 1, -1, True, "", "x", [], {}, [1, "a"], {"a": 1}, 3.5, "0", "latest"]
def mutate(node, depth=0):
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            r = rnd.random()
            if r < 0.05: continue
            if r < 0.15: out[k] = rnd.choice(weird); continue
            out[k] = mutate(v, depth + 1)
        return out
    if isinstance(node, list):
        out = [mutate(x, depth + 1) for x in node if rnd.random() > 0.05]
        if rnd.random() < 0.1: out.append(rnd.choice(weird))
        return out
    return rnd.choice(weird) if rnd.random() < 0.1 else node
out = []
for _ in range(4):
    for d in docs:
        m = mutate(d)
        if rnd.random() < 0.5: m['kind'] = d['kind']
        out.append(m)
sys.stdout.write(yaml.safe_dump_all(out, sort_keys=False))
