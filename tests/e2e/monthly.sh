#!/usr/bin/env bash
# examples/monthly.sh, the pipeline users copy, runs clean on the example month.
source "$(dirname "$0")/lib.sh"
mkdir -p "$SCRATCH/bin"
ln -s "$DUTY" "$SCRATCH/bin/duty"
OUT=$(PATH="$SCRATCH/bin:$PATH" sh "$DUTY_SRC/examples/monthly.sh" "$SCRATCH/month.db" 2>"$SCRATCH/err")
RC=$?
ERR=$(cat "$SCRATCH/err")
expect_rc 0 "monthly pipeline"
expect_out "响应率" "three rates"
expect_out "退单单位" "returns"
expect_out "报到单位" "whistles"
expect_out "来电人数" "repeat callers"
CHECKS=$((CHECKS + 1))
[[ -s "$SCRATCH/month.db" ]] || fail "the store is written where asked"
finish
