#!/usr/bin/env bash
# The example month (examples/yanqing-2025-03-*.csv, GBK, with dirty rows)
# replays against the example lists and finds exactly the deviations its
# generator planted (examples/yanqing-2025-03-planted.txt), dirty rows aside;
# from the files and from the store examples/monthly.sh builds.
source "$DUTY_SRC/tests/e2e/lib.sh"
EX=$DUTY_SRC/examples
LISTS=$DUTY_SRC/lists/yanqing
asof=$(sed -n 's/^# as-of //p' "$EX/yanqing-2025-03-planted.txt")
expect_eq "$asof" "2025-05-01 00:00:00" "planted list:"

# check RECORDS [IGNORE]: replay's deviations are the planted ones (but kind IGNORE).
check() {
  CHECKS=$((CHECKS + 1))
  python3 - "$1" "$EX/yanqing-2025-03-planted.txt" "${2:-}" <<'PY' || fail "example month: deviations differ from the planted ones ($1)"
import collections, json, sys
planted, dirty = collections.Counter(), set()
for line in open(sys.argv[2], encoding="utf-8"):
    if line.startswith("#"):
        continue
    parts = line.split()
    if parts[1] == "dirty":
        dirty.add(parts[0])
    else:
        planted[line.strip()] += 1
found = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    i = r.get("id")
    if r["kind"] == "order":
        if r["dispatch"] in ("wrong-unit", "assist-as-lead"):
            found[f"{i} dispatch {r['dispatch']}"] += 1
        found.update(f"{i} return unjustified {x['unit']}" for x in r["returns"] if x["verdict"] == "unjustified")
        found.update(f"{i} {n} {c['status']}" for n, c in r["clocks"].items() if c["status"] in ("late", "overdue"))
        found.update(f"{i} lifecycle {p['problem']}" for p in r["lifecycle"])
    elif r["kind"] == "whistle":
        found.update(f"{i} whistle missing {u}" for u in r["missing"])
        found.update(f"{i} whistle extra {u}" for u in r["extra"])
        found.update(f"{i} whistle late {x['unit']}" for x in r["reported"] if x["status"] == "late")
        if r["whistleable"] is False:
            found[f"{i} whistle not-whistleable"] += 1
ignore = sys.argv[3] or None
keep = lambda c: collections.Counter({k: n for k, n in c.items() if k.split()[0] not in dirty and ignore not in k.split()})
planted, found = keep(planted), keep(found)
if planted != found:
    print("missed:", list(planted - found)[:5], "extra:", list(found - planted)[:5], file=sys.stderr)
    sys.exit(1)
print(f"{sum(planted.values())} planted deviations found", file=sys.stderr)
PY
}

run replay --lists "$LISTS" --as-of "$asof" "$EX/yanqing-2025-03-orders.csv" --events "$EX/yanqing-2025-03-events.csv"
expect_rc 1 "replay example month:"
printf '%s\n' "$OUT" >files.jsonl
check files.jsonl
expect_err "yanqing-2025-03-orders.csv:1409: column 工单编号: no id (a required field is empty)"
expect_err "replayed 2496 orders (238 deviating) and 17 whistles (3 deviating) as of 2025-05-01 00:00:00"

export DUTY_PII_KEY=example-key-change-me-0123456789
"$DUTY" ingest --db month.db --lists "$LISTS" --skip-bad rejects.jsonl "$EX/yanqing-2025-03-orders.csv" >/dev/null
"$DUTY" ingest --db month.db --lists "$LISTS" --events "$EX/yanqing-2025-03-events.csv" >/dev/null
run replay --lists "$LISTS" --as-of "$asof" --db month.db
expect_rc 1 "replay example store:"
printf '%s\n' "$OUT" >store.jsonl
# The store keeps one event per (order, time, event, unit), so planted
# duplicates are merged at ingest; and ingest rejects two more dirty rows
# (unreadable answers that replay does not read).
check store.jsonl duplicate-event
expect_err "replayed 2494 orders (235 deviating)"
run replay --lists "$LISTS" --as-of "$asof" --db month.db --summary --format csv
expect_rc 1 "summary:"
expect_out "total,,2494,235,"
finish
