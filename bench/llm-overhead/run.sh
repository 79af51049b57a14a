#!/usr/bin/env bash
# bench/llm-overhead/run.sh [ITERATIONS] [WARMUP]
#
# 1. In-process: per-call overhead of the commit-polish-llm client over a raw java.net.http POST
#    (and a raw HttpURLConnection POST) against the llamafile stand-in, interleaved, medians.
# 2. Cold (COLD_RUNS fresh JVMs per variant, default 10, 0 = skip): time spent in main() for one
#    call, as the commit hook makes it — library vs raw java.net.http vs raw HttpURLConnection.
# Prints markdown on stdout. Builds the llm module's test classes into a private directory (never
# touches target/), offline when the dependencies are already in ~/.m2 (else online).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${LLM_BENCH_BUILD:-${TMPDIR:-/tmp}/commit-polish-llm-bench}
cold_runs=${COLD_RUNS:-10}
cd "$root"
mvn_args=(-q -B -pl commit-polish-llm "-Dcp.buildDir=$build")
./mvnw "${mvn_args[@]}" -o test-compile >&2 2>&1 || ./mvnw "${mvn_args[@]}" test-compile >&2
./mvnw "${mvn_args[@]}" -o dependency:build-classpath -Dmdep.includeScope=test \
  "-Dmdep.outputFile=$build/cp.txt" >&2 2>&1 \
  || ./mvnw "${mvn_args[@]}" dependency:build-classpath -Dmdep.includeScope=test \
    "-Dmdep.outputFile=$build/cp.txt" >&2
cp="$build/classes:$build/test-classes:$(cat "$build/cp.txt")"
java -XX:+UseSerialGC -cp "$cp" dev.commitpolish.llm.LlmOverheadBench "${1:-400}" "${2:-200}"

[ "$cold_runs" -gt 0 ] || exit 0
# A stand-in in its own JVM, so each measured JVM only makes its one call.
log=$build/standin.log
java -cp "$cp" dev.commitpolish.standin.StandInMain --profile llamafile-0.9 --port 0 \
  --reply "fix: cold start" >"$log" 2>&1 &
standin=$!
trap 'kill "$standin" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q "listening at" "$log" 2>/dev/null && break
  sleep 0.1
done
base="$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -n 1)/v1"
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp")
declare -A samples=()
for _ in $(seq 1 "$cold_runs"); do
  for v in huc jnh lib; do # interleaved, so load drift hits all three alike
    samples[$v]+="$(java "${flags[@]}" dev.commitpolish.llm.LlmColdStart "$v" "$base") "
  done
done
median() { tr " " "\n" | grep -v "^$" | sort -g | awk '{a[NR]=$1} END {printf "%.0f\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m_huc=$(echo "${samples[huc]}" | median)
m_jnh=$(echo "${samples[jnh]}" | median)
m_lib=$(echo "${samples[lib]}" | median)
echo
echo "### One call in a fresh JVM (time in main, $cold_runs runs each, interleaved; -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)"
echo
echo "| variant | median ms in main |"
echo "|---|---:|"
echo "| raw HttpURLConnection POST | $m_huc |"
echo "| raw java.net.http POST | $m_jnh |"
echo "| LlmClient.chat | $m_lib |"
echo
awk -v l="$m_lib" -v j="$m_jnh" -v h="$m_huc" 'BEGIN {printf "LlmClient / raw java.net.http: **%.2f×**; LlmClient / raw HttpURLConnection: %.2f×.\n", l/j, l/h}'
