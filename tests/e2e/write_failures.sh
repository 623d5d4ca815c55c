#!/usr/bin/env bash
# Writing: a closed pipe (`duty … | head`) ends quietly with status 0; any
# other write failure (/dev/full: no space left) prints one error naming
# standard output and exits 2 — on every command that writes to stdout.
source "$DUTY_SRC/tests/e2e/lib.sh"
LISTS="$DUTY_SRC/lists/yanqing"
AS_OF=2025-06-01

"$DUTY" gen cases --lists "$LISTS" --orders 300 --seed 5 --month 2025-03 -o orders.csv --events events.csv 2>/dev/null
"$DUTY" ingest --db cases.db orders.csv >/dev/null 2>&1
expect_eq "$?" 0 "setup: ingest"

# Each line: a command that writes to standard output, its arguments apart by '|'.
# Most write more than a pipe holds, so that `| head` closes the pipe under them.
commands=(
  "validate|--format|json|$LISTS"
  "audit|--as-of|$AS_OF|$LISTS"
  "audit|--as-of|$AS_OF|--matrix|--format|csv|$LISTS"
  "route|--lists|$LISTS|--as-of|$AS_OF|在建违法建设|--at|八达岭镇|--when|land=集体土地"
  "diff|--as-of|$AS_OF|--format|json|$DUTY_SRC/tests/fixtures/audit/orphan-matter|$LISTS"
  "schema"
  "completion|bash"
  "query|--db|cases.db|select * from orders"
  "replay|--lists|$LISTS|--as-of|$AS_OF|orders.csv|--events|events.csv"
  "rates|--lists|$LISTS|--db|cases.db|--by|matter"
  "report|--lists|$LISTS|--db|cases.db|--period|2025-03"
  "gen|cases|--lists|$LISTS|--orders|500|--seed|3|--month|2025-03"
  "help|audit"
  "gen|lists|--matters|300|--force|genlists"
  "ingest|--db|again.db|orders.csv"
)

OUT="" ERR=""
for c in "${commands[@]}"; do
  IFS='|' read -ra args <<<"$c"
  size=$("$DUTY" "${args[@]}" 2>/dev/null | wc -c)
  CHECKS=$((CHECKS + 1))
  ((size > 0)) || fail "$c: no output to test with"

  "$DUTY" "${args[@]}" >/dev/full 2>err.txt
  rc=$?
  ((rc == 2)) || fail "$c >/dev/full: expected status 2, got $rc"
  CHECKS=$((CHECKS + 1))
  expect_eq "$(grep -c 'cannot write to standard output' err.txt)" 1 "$c >/dev/full: one error"

  "$DUTY" "${args[@]}" 2>err.txt | head -c 1 >/dev/null
  rc=${PIPESTATUS[0]}
  CHECKS=$((CHECKS + 1))
  ((rc == 0)) || fail "$c | head -c 1: expected status 0, got $rc ($(head -c 300 err.txt))"
  expect_eq "$(grep -v '^duty: note:' err.txt | head -c 300)" "" "$c | head -c 1: nothing on stderr"

  # The reader gone before duty starts: small outputs fail too (a pipe buffer
  # would hide them from `| head`). The pipe's read end is closed first, so
  # there is no race; the child gets SIGPIPE's default disposition, as in a shell.
  python3 -c 'import os, subprocess, sys
r, w = os.pipe(); os.close(r)
sys.exit(subprocess.run(sys.argv[1:], stdout=w, stderr=open("err.txt", "w")).returncode)' "$DUTY" "${args[@]}"
  rc=$?
  CHECKS=$((CHECKS + 1))
  ((rc == 0)) || fail "$c | (closed): expected status 0, got $rc ($(head -c 300 err.txt))"
  expect_eq "$(grep -v '^duty: note:' err.txt | head -c 300)" "" "$c | (closed): nothing on stderr"
done

# -o FILE on a full device: an error, status 2, nothing half-written left behind.
run report --lists "$LISTS" --db cases.db --period 2025-03 -o /dev/full/report.html
expect_rc 2 "report -o into a non-directory"
expect_err "/dev/full/report.html" "report -o: the file is named"

finish
