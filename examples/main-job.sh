#!/bin/sh
# The main job on the shipped data: check and audit the 延庆区 example lists, ask who
# leads on a matter, then load the example month of 12345 orders and events into a
# case store, rank the units on the three rates and replay the month against the lists.
#
#   sh examples/main-job.sh [DUTY]      (DUTY: the duty binary; default: duty on PATH)
#
# The case store is left in out/yanqing-2025-03.db for your own queries, the rates
# table in out/rates-2025-03.xlsx.
set -eu
duty=${1:-duty}
case $duty in */*) duty=$(cd "$(dirname "$duty")" && pwd)/$(basename "$duty") ;; esac
out=${DUTY_OUT:-out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
# Run from the source root so that findings and evidence name short paths.
cd "$(dirname "$0")/.."
here=examples
lists=lists/yanqing
store=$out/yanqing-2025-03.db
# Personal data (来电人, 来电人电话) is stored only as keyed hashes.
: "${DUTY_PII_KEY:=example-key-change-me-0123456789}"
export DUTY_PII_KEY

echo "== duty validate lists/yanqing"
"$duty" validate "$lists"

echo "== duty audit lists/yanqing (as in force on 2025-03-31)"
"$duty" audit --as-of 2025-03-31 "$lists"

echo "== who leads on night construction noise in 康庄镇?"
"$duty" route --lists "$lists" 噪音扰民 --at 康庄镇 --when noise_source=夜间施工 --as-of 2025-03-15

echo "== load March 2025: the platform's workbook of orders, read directly, and the"
echo "   GBK CSV event log (dirty rows set aside in $out/rejects.jsonl)"
"$duty" ingest --db "$store" --lists "$lists" --skip-bad "$out/rejects.jsonl" \
  "$here/yanqing-2025-03-orders.xlsx" || [ $? -eq 1 ]
"$duty" ingest --db "$store" --lists "$lists" --events "$here/yanqing-2025-03-events.csv"

echo "== the three rates, composite score and rankings for March (practice profile: 基本满意 counts 0.9)"
"$duty" rates --db "$store" --lists "$lists" --period 2025-03
"$duty" rates --db "$store" --lists "$lists" --period 2025-03 --format xlsx -o "$out/rates-2025-03.xlsx"
echo "== replay March against the lists (as of 1 May): verdicts saved in the store"
"$duty" replay --db "$store" --lists "$lists" --as-of 2025-05-01 --save || [ $? -eq 1 ]
"$duty" query --db "$store" "
  select matter_id as 事项, count(*) as 工单, sum(deviates) as 偏差,
    sum(dispatch in ('wrong-unit', 'assist-as-lead')) as 派错, sum(close in ('late', 'overdue')) as 超时办结
  from verdicts group by matter_id order by 偏差 desc, 工单 desc limit 10"
echo "case store: $store"
echo "the rates as a workbook: $out/rates-2025-03.xlsx"
