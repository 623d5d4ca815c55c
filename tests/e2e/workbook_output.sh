# --format xlsx -o FILE: query results and the coverage matrix as workbooks.
# Read back with openpyxl, the numbers are those of --format json; the same
# input gives the same bytes; a workbook is never written to a terminal.
source "$DUTY_SRC/tests/e2e/lib.sh"
LISTS=$DUTY_SRC/lists/yanqing
export DUTY_PII_KEY=e2e-key-0123456789abcdef

PY=
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
if [[ -z $PY ]]; then
  echo "SKIP: python3-openpyxl is not installed (scripts/install-deps.sh test)"
  exit 77
fi

"$DUTY" gen cases --lists "$LISTS" --orders 600 --seed 11 --events e.csv -o o.csv 2>/dev/null
"$DUTY" ingest --db s.db --lists "$LISTS" --skip-bad /dev/null o.csv >/dev/null
"$DUTY" ingest --db s.db --lists "$LISTS" --events e.csv >/dev/null

q="select unit_id as 单位, count(*) as 受理量, sum(resolved = 'yes') as 解决,
     round(100.0 * sum(contacted) / sum(visit_valid), 1) as 响应率,
     avg(julianday(closed_at) - julianday(received_at)) as 平均办理天数
   from orders where visit_valid = 1 group by 1 order by 2 desc, 1;
   select count(*) as 事件 from events"
run query --db s.db --format xlsx -o q.xlsx "$q"
expect_rc 0
expect_eq "$OUT" "" "nothing on stdout"
run query --db s.db --format json "$q"
printf '%s\n' "$OUT" >q.json
run query --db s.db --format xlsx -o q2.xlsx "$q"
CHECKS=$((CHECKS + 1))
cmp -s q.xlsx q2.xlsx || fail "query --format xlsx: same query, other bytes"

