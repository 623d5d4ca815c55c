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
expect_eq "$(grep -m1 -E '^ +1  ' <<<"$OUT" | tr -s ' ')" " 1 八达岭镇 33 32 27 27 21 8 84.38% 84.38% 88.13% 85.9" "rates: first street"
expect_out "  26  区城市管理委             180       162     152     116     100        26   93.83%   71.60%   76.17%      75.7" "rates: a department"
expect_eq "$(grep -c '合计' <<<"$OUT")" "2" "a 合计 row for streets and one for departments"
expect_out "超时办结" "replay verdicts"
expect_err "replayed 2494 orders (235 deviating)"
CHECKS=$((CHECKS + 1))
[[ -s "$SCRATCH/out/yanqing-2025-03.db" ]] || fail "the case store is left for the user"
# A second run re-ingests: orders are updated, never duplicated.
OUT=$(DUTY_OUT="$SCRATCH/out" sh "$DUTY_SRC/examples/main-job.sh" "$DUTY" 2>&1)
RC=$?
expect_rc 0 "second run"
expect_out "2494 rows stored (0 new, 2494 updated)" "re-ingest updates"
finish
