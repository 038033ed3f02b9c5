"""Cuir's round benchmark; run through bench/cuir/run, which installs and builds what it needs.

Starts the loopback targets (Targets.java) and a scratch redis-server, then, side by side in the
same run, for 1k, 5k and 10k responsive targets (half listening, half closed): cuir --once, a
sequential Python prober like the original, and nmap -sT. Then the full round: 10k responsive plus
1k unresponsive targets. Then the HTTP row: 1k HTTP targets (HttpTargets.java), cuir --once against
curl on the same URLs, one curl per URL through xargs -P, and one curl --parallel. Prints a Markdown
report with medians and ratios. ONLY=http runs the HTTP row alone.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# The distribution's launcher, as a user runs Cuir (its JVM options and class-data archive;
# MOUSTASH_JAVA_OPTS replaces the options); bench/cuir/run passes it, with the scratch Redis.
CUIR = os.path.join(os.environ["BENCH_DIST"], "bin", "cuir")
REDIS_PORT = int(os.environ["BENCH_REDIS_PORT"])
REPS = int(os.environ.get("REPS", "5"))
TIMEOUT = 3
SIZES = [1000, 5000, 10000]
UNRESPONSIVE = 1000
JAVA_OPTS = os.environ.get("MOUSTASH_JAVA_OPTS", "")
HTTP_TARGETS = 1000
CURL_PARALLEL = int(os.environ.get("CURL_PARALLEL", "50"))
ONLY = os.environ.get("ONLY", "")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_ports(path):
    with open(path) as f:
        return [int(line) for line in f if line.strip()]


def write_ports(path, ports):
    with open(path, "w") as f:
        f.writelines(f"{p}\n" for p in ports)


def write_config(path, redis_port, key, ports):
    with open(path, "w") as f:
        f.write(f"[moustash]\nredis_host = 127.0.0.1\nredis_port = {redis_port}\nredis_namespace = {key}\n")
        f.write(f"[cuir]\ntimeout = {TIMEOUT}\n")
        for i, p in enumerate(ports):
            f.write(f"t{i}: 127.0.0.1:{p}:bench target {i}\n")


SUMMARY = re.compile(r"cuir: (\d+) probes? in ([\d.]+) s \((\d+) up\), (\d+) events? published")


def run_cuir(config, expected_exit=2):
    cmd = ["/usr/bin/time", "-f", "TIME %e %M", CUIR, "-c", config, "--once", "-v"]
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=300)
    m = SUMMARY.search(p.stderr)
    t = re.search(r"TIME ([\d.]+) (\d+)", p.stderr)
    if p.returncode != expected_exit or not m or not t:
        sys.exit(f"cuir failed (exit {p.returncode}): {p.stderr[-2000:]}")
    return {"round": float(m.group(2)), "up": int(m.group(3)), "events": int(m.group(4)),
            "wall": float(t.group(1)), "rss_mb": int(t.group(2)) / 1024}


def run_python(*port_files):
    out = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "sequential_prober.py"), str(TIMEOUT), *port_files],
                         capture_output=True, text=True, check=True, timeout=3600).stdout.split()
    return {"round": float(out[1]), "up": int(out[2])}


def run_nmap(ports):
    start = time.monotonic()
    out = subprocess.run(["nmap", "-sT", "-Pn", "-n", "-p", ",".join(map(str, ports)), "127.0.0.1", "-oG", "-"],
                         capture_output=True, text=True, check=True, timeout=600).stdout
    return {"round": time.monotonic() - start, "up": out.count("/open/")}


def write_http_config(path, redis_port, key, urls):
    with open(path, "w") as f:
        f.write(f"[moustash]\nredis_host = 127.0.0.1\nredis_port = {redis_port}\nredis_namespace = {key}\n")
        f.write(f"[cuir]\ntimeout = {TIMEOUT}\n")
        for i, url in enumerate(urls):
            f.write(f"[cuir:h{i}]\nurl = {url}\n")


def run_curl_xargs(url_file):
    """One curl process per URL, CURL_PARALLEL at a time: what a shell script checking URLs does."""
    start = time.monotonic()
    with open(url_file) as urls:
        out = subprocess.run(["xargs", "-P", str(CURL_PARALLEL), "-n", "1", "curl", "-s", "-o", "/dev/null",
                              "--max-time", str(TIMEOUT), "-w", "%{http_code}\n"],
                             stdin=urls, capture_output=True, text=True, timeout=600).stdout
    return {"round": time.monotonic() - start, "up": out.split().count("200")}


def run_curl_parallel(urls):
    """One curl process, its own --parallel transfers: curl at its best."""
    start = time.monotonic()
    out = subprocess.run(["curl", "-s", "--parallel", "--parallel-max", str(CURL_PARALLEL), "--max-time", str(TIMEOUT),
                          "-w", "%{http_code}\n", *[a for u in urls for a in ("-o", "/dev/null", u)]],
                         capture_output=True, text=True, timeout=600).stdout
    return {"round": time.monotonic() - start, "up": out.split().count("200")}


def http_row(work, redis_port):
    server = subprocess.Popen(["java", os.path.join(HERE, "HttpTargets.java"), str(HTTP_TARGETS), work],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        if server.stdout.readline().strip() != "ready":
            sys.exit("HTTP targets did not start")
        urls = [f"http://127.0.0.1:{p}/health" for p in read_ports(os.path.join(work, "http.txt"))]
        url_file = os.path.join(work, "urls.txt")
        with open(url_file, "w") as f:
            f.writelines(u + "\n" for u in urls)
        config = os.path.join(work, "cuir-http.ini")
        write_http_config(config, redis_port, "bench:http", urls)
        cuir, xargs, parallel = [], [], []
        for _ in range(REPS):
            cuir.append(run_cuir(config, expected_exit=0))
            xargs.append(run_curl_xargs(url_file))
            parallel.append(run_curl_parallel(urls))
        for name, runs in (("cuir", cuir), ("curl xargs", xargs), ("curl --parallel", parallel)):
            if any(r["up"] != len(urls) for r in runs):
                sys.exit(f"{name} saw {[r['up'] for r in runs]} of {len(urls)} HTTP targets answer 200")
        print(f"http: cuir {median(cuir, 'round'):.3f} s, curl xargs {median(xargs, 'round'):.3f} s, "
              f"curl --parallel {median(parallel, 'round'):.3f} s", file=sys.stderr)
        return cuir, xargs, parallel
    finally:
        server.stdin.close()
        server.wait(10)


def print_http_row(cuir, xargs, parallel):
    c, x, p = median(cuir, "round"), median(xargs, "round"), median(parallel, "round")
    print(f"\nHTTP: {HTTP_TARGETS:,} local HTTP targets (GET /health, 200 and close), {REPS} repetitions, medians; "
          f"curl at most {CURL_PARALLEL} at a time.\n")
    print("| prober | round | curl / cuir round |")
    print("|---|---|---|")
    print(f"| cuir --once (round; wall {median(cuir, 'wall'):.2f} s with JVM start, max RSS {median(cuir, 'rss_mb'):.0f} MB) "
          f"| {c:.3f} s | 1× |")
    print(f"| xargs -P {CURL_PARALLEL} curl (one process per URL) | {x:.3f} s | {x / c:.1f}× |")
    print(f"| curl --parallel --parallel-max {CURL_PARALLEL} (one process) | {p:.3f} s | {p / c:.1f}× |")
    print(f"(cuir rounds: {', '.join('%.2f' % r['round'] for r in cuir)} s; xargs curl: "
          f"{', '.join('%.2f' % r['round'] for r in xargs)} s; curl --parallel: "
          f"{', '.join('%.2f' % r['round'] for r in parallel)} s.)")


def median(runs, key):
    return statistics.median(r[key] for r in runs)


def main():
    work = tempfile.mkdtemp(prefix="cuir-bench.")
    if ONLY == "http":
        redis_port = free_port()
        redis = subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                                  "--appendonly", "no", "--dir", work], stdout=subprocess.DEVNULL)
        try:
            time.sleep(0.5)
            print_http_row(*http_row(work, redis_port))
        finally:
            redis.terminate()
            redis.wait(10)
        return
    half = max(SIZES) // 2
    targets = subprocess.Popen(["java", os.path.join(HERE, "Targets.java"), str(half), str(half), str(UNRESPONSIVE), work],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    redis_port = REDIS_PORT
    try:
        if targets.stdout.readline().strip() != "ready":
            sys.exit("targets did not start")
        listening = read_ports(os.path.join(work, "listening.txt"))
        closed = read_ports(os.path.join(work, "closed.txt"))
        unresponsive = read_ports(os.path.join(work, "unresponsive.txt"))
        rows = []
        for n in SIZES:
            ports = listening[:n // 2] + closed[:n // 2]
            pf = os.path.join(work, f"ports-{n}.txt")
            write_ports(pf, ports)
            config = os.path.join(work, f"cuir-{n}.ini")
            write_config(config, redis_port, f"bench:{n}", ports)
            cuir, python, nmap = [], [], []
            for _ in range(REPS):
                cuir.append(run_cuir(config))
                python.append(run_python(pf))
                nmap.append(run_nmap(ports))
                subprocess.run(["redis-cli", "-p", str(redis_port), "DEL", f"bench:{n}"], capture_output=True)
            for name, runs in (("cuir", cuir), ("python", python), ("nmap", nmap)):
                # A "closed" port another process opened meanwhile answers too; more than a handful is a bug.
                if any(abs(r["up"] - n // 2) > n // 1000 for r in runs):
                    sys.exit(f"{name} saw {[r['up'] for r in runs]} up of {n // 2} listening")
            rows.append((n, cuir, python, nmap))
            print(f"{n}: cuir {median(cuir, 'round'):.3f} s, python {median(python, 'round'):.3f} s, "
                  f"nmap {median(nmap, 'round'):.3f} s", file=sys.stderr)

        full_ports = listening + closed + unresponsive
        config = os.path.join(work, "cuir-full.ini")
        write_config(config, redis_port, "bench:full", full_ports)
        full = []
        for _ in range(REPS):
            full.append(run_cuir(config))
            subprocess.run(["redis-cli", "-p", str(redis_port), "DEL", "bench:full"], capture_output=True)
        sample = os.path.join(work, "unresponsive-sample.txt")
        write_ports(sample, unresponsive[:3])
        silent = run_python(sample)
        per_silent = silent["round"] / 3

        print(f"Run {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores, {REPS} repetitions, medians; "
              f"probe timeout {TIMEOUT} s; JVM options: {JAVA_OPTS or 'the launcher’s (bin/cuir)'}.\n")
        print("| targets (half listening, half closed) | cuir round | cuir wall (JVM start incl.) | cuir max RSS "
              "| sequential Python | nmap -sT | Python / cuir round | nmap / cuir round |")
        print("|---|---|---|---|---|---|---|---|")
        for n, cuir, python, nmap in rows:
            c, p, m = median(cuir, "round"), median(python, "round"), median(nmap, "round")
            print(f"| {n:,} | {c:.3f} s | {median(cuir, 'wall'):.2f} s | {median(cuir, 'rss_mb'):.0f} MB | {p:.3f} s "
                  f"| {m:.3f} s | {p / c:.1f}× | {m / c:.1f}× |")
        c = median(full, "round")
        print(f"\nFull round, {len(listening):,} listening + {len(closed):,} closed + {len(unresponsive):,} unresponsive "
              f"= {len(full_ports):,} targets: cuir round {c:.3f} s (goal: timeout + 1 s = {TIMEOUT + 1} s), "
              f"wall {median(full, 'wall'):.2f} s, max RSS {median(full, 'rss_mb'):.0f} MB (goal: < 256 MB), "
              f"{full[0]['events']:,} events published "
              f"(rounds: {', '.join('%.2f' % r['round'] for r in full)} s).")
        print(f"The sequential prober waits {per_silent:.2f} s per unresponsive target (measured on 3), so its full "
              f"round would take about {median(rows[-1][2], 'round') + per_silent * len(unresponsive):,.0f} s "
              f"({median(rows[-1][2], 'round') + per_silent * len(unresponsive):,.0f} / {c:.2f} = "
              f"{(median(rows[-1][2], 'round') + per_silent * len(unresponsive)) / c:,.0f}× cuir); the original, "
              f"without a timeout, about two minutes per such target.")
        print_http_row(*http_row(work, redis_port))
    finally:
        targets.stdin.close()
        targets.wait(10)


if __name__ == "__main__":
    main()
