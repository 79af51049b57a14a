#!/usr/bin/env bash
# bench/lint/run.sh [RUNS] [COMMITS]
#
# commit-polish's built-in linter vs the real commitlint 21.2.4 (+ config-conventional) on the same
# inputs. Prints markdown on stdout (progress on stderr):
#   1. whole process, one message: `commit-polish lint` (in-process JVM, and through a running
#      resident worker) vs `commitlint`, all reading stdin and discovering the same
#      .commitlintrc.json, timed interleaved by bench/lib/timeit.py;
#   2. in-process throughput per message: the Java Linter vs @commitlint/lint in one node process
#      (config loaded once), over the same 2,000 corpus messages;
#   3. a whole range of COMMITS (default 5,000) commits made with git fast-import:
#      `commit-polish lint --range A..B` vs `commitlint --from A --to B`.
#
# Needs java 17+, git, python3, node + npm (commitlint is installed from npm into
# $COMMITLINT_DIR, default ~/.cache/commit-polish/commitlint-21.2.4, reused when present).
# Uses the built checkout (bin/commit-polish with commit-polish-cli/target or
# $COMMIT_POLISH_BUILD_DIR); when that is missing it packages the CLI into a private directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${1:-10}
COMMITS=${2:-5000}
build=${LINT_BENCH_BUILD:-${TMPDIR:-/tmp}/commit-polish-lint-bench}
CL=${COMMITLINT_DIR:-$HOME/.cache/commit-polish/commitlint-21.2.4}
work=$(mktemp -d "${TMPDIR:-/tmp}/lint-bench.XXXXXX")
# The resident worker is measured on purpose (rows "worker"), in a runtime dir of its own; the
# other rows run in-process (COMMIT_POLISH_DAEMON=0), as a first commit or a CI job would.
export XDG_RUNTIME_DIR=$work/run COMMIT_POLISH_DAEMON=0
stop_worker() { COMMIT_POLISH_DAEMON=1 "$root/bin/commit-polish" daemon stop >/dev/null 2>&1 || true; }
trap 'stop_worker; rm -rf "$work" "$CL/bench-range-repo"' EXIT
log() { echo "bench/lint: $*" >&2; }
mvn() { (cd "$root" && { ./mvnw -q -B -o "$@" >&2 2>&1 || ./mvnw -q -B "$@" >&2; }); }

for tool in java git python3 node npm; do
  command -v "$tool" >/dev/null || { echo "bench/lint: $tool is required" >&2; exit 2; }
done

# --- ours ----------------------------------------------------------------------------------------
log "building the lint module's bench classes into $build/lint"
mvn -pl commit-polish-lint "-Dcp.buildDir=$build/lint" test-compile
mvn -pl commit-polish-lint "-Dcp.buildDir=$build/lint" dependency:build-classpath \
  -Dmdep.includeScope=test "-Dmdep.outputFile=$build/lint-cp.txt"
lintcp="$build/lint/classes:$build/lint/test-classes:$(cat "$build/lint-cp.txt")"
if [ -z "${COMMIT_POLISH_BUILD_DIR:-}" ] && ! ls "$root"/commit-polish-cli/target/commit-polish-cli-*.jar >/dev/null 2>&1; then
  log "packaging the CLI into $build/cli"
  mvn -pl commit-polish-cli "-Dcp.buildDir=$build/cli" -DskipTests package
  export COMMIT_POLISH_BUILD_DIR=$build/cli
fi
ours="$root/bin/commit-polish"

# --- commitlint ------------------------------------------------------------------------------------
if [ ! -f "$CL/node_modules/@commitlint/cli/cli.js" ]; then
  log "installing @commitlint/cli@21.2.4 + config-conventional into $CL"
  mkdir -p "$CL"
  [ -f "$CL/package.json" ] || echo '{"name":"cp-commitlint-cache","private":true}' >"$CL/package.json"
  (cd "$CL" && npm install --no-audit --no-fund --engine-strict=false \
    @commitlint/cli@21.2.4 @commitlint/config-conventional@21.2.4 >&2)
fi
echo '{"extends":["@commitlint/config-conventional"]}' >"$CL/.commitlintrc.json"
cp "$root/bench/lint/throughput.mjs" "$CL/bench-throughput.mjs"
commitlint="$CL/node_modules/@commitlint/cli/cli.js"

# --- inputs ---------------------------------------------------------------------------------------
java -cp "$lintcp" dev.commitpolish.conventional.LintThroughputBench write "$work/msgs.bin" 2000
printf 'feat(api): add token refresh\n' >"$work/valid.txt"
printf 'Feat: Add token refresh.\n' >"$work/invalid.txt"
printf 'fix(auth): retry on 401\n\nThe refresh token expired while the request was in flight; retry\nonce with a new token.\n\nCloses #42\n' >"$work/multi.txt"

