#!/usr/bin/env bash
# duty rates agrees to the last digit with an independent computation
# (rates_check.py: plain SQL over the store and exact fractions in Python)
# on a generated 100k-order log, for the built-in practice profile, the
# example district's profile and a profile with a window period; and the
# rates from the raw export are the same bytes as those from the store.
source "$(dirname "$0")/lib.sh"
export DUTY_PII_KEY=rates-test-key-0123456789abcdef
LISTS=$DUTY_SRC/lists/yanqing
CHECK=$DUTY_SRC/tests/e2e/rates_check.py
"$DUTY" gen cases --lists "$LISTS" --orders 100000 --seed 7 --month 2025-06 -o orders.csv 2>/dev/null
"$DUTY" ingest --db cases.db --lists "$LISTS" --skip-bad rejects.jsonl orders.csv >/dev/null
CHECKS=$((CHECKS + 1))
[[ -s cases.db ]] || fail "the store is written"

pairs=()
for profile in bj-practice yanqing "$DUTY_SRC/tests/fixtures/rates/window.yaml"; do
  name=$(basename "$profile" .yaml)
  spec=$profile
  [[ $profile == yanqing ]] && spec=$LISTS/profile/yanqing.yaml
  bys=(unit,month)
  [[ $name == bj-practice ]] && bys+=(unit) # one span of months in a row
  for by in "${bys[@]}"; do
    run rates --db cases.db --lists "$LISTS" --profile "$profile" --by "$by" --format json
    expect_rc 0 "$name by $by from the store"
    printf '%s\n' "$OUT" >"store-$name-$by.json"
    pairs+=("$spec" "store-$name-$by.json")
  done
  # The raw export gives the same rows as the store (bad rows are skipped: exit 1).
  run rates --lists "$LISTS" --profile "$profile" --by unit,month --format json orders.csv
  expect_rc 1 "$name from the export (bad rows listed)"
  printf '%s\n' "$OUT" >"raw-$name.json"
  CHECKS=$((CHECKS + 1))
  cmp -s "raw-$name.json" "store-$name-unit,month.json" || fail "$name: export and store disagree"
done
# Every field of every row, independently: one reading of the store for all four.
OUT=$(python3 "$CHECK" cases.db "$LISTS" "${pairs[@]}" 2>&1)
RC=$?
expect_rc 0 "the independent computation agrees"
expect_eq "$(grep -c 'rows agree' <<<"$OUT")" 4 "all four outputs checked"

# The exclusions really happened (the checker compares them too).
OUT=$(python3 -c "
import json, collections
t = collections.Counter()
for r in json.load(open('store-yanqing-unit,month.json'))['rows']:
    if r['rank'] is not None:
        t.update(r['excluded'])
print(' '.join('%s=%d' % kv for kv in sorted(t.items())))")
for reason in not_assessed unreasonable appeal_upheld duplicate; do
  CHECKS=$((CHECKS + 1))
  [[ $OUT =~ $reason=([0-9]+) ]] && ((BASH_REMATCH[1] > 100)) || fail "exclusion $reason occurs: $OUT"
done
# A wrong digit is caught: the check can fail.
sed 's/"score":\([0-9]*\)\.\([0-9]\)/"score":\1.\2\2/' "store-bj-practice-unit.json" >tampered.json
OUT=$(python3 "$CHECK" cases.db "$LISTS" bj-practice tampered.json 2>&1)
RC=$?
expect_rc 1 "a tampered score is found"
expect_out "MISMATCH" "tampered"
finish
