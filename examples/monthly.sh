#!/bin/sh
# A monthly pipeline over a 12345 export, as a district's task force might run it:
# load the month's orders and events (GBK CSV, as Excel saves them) into a case
# store, then ask the questions the monthly report needs.
#
#   sh examples/monthly.sh [STORE]     (run from the source tree; duty on PATH)
#
# The example export is synthetic (duty gen cases --lists lists/yanqing
# --orders 2500 --seed 202503 --month 2025-03 --encoding gbk --events ... --planted ...).
set -eu
here=$(dirname "$0")
store=${1:-yanqing-2025-03.db}
lists=$here/../lists/yanqing
# Personal data (来电人, 来电人电话) is stored as keyed hashes; keep the key out of the store.
: "${DUTY_PII_KEY:=example-key-change-me-0123456789}"
export DUTY_PII_KEY

# 1. Load. A real export has a few broken rows: set them aside with reasons (exit 1 says so).
duty ingest --db "$store" --lists "$lists" --skip-bad rejects-orders.jsonl \
  "$here/yanqing-2025-03-orders.csv" || [ $? -eq 1 ]
duty ingest --db "$store" --lists "$lists" --events "$here/yanqing-2025-03-events.csv"

# 2. The three rates per unit, the composite score and the rankings (the built-in practice
#    profile: 基本满意 counts 0.9; streets/townships and departments ranked apart) for the
#    orders closed in March; once as a table, once as CSV for the spreadsheet.
duty rates --db "$store" --lists "$lists" --period 2025-03
duty rates --db "$store" --lists "$lists" --period 2025-03 --format csv > rates-2025-03.csv

# 3. Returns: which units sent orders back, and how long they held them first.
duty query --db "$store" "
  select r.unit as 退单单位, count(*) as 退单数,
    round(avg((julianday(r.at) - julianday(d.at)) * 24), 1) as 平均持有小时
  from events r join events d on d.id = r.id and d.event = '派单' and d.at < r.at
  where r.event = '退单' group by r.unit order by 2 desc limit 10"

# 4. Whistles: minutes from 吹哨 to each 报到, late ones first.
duty query --db "$store" "
  select w.id as 工单, w.unit as 吹哨, r.unit as 报到单位,
    cast(round((julianday(r.at) - julianday(w.at)) * 1440) as integer) as 分钟
  from events w join events r on r.id = w.id and r.event = '报到'
  where w.event = '吹哨' order by 分钟 desc limit 10"

# 5. Repeat callers (same hashed phone, 3+ orders): candidates for 未诉先办.
duty query --db "$store" "
  select count(*) as 来电人数, sum(n) as 工单数 from
    (select phone, count(*) as n from orders where phone is not null group by phone having n >= 3)"

# 6. What the load found odd.
duty query --db "$store" "select kind, count(*) from anomalies group by kind"

# 7. Replay every order and whistle against the lists as they stood (exit 1: deviations
#    found) and keep the verdicts in the store; then late closes per final unit.
duty replay --db "$store" --lists "$lists" --as-of "2025-05-01" --save || [ $? -eq 1 ]
duty query --db "$store" "
  select final_unit as 单位, count(*) as 工单, sum(close in ('late', 'overdue')) as 超时办结,
    sum(unjustified_returns) as 不当退单
  from verdicts group by final_unit order by 超时办结 desc, 工单 desc limit 10"
