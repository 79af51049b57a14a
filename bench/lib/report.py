#!/usr/bin/env python3
"""Renders bench/run's results directory as markdown.

  report.py OUT_DIR                         -> markdown on stdout
  report.py --write-doc DOC.md OUT_DIR      -> replaces the text between the markers
                                               <!-- bench:begin --> and <!-- bench:end --> in DOC.md
"""
import json
import os
import sys

BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"


def load(out, name):
    p = os.path.join(out, name)
    if not os.path.exists(p):
        return {}
    with open(p) as f:
        try:
            return json.load(f)
        except ValueError:
            return {}  # a group that did not finish


def text(out, name):
    p = os.path.join(out, name)
    if not os.path.exists(p):
        return ""
    with open(p, encoding="utf-8", errors="replace") as f:
        return f.read().strip()


def machine(out):
    m = {}
    for line in text(out, "machine.txt").splitlines():
        k, _, v = line.partition("=")
        m[k] = v
    return m


def ms(x):
    return "—" if x is None else f"{x:.0f}"


def mb(kb):
    return "—" if kb is None else f"{kb / 1024:.0f}"


def spread(r):
    return f"{r['p25_ms']:.0f}–{r['p75_ms']:.0f}"


def cratio(r, base):
    c = r.get("cpu_median_ms")
    return "—" if c is None or not base else f"{c / base:.2f}×"


def fail(r):
    if not r.get("failures"):
        return "0"
    ff = r.get("first_failure") or {}
    why = " ".join((ff.get("stderr") or "").split())[-160:]
    return f"{r['failures']} (exit {ff.get('exit')}: {why})"


