#!/usr/bin/env bash
# examples/monthly.sh, the pipeline users copy, runs clean on the example month.
source "$(dirname "$0")/lib.sh"
mkdir -p "$SCRATCH/bin"
ln -s "$DUTY" "$SCRATCH/bin/duty"
OUT=$(cd "$SCRATCH" && PATH="$SCRATCH/bin:$PATH" sh "$DUTY_SRC/examples/monthly.sh" "$SCRATCH/month.db" 2>"$SCRATCH/err")
RC=$?
printf '%s\n' "$OUT" >"$SCRATCH/out"
ERR=$(cat "$SCRATCH/err")
expect_rc 0 "monthly pipeline"
# The rates table: the first street and the streets' 合计, as worked out by rates_check.py below.
expect_eq "$(grep -m1 -E '^ +1  ' <<<"$OUT" | tr -s ' ')" " 1 永宁镇 7 6 6 6 6 0 100.00% 100.00% 100.00% 100.0" "first street"
expect_eq "$(grep -m1 '合计' <<<"$OUT" | tr -s ' ')" " 合计 135 122 118 94 81 12 98.12% 74.11% 73.96% 76.5" "streets' 合计"
expect_out " 22  区市场监管局             166       143     131     106      88        28   91.61%   74.13%   79.16%      77.9" "a department"
CHECKS=$((CHECKS + 1))
grep -q $'^街乡镇,2025-03,3,香水园街道,10,9,9,8,8,1,100.00%,88.89%,98.89%,94.0\r$' "$SCRATCH/rates-2025-03.csv" \
  || fail "the CSV for the spreadsheet"
# Every field of every row, recomputed independently from the store.
"$DUTY" rates --db "$SCRATCH/month.db" --lists "$DUTY_SRC/lists/yanqing" --period 2025-03 --format json \
  >"$SCRATCH/rates.json" 2>/dev/null
OUT=$(python3 "$DUTY_SRC/tests/e2e/rates_check.py" "$SCRATCH/month.db" "$DUTY_SRC/lists/yanqing" bj-practice \
  "$SCRATCH/rates.json" 2>&1)
RC=$?
expect_rc 0 "the month's rates agree with the independent computation"
expect_out "77 rows agree (74 ranked), 2494 orders" "every row"
OUT=$(cat "$SCRATCH/out")
expect_out "退单单位" "returns"
expect_out "报到单位" "whistles"
expect_out "来电人数" "repeat callers"
expect_out "超时办结" "replay verdicts joined"
CHECKS=$((CHECKS + 1))
[[ -s "$SCRATCH/month.db" ]] || fail "the store is written where asked"
finish
