#!/usr/bin/env python3
"""Times two commands in alternation and reports their ratio.

    bench/paired.py RUNS 'COMMAND A' 'COMMAND B'

Each round runs A, then B, with output discarded. The shared development
machine changes speed by up to a third within minutes, so timing A and B
in separate batches (as hyperfine does) can put A on a fast minute and B on
a slow one. Alternating keeps both under the same conditions; the median of
the per-round ratios is the figure to quote.
"""
import statistics
import subprocess
import sys
import time


def run(command):
    start = time.perf_counter()
    subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    a_times, b_times = [], []
    for _ in range(rounds):
        a_times.append(run(sys.argv[2]))
        b_times.append(run(sys.argv[3]))
    ratios = [a / b for a, b in zip(a_times, b_times)]
    ms = lambda t: f"{t * 1000:.1f} ms"
    print(f"A: median {ms(statistics.median(a_times))}, min {ms(min(a_times))}")
    print(f"B: median {ms(statistics.median(b_times))}, min {ms(min(b_times))}")
    print(f"A/B: median of {rounds} rounds {statistics.median(ratios):.2f} "
          f"(range {min(ratios):.2f}-{max(ratios):.2f})")


if __name__ == "__main__":
    main()
