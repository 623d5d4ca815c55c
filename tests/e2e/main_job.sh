#!/usr/bin/env bash
# The README's first command ends in examples/main-job.sh: it must run clean on the
# shipped lists and example month, and print what it promises.
source "$(dirname "$0")/lib.sh"
OUT=$(DUTY_OUT="$SCRATCH/out" sh "$DUTY_SRC/examples/main-job.sh" "$DUTY" 2>"$SCRATCH/err")
RC=$?
ERR=$(cat "$SCRATCH/err")
expect_rc 0 "main job"
expect_out "0 errors, 0 warnings in 64 files, 664 items" "validate and audit are clean"
expect_out "lead:      康庄镇综合执法队" "route answers"
expect_out "2492 rows stored" "orders loaded"
expect_out "8 rejected" "dirty rows set aside"
expect_out "17557 rows stored" "events loaded"
expect_out "响应率" "rates table"
CHECKS=$((CHECKS + 1))
[[ -s "$SCRATCH/out/yanqing-2025-03.db" ]] || fail "the case store is left for the user"
# A second run re-ingests: orders are updated, never duplicated.
OUT=$(DUTY_OUT="$SCRATCH/out" sh "$DUTY_SRC/examples/main-job.sh" "$DUTY" 2>&1)
RC=$?
expect_rc 0 "second run"
expect_out "2492 rows stored (0 new, 2492 updated)" "re-ingest updates"
finish
