#!/usr/bin/env python3
"""Times two commands in alternation and reports their ratio.

    bench/paired.py [--cpu] RUNS 'COMMAND A' 'COMMAND B'

Each round runs A, then B, with output discarded. The shared development
machine changes speed by up to a third within minutes, so timing A and B
in separate batches (as hyperfine does) can put A on a fast minute and B on
a slow one. Alternating keeps both under the same conditions; the median of
the per-round ratios is the figure to quote.

With --cpu, each run is measured by the CPU time (user + system) of its
process tree instead of the wall time: what a noisy, shared machine changes
least.
"""
import resource
import statistics
import subprocess
import sys
import time

CPU = False


def run(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu if CPU else wall


def main():
    global CPU
    if len(sys.argv) == 5 and sys.argv[1] == "--cpu":
        CPU = True
        del sys.argv[1]
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    a_times, b_times = [], []
    for _ in range(rounds):
        a_times.append(run(sys.argv[2]))
        b_times.append(run(sys.argv[3]))
    ratios = [a / b for a, b in zip(a_times, b_times) if b > 0]
    unit = " CPU" if CPU else ""
    ms = lambda t: f"{t * 1000:.1f} ms{unit}"
    print(f"A: median {ms(statistics.median(a_times))}, min {ms(min(a_times))}")
    print(f"B: median {ms(statistics.median(b_times))}, min {ms(min(b_times))}")
    print(f"A/B: median of {rounds} rounds {statistics.median(ratios):.2f} "
          f"(range {min(ratios):.2f}-{max(ratios):.2f})")


if __name__ == "__main__":
    main()
