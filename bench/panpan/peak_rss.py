"""Runs a command N times and prints the median of its peak resident memory in MiB (wait4's ru_maxrss)."""
import os
import statistics
import subprocess
import sys

runs, command = int(sys.argv[1]), sys.argv[2:]
peaks = []
for _ in range(runs):
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("failed: " + " ".join(command))
    peaks.append(usage.ru_maxrss / 1024)
print("%.1f" % statistics.median(peaks))