# --- 1. whole process --------------------------------------------------------------------------------
log "starting a resident worker (commit-polish daemon start) for the worker rows"
COMMIT_POLISH_DAEMON=1 "$ours" daemon start >&2
log "1: whole process, one message ($RUNS runs each, interleaved)"
python3 - "$work" "$ours" "$commitlint" "$CL" "$RUNS" >"$work/proc.spec.json" <<'PY'
import json, sys
work, ours, cl, cldir, runs = sys.argv[1:]
b = []
for name, ok in (("valid", [0]), ("invalid", [1]), ("multi", [0])):
    f = f"{work}/{name}.txt"
    # each command reads the file as its stdin, opened by the timer: no shell in between
    b.append({"name": f"ours-{name}", "argv": [ours, "lint"], "stdin": f,
              "cwd": cldir, "ok_exit": ok})
    b.append({"name": f"worker-{name}", "argv": [ours, "lint"], "stdin": f,
              "cwd": cldir, "ok_exit": ok, "env": {"COMMIT_POLISH_DAEMON": "1"}})
    b.append({"name": f"commitlint-{name}", "argv": ["node", cl], "stdin": f,
              "cwd": cldir, "ok_exit": ok})
print(json.dumps({"runs": int(runs), "warmup": 2, "rss_runs": 3, "benchmarks": b}))
PY
python3 "$root/bench/lib/timeit.py" <"$work/proc.spec.json" >"$work/proc.json"
COMMIT_POLISH_DAEMON=1 "$ours" daemon status >"$work/worker-status.txt" 2>&1 || true
wpid=$(sed -n 's/.*pid \([0-9][0-9]*\),.*/\1/p' "$work/worker-status.txt")
[ -n "$wpid" ] && grep -E '^Vm(RSS|HWM)' "/proc/$wpid/status" >>"$work/worker-status.txt" 2>/dev/null || true
stop_worker

# --- 2. in-process throughput --------------------------------------------------------------------------
log "2: in-process throughput"
ours_tp=$(java -XX:+UseSerialGC -cp "$lintcp" dev.commitpolish.conventional.LintThroughputBench lint "$work/msgs.bin" 30)
cl_tp=$(cd "$CL" && node bench-throughput.mjs "$work/msgs.bin" 5)

# --- 3. a range of COMMITS commits ----------------------------------------------------------------------
log "3: a $COMMITS-commit range (git fast-import)"
repo="$CL/bench-range-repo"   # inside $CL so commitlint resolves the same .commitlintrc.json
rm -rf "$repo"
git init -q -b main "$repo"
python3 - "$work/msgs.bin" "$COMMITS" <<'PY' | git -C "$repo" fast-import --quiet
import sys
# commitlint --from/--to splits `git log` output on the scissors line, so a message containing
# one would count as two there: such messages are left out of the range.
SCISSOR = "------------------------ >8 ------------------------"
msgs = [m for m in open(sys.argv[1], encoding="utf-8").read().split("\0")
        if m.strip() and SCISSOR not in m]
n = int(sys.argv[2]) + 1
out = sys.stdout.buffer
for i in range(n):
    msg = ("chore: root" if i == 0 else msgs[i % len(msgs)]).encode("utf-8")
    out.write(b"commit refs/heads/main\nmark :%d\n" % (i + 1))
    out.write(b"committer Bench <bench@example.invalid> %d +0000\n" % (1700000000 + i))
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    if i:
        out.write(b"from :%d\n" % i)
    out.write(b"\n")
PY
git -C "$repo" reset -q --hard main
first=$(git -C "$repo" rev-list --max-parents=0 HEAD)
RANGE_RUNS=$(( RUNS < 5 ? RUNS : 5 ))
python3 - "$repo" "$ours" "$commitlint" "$first" "$RANGE_RUNS" >"$work/range.spec.json" <<'PY'
import json, sys
repo, ours, cl, first, runs = sys.argv[1:]
b = [{"name": "ours-range", "argv": [ours, "lint", "--range", f"{first}..HEAD"], "cwd": repo,
      "ok_exit": [0, 1], "timeout_s": 600},
     {"name": "commitlint-range", "argv": ["node", cl, "--from", first, "--to", "HEAD"],
      "cwd": repo, "ok_exit": [0, 1], "timeout_s": 600}]