# Every cell of every result equals its JSON value (numbers as numbers); the header
# row is frozen and filtered; provenance is on the last sheet.
OUT=$("$PY" - q.xlsx q.json <<'PY' 2>&1
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
text = open(sys.argv[2], encoding="utf-8").read()
# --format json writes one array per result set, one after another.
dec = json.JSONDecoder(); results = []; i = 0
while i < len(text):
    if text[i].isspace(): i += 1; continue
    v, i = dec.raw_decode(text, i); results.append(v)
assert wb.sheetnames == ["result", "result 2", "说明 about"], wb.sheetnames
cells = 0
for ws, rows in zip(wb.worksheets, results):
    assert ws.freeze_panes == "A2", ws.freeze_panes
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.auto_filter.ref
    header = [c.value for c in ws[1]]
    assert header == list(rows[0].keys()), (header, list(rows[0].keys()))
    got = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(got) == len(rows), (len(got), len(rows))
    for g, want in zip(got, rows):
        for value, key in zip(g, header):
            w = want[key]
            if isinstance(w, (int, float)) and not isinstance(w, bool):
                assert isinstance(value, (int, float)), (key, value)
                assert abs(value - w) <= 1e-9 * max(1, abs(w)), (key, value, w)
            else:
                assert value == w, (key, value, w)
            cells += 1
about = {(r[0], r[1]): r[2] for r in wb["说明 about"].iter_rows(min_row=2, values_only=True)}
assert about[("result", "rows")] == str(len(results[0])), about
assert about[("result", "store")] == "s.db", about
assert len(about[("result", "lists sha256")]) == 64, about  # the store was loaded with --lists
print("cells", cells)
PY
)
expect_out "cells " "xlsx read back with openpyxl"
[[ $OUT == cells\ * ]] || fail "openpyxl check: $OUT"
cells=${OUT#cells }
CHECKS=$((CHECKS + 1))
((cells > 100)) || fail "too few cells compared: $cells"

# The coverage matrix as a workbook: the rows of --format csv.
run audit --as-of 2025-06-01 --matrix --format xlsx -o m.xlsx "$LISTS"
expect_rc 0
run audit --as-of 2025-06-01 --matrix --format csv "$LISTS"
printf '%s\n' "$OUT" | tr -d '\r' >m.csv
OUT=$("$PY" - m.xlsx m.csv <<'PY' 2>&1
import csv, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8")))[1:]
got = [["" if v is None else v for v in r] for r in ws.iter_rows(min_row=2, values_only=True)]
assert len(got) == len(rows) > 1000, (len(got), len(rows))
for g, w in zip(got, rows):
    assert g[:6] == w[:6], (g, w)
    assert g[6].replace(", ", ";") == w[6] and g[7].replace(", ", ";") == w[7], (g, w)
about = {r[1]: r[2] for r in wb["说明 about"].iter_rows(min_row=2, values_only=True)}
assert about["as of"] == "2025-06-01" and int(about["items"]) > 600, about
assert len(about["lists sha256"]) == 64, about
print("rows", len(got))
PY
)
expect_out "rows 1"
[[ $OUT == rows\ * ]] || fail "matrix check: $OUT"

# replay --summary as a workbook: every cell that of --summary --format json;
# the same run gives the same bytes. -o also takes the verdicts themselves.
rp=(replay --lists "$LISTS" --as-of 2025-05-01 o.csv --events e.csv)
run "${rp[@]}" --summary --format xlsx -o r.xlsx
expect_rc 1 "replay --summary --format xlsx (deviations):"
expect_eq "$OUT" "" "replay --summary --format xlsx -o: nothing on stdout"
run "${rp[@]}" --summary --format xlsx -o r2.xlsx
CHECKS=$((CHECKS + 1))
cmp -s r.xlsx r2.xlsx || fail "replay --summary --format xlsx: same run, other bytes"
run "${rp[@]}" --summary --format json
printf '%s\n' "$OUT" >r.json
OUT=$("$PY" - r.xlsx r.json <<'PY' 2>&1
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
rows = json.load(open(sys.argv[2], encoding="utf-8"))
ws = wb.worksheets[0]
header = [c.value for c in ws[1]]
assert header == list(rows[0].keys()), (header, list(rows[0].keys()))
got = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
assert len(got) == len(rows) > 20, (len(got), len(rows))
cells = 0
for g, want in zip(got, rows):
    for value, key in zip(g, header):
        w = want[key]
        if isinstance(w, (int, float)) and not isinstance(w, bool):
            assert isinstance(value, (int, float)) and abs(value - w) <= 1e-9 * max(1, abs(w)), (key, value, w)
        else:  # an empty text is an empty cell
            assert value == w or (value is None and w == ""), (key, value, w)
        cells += 1
about = {r[1]: r[2] for r in wb["说明 about"].iter_rows(min_row=2, values_only=True)}
assert len(about["lists sha256"]) == 64 and about["profile"] == "bj-practice", about
assert about["as of"] == "2025-05-01 00:00:00" and "2025" in about["calendar years"], about
print("cells", cells)
PY
)
[[ $OUT == cells\ * ]] || fail "replay summary workbook check: $OUT"
CHECKS=$((CHECKS + 1))
run "${rp[@]}" -o v.jsonl
expect_rc 1 "replay -o FILE:"
expect_eq "$OUT" "" "replay -o: nothing on stdout"
run "${rp[@]}"
CHECKS=$((CHECKS + 1))
[[ "$(cat v.jsonl)" == "$OUT" && -n $OUT ]] || fail "replay -o FILE differs from standard output"
run "${rp[@]}" --format xlsx -o v.xlsx
expect_rc 2 "replay --format xlsx without --summary:"
expect_err "--format xlsx is for --summary" "replay --format xlsx without --summary"
CHECKS=$((CHECKS + 1))
[[ ! -e v.xlsx ]] || fail "a refused replay left v.xlsx behind"

# Standard output is fine when it is not a terminal; a terminal is refused.
"$DUTY" query --db s.db --format xlsx "select 1 as one" >piped.xlsx
CHECKS=$((CHECKS + 1))
[[ $(head -c 2 piped.xlsx) == PK ]] || fail "a workbook piped to a file"
if command -v script >/dev/null; then
  OUT=$(script -qec "'$DUTY' query --db s.db --format xlsx 'select 1'" /dev/null 2>&1)
  expect_out "refusing to write a workbook to a terminal"
fi
run audit --matrix --format xlsx -o /nonexistent/dir/m.xlsx "$LISTS"
expect_rc 2
expect_err "/nonexistent/dir/m.xlsx"
run audit --format xlsx "$LISTS"
expect_rc 2
expect_err "is for --matrix"

finish
