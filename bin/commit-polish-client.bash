# shellcheck shell=bash
# commit-polish's client of the resident worker (`commit-polish daemon`), run by bin/commit-polish:
#   bash -p commit-polish-client.bash LAUNCHER STATE-FILE FINGERPRINT ARGS...
# It hands ARGS, its pid (the worker reads the environment and directory from /proc/PID; where
# there is no /proc they are sent) and, for `lint` from stdin, stdin to the worker over loopback
# (protocol: commit-polish-cli/.../daemon/Wire.java), then prints what the worker's run printed,
# so a commit costs a bash process instead of a JVM. bash 4.4 or newer: /dev/tcp, `read -N`,
# ${!name}, ${name@a}. The launcher sets LC_ALL=C (saved in COMMIT_POLISH_LC_ALL: x<value>, or u
# for unset) and COMMIT_POLISH_CLIENT_PID.
#
# Whenever the worker cannot take the run — none listening, another build, refused, no answer —
# it runs LAUNCHER again with COMMIT_POLISH_DAEMON_TRIED set, which runs in-process. A hook is the
# worker's only after it said "ok" and this client answered "go": until then the worker has run
# nothing, so falling back cannot run a hook twice. After "go", a hook that gets no answer keeps
# the message as it is (the worker never writes once its client is gone) and exits 0, like every
# hook failure.

# POSIXLY_CORRECT in the environment starts bash in POSIX mode, even as `bash -p`; there a failed
# redirection on exec ends the shell, so a refused connection to a worker that died would abort
# the commit instead of falling back. The variable itself stays for the in-process run.
set +o posix

launcher=$1 state=$2 fp=$3
shift 3

stdin_mode=0 data= rest_of_stdin=0 sock= errfd=
fallback() { # fallback REASON ARGS...: run in-process
  local reason=$1
  shift
  if [ -n "$sock" ]; then
    exec {sock}>&- # the worker sees this client go, and never runs its request
  fi
  trap - PIPE
  # The environment back as the launcher found it. Assigned here, not through env(1): a launcher
  # path containing "=" would be taken for an assignment. bash warns on a LC_ALL it cannot load:
  # not our line to print.
  unset COMMIT_POLISH_CLIENT_PID
  case ${COMMIT_POLISH_LC_ALL-} in
    x*) { export LC_ALL="${COMMIT_POLISH_LC_ALL#x}"; } 2>/dev/null ;;
    u) unset LC_ALL ;;
  esac
  unset COMMIT_POLISH_LC_ALL
  if [ -n "$errfd" ]; then
    exec 2>&"$errfd" {errfd}>&- # the caller's stderr back, and no descriptor of ours left open
  fi
  export COMMIT_POLISH_DAEMON_TRIED="$reason"
  if [ "$stdin_mode" = 1 ]; then
    # stdin was read already: hand the same bytes on (and whatever followed a NUL byte)
    if [ "$rest_of_stdin" = 1 ]; then
      { printf '%s\0' "$data"; cat; } | "$launcher" "$@"
    else
      printf '%s' "$data" | "$launcher" "$@"
    fi
    exit
  fi
  exec "$launcher" "$@"
}

if [ "${BASH_VERSINFO[0]}" -lt 4 ] || { [ "${BASH_VERSINFO[0]}" -eq 4 ] && [ "${BASH_VERSINFO[1]}" -lt 4 ]; }; then
  fallback unusable "$@" # macOS's /bin/bash is 3.2; "unusable" also keeps a worker from starting
fi
case ${1:-} in
  hook)
    for a in "${@:2}"; do
      case $a in -*) fallback 1 "$@" ;; esac
    done
    ;;
  lint)
    if [ $# -eq 1 ]; then
      stdin_mode=2 # read below, after the environment is taken
    elif [ $# -ne 3 ] || [ "$2" != --edit ] || [ -z "$3" ] || [ "${3#-}" != "$3" ]; then
      fallback 1 "$@"
    fi
    ;;
  *) fallback 1 "$@" ;;
esac

# From here bash's own complaints (no state file, a refused connection, a worker gone) are not the
# user's to read: stderr goes to /dev/null once, and the caller's is kept on a descriptor of its
# own for the run's output, the one line of a lost hook and the fallback. (A redirection per
# command costs bash eight system calls each time.) Descriptors are bash's choice (>= 10): one
# the caller passed on, like 3, is left alone for the run.
exec {errfd}>&2 2>/dev/null || errfd=

read -r port token _ proof <"$state" || fallback 1 "$@"
case $port in '' | *[!0-9]*) fallback 1 "$@" ;; esac
[ -n "$token" ] && [ -n "$proof" ] || fallback 1 "$@"

# /proc only when this process is the one the launcher exec'd (a wrapper that runs this script
# without exec would be another pid, whose environment the worker must not take).
if [ "${COMMIT_POLISH_CLIENT_PID-}" = "$$" ] && [ -r "/proc/$$/environ" ]; then
  # Linux: the worker reads this process's environment and directory from /proc/PID/.
  fields=("commit-polish-daemon 1" "$token" "$fp" run "$$" "" "$#" "$@" "")