print(json.dumps({"runs": int(runs), "warmup": 1, "rss_runs": 1, "benchmarks": b}))
PY
python3 "$root/bench/lib/timeit.py" <"$work/range.spec.json" >"$work/range.json"
# Do both tools find the same problems in the range?
(cd "$repo" && "$ours" lint --range "$first..HEAD" --format json >"$work/ours-range.json" || true)
(cd "$repo" && node "$commitlint" --from "$first" --to HEAD >"$work/cl-range.txt" 2>&1 || true)

# --- report -------------------------------------------------------------------------------------------
python3 - "$work" "$ours_tp" "$cl_tp" "$COMMITS" <<'PY'
import json, re, sys
work, ours_tp, cl_tp, commits = sys.argv[1:]
proc = json.load(open(f"{work}/proc.json"))
rng = json.load(open(f"{work}/range.json"))
def ms(x): return f"{x:,.1f} ms"
def mb(kb): return "n/a" if kb is None else f"{kb/1024:,.0f} MB"
print("### Lint: commit-polish vs commitlint 21.2.4\n")
print("Whole process, one message on stdin, config discovered from the same `.commitlintrc.json` "
      "(median of interleaved runs):\n")
print("| message | commit-polish lint, in-process JVM | through the resident worker | commitlint | "
      "ratio in-process | ratio worker | peak RSS in-process / worker client / commitlint |")
print("|---|---|---|---|---|---|---|")
for name in ("valid", "invalid", "multi"):
    o, w, c = proc[f"ours-{name}"], proc[f"worker-{name}"], proc[f"commitlint-{name}"]
    bad = " (failures!)" if o["failures"] or w["failures"] or c["failures"] else ""
    print(f"| {name}{bad} | {ms(o['median_ms'])} | {ms(w['median_ms'])} | {ms(c['median_ms'])} | "
          f"{c['median_ms']/o['median_ms']:.1f}x | **{c['median_ms']/w['median_ms']:.1f}x** | "
          f"{mb(o['maxrss_median_kb'])} / {mb(w['maxrss_median_kb'])} / {mb(c['maxrss_median_kb'])} |")
status = open(f"{work}/worker-status.txt", encoding="utf-8").read().split("\n")
vm = {l.split(":")[0]: l.split(":")[1].strip() for l in status if l.startswith("Vm")}
print(f"\nThe worker after these runs: {status[0].strip()}; "
      f"resident set {vm.get('VmRSS', 'n/a')}, peak {vm.get('VmHWM', 'n/a')}.")
n1, ns1, e1 = map(int, ours_tp.split())
n2, ns2, e2 = map(int, cl_tp.split())
print(f"\nIn-process throughput over the same {n1:,} corpus messages (config loaded once, fastest round):\n")
print("| | per message | messages/s | errors found |")
print("|---|---|---|---|")
print(f"| commit-polish `Linter` (JVM, warmed) | {ns1/1000:,.1f} µs | {1e9/ns1:,.0f} | {e1} |")
print(f"| `@commitlint/lint` (node) | {ns2/1000:,.1f} µs | {1e9/ns2:,.0f} | {e2} |")
print(f"| ratio | {ns2/ns1:.1f}x | | |")
o, c = rng["ours-range"], rng["commitlint-range"]
print(f"\nA range of {int(commits):,} commits made from the corpus (messages containing a scissors line "
      f"left out), one process each, median of {o['n']} runs:\n")
print("| | wall time | per commit | peak RSS |")
print("|---|---|---|---|")
per = int(commits)
print(f"| `commit-polish lint --range A..B` | {ms(o['median_ms'])} | {o['median_ms']*1000/per:,.0f} µs | {mb(o['maxrss_median_kb'])} |")
print(f"| `commitlint --from A --to B` | {ms(c['median_ms'])} | {c['median_ms']*1000/per:,.0f} µs | {mb(c['maxrss_median_kb'])} |")
print(f"| ratio | {c['median_ms']/o['median_ms']:.1f}x | | |")
ours = json.load(open(f"{work}/ours-range.json"))
cl_text = open(f"{work}/cl-range.txt", encoding="utf-8").read()
cl_err = sum(int(m) for m in re.findall(r"found (\d+) problems", cl_text))
cl_warn = sum(int(m) for m in re.findall(r"problems, (\d+) warnings", cl_text))
same = "agree" if (cl_err, cl_warn) == (ours["errorCount"], ours["warningCount"]) else "DISAGREE"
print(f"\nProblems found in the range: commit-polish {ours['errorCount']} errors / "
      f"{ours['warningCount']} warnings, commitlint {cl_err} / {cl_warn} ({same}).")
PY
