#!/usr/bin/env bash
# duty report agrees with duty replay: a three-month generated series with its
# event logs through duty report, and March's orders through duty replay
# --summary (the report's replay sections cover the orders received in the
# period), compared cell by cell by report_replay_check.py, which also
# recomputes the 未诉先办 clusters from the verdicts by the documented rule.
source "$(dirname "$0")/lib.sh"
LISTS="$DUTY_SRC/lists/yanqing"

for m in 01 02 03; do
  run gen cases --lists "$LISTS" --orders 1500 --seed "2025$m" --month "2025-$m" --events "events-$m.csv" \
    -o "orders-$m.csv"
  expect_rc 0 "gen cases 2025-$m"
done
orders=(orders-01.csv orders-02.csv orders-03.csv)
events=(events-01.csv events-02.csv events-03.csv)
as_of="2025-04-01 00:00:00"

for f in md html; do
  "$DUTY" report --lists "$LISTS" --period 2025-03 --months 3 --top 8 --format "$f" -o "report.$f" \
    "${orders[@]}" --events "${events[@]}" 2>report.err
  RC=$?
  ERR=$(cat report.err)
  expect_rc 1 "report --format $f (the generator plants unreadable rows)"
  expect_err "received in 2025-03"
done
OUT=$(cat report.md)
for s in late returns proactive whistles; do expect_out "<a id=\"$s\"></a>" "section $s"; done
expect_out "数据截至: $as_of"

"$DUTY" replay --lists "$LISTS" --summary --format csv --as-of "$as_of" orders-03.csv --events "${events[@]}" \
  >summary.csv 2>/dev/null
"$DUTY" replay --lists "$LISTS" --as-of "$as_of" orders-03.csv --events "${events[@]}" >verdicts.jsonl 2>/dev/null
cp orders-03.csv period-orders.csv
echo 8 >top
"$DUTY" audit --as-of 2025-03-31 --matrix --format json "$LISTS" >matrix.json
CHECKS=$((CHECKS + 1))
[[ -s summary.csv && -s verdicts.jsonl ]] || fail "duty replay wrote nothing"
CHECKS=$((CHECKS + 1))
python3 "$DUTY_SRC/tests/e2e/report_replay_check.py" . || fail "the report's replay sections differ from duty replay"

# --as-of moves the clocks, and the stamp says so; the cluster rule is a setting.
"$DUTY" report --lists "$LISTS" --period 2025-03 --format md --as-of 2025-03-20 --cluster-min 2 --cluster-days 3 \
  -o early.md "${orders[@]}" --events "${events[@]}" 2>/dev/null
OUT=$(cat early.md)
expect_out "数据截至: 2025-03-20 00:00:00"
expect_out "3 天内 2 件及以上"
CHECKS=$((CHECKS + 1))
cmp -s early.md report.md && fail "--as-of and the cluster rule changed nothing"

# An event log with its own headers is read through its own map: the same report.
for m in 01 02 03; do sed '1s/事件/处理环节/' "events-$m.csv" >"renamed-$m.csv"; done
printf 'fields:\n  event: 处理环节\n' >events-map.yaml
"$DUTY" report --lists "$LISTS" --period 2025-03 --months 3 --top 8 --format md -o mapped.md "${orders[@]}" \
  --events renamed-01.csv renamed-02.csv renamed-03.csv --events-map events-map.yaml 2>/dev/null
CHECKS=$((CHECKS + 1))
cmp -s mapped.md report.md || fail "--events-map: the report differs from the one of the original event logs"

# Usage errors.
run report --lists "$LISTS" --period 2025-03 --db x.db --events-map events-map.yaml
expect_rc 2 "--db with --events-map"
run report --lists "$LISTS" --period 2025-03 --db x.db --events events-01.csv
expect_rc 2 "--db with --events"
run report --lists "$LISTS" --period 2025-03 --as-of yesterday "${orders[@]}"
expect_rc 2 "bad --as-of"
run report --lists "$LISTS" --period 2025-03 - <orders-03.csv
expect_rc 2 "standard input"
expect_err "give files"

finish
