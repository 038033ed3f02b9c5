#!/usr/bin/python3
"""Plays supervisord to event listeners, in lockstep as supervisord does: wait for READY, send one
event (header + payload, len in characters, UTF-8 bytes), wait for the RESULT, repeat.

Runs Fouet and the plain Python listener side by side, alternating rounds in the same run, and
prints events/s, acknowledgement latency (p50/p99) and idle resident memory, with medians over
the rounds and the Fouet/Python ratios.

Usage: driver.py --redis-port P --fouet-cmd '...' --python-cmd '...' [--events N] [--rounds R]
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time

import redis

STATES = ["STARTING", "RUNNING", "STOPPING", "STOPPED"]


def payload(i):
    name = ["web", "worker_%d" % (i % 7), "café_日本", "api"][i % 4]
    state = STATES[i % 4]
    extra = "tries:0" if state == "STARTING" else "pid:%d" % (1000 + i)
    return "processname:%s groupname:%s from_state:%s %s" % (name, name, STATES[(i + 3) % 4], extra)


def frame(i):
    body = payload(i)
    header = ("ver:3.0 server:supervisor serial:%d pool:fouet poolserial:%d eventname:PROCESS_STATE_%s len:%d\n"
              % (i, i, STATES[i % 4], len(body)))
    return (header + body).encode("utf-8")


class Listener:
    def __init__(self, command):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.expect(b"READY\n")

    def read_exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.proc.stdout.read(n - len(data))
            if not chunk:
                raise RuntimeError("listener closed stdout; got %r" % data)
            data += chunk
        return data

    def expect(self, token):
        got = self.read_exact(len(token))
        if got != token:
            raise RuntimeError("expected %r, got %r" % (token, got))

    def send(self, data):
        """One event; returns the acknowledgement latency in seconds."""
        start = time.perf_counter()
        self.proc.stdin.write(data)
        self.proc.stdin.flush()
        line = b""
        while not line.endswith(b"\n"):
            line += self.read_exact(1)
        result = self.read_exact(int(line.split()[1]))
        elapsed = time.perf_counter() - start
        if result != b"OK":
            raise RuntimeError("listener answered %r" % result)
        self.expect(b"READY\n")
        return elapsed

    def rss_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))]


def one_round(command, events, warmup, idle_seconds, r, key):
    r.delete(key)
    listener = Listener(command)
    try:
        for i in range(warmup):
            listener.send(frame(i))
        latencies = []
        start = time.perf_counter()
        for i in range(warmup, warmup + events):
            latencies.append(listener.send(frame(i)))
        wall = time.perf_counter() - start
        time.sleep(idle_seconds)
        rss = listener.rss_kib()
    finally:
        listener.close()
    arrived = r.llen(key)
    if arrived != warmup + events:
        raise RuntimeError("%d events in Redis, expected %d" % (arrived, warmup + events))
    return {"events_per_s": events / wall, "p50_ms": percentile(latencies, 50) * 1000,
            "p99_ms": percentile(latencies, 99) * 1000, "idle_rss_mib": rss / 1024.0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--redis-port", type=int, required=True)
    parser.add_argument("--fouet-cmd", required=True)
    parser.add_argument("--python-cmd", required=True)
    parser.add_argument("--listener", action="append", default=[], metavar="NAME=CMD",
                        help="another listener to run in the same rounds, e.g. a candidate build of Fouet")
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--warmup", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--idle-seconds", type=float, default=5)
    args = parser.parse_args()
    r = redis.Redis(host="127.0.0.1", port=args.redis_port)
    listeners = {"fouet": shlex.split(args.fouet_cmd), "python": shlex.split(args.python_cmd)}
    for extra in args.listener:
        name, command = extra.split("=", 1)
        listeners[name] = shlex.split(command)
    results = {name: [] for name in listeners}
    for round_no in range(args.rounds):
        for name, command in listeners.items():
            result = one_round(command, args.events, args.warmup, args.idle_seconds, r, "bench:fouet:" + name)
            results[name].append(result)
            print("round %d %-6s %s" % (round_no + 1, name, json.dumps({k: round(v, 3) for k, v in result.items()})),
                  file=sys.stderr)
    medians = {name: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for name, rs in results.items()}
    print("| listener | events/s | ack p50 (ms) | ack p99 (ms) | idle RSS (MiB) |")
    print("|---|---|---|---|---|")
    for name, m in medians.items():
        print("| %s | %.0f | %.3f | %.3f | %.1f |" % (name, m["events_per_s"], m["p50_ms"], m["p99_ms"],
                                                   m["idle_rss_mib"]))
    p = medians["python"]
    print()
    for name, f in medians.items():
        if name != "python":
            print("%s / python: events/s x%.2f, p50 x%.2f, p99 x%.2f, idle RSS x%.2f" % (
                name, f["events_per_s"] / p["events_per_s"], f["p50_ms"] / p["p50_ms"], f["p99_ms"] / p["p99_ms"],
                f["idle_rss_mib"] / p["idle_rss_mib"]))


if __name__ == "__main__":
    main()
