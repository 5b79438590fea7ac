#!/usr/bin/env python3
"""The cost of the policies in `mast check` (see README.md for the figures).

    bench/policies/run.py [--rounds N] [--sizes 10000,20000,100000] [--jobs J] MAST [MAST_BEFORE]

For each size, generates a manifest with bench/gen_manifest.py (Deployments,
Services and ConfigMaps; deterministic) and runs, in alternation round by
round, `mast check FILE` and `mast check --no-policies FILE` (and the same
two with MAST_BEFORE when given), each under /usr/bin/time. It prints per
command the median CPU time (user + system) and the largest peak RSS, and
the policy cost ratio: median over the rounds of check CPU / --no-policies
CPU (target: at most 1.5 at 10,000 objects; peak memory at most 250 MB at
100,000). Needs python3 and /usr/bin/time (apt-get install -y time).
Inputs go to $MAST_BENCH_DIR (default /tmp/mast-policy-bench).
"""
import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(command):
    """(cpu seconds, peak KB) of one run, output discarded."""
    result = subprocess.run(["/usr/bin/time", "-f", "%U %S %M"] + command, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, check=False)
    user, system, peak = result.stderr.strip().splitlines()[-1].split()
    return float(user) + float(system), int(peak)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", default="10000,20000,100000")
    parser.add_argument("--jobs", default="", help="pass -j JOBS to every run (default: mast's default)")
    parser.add_argument("mast")
    parser.add_argument("before", nargs="?")
    args = parser.parse_args()
    out = os.environ.get("MAST_BENCH_DIR", "/tmp/mast-policy-bench")
    os.makedirs(out, exist_ok=True)
    jobs = ["-j", args.jobs] if args.jobs else []
    binaries = [("new", args.mast)] + ([("before", args.before)] if args.before else [])
    with open("/proc/loadavg") as load:
        print(f"load average at the start: {' '.join(load.read().split()[:3])}")
    for size in [int(s) for s in args.sizes.split(",")]:
        path = os.path.join(out, f"manifest-{size}.yaml")
        if not os.path.exists(path):
            with open(path, "w") as f:
                subprocess.run([sys.executable, os.path.join(HERE, "..", "gen_manifest.py"), "--objects", str(size)],
                               stdout=f, check=True)
        runs = {}
        for name, mast in binaries:
            runs[(name, "check")] = [mast, "check"] + jobs + [path]
            runs[(name, "--no-policies")] = [mast, "check", "--no-policies"] + jobs + [path]
        cpu = {key: [] for key in runs}
        peak = {key: 0 for key in runs}
        for _ in range(args.rounds):
            for key, command in runs.items():
                seconds, kb = measure(command)
                cpu[key].append(seconds)
                peak[key] = max(peak[key], kb)
        print(f"\n{size} objects ({os.path.getsize(path)} bytes), {args.rounds} rounds in alternation")
        for key in runs:
            print(f"  {key[0]:6} {key[1]:14} CPU median {statistics.median(cpu[key]):.3f} s"
                  f" (min {min(cpu[key]):.3f}), peak RSS {peak[key] / 1024:.1f} MB")
        for name, _ in binaries:
            ratios = [a / b for a, b in zip(cpu[(name, "check")], cpu[(name, "--no-policies")]) if b > 0]
            print(f"  {name:6} policy cost ratio (check / --no-policies CPU): median {statistics.median(ratios):.2f}"
                  f" (range {min(ratios):.2f}-{max(ratios):.2f})")


if __name__ == "__main__":
    main()
