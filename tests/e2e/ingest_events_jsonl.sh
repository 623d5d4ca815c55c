# duty ingest --events: a JSON Lines event log (Chinese and English keys and
# event names), re-ingested without doubling, bad events reported.
source "$DUTY_SRC/tests/e2e/lib.sh"

cat >events.jsonl <<'JSON'
{"工单编号":"E1","时间":"2025-03-01 08:40:00","事件":"派单","单位":"儒林街道"}
{"工单编号":"E1","时间":"2025-03-01 09:05","事件":"签收","单位":"儒林街道"}

{"工单编号":"E1","时间":"2025-03-01T01:30:00Z","事件":"吹哨","单位":"儒林街道","哨类型":"日常哨","备注":"违建，需规划分局到场","附件":[1,2]}
{"id":"E1","at":"2025-03-01 09:50:00+08:00","event":"report","unit":"规划自然资源分局"}
{"id":"E2","at":"2025/3/2 10:00","event":"return","unit":"区城市管理委","note":"非本单位职责"}
{"id":"E2","at":"2025/3/2 11:00","event":"redispatch","unit":"儒林街道","extra_num":3.5,"flag":true,"gone":null}
JSON

run ingest --db s.db --events events.jsonl
expect_rc 0
expect_out "events.jsonl: 6 rows stored (6 new, 0 updated) [jsonl, utf-8]"
run query --db s.db --format csv "select id, at, event, unit, whistle, line from events order by id, at"
expect_out "E1,2025-03-01 08:40:00,派单,儒林街道,,1"
expect_out "E1,2025-03-01 09:30:00,吹哨,儒林街道,日常哨,4"
expect_out "E1,2025-03-01 09:50:00,报到,规划自然资源分局,,5"
expect_out "E2,2025-03-02 10:00:00,退单,区城市管理委,,6"
expect_out "E2,2025-03-02 11:00:00,改派,儒林街道,,7"
run query --db s.db "select extra from events where event = '改派'"
expect_out '{"extra_num":"3.5","flag":"true"}'

# Same log again: replaced, not doubled.
run ingest --db s.db --events events.jsonl
expect_rc 0
run query --db s.db "select count(*) from events"
expect_out "6"

# Whistle-to-report minutes straight from SQL.
run query --db s.db --format csv "select round((julianday(r.at) - julianday(w.at)) * 1440) from events w join events r on r.id = w.id and r.event = '报到' where w.event = '吹哨'"
expect_out "20"

# Bad events: unknown event name, broken JSON, missing time.
cat >bad.jsonl <<'JSON'
{"id":"E3","at":"2025-03-03 08:00","event":"派单"}
{"id":"E3","at":"2025-03-03 08:10","event":"喝茶"}
{"id":"E3","at":"2025-03-03 08:20","event":"签收"
{"id":"E3","event":"联系"}
JSON
run ingest --db s.db --events bad.jsonl
expect_rc 1
expect_err "3 bad rows; nothing was written"
expect_err "bad.jsonl:2: column event: unknown event \"喝茶\""
expect_err "bad.jsonl:3: invalid JSON"
expect_err "bad.jsonl:4: column at: no at"
run query --db s.db "select count(*) from events where id = 'E3'"
expect_out "0"

# Events read from standard input.
run_in events.jsonl query --events --format csv "select event, count(*) from events group by 1 order by 1"
expect_rc 0
expect_out "吹哨,1"

finish
