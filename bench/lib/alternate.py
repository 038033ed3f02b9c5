"""Runs commands in alternation, round after round, and reports each one's median wall time and
median peak resident memory: what the benchmarks compare, so that a change of the machine's load
during the run weighs on every command alike (hyperfine runs each command's runs in one block).

Usage: alternate.py --runs N [--warmup W] --json FILE NAME::COMMAND...
A COMMAND is split into words as a shell would (shlex), run without a shell, its stdin, stdout
and stderr on /dev/null; one that exits non-zero stops the benchmark. Wall time is taken around
the process (fork to wait4), peak memory is wait4's ru_maxrss of that process (the JVM, since the
launchers exec it). Writes the measurements to FILE: {"results": [{"command": NAME, "median": s,
"times": [s...], "peak_rss_mib": MiB}]}; says each round on stderr.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time


def run_once(words):
    start = time.perf_counter()
    process = subprocess.Popen(words, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit("alternate.py: exit %d from %s" % (code, " ".join(words)))
    return wall, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--json", required=True)
    parser.add_argument("commands", nargs="+", metavar="NAME::COMMAND")
    args = parser.parse_args()
    commands = []
    for item in args.commands:
        name, command = item.split("::", 1)
        commands.append((name, shlex.split(command)))
    for _ in range(args.warmup):
        for _, words in commands:
            run_once(words)
    walls = {name: [] for name, _ in commands}
    peaks = {name: [] for name, _ in commands}
    for r in range(args.runs):
        for name, words in commands:
            wall, peak = run_once(words)
            walls[name].append(wall)
            peaks[name].append(peak)
        print("alternate.py: round %d of %d" % (r + 1, args.runs), file=sys.stderr)
    results = [{"command": name, "median": statistics.median(walls[name]), "times": walls[name],
                "peak_rss_mib": statistics.median(peaks[name])} for name, _ in commands]
    with open(args.json, "w") as f:
        json.dump({"results": results}, f)


if __name__ == "__main__":
    main()
