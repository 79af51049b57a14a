# shellcheck shell=bash
# commit-polish's client of the resident worker (`commit-polish daemon`), run by bin/commit-polish:
#   bash commit-polish-client.bash LAUNCHER STATE-FILE FINGERPRINT ARGS...
# It sends ARGS, the working directory, the whole environment and (for `lint` from stdin) stdin to
# the worker over loopback in one message (protocol: commit-polish-cli/.../daemon/Wire.java) and
# prints what the worker's run printed, so a commit costs a bash process instead of a JVM.
# bash, not sh: /dev/tcp, `read -N`, ${!name}, ${name@a} (bash 4.4 or newer).
#
# Whenever the worker cannot take the run — none listening, another build, refused — it runs
# LAUNCHER with COMMIT_POLISH_DAEMON_TRIED=1, which does the run in-process. Once the worker has
# said "ok" it owns the run: a hook that then gets no answer keeps the message as it is (the
# worker writes only within the hook's deadline) and exits 0, like every hook failure.

launcher=$1 state=$2 fp=$3 # COMMIT_POLISH_LC_ALL: the caller's LC_ALL, x<value> or u (unset)
shift 3

stdin_mode=0 data=
fallback() {
  # LC_ALL back as the launcher found it (it set C for this client), and no COMMIT_POLISH_LC_ALL
  case ${COMMIT_POLISH_LC_ALL-} in
    x*) set -- env -u COMMIT_POLISH_LC_ALL LC_ALL="${COMMIT_POLISH_LC_ALL#x}" COMMIT_POLISH_DAEMON_TRIED=1 "$launcher" "$@" ;;
    u) set -- env -u COMMIT_POLISH_LC_ALL -u LC_ALL COMMIT_POLISH_DAEMON_TRIED=1 "$launcher" "$@" ;;
    *) set -- env COMMIT_POLISH_DAEMON_TRIED=1 "$launcher" "$@" ;;
  esac
  if [ "$stdin_mode" = 1 ]; then
    # stdin was read already: hand the same bytes on
    printf '%s' "$data" | "$@"
    exit
  fi
  exec "$@"
}

if [ "${BASH_VERSINFO[0]}" -lt 4 ] || { [ "${BASH_VERSINFO[0]}" -eq 4 ] && [ "${BASH_VERSINFO[1]}" -lt 4 ]; }; then
  fallback "$@" # macOS's /bin/bash is 3.2
fi
case ${1:-} in
  hook)
    for a in "${@:2}"; do
      case $a in -*) fallback "$@" ;; esac
    done
    ;;
  lint)
    if [ $# -eq 1 ]; then
      stdin_mode=2 # read below, after the environment is taken
    elif [ $# -ne 3 ] || [ "$2" != --edit ] || [ -z "$3" ] || [ "${3#-}" != "$3" ]; then
      fallback "$@"
    fi
    ;;
  *) fallback "$@" ;;
esac

read -r port token _ <"$state" 2>/dev/null || fallback "$@"
case $port in '' | *[!0-9]*) fallback "$@" ;; esac
if [ -r "/proc/$$/environ" ]; then
  # Linux: the worker reads this process's environment and directory from /proc/PID/.
  fields=("commit-polish-daemon 1" "$token" "$fp" run "$$" "" "$#" "$@" "")
else
  # Otherwise send the environment exactly as this process got it (git's GIT_INDEX_FILE,
  # GIT_DIR, GIT_EDITOR, ...): every variable name by its first character, without a subshell;
  # ${!n@a} holds "x" for the exported ones. cd -P: the physical directory, as a JVM's would be.
  cd -P . 2>/dev/null || fallback "$@"
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
  IFS= read -r -d '' data || true
fi

# A worker that died between our write and its read must not kill us with SIGPIPE (exit 141
# would abort the commit): the write fails instead, and the run falls back.
trap '' PIPE
{ exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || fallback "$@"
# One printf, so one write (a few for a large environment) rather than a segment per field:
# a format of one "%s\0" per field, then the stdin length and the stdin bytes.
printf -v format '%%s\\0%.0s' "${fields[@]}"
printf "$format%s\\0%s" "${fields[@]}" "${#data}" "$data" >&3 2>/dev/null || fallback "$@"
IFS= read -r -t 10 reply <&3 || fallback "$@"
[ "$reply" = ok ] || fallback "$@"

lost() {
  if [ "$1" = hook ]; then
    echo "commit-polish: kept original (the resident worker stopped answering; run: commit-polish daemon status)" >&2
    exit 0
  fi
  fallback "$@" # lint changes nothing: run it in-process
}
# The worker answers within the hook's deadline; 600 s is only a bound for a worker that hangs.
# The rest of the reply comes in the same write: no timeout (a -t read costs a pselect per byte).
IFS=' ' read -r -t 600 code olen elen <&3 || lost "$@"
case $code:$olen:$elen in *[!0-9:]* | :* | *::* | *:) lost "$@" ;; esac
out= err=
if [ "$olen" -gt 0 ]; then IFS= read -r -N "$olen" out <&3 || lost "$@"; fi
if [ "$elen" -gt 0 ]; then IFS= read -r -N "$elen" err <&3 || lost "$@"; fi
exec 3<&-
printf '%s' "$out"
printf '%s' "$err" >&2
exit "$code"
