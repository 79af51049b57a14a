#!/usr/bin/env bash
# bench/llm-overhead/run.sh [ITERATIONS] [WARMUP]
#
# Per-call overhead of the commit-polish-llm client over a raw java.net.http POST (and a raw
# HttpURLConnection POST) against the in-process llamafile stand-in. Prints markdown on stdout.
# Builds the llm module's test classes into a private directory (never touches target/), offline
# when the dependencies are already in ~/.m2 (falls back to online).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${LLM_BENCH_BUILD:-${TMPDIR:-/tmp}/commit-polish-llm-bench}
cd "$root"
mvn_args=(-q -B -pl commit-polish-llm "-Dcp.buildDir=$build")
./mvnw "${mvn_args[@]}" -o test-compile >&2 2>&1 || ./mvnw "${mvn_args[@]}" test-compile >&2
./mvnw "${mvn_args[@]}" -o dependency:build-classpath -Dmdep.includeScope=test \
  "-Dmdep.outputFile=$build/cp.txt" >&2 2>&1 \
  || ./mvnw "${mvn_args[@]}" dependency:build-classpath -Dmdep.includeScope=test \
    "-Dmdep.outputFile=$build/cp.txt" >&2
exec java -XX:+UseSerialGC -cp "$build/classes:$build/test-classes:$(cat "$build/cp.txt")" \
  dev.commitpolish.llm.LlmOverheadBench "${1:-400}" "${2:-200}"
