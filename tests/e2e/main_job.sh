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
expect_out "examples/yanqing-2025-03-orders.xlsx[工单明细]: 2494 rows stored (2494 new, 0 updated), 6 rejected" "orders loaded from the workbook"
expect_out "6 rejected rows written to" "dirty rows set aside"
expect_out "17716 rows stored (17713 new, 3 updated)" "events loaded"
expect_eq "$(grep -m1 -E '^ +1  ' <<<"$OUT" | tr -s ' ')" " 1 永宁镇 7 6 6 6 6 0 100.00% 100.00% 100.00% 100.0" "rates: first street"
expect_out "  29  区城市管理委             210       192     181     137     116        28   94.27%   71.35%   73.54%      74.5" "rates: a department"
expect_eq "$(grep -c '合计' <<<"$OUT")" "2" "a 合计 row for streets and one for departments"
expect_out "超时办结" "replay verdicts"
expect_err "replayed 2494 orders (235 deviating)"
CHECKS=$((CHECKS + 1))
[[ -s "$SCRATCH/out/yanqing-2025-03.db" ]] || fail "the case store is left for the user"
CHECKS=$((CHECKS + 1))
[[ $(head -c 2 "$SCRATCH/out/rates-2025-03.xlsx") == PK ]] || fail "the rates workbook is left for the user"
# A second run re-ingests: orders are updated, never duplicated.
OUT=$(DUTY_OUT="$SCRATCH/out" sh "$DUTY_SRC/examples/main-job.sh" "$DUTY" 2>&1)
RC=$?
expect_rc 0 "second run"
expect_out "2494 rows stored (0 new, 2494 updated)" "re-ingest updates"
finish
