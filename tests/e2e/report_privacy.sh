#!/usr/bin/env bash
# Personal data never reaches a report: callers' names and phone numbers
# planted in an export (in their own columns, in the complaint's text and in
# the title) must appear nowhere in the HTML or the Markdown, in any form.
source "$(dirname "$0")/lib.sh"
LISTS="$DUTY_SRC/lists/yanqing"

run gen cases --lists "$LISTS" --orders 600 --seed 7 --month 2025-03 --events events.csv -o gen.csv
expect_rc 0 "gen cases"

# Plant a recognisable caller and phone in the orders and the event notes.
python3 "$DUTY_SRC/tests/e2e/plant_personal.py"

for f in html md; do
  "$DUTY" report --lists "$LISTS" --period 2025-03 --format "$f" -o "report.$f" planted.csv \
    --events planted-events.csv 2>report.err
  RC=$?
  [[ $RC == 0 || $RC == 1 ]] || fail "report --format $f exited $RC"
  CHECKS=$((CHECKS + 1))
  [[ -s report.$f ]] || fail "no report.$f"
  CHECKS=$((CHECKS + 1))
  ! grep -qE "王大锤|13800138000" report.err || fail "standard error shows planted personal data"
  for needle in 王大锤 泄露测试 13800138000 138-0013-8000; do
    CHECKS=$((CHECKS + 1))
    ! grep -q -- "$needle" "report.$f" || fail "report.$f contains planted personal data: $needle"
  done
  # No caller or phone of the generated export either.
  CHECKS=$((CHECKS + 1))
  python3 - "report.$f" <<'PY' || fail "report.$f contains a caller's name or phone"
import csv, re, sys
report = open(sys.argv[1], encoding="utf-8").read()
rows = list(csv.DictReader(open("gen.csv", encoding="utf-8", newline="")))
phones = {r["来电人电话"] for r in rows if r["来电人电话"]}
names = {r["来电人"] for r in rows if len(r["来电人"]) >= 2}
found = [p for p in phones if p in report] + [n for n in names if n in report]
assert len(names) > 100 and len(phones) > 100, (len(names), len(phones))
assert not re.search(r"1[3-9]\d{9}", report), "an 11-digit mobile number"
assert not found, found[:5]
PY
done

finish
