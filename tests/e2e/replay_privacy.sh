#!/usr/bin/env bash
# Personal data never reaches replay's verdicts or the on-time rates: callers'
# names and phone numbers planted in an export (their own columns, the text,
# the title, the event notes) appear in no output format and no message.
source "$(dirname "$0")/lib.sh"
LISTS="$DUTY_SRC/lists/yanqing"

run gen cases --lists "$LISTS" --orders 600 --seed 7 --month 2025-03 --events events.csv -o gen.csv
expect_rc 0 "gen cases"

# Plant a recognisable caller and phone in the orders and the event notes.
python3 "$DUTY_SRC/tests/e2e/plant_personal.py"

check() { # FILE WHAT
  for needle in 王大锤 泄露测试 13800138000 138-0013-8000; do
    CHECKS=$((CHECKS + 1))
    ! grep -q -- "$needle" "$1" || fail "$2 contains planted personal data: $needle"
  done
  CHECKS=$((CHECKS + 1))
  python3 - "$1" <<'PY' || fail "$2 contains a caller's name or phone"
import csv, re, sys
out = open(sys.argv[1], encoding="utf-8").read()
rows = list(csv.DictReader(open("gen.csv", encoding="utf-8", newline="")))
phones = {r["来电人电话"] for r in rows if r["来电人电话"]}
names = {r["来电人"] for r in rows if len(r["来电人"]) >= 2}
found = [p for p in phones if p in out] + [n for n in names if n in out]
assert len(names) > 100 and len(phones) > 100, (len(names), len(phones))
assert not re.search(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])", out), "an 11-digit mobile number"
assert not found, found[:5]
PY
}

asof="2025-05-01"
for f in jsonl csv table; do
  "$DUTY" replay --lists "$LISTS" --as-of "$asof" --format "$f" planted.csv --events planted-events.csv \
    >"replay.$f" 2>"replay.$f.err"
  RC=$?
  [[ $RC == 0 || $RC == 1 ]] || fail "replay --format $f exited $RC"
  CHECKS=$((CHECKS + 1))
  [[ -s replay.$f ]] || fail "no replay output as $f"
  check "replay.$f" "replay --format $f"
  check "replay.$f.err" "replay's messages ($f)"
done
"$DUTY" replay --lists "$LISTS" --as-of "$asof" --summary --format csv planted.csv --events planted-events.csv \
  >summary.csv 2>summary.err
check summary.csv "replay --summary"
check summary.err "replay --summary's messages"
# The summary as a workbook and the verdicts through -o: the sheets' XML, unzipped.
"$DUTY" replay --lists "$LISTS" --as-of "$asof" --summary --format xlsx -o summary.xlsx planted.csv \
  --events planted-events.csv 2>summary-xlsx.err
"$DUTY" replay --lists "$LISTS" --as-of "$asof" -o verdicts.jsonl planted.csv --events planted-events.csv \
  2>verdicts-o.err
python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); sys.stdout.write("".join(z.read(n).decode() for n in z.namelist()))' \
  summary.xlsx >summary.xlsx.txt
CHECKS=$((CHECKS + 1))
grep -q "unit" summary.xlsx.txt || fail "the summary workbook holds no table"
check summary.xlsx.txt "replay --summary --format xlsx"
check summary-xlsx.err "replay --summary --format xlsx's messages"
CHECKS=$((CHECKS + 1))
[[ -s verdicts.jsonl ]] || fail "replay -o wrote nothing"
check verdicts.jsonl "replay -o"
check verdicts-o.err "replay -o's messages"
"$DUTY" rates --lists "$LISTS" --profile on-time --as-of "$asof" --period 2025-03 --format json planted.csv \
  --events planted-events.csv >ontime.json 2>ontime.err
RC=$?
[[ $RC == 0 || $RC == 1 ]] || fail "rates --profile on-time exited $RC"
CHECKS=$((CHECKS + 1))
check ontime.json "rates --profile on-time"
check ontime.err "rates' messages"

finish
