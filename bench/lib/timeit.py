#!/usr/bin/env python3
"""Interleaved wall-clock and peak-memory timer for bench/run.

Reads a JSON spec on stdin:
  {"runs": 20, "warmup": 3,
   "benchmarks": [{"name": "hello", "argv": ["java", "Hello"], "cwd": "/tmp", "env": {"K": "V"},
                   "prepare": ["sh", "-c", "..."], "stdin": "/path/to/input", "ok_exit": [0]}]}
and prints a JSON object {name: stats} on stdout.

Why not hyperfine: the machine is shared (2 cores) and its load drifts during a run. hyperfine
measures one command after the other, so drift lands on whichever command ran during it. Here
every round runs every command once, in a fresh random order, so drift hits all of them alike and
the ratios between them stay fair. Commands run without a shell (argv), like `hyperfine -N`.

Each sample is the wall time from spawn to exit of the child. Peak memory (and CPU time,
user + system, which waiting for a busy CPU does not inflate as much as wall time) is measured in a
separate pass of `rss_runs` runs per command under GNU time (`/usr/bin/time -f %M`, the "Maximum
resident set size" of `time -v`: the largest resident set of the command or of any process it
waited for, so a git hook counts). It is a separate pass because wait4() from Python would count
the forked Python interpreter's pages too. `prepare` runs untimed before each sample of its
benchmark (e.g. stage a change before a `git commit`). `stdin` names a file the command reads as its
standard input (opened by this timer, as `hyperfine --input` does: a `sh -c '... < file'` wrapper
would add a shell's start, ~3 ms here, to every sample of both sides of a comparison); without it
stdin is /dev/null.
"""
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import tempfile
import time

TIME = "/usr/bin/time"


def run_once(b, rss_file=None):
    env = dict(os.environ)
    env.update(b.get("env", {}))
    cwd = b.get("cwd")
    if b.get("prepare"):
        subprocess.run(b["prepare"], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)
    argv = b["argv"]
    if rss_file:
        argv = [TIME, "-f", "%M %U %S", "-o", rss_file] + argv
    stdin = open(b["stdin"], "rb") if b.get("stdin") else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, cwd=cwd, env=env, stdin=stdin,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # a hung command must not hang the benchmark: kill it after timeout_s
    timer = threading.Timer(float(b.get("timeout_s", 120)), p.kill)
    timer.start()
    p.wait()
    timer.cancel()
    t1 = time.perf_counter()
    if stdin is not subprocess.DEVNULL:
        stdin.close()
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    kb = None
    if rss_file:
        with open(rss_file) as f:
            # last line: "<max RSS KiB> <user s> <system s>" (earlier lines: GNU time's notes)
            last = f.read().strip().splitlines()[-1].split()
        try:
            kb = (int(last[0]), (float(last[1]) + float(last[2])) * 1000.0)
        except (IndexError, ValueError):
            kb = None
    return (t1 - t0) * 1000.0, kb, p.returncode, err


def quantile(xs, q):
    xs = sorted(xs)
    if not xs:
        return None
    k = (len(xs) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def main():
    spec = json.load(sys.stdin)
    runs = int(spec.get("runs", 20))
    warmup = int(spec.get("warmup", 3))
    benches = spec["benchmarks"]
    samples = {b["name"]: [] for b in benches}
    rss = {b["name"]: [] for b in benches}
    cpu = {b["name"]: [] for b in benches}
    failures = {b["name"]: [] for b in benches}
    rng = random.Random(spec.get("seed", 42))
    for _ in range(warmup):
        for b in benches:
            run_once(b)
    for _ in range(runs):
        order = list(benches)
        rng.shuffle(order)
        for b in order:
            ms, _, code, err = run_once(b)
            if code not in b.get("ok_exit", [0]):
                failures[b["name"]].append({"exit": code, "stderr": err[-400:]})
            samples[b["name"]].append(ms)
    rss_runs = int(spec.get("rss_runs", 5)) if os.access(TIME, os.X_OK) else 0
    with tempfile.TemporaryDirectory() as tmp:
        for b in benches:
            for i in range(rss_runs):
                _, got, _, _ = run_once(b, os.path.join(tmp, "rss"))
                if got is not None:
                    rss[b["name"]].append(got[0])
                    cpu[b["name"]].append(got[1])
    out = {}
    for b in benches:
        s = samples[b["name"]]
        r = rss[b["name"]]
        out[b["name"]] = {
            "n": len(s),
            "median_ms": statistics.median(s),
            "p25_ms": quantile(s, 0.25),
            "p75_ms": quantile(s, 0.75),
            "min_ms": min(s),
            "mean_ms": statistics.fmean(s),
            "maxrss_median_kb": statistics.median(r) if r else None,
            "maxrss_max_kb": max(r) if r else None,
            "cpu_median_ms": statistics.median(cpu[b["name"]]) if cpu[b["name"]] else None,
            "failures": len(failures[b["name"]]),
            "first_failure": failures[b["name"]][0] if failures[b["name"]] else None,
            "samples_ms": [round(x, 2) for x in s],
        }
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
