#!/usr/bin/env bash
# duty replay on a hand-built log over a small list set (tests/fixtures/replay):
# every verdict value occurs, and every field of every record is checked
# against expected.jsonl; the same records come from shuffled inputs, split
# event files and a case store; the summary, CSV and table formats; errors.
source "$DUTY_SRC/tests/e2e/lib.sh"
FX=$DUTY_SRC/tests/fixtures/replay
# Copied, so that evidence and messages name files as the records expect.
cp -r "$FX/lists" lists
cp "$FX/orders.csv" "$FX/events.csv" "$FX/map.yaml" "$FX/profile.yaml" .
ARGS=(--lists lists --profile profile.yaml --map map.yaml --as-of "2025-10-20 12:00:00")

run replay "${ARGS[@]}" orders.csv --events events.csv
expect_rc 1 "replay:"
printf '%s\n' "$OUT" >out.jsonl
# The header, field by field.
CHECKS=$((CHECKS + 1))
python3 - out.jsonl "$("$DUTY" --version | awk '{print $2}')" <<'PY' || fail "header"
import json, re, sys
h = json.loads(open(sys.argv[1], encoding="utf-8").readline())
assert list(h) == ["kind", "lists_hash", "profile", "calendar_years", "as_of", "tie_rule", "version"], list(h)
assert h["kind"] == "header" and re.fullmatch(r"[0-9a-f]{64}", h["lists_hash"]), h
assert h["profile"] == "replay-test" and h["calendar_years"] == [2025], h
assert h["as_of"] == "2025-10-20 12:00:00" and h["version"] == sys.argv[2], h
assert "input order" in h["tie_rule"], h
PY
# Every other record, every field, byte for byte.
tail -n +2 out.jsonl >records.jsonl
CHECKS=$((CHECKS + 1))
diff -u "$FX/expected.jsonl" records.jsonl >&2 || fail "records differ from expected.jsonl"
# Every verdict value of the issue occurs.
CHECKS=$((CHECKS + 1))
python3 - records.jsonl <<'PY' || fail "not every verdict value occurs"
import json, sys
seen = set()
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r["kind"] == "order":
        seen.add(("dispatch", r["dispatch"]))
        for x in r["returns"]:
            seen.add(("return", x["verdict"]))
        for c in r["clocks"].values():
            seen.add(("clock", c["status"]))
        for p in r["lifecycle"]:
            seen.add(("lifecycle", p["problem"]))
        for x in r["excluded"]:
            seen.add(("excluded", x))
    else:
        seen.add(("whistleable", r["whistleable"]))
        for x in r["reported"]:
            seen.add(("report", x["status"]))
        seen.add(("missing", bool(r["missing"])))
        seen.add(("extra", bool(r["extra"])))
want = {("dispatch", v) for v in ["correct", "wrong-unit", "assist-as-lead", "contested", "no-lead", "undecided", "unmapped", None]}
want |= {("return", v) for v in ["justified", "unjustified", "contested", None]}
want |= {("clock", v) for v in ["on-time", "late", "overdue", "open", "none"]}
want |= {("lifecycle", v) for v in ["no-dispatch", "out-of-order", "after-close", "duplicate-event"]}
want |= {("excluded", v) for v in ["not_dispatched", "consultation", "not_assessed", "unreasonable", "invalid_visit", "appeal_upheld"]}
want |= {("whistleable", v) for v in [True, False, None]} | {("report", v) for v in ["on-time", "late", None]}
want |= {("missing", True), ("extra", True)}
missing = want - seen
assert not missing, sorted(map(str, missing))
PY
# What could not be judged is said on stderr, located.
expect_err 'events.csv:103: column 事件: unknown event "乱码"'
expect_err "1 event of 1 id that no order has was left out"
expect_err 'category  "外星人->飞碟->降落"  1×'
expect_err "replayed 13 orders (6 deviating) and 4 whistles (3 deviating) as of 2025-10-20 12:00:00"

# Same input, same bytes.
run replay "${ARGS[@]}" orders.csv --events events.csv
expect_eq "$OUT" "$(cat out.jsonl)" "determinism:"

# Orders in another order, events in two files given the other way round,
# sorted in a small memory budget: the same records, in id order.
{ head -1 orders.csv; tail -n +2 orders.csv | sort -r; } >shuffled.csv
{ head -1 events.csv; sed -n '51,$p' events.csv; } >events-b.csv
head -50 events.csv >events-a.csv
run replay "${ARGS[@]}" --memory 8M shuffled.csv --events events-b.csv events-a.csv
expect_rc 1 "shuffled:"
# Ties in time keep input order (the split moved no tie across files).
expect_eq "$(tail -n +2 <<<"$OUT")" "$(cat records.jsonl)" "shuffled and split inputs:"

# An event log with its own headers has its own map (--events-map); --map is the orders'.
sed '1s/事件/处理环节/' events.csv >events-renamed.csv
printf 'fields:\n  event: 处理环节\n' >events-map.yaml
run replay "${ARGS[@]}" orders.csv --events events-renamed.csv --events-map events-map.yaml
expect_eq "$(tail -n +2 <<<"$OUT")" "$(cat records.jsonl)" "events map:"

# CSV: one row per order, the same verdicts.
run replay "${ARGS[@]}" --format csv orders.csv --events events.csv
expect_rc 1 "csv:"
expect_eq "$(head -1 <<<"$OUT" | tr -d '\r')" \
  "id,matter,territory,lead,dispatch,dispatched_to,final_unit,hops,returns,unjustified,sign,contact,close,close_deadline,lifecycle,excluded,whistles,whistle_problems" "csv header:"
