#!/usr/bin/env bash
# duty gen cases → duty replay: replay finds exactly the deviations the
# generator planted, no more and no fewer — at 100,000 orders from files, and
# at a smaller size through an external sort that spills, from shuffled
# inputs, and from a case store.
source "$DUTY_SRC/tests/e2e/lib.sh"
LISTS=$DUTY_SRC/lists/yanqing

# compare RECORDS PLANTED [IGNORE]: the deviations in replay's records against
# the planted list (leaving out the kind IGNORE on both sides).
compare() {
  CHECKS=$((CHECKS + 1))
  python3 - "$1" "$2" "${3:-}" <<'PY' || fail "replay's deviations differ from the planted ones ($1)"
import collections, json, sys
planted = collections.Counter()
for line in open(sys.argv[2], encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    if line.split()[1] != "dirty":
        planted[line.strip()] += 1
found = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    i = r["id"] if r["kind"] != "header" else None
    if r["kind"] == "order":
        if r["dispatch"] in ("wrong-unit", "assist-as-lead"):
            found[f"{i} dispatch {r['dispatch']}"] += 1
        for x in r["returns"]:
            if x["verdict"] == "unjustified":
                found[f"{i} return unjustified {x['unit']}"] += 1
        for name, c in r["clocks"].items():
            if c["status"] in ("late", "overdue"):
                found[f"{i} {name} {c['status']}"] += 1
        for p in r["lifecycle"]:
            found[f"{i} lifecycle {p['problem']}"] += 1
    elif r["kind"] == "whistle":
        if r["whistleable"] is False:
            found[f"{i} whistle not-whistleable"] += 1
        for u in r["missing"]:
            found[f"{i} whistle missing {u}"] += 1
        for u in r["extra"]:
            found[f"{i} whistle extra {u}"] += 1
        for x in r["reported"]:
            if x["status"] == "late":
                found[f"{i} whistle late {x['unit']}"] += 1
kinds = collections.Counter(k.split()[1] for k in planted)
print(f"planted {sum(planted.values())} {dict(kinds)}; found {sum(found.values())}", file=sys.stderr)
if sys.argv[3]:
    planted = collections.Counter({k: n for k, n in planted.items() if sys.argv[3] not in k})
    found = collections.Counter({k: n for k, n in found.items() if sys.argv[3] not in k})
missed, extra = planted - found, found - planted
for k in list(missed)[:10]:
    print("missed:", k, file=sys.stderr)
for k in list(extra)[:10]:
    print("extra:", k, file=sys.stderr)
# Every kind of deviation was planted at least once.
want = {"dispatch", "return", "sign", "contact", "close", "lifecycle", "whistle"}
assert want <= set(kinds), kinds
sys.exit(1 if missed or extra else 0)
PY
}

# 100,000 orders and their events, as files.
run gen cases --lists "$LISTS" --orders 100000 --seed 7 --dirty 0 -o orders.csv --events events.csv --planted planted.txt
expect_rc 0 "gen 100k:"
expect_err "wrote 100000 orders"
asof=$(sed -n 's/^# as-of //p' planted.txt)
expect_eq "$asof" "2025-05-01 00:00:00" "as-of in the planted list:"
run replay --lists "$LISTS" --as-of "$asof" orders.csv --events events.csv
expect_rc 1 "replay 100k:"
printf '%s\n' "$OUT" >records.jsonl
compare records.jsonl planted.txt
expect_err "replayed 100000 orders"

# 20,000 orders of another month (国庆 2025), shuffled, events in reverse, in
# 8 MiB: the sort spills to temporary files and still finds exactly the plants.
run gen cases --lists "$LISTS" --orders 20000 --seed 8 --month 2025-09 --dirty 0 -o o2.csv --events e2.csv --planted p2.txt
expect_rc 0 "gen 20k:"
asof=$(sed -n 's/^# as-of //p' p2.txt)
{ head -1 o2.csv; tail -n +2 o2.csv | tr -d '\r' | python3 -c '
import csv, random, sys
rows = list(csv.reader(sys.stdin))
random.Random(1).shuffle(rows)
csv.writer(sys.stdout, lineterminator="\r\n").writerows(rows)'; } >o2-shuffled.csv
{ head -1 e2.csv; tail -n +2 e2.csv | tac; } >e2-reversed.csv
run replay --lists "$LISTS" --as-of "$asof" --memory 8M o2-shuffled.csv --events e2-reversed.csv
expect_rc 1 "replay shuffled:"
printf '%s\n' "$OUT" >r2.jsonl
compare r2.jsonl p2.txt
# Reversing the events reversed ties in time, which only reorders, never changes, verdicts here:
# the records equal those of the sorted files.
"$DUTY" replay --lists "$LISTS" --as-of "$asof" o2.csv --events e2.csv 2>/dev/null >r2-sorted.jsonl
CHECKS=$((CHECKS + 1))
cmp -s r2.jsonl r2-sorted.jsonl || fail "shuffled and sorted inputs give different records"
# The same log through a case store, which keeps one event per (order, time,
# event, unit as written): planted duplicates are merged at ingest.
"$DUTY" ingest --db s.db o2.csv >/dev/null
"$DUTY" ingest --db s.db --events e2.csv >/dev/null
run replay --lists "$LISTS" --as-of "$asof" --db s.db
expect_rc 1 "replay store:"
printf '%s\n' "$OUT" >r2-store.jsonl
compare r2-store.jsonl p2.txt duplicate-event
finish
