# Shared helpers for the end-to-end tests. Each test script sources this,
# runs the real duty binary ($DUTY) and checks exit codes and output.
set -u
: "${DUTY:?DUTY must point at the duty binary}"
: "${DUTY_SRC:?DUTY_SRC must point at the source tree}"
export NO_COLOR=1
unset DUTY_LISTS DUTY_CONFIG GITHUB_ACTIONS
SCRATCH=$(mktemp -d)
# No user's config file (duty-config(5)) may change what a test sees.
export XDG_CONFIG_HOME=$SCRATCH/.config
trap 'rm -rf "$SCRATCH"' EXIT
cd "$SCRATCH" || exit 1
FAILURES=0
CHECKS=0

# run ARGS...: runs duty, keeping stdout in $OUT, stderr in $ERR, status in $RC.
run() {
  OUT=$("$DUTY" "$@" 2>"$SCRATCH/.stderr")
  RC=$?
  ERR=$(cat "$SCRATCH/.stderr")
}

# run_in INPUT ARGS...: like run, with INPUT on stdin.
run_in() {
  local input=$1
  shift
  OUT=$("$DUTY" "$@" <"$input" 2>"$SCRATCH/.stderr")
  RC=$?
  ERR=$(cat "$SCRATCH/.stderr")
}

fail() {
  echo "FAIL: $*" >&2
  echo "  stdout: ${OUT:0:2000}" >&2
  echo "  stderr: ${ERR:0:2000}" >&2
  FAILURES=$((FAILURES + 1))
}

expect_rc() {
  CHECKS=$((CHECKS + 1))
  [[ $RC == "$1" ]] || fail "${2:-} expected exit $1, got $RC"
}

expect_out() {
  CHECKS=$((CHECKS + 1))
  grep -qF -- "$1" <<<"$OUT" || fail "${2:-} stdout lacks: $1"
}

expect_not_out() {
  CHECKS=$((CHECKS + 1))
  ! grep -qF -- "$1" <<<"$OUT" || fail "${2:-} stdout should not contain: $1"
}

expect_err() {
  CHECKS=$((CHECKS + 1))
  grep -qF -- "$1" <<<"$ERR" || fail "${2:-} stderr lacks: $1"
}

expect_eq() {
  CHECKS=$((CHECKS + 1))
  [[ "$1" == "$2" ]] || fail "${3:-} expected [$2], got [$1]"
}

# finish: prints the tally and exits non-zero if any check failed.
finish() {
  if ((FAILURES > 0)); then
    echo "$FAILURES of $CHECKS checks failed" >&2
    exit 1
  fi
  echo "$CHECKS checks passed"
  exit 0
}