expect_out "O01,违建,甲街道,甲执法队,correct,甲执法队,甲执法队,1,0,0,on-time,on-time,on-time,2025-10-28 00:00:00,,,1,extra 生态局;late 甲执法队"
expect_out "O03,违建,甲街道,甲执法队,assist-as-lead,住建委,甲执法队,3,2,1,late,on-time,open,2025-10-30 00:00:00,,,0,"
expect_out "O09,油烟,甲街道,生态局,,,,0,0,0,none,none,none,,no-dispatch;out-of-order (签收);out-of-order (办结),not_dispatched;consultation,0,"
expect_out "O13,违建,乙镇,乙镇,correct,乙镇,乙镇,1,0,0,on-time,on-time,open,2025-10-28 00:00:00,,,1,missing 乙执法队"
CHECKS=$((CHECKS + 1))
[[ $(wc -l <<<"$OUT") == 14 ]] || fail "csv: expected 14 lines"
run replay "${ARGS[@]}" --format table orders.csv --events events.csv
CHECKS=$((CHECKS + 1))
grep -qE '^O04 +违建 +乙镇 +undecided +乙镇 +乙执法队 +2 +1 +0 +on-time +overdue +overdue' <<<"$OUT" || fail "table row O04"

# The summary: deviations per unit and per matter, counts and shares.
run replay "${ARGS[@]}" --summary --format csv orders.csv --events events.csv
expect_rc 1 "summary:"
expect_out "unit,甲执法队,2,1,50.0%,1,0,0,0.0%,0,0,0,0,1,1,100.0%,1,0,0,0,0.0%,0,0,0,1,0,0.0%,1,0"
expect_out "unit,民政局,1,0,0.0%,0,0,0,,0,0,0,0,0,0,,0,0,0,0,0.0%,0,0,0,0,0,,0,0"
expect_out "matter,违建,7,4,57.1%,7,1,1,28.6%,0,0,1,0,4,1,25.0%,1,0,0,1,14.3%,1,3,0,4,1,25.0%,1,1"
expect_out "total,,13,6,46.2%,12,1,2,25.0%,1,1,1,1,8,1,12.5%,1,0,0,1,7.7%,2,4,1,4,1,25.0%,1,2"
run replay "${ARGS[@]}" --summary --format json orders.csv --events events.csv
CHECKS=$((CHECKS + 1))
python3 -c '
import json, sys
rows = json.loads(sys.stdin.read())
total = [r for r in rows if r["scope"] == "total"][0]
assert total["orders"] == 13 and total["deviating_share"] == 6 / 13 and total["missing"] == 1, total
' <<<"$OUT" || fail "summary json"

# From a case store: the same records; --save keeps them for duty query.
"$DUTY" ingest --db s.db --map map.yaml orders.csv >/dev/null
"$DUTY" ingest --db s.db --events --skip-bad rej.jsonl events.csv >/dev/null 2>&1
run replay "${ARGS[@]}" --db s.db
expect_rc 1 "store:"
# The store keeps one event per (order, time, event, unit): O10's duplicate 签收 was
# merged at ingest, so only the files show duplicate-event.
python3 -c '
import json, sys
for line in open("records.jsonl", encoding="utf-8"):
    r = json.loads(line)
    if r["id"] == "O10" and r["kind"] == "order":
        r["lifecycle"] = [p for p in r["lifecycle"] if p["problem"] != "duplicate-event"]
        line = json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n"
    sys.stdout.write(line)
' >store-expected.jsonl
expect_eq "$(tail -n +2 <<<"$OUT")" "$(cat store-expected.jsonl)" "store records:"
run replay "${ARGS[@]}" --db s.db --save
expect_rc 1 "save:"
expect_eq "$OUT" "" "save prints no records:"
expect_err "saved to s.db"
run query --db s.db --format csv "select count(*), sum(deviates), sum(dispatch = 'wrong-unit') from verdicts"
expect_out "13,6,1"
run query --db s.db --format csv "select v.id, o.territory, v.close, v.close_deadline from verdicts v join orders o using (id) where v.close = 'overdue'"
expect_out "O04,乙镇,overdue,2025-10-14 09:10:00"
run query --db s.db --format csv "select id, missing, late, extra from whistle_verdicts order by id, seq"
expect_out "O01,,甲执法队,生态局"
expect_out "O13,乙执法队,,"
run query --db s.db --format csv "select json_extract(record, '\$.clocks.close.deadline') from verdicts where id = 'O10'"
expect_out "2025-10-16 00:00:00"
# Saving again replaces, never doubles.
"$DUTY" replay "${ARGS[@]}" --db s.db --save 2>/dev/null
run query --db s.db --format csv "select count(*) from verdicts union all select count(*) from replays"
expect_eq "$(tr -d '\r' <<<"$OUT")" $'count(*)\n13\n1' "save twice:"

# Usage errors.
run replay "${ARGS[@]}" --db s.db orders.csv
expect_rc 2 "db and files:"
run replay "${ARGS[@]}" --save orders.csv
expect_rc 2 "save without db:"
expect_err "--save writes into the store"
run replay "${ARGS[@]}" --as-of tomorrow orders.csv
expect_rc 2 "bad as-of:"
run replay "${ARGS[@]}" --format json orders.csv
expect_rc 2 "json without summary:"
run replay --lists lists --profile bj-practise orders.csv
expect_rc 2 "unknown profile:"
expect_err 'did you mean "bj-practice"'
run replay "${ARGS[@]}" --memory 1k orders.csv
expect_rc 2 "tiny memory:"
run replay "${ARGS[@]}" missing.csv
expect_rc 2 "missing file:"
finish
