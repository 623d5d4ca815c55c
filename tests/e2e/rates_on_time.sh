#!/usr/bin/env bash
# The on-time profile: duty rates counts response and resolution from
# replay's clocks (contacted, closed within their limits), judged at --as-of.
# Checked to the last digit against an independent computation
# (rates_check.py over the store, with each order's clock statuses taken from
# duty replay's verdicts) on a generated 100k-order log with its event log,
# at the end of the month and in the middle of it (where open and overdue
# clocks leave the base); the raw export and the store give the same bytes.
source "$(dirname "$0")/lib.sh"
export DUTY_PII_KEY=rates-test-key-0123456789abcdef
LISTS=$DUTY_SRC/lists/yanqing
CHECK=$DUTY_SRC/tests/e2e/rates_check.py
"$DUTY" gen cases --lists "$LISTS" --orders 100000 --seed 11 --month 2025-06 --events events.csv -o orders.csv \
  2>/dev/null
"$DUTY" ingest --db cases.db --lists "$LISTS" --skip-bad rejects.jsonl orders.csv >/dev/null 2>&1
"$DUTY" ingest --db cases.db --lists "$LISTS" --events events.csv >/dev/null 2>&1
CHECKS=$((CHECKS + 1))
[[ -s cases.db ]] || fail "the store is written"

for as_of in "2025-07-01 00:00:00" "2025-06-18 12:00:00"; do
  tag=${as_of:0:10}
  "$DUTY" replay --lists "$LISTS" --as-of "$as_of" --db cases.db >"verdicts-$tag.jsonl" 2>/dev/null
  CHECKS=$((CHECKS + 1))
  [[ $(grep -c '"kind":"order"' "verdicts-$tag.jsonl") -gt 90000 ]] || fail "$tag: duty replay judged the orders"
  run rates --db cases.db --lists "$LISTS" --profile on-time --as-of "$as_of" --by unit,month --format json
  expect_rc 0 "$tag: on-time from the store"
  printf '%s\n' "$OUT" >"store-$tag.json"
  expect_out "\"as_of\":\"$as_of\""
  # The raw export with its event log: the same rows (bad rows are listed: exit 1).
  run rates --lists "$LISTS" --profile on-time --as-of "$as_of" --by unit,month --format json orders.csv \
    --events events.csv
  expect_rc 1 "$tag: on-time from the export"
  CHECKS=$((CHECKS + 1))
  cmp -s <(printf '%s\n' "$OUT") "store-$tag.json" || fail "$tag: export and store disagree"
  OUT=$(python3 "$CHECK" --verdicts "verdicts-$tag.jsonl" cases.db "$LISTS" on-time "store-$tag.json" 2>&1)
  RC=$?
  expect_rc 0 "$tag: the independent computation agrees"
  expect_out "rows agree"
done

# The clocks matter: late and undecided clocks occur, so on-time and bj-practice differ.
OUT=$(python3 - <<'PY'
import collections, json
seen = collections.Counter()
for tag in ("2025-07-01", "2025-06-18"):
    for line in open("verdicts-%s.jsonl" % tag, encoding="utf-8"):
        v = json.loads(line)
        if v.get("kind") == "order":
            for k in ("contact", "close"):
                seen["%s-%s-%s" % (tag, k, v["clocks"][k]["status"])] += 1
print(" ".join("%s=%d" % kv for kv in sorted(seen.items())))
PY
)
for want in 2025-07-01-contact-late 2025-07-01-close-late 2025-06-18-close-overdue 2025-06-18-close-open; do
  CHECKS=$((CHECKS + 1))
  [[ $OUT =~ $want=([0-9]+) ]] && ((BASH_REMATCH[1] > 10)) || fail "$want occurs: $OUT"
done
run rates --db cases.db --lists "$LISTS" --by unit,month --format json
CHECKS=$((CHECKS + 1))
[[ $OUT != "$(cat store-2025-07-01.json)" ]] || fail "on-time and bj-practice give the same rows"

# A wrong count is caught: the check can fail.
sed 's/"contacted":\([0-9]*\),/"contacted":1\1,/' store-2025-07-01.json >tampered.json
OUT=$(python3 "$CHECK" --verdicts verdicts-2025-07-01.jsonl cases.db "$LISTS" on-time tampered.json 2>&1)
RC=$?
expect_rc 1 "a tampered count is found"
expect_out "MISMATCH"

# Usage: lists are needed (the limits are theirs); the clock options need a clock profile.
run rates --db cases.db --profile on-time
expect_rc 2 "on-time without lists"
expect_err "give --lists"
run rates --db cases.db --lists "$LISTS" --as-of 2025-07-01
expect_rc 2 "--as-of with bj-practice"
expect_err "counts none"
run rates --db cases.db --lists "$LISTS" --profile on-time --events events.csv
expect_rc 2 "--db with --events"
run rates --db cases.db --lists "$LISTS" --profile on-time --as-of tomorrow
expect_rc 2 "bad --as-of"
expect_err "expected YYYY-MM-DD"
finish
