#!/usr/bin/env python3
"""Front ends must be near-linear: doubling the input about doubles the time.

For each shape of input that once took quadratic time (issue 13), this
writes the input at size n and 2n, times `mast` on both (best of --runs), and
prints the ratio. A ratio near 2 is linear; near 4 is quadratic. Exit 1 when
a ratio passes --max-ratio (default 3.0), so that CI can run it:

    bench/scaling.py --mast build/cli/mast
    bench/scaling.py --mast build/cli/mast --scale 4 --runs 5

Shapes (n at --scale 1):
  lets          n `let` declarations                        mast fmt --check, build
  fields        a `.a` chain of n links (E0102 past 1,500)  mast build
  plus          `1+1+...` of n terms (E0102)                mast build
  interp        n `"${` left open on one line (E0104)       mast build
  yaml-flow     n nested `[` (E0603 past 256 levels)        mast check
  yaml-docs     n small documents                           mast check
  long-line     one YAML line of n labels, one error        mast check (the report is clipped)
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time


def lets(n):
    return "".join(f"let x{i} = {i}\n" for i in range(n)), "mast"


def fields(n):
    return "let r = {a: 1}\nlet x = r" + ".a" * n + "\n", "mast"


def plus(n):
    return "let x = " + "+".join(["1"] * n) + "\n", "mast"


def interp(n):
    return "let x = " + '"${' * n + "\n", "mast"


def yaml_flow(n):
    return "a: " + "[" * n + "]" * n + "\n", "yaml"


def yaml_docs(n):
    doc = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm{i}\ndata:\n  k: v\n"
    return "---\n".join(doc.format(i=i) for i in range(n)), "yaml"


def long_line(n):
    labels = ", ".join(f"k{i}: v" for i in range(n))
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, labels: {" + labels + ", bad: [1]}}\n", "yaml"


SHAPES = {
    "lets": (lets, 25_000, [["fmt", "--check"], ["build"]]),
    "fields": (fields, 10_000, [["build"]]),
    "plus": (plus, 200_000, [["build"]]),
    "interp": (interp, 10_000, [["build"]]),
    "yaml-flow": (yaml_flow, 50_000, [["check", "--no-policies"]]),
    "yaml-docs": (yaml_docs, 5_000, [["check", "--no-policies", "-j", "1"]]),
    "long-line": (long_line, 100_000, [["check", "--no-policies"]]),
}


def best_time(command, runs):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mast", default="build/cli/mast")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every n")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--max-ratio", type=float, default=3.0)
    parser.add_argument("shapes", nargs="*", default=list(SHAPES))
    args = parser.parse_args()
    mast = os.path.abspath(args.mast)
    worst = 0.0
    print(f"{'shape':<10} {'command':<28} {'n':>9} {'t(n) s':>9} {'t(2n) s':>9} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as work:
        for name in args.shapes:
            make, base, commands = SHAPES[name]
            n = int(base * args.scale)
            paths = []
            for size in (n, 2 * n):
                text, kind = make(size)
                path = os.path.join(work, f"{name}-{size}.{'mast' if kind == 'mast' else 'yaml'}")
                with open(path, "w") as f:
                    f.write(text)
                paths.append(path)
            for command in commands:
                t1 = best_time([mast, *command, paths[0]], args.runs)
                t2 = best_time([mast, *command, paths[1]], args.runs)
                ratio = t2 / max(t1, 1e-4)
                worst = max(worst, ratio)
                print(f"{name:<10} {' '.join(command):<28} {n:>9} {t1:>9.3f} {t2:>9.3f} {ratio:>6.2f}")
    if worst > args.max_ratio:
        print(f"scaling.py: a ratio of {worst:.2f} is above {args.max_ratio}: something is superlinear", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