else
  # Otherwise send the environment exactly as this process got it (git's GIT_INDEX_FILE,
  # GIT_DIR, GIT_EDITOR, ...): every variable name by its first character, without a subshell;
  # ${!n@a} holds "x" for the exported ones. cd -P: the physical directory, as a JVM's would be.
  cd -P . || fallback 1 "$@"
  fields=("commit-polish-daemon 1" "$token" "$fp" run 0 "$PWD" "$#" "$@")
  for n in ${!A@} ${!B@} ${!C@} ${!D@} ${!E@} ${!F@} ${!G@} ${!H@} ${!I@} ${!J@} ${!K@} ${!L@} \
    ${!M@} ${!N@} ${!O@} ${!P@} ${!Q@} ${!R@} ${!S@} ${!T@} ${!U@} ${!V@} ${!W@} ${!X@} ${!Y@} \
    ${!Z@} ${!a@} ${!b@} ${!c@} ${!d@} ${!e@} ${!f@} ${!g@} ${!h@} ${!i@} ${!j@} ${!k@} ${!l@} \
    ${!m@} ${!n@} ${!o@} ${!p@} ${!q@} ${!r@} ${!s@} ${!t@} ${!u@} ${!v@} ${!w@} ${!x@} ${!y@} \
    ${!z@} ${!_@}; do
    [[ ${!n@a} == *x* ]] && fields+=("$n=${!n}")
  done
  fields+=("")
fi

# Lengths are bytes: the C locale (set by the launcher) for reading stdin, measuring and replies.
LC_ALL=C
if [ "$stdin_mode" = 2 ]; then
  stdin_mode=1
  if IFS= read -r -d '' data; then
    # a NUL byte: bash cannot hold what follows it, so the in-process run gets all of stdin
    rest_of_stdin=1
    fallback 1 "$@"
  fi
fi

# A worker that died between our write and its read must not kill us with SIGPIPE (exit 141
# would abort the commit): the write fails instead, and the run falls back.
trap '' PIPE
exec {sock}<>"/dev/tcp/127.0.0.1/$port" || fallback 1 "$@"
# One printf per part, so one write each rather than a segment per field: a format of one "%s\0"
# per field, then the stdin length and the stdin bytes.
printf -v format '%%s\\0%.0s' "${fields[@]}"
# Nothing worth having goes out before the worker proves it is the one the state file names (a
# dead worker's port may belong to someone else by now): not the environment, not stdin. The
# /proc request's fields (a dead worker's token, a pid, the arguments) go out while the greeting
# is on its way.
if [ "${fields[4]}" != 0 ]; then
  printf "$format" "${fields[@]}" >&"$sock" || fallback 1 "$@"
fi
# Read as a whole (-N: one read, where a line read with -t costs a pselect and a read per byte);
# a listener that sends less, more or other bytes is not the worker.
greeting="commit-polish-daemon 1 $proof
"
IFS= read -r -u "$sock" -N ${#greeting} -t 5 got || fallback 1 "$@"
[ "$got" = "$greeting" ] || fallback 1 "$@"
if [ "${fields[4]}" != 0 ]; then
  printf '%s\0%s' "${#data}" "$data" >&"$sock" || fallback 1 "$@"
else
  printf "$format%s\\0%s" "${fields[@]}" "${#data}" "$data" >&"$sock" || fallback 1 "$@"
fi

lost() {
  if [ "$1" = hook ]; then
    # The worker may or may not have written the message before it went: say what is known.
    [ -n "$errfd" ] && echo "commit-polish: no answer from the resident worker; the message is as it left it (run: commit-polish daemon status)" >&"$errfd"
    exit 0
  fi
  fallback 1 "$@" # lint changes nothing: run it in-process
}

if [ "$1" = hook ]; then
  IFS= read -r -u "$sock" -t 10 reply || fallback 1 "$@"
  [ "$reply" = ok ] || fallback 1 "$@"
  printf 'go\n' >&"$sock" || fallback 1 "$@"
  # The worker answers within the hook's deadline (at most 600 s) plus its git calls: the bound
  # is only for a worker that hangs.
  IFS=' ' read -r -u "$sock" -t 3600 code olen elen || lost "$@"
else
  # A lint's "ok" comes with its result; a repository's JS commitlint config can take npx 30 s.
  IFS= read -r -u "$sock" -t 120 reply || fallback 1 "$@"
  [ "$reply" = ok ] || fallback 1 "$@"
  IFS=' ' read -r -u "$sock" -t 10 code olen elen || lost "$@"
fi
case $code:$olen:$elen in *[!0-9:]* | :* | *::* | *:) lost "$@" ;; esac
# The rest of the reply came in the same write: no timeout (a -t read costs a pselect per byte).
out= err=
if [ "$olen" -gt 0 ]; then IFS= read -r -u "$sock" -N "$olen" out || lost "$@"; fi
if [ "$elen" -gt 0 ]; then IFS= read -r -u "$sock" -N "$elen" err || lost "$@"; fi
exec {sock}<&-
printf '%s' "$out"
[ -n "$errfd" ] && printf '%s' "$err" >&"$errfd"
exit "$code"