def report(out):
    m = machine(out)
    s = load(out, "startup.json")
    c = load(out, "commit.json")
    p = load(out, "peers.json")
    L = []
    L.append(f"### Run of {m.get('date', '?')} (commit `{m.get('commit', '?')}`)")
    L.append("")
    L.append(
        f"Machine: {m.get('nproc')} CPUs ({m.get('cpu')}), {m.get('ram')} RAM, {m.get('os')}; "
        f"{m.get('java')}; {m.get('git')}; node {m.get('node')}. "
        f"Load average at start: {m.get('load')}. "
        f"Each group: {m.get('warmup')} warm-up rounds, then {m.get('runs')} interleaved rounds; "
        "medians, with the 25th–75th percentile range."
    )
    L.append("")
    if s:
        h = s["hello"]["median_ms"]
        L.append("#### Start-up and the hook vs a hello-world JVM")
        L.append("")
        L.append(
            "| command | median ms | p25–p75 ms | ratio to hello | CPU ms | CPU ratio | "
            "peak RSS MB | failures |"
        )
        L.append("|---|---:|---:|---:|---:|---:|---:|---|")
        hc = s["hello"].get("cpu_median_ms")
        rows = [
            ("hello", "`java -cp hello.jar Hello` (baseline, JDK default flags)"),
            ("version", "`bin/commit-polish --version` (target ≤ 2.5×)"),
            ("version-nocds", "`bin/commit-polish --version`, `COMMIT_POLISH_CDS=0` (no AppCDS)"),
            ("help", "`bin/commit-polish --help` (full picocli model + help)"),
            ("hook", "`bin/commit-polish hook MSG message`, in-process (stand-in replying at once)"),
            ("hook-worker", "the same through the resident worker (`commit-polish daemon`)"),
        ]
        for k, label in rows:
            if k in s:
                r = s[k]
                L.append(
                    f"| {label} | {ms(r['median_ms'])} | {spread(r)} | "
                    f"{r['median_ms'] / h:.2f}× | {ms(r.get('cpu_median_ms'))} | "
                    f"{cratio(r, hc)} | {mb(r['maxrss_max_kb'])} | {fail(r)} |"
                )
        if "hello-jdk25" in s:
            h25 = s["hello-jdk25"]["median_ms"]
            hc25 = s["hello-jdk25"].get("cpu_median_ms")
            for k, label in [
                ("hello-jdk25", "JDK 25: `java -cp hello.jar Hello`"),
                ("version-jdk25", "JDK 25: `bin/commit-polish --version` (`JAVA_HOME`)"),
            ]:
                r = s[k]
                L.append(
                    f"| {label} | {ms(r['median_ms'])} | {spread(r)} | "
                    f"{r['median_ms'] / h25:.2f}× (vs JDK 25 hello) | "
                    f"{ms(r.get('cpu_median_ms'))} | {cratio(r, hc25)} | "
                    f"{mb(r['maxrss_max_kb'])} | {fail(r)} |"
                )
        L.append("")
        msg = text(out, "hook.message").splitlines()
        L.append(
            "Hook check: the draft `add greeting` became "
            + (f"`{msg[0]}`" if msg else "(no message)")
            + "; hook stderr: "
            + (f"`{' '.join(text(out, 'hook.stderr').split())[:200]}`" or "(none)")
            + "."
        )
        L.append("")
    if c:
        a = c["commit-nohook"]["median_ms"]
        b = c["commit-ours"]["median_ms"]
        w = c.get("commit-ours-worker", {}).get("median_ms")
        L.append("#### `git commit -m` with the hook minus without (stand-in replying at once)")
        L.append("")
        L.append("| | median ms | p25–p75 ms | CPU ms | peak RSS MB | failures |")
        L.append("|---|---:|---:|---:|---:|---|")
        for key, label in [
            ("commit-nohook", "`git commit -m`, no hook"),
            ("commit-ours", "`git commit -m`, commit-polish hook, in-process (first commit)"),
            ("commit-ours-worker", "`git commit -m`, commit-polish hook, resident worker running"),
        ]:
            if key not in c:
                continue
            r = c[key]
            L.append(
                f"| {label} | {ms(r['median_ms'])} | {spread(r)} | "
                f"{ms(r.get('cpu_median_ms'))} | {mb(r['maxrss_max_kb'])} | {fail(r)} |"
            )
        L.append("")
        subj = text(out, "commit-ours.subject")
        wsubj = text(out, "commit-ours-worker.subject")
        if w is not None:
            L.append(
                f"**Added by the hook: {w - a:+.0f} ms with the resident worker running** "
                f"(target ≤ +200 ms; every commit after a session's first), "
                f"{b - a:+.0f} ms in-process (the first commit, which starts the worker). "
                f"Last commits' subjects: `{wsubj}` (worker), `{subj}` (in-process)."
            )
        else:
            L.append(
                f"**Added by the hook: {b - a:+.0f} ms** (target ≤ +200 ms). "
                f"Last commit's subject: `{subj}`."
            )
        if s and "hook" in s:
            L.append(
                f"Hook peak RSS (direct run, max of the RSS pass): "
                f"**{mb(s['hook']['maxrss_max_kb'])} MB** in-process"
                + (
                    f", {mb(s['hook-worker']['maxrss_max_kb'])} MB for the worker's client"
                    if "hook-worker" in s
                    else ""
                )
                + " (target ≤ 150 MB)."
            )
        wk = text(out, "worker.txt").splitlines()
        if wk:
            vm = dict(
                (l.split(":")[0], l.split(":")[1].strip()) for l in wk if l.startswith("Vm")
            )
            L.append(
                f"The worker after every run above: {wk[0].strip()}; resident set "
                f"**{vm.get('VmRSS', 'n/a')}**, peak {vm.get('VmHWM', 'n/a')} (target ≤ 150 MB)."
            )
        L.append("")
    if p:
        base = p.get("nohook-m", {}).get("median_ms")
        L.append("#### Peers: `git commit` with each tool's prepare-commit-msg hook, same stand-in")
        L.append("")
        L.append(
            "The message comes from the hook (`GIT_EDITOR=true`, no `-m`: opencommit and aicommits "
            "skip when git passes a message source)."
        )
        L.append("")
        L.append(
            "| tool | `git commit` median ms | p25–p75 ms | added vs no hook | CPU ms | "
            "peak RSS MB | resulting subject | failures |"
        )
        L.append("|---|---:|---:|---:|---:|---:|---|---|")
        names = {
            "ours": ("commit-polish (resident worker running)", "peer-ours.subject"),
            "opencommit": ("opencommit 3.3.10", "peer-oco.subject"),
            "aicommits": ("aicommits 3.4.0", "peer-aic.subject"),
        }
        if base is not None:
            r = p["nohook-m"]
            L.append(
                f"| no hook (`-m`) | {ms(base)} | {spread(r)} | — | "
                f"{ms(r.get('cpu_median_ms'))} | {mb(r['maxrss_max_kb'])} | — | {fail(r)} |"
            )
        for k, (label, subj) in names.items():
            if k in p:
                r = p[k]
                add = f"{r['median_ms'] - base:+.0f} ms" if base is not None else "—"
                L.append(
                    f"| {label} | {ms(r['median_ms'])} | {spread(r)} | {add} | "
                    f"{ms(r.get('cpu_median_ms'))} | {mb(r['maxrss_max_kb'])} | "
                    f"`{text(out, subj)}` | {fail(r)} |"
                )
        for k, label in [
            ("ours-m", "commit-polish, `git commit -m` (polishes the draft; worker running)"),
            ("opencommit-m", "opencommit, `git commit -m` (its hook skips: start-up only)"),
            ("aicommits-m", "aicommits, `git commit -m` (its hook skips: start-up only)"),
        ]:
            if k in p:
                r = p[k]
                add = f"{r['median_ms'] - base:+.0f} ms" if base is not None else "—"
                L.append(
                    f"| {label} | {ms(r['median_ms'])} | {spread(r)} | {add} | "
                    f"{ms(r.get('cpu_median_ms'))} | {mb(r['maxrss_max_kb'])} | — | {fail(r)} |"
                )
        for k, label in [
            ("oco-version", "`oco --version`"),
            ("aic-version", "`aicommits --version`"),
            ("node-e0", "`node -e 0`"),
        ]:
            if k in p:
                r = p[k]
                L.append(
                    f"| {label} (start-up only) | {ms(r['median_ms'])} | {spread(r)} | — | "
                    f"{ms(r.get('cpu_median_ms'))} | {mb(r['maxrss_max_kb'])} | — | {fail(r)} |"
                )
        L.append("")
    for name, title in [("llm-overhead.md", "LLM client overhead"), ("lint.md", "Lint")]:
        t = text(out, name)
        if t:
            L.append(f"#### {title} (`bench/{name[:-3]}/run.sh`)")
            L.append("")
            L.append(t)
            L.append("")
    return "\n".join(L).rstrip() + "\n"


def main():
    args = sys.argv[1:]
    if args and args[0] == "--write-doc":
        doc, out = args[1], args[2]
        with open(doc, encoding="utf-8") as f:
            cur = f.read()
        if BEGIN not in cur or END not in cur:
            raise SystemExit(f"{doc}: markers {BEGIN} / {END} not found")
        head, rest = cur.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        with open(doc, "w", encoding="utf-8") as f:
            f.write(head + BEGIN + "\n" + report(out) + END + tail)
    else:
        sys.stdout.write(report(args[0]))


if __name__ == "__main__":
    main()
