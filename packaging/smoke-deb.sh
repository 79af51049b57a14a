#!/usr/bin/env bash
# Installs the built .deb with dpkg -i (root), then checks the installed commit-polish end to end:
# `commit-polish --version`, the files the package puts in place (completions, man page, start-up
# archive made by postinst), one real `git commit` whose prepare-commit-msg hook — installed by
# the installed binary — polishes the message against the llamafile stand-in on loopback, and a
# second commit and a lint through the resident worker that first commit started.
# Removes the package again at the end (keep it with KEEP_DEB=1).
#
# Usage (after ./mvnw package, which builds the .deb and the stand-in jar):
#   sudo packaging/smoke-deb.sh [path/to/commit-polish_<version>_all.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
repo_root=$PWD

deb=${1:-}
if [ -z "$deb" ]; then
  deb=$(ls commit-polish-cli/target/commit-polish_*_all.deb 2>/dev/null | head -n 1 || true)
fi
standin=$(ls commit-polish-standin/target/commit-polish-standin-*.jar 2>/dev/null \
  | grep -v -e sources -e javadoc -e tests | head -n 1 || true)
[ -n "$deb" ] && [ -f "$deb" ] || { echo "smoke-deb: no .deb; run ./mvnw package first" >&2; exit 1; }
[ -n "$standin" ] || { echo "smoke-deb: no stand-in jar; run ./mvnw package first" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "smoke-deb: must run as root (dpkg -i)" >&2; exit 1; }

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "  ok   $*"; }
bad() { failed=$((failed + 1)); echo "  FAIL $*"; }
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}

work=$(mktemp -d)
standin_pid=
cleanup() {
  if [ -n "$standin_pid" ]; then kill "$standin_pid" 2>/dev/null || true; fi
  command -v commit-polish >/dev/null 2>&1 && commit-polish daemon stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

version=$(dpkg-deb -f "$deb" Version)
echo "== smoke-deb: installing $deb (version $version)"
if ! dpkg -i "$deb"; then
  echo "smoke-deb: dpkg -i reported missing dependencies; installing them with apt-get -f"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -f
fi
check "package is installed" sh -c "dpkg -s commit-polish >/dev/null"

# A clean user: no config, an empty cache (so only the system-wide archive from postinst can help).
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_CACHE_HOME=$work/home/.cache
export XDG_RUNTIME_DIR=$work/run
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
unset JAVA_HOME COMMIT_POLISH_JAVA_OPTS COMMIT_POLISH_CDS COMMIT_POLISH_CDS_DIR COMMIT_POLISH_DAEMON || true
hash -r

check "commit-polish on PATH is /usr/bin/commit-polish" \
  test "$(command -v commit-polish)" = /usr/bin/commit-polish
out=$(commit-polish --version)
check "commit-polish --version prints 'commit-polish $version' (got '$out')" \
  test "$out" = "commit-polish $version"
check "commit-polish --help exits 0" sh -c 'commit-polish --help >/dev/null'
check "bash completion installed" test -f /usr/share/bash-completion/completions/commit-polish
check "bash completion completes 'ho' to 'hook'" bash -c '
  source /usr/share/bash-completion/completions/commit-polish
  COMP_WORDS=(commit-polish ho); COMP_CWORD=1; COMP_LINE="commit-polish ho"; COMP_POINT=16
  _complete_commit-polish
  [[ " ${COMPREPLY[*]} " == *" hook "* ]]'
check "zsh completion installed" test -f /usr/share/zsh/vendor-completions/_commit-polish
check "man page installed and valid gzip" gzip -t /usr/share/man/man1/commit-polish.1.gz
check "man page documents the hook command" \
  sh -c 'gzip -dc /usr/share/man/man1/commit-polish.1.gz | grep -q "commit\\\\-polish hook"'
check "postinst created a start-up archive in /var/cache/commit-polish" \
  sh -c 'ls /var/cache/commit-polish/*.jsa >/dev/null 2>&1'
check "...and the small one of the per-commit paths" \
  sh -c 'ls /var/cache/commit-polish/*-hook.jsa >/dev/null 2>&1'
check "the launcher loads commit-polish classes from that archive" sh -c '
  COMMIT_POLISH_JAVA_OPTS="-Xlog:class+load=info:stdout" commit-polish --version \
    | grep "dev.commitpolish.cli.Main source: shared objects file" >/dev/null'

echo "== smoke-deb: hook end to end against the stand-in ($standin)"
reply="feat(greeting): add a hello program"
# -cp with lib/* rather than -jar: works whether or not the jar's manifest lists its dependencies
java -cp "$standin:$(dirname "$standin")/lib/*" dev.commitpolish.standin.StandInMain \
  --profile llamafile-0.9 --port 0 --reply "$reply" >"$work/standin.log" 2>&1 &
standin_pid=$!
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's#.*listening at http://127\.0\.0\.1:\([0-9][0-9]*\).*#\1#p' "$work/standin.log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.1
done
check "stand-in is listening (port ${port:-none})" test -n "$port"
export COMMIT_POLISH_API_BASE="http://127.0.0.1:$port/v1"

repo=$work/repo
mkdir -p "$repo"
(
  cd "$repo"
  git init -q
  git config user.name "Smoke Test"
  git config user.email smoke@example.invalid
  printf 'print("hello")\n' >hello.py
  git add hello.py
) 
check "commit-polish install (run by the installed binary) exits 0" \
  sh -c "cd '$repo' && commit-polish install >'$work/install.log' 2>&1"
hookfile=$(cd "$repo" && git rev-parse --git-path hooks/prepare-commit-msg)
check "prepare-commit-msg hook written" test -f "$repo/$hookfile"
check "hook runs the installed launcher" \
  grep -q -e /usr/share/commit-polish/bin/commit-polish -e /usr/bin/commit-polish -e 'commit-polish hook' \
  "$repo/$hookfile"
# GIT_EDITOR=true: git runs the hook, "edits" nothing and commits what the hook wrote.
if (cd "$repo" && GIT_EDITOR=true git commit -q >"$work/commit.log" 2>&1); then
  ok "git commit with the hook exits 0"
else
  bad "git commit with the hook exits 0 ($(cat "$work/commit.log"))"
fi
subject=$(cd "$repo" && git log -1 --format=%s 2>/dev/null || true)
check "commit subject is the stand-in's polished message (got '$subject')" test "$subject" = "$reply"
# The first commit started a resident worker; the next commit goes through it (bash client).
check "the worker's client is installed next to the launcher" \
  test -f /usr/share/commit-polish/bin/commit-polish-client.bash
for _ in $(seq 1 100); do
  commit-polish daemon status >/dev/null 2>&1 && break
  sleep 0.2
done
check "the first commit started a resident worker" sh -c "commit-polish daemon status >/dev/null"
printf 'print("again")\n' >>"$repo/hello.py"
(cd "$repo" && git add hello.py && git commit -q -m 'fixed the greeting' >"$work/commit2.log" 2>&1) || true
subject=$(cd "$repo" && git log -1 --format=%s 2>/dev/null || true)
check "a commit through the worker is polished too (got '$subject')" test "$subject" = "$reply"
check "the worker served that commit" sh -c "commit-polish daemon status | grep -q '(1 hook'"
lint_out=$(cd "$repo" && printf 'Bad: Subject.\n' | commit-polish lint 2>&1; echo "exit=$?")
check "lint through the worker reports commitlint's verdict" \
  sh -c "printf '%s' \"\$1\" | grep -q 'exit=1' && printf '%s' \"\$1\" | grep -q type-enum" _ "$lint_out"
check "commit-polish daemon stop stops it" sh -c "commit-polish daemon stop >/dev/null && ! commit-polish daemon status >/dev/null"
requests=$(grep -c . "$work/standin.log" || true)
echo "  (stand-in log: $requests lines; install log: $(tr '\n' ' ' <"$work/install.log" | cut -c1-200))"

if [ "${KEEP_DEB:-0}" != 1 ]; then
  echo "== smoke-deb: removing the package"
  dpkg --purge commit-polish >/dev/null
  check "dpkg --purge removes /usr/bin/commit-polish" test ! -e /usr/bin/commit-polish
  check "dpkg --purge removes /var/cache/commit-polish" test ! -e /var/cache/commit-polish
fi

echo "smoke-deb: $passed passed, $failed failed"
[ "$failed" = 0 ]
