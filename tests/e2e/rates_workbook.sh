# duty rates and workbooks: the same month as CSV, .xlsx and .xls (title row,
# filter note, date cells) gives the same rates, read directly, from standard
# input or from a store loaded from each; bad rows are named by sheet and cell.
# The report written as a workbook (--format xlsx -o FILE) holds the numbers
# of --format json, read back with openpyxl: counts, rates as percent cells
# with the profile's decimals, scores, the 合计 row; provenance on the last sheet.
source "$DUTY_SRC/tests/e2e/lib.sh"
LISTS=$DUTY_SRC/lists/yanqing
export DUTY_PII_KEY=e2e-key-0123456789abcdef

gen=(gen cases --lists "$LISTS" --orders 700 --seed 31 --month 2025-03 --dirty 15)
"$DUTY" "${gen[@]}" -o o.csv 2>/dev/null
"$DUTY" "${gen[@]}" -o o.xlsx 2>/dev/null
"$DUTY" "${gen[@]}" --format xls -o o.xls 2>/dev/null
# Named without an extension (or with the wrong one), a workbook is still one.
cp o.xlsx noext
cp o.xls wrong.csv

rates=(rates --lists "$LISTS" --period 2025-03 --format json)
run "${rates[@]}" o.csv
expect_rc 1 "rates o.csv (dirty rows)"
want=$OUT
CHECKS=$((CHECKS + 1))
[[ $want == *'"rows":[{'* ]] || fail "rates from the CSV: no rows"
for f in o.xlsx o.xls noext wrong.csv; do
  run "${rates[@]}" "$f"
  expect_rc 1 "rates $f"
  expect_eq "$OUT" "$want" "rates from $f vs from the CSV"
done
run_in o.xlsx "${rates[@]}" -
expect_rc 1 "rates from an .xlsx on standard input"
expect_eq "$OUT" "$want" "rates from an .xlsx on standard input"
# A profile with the duplicate rule reads each input twice; a window period.
window=(--profile "$DUTY_SRC/tests/fixtures/rates/window.yaml#window-test")
run "${rates[@]}" "${window[@]}" o.csv
expect_rc 1 "rates, window profile, o.csv"
want_w=$OUT
CHECKS=$((CHECKS + 1))
[[ $want_w == *'"id":"window-test"'*'"rows":[{'* ]] || fail "window profile: no rows"
for f in o.xls o.xlsx; do
  run "${rates[@]}" "${window[@]}" "$f"
  expect_eq "$OUT" "$want_w" "rates, window profile (duplicates, two passes), $f vs CSV"
done

# Bad rows: the cell, not a line number.
run rates --lists "$LISTS" --period 2025-03 o.xlsx
expect_rc 1
expect_err "o.xlsx[工单明细]!"
CHECKS=$((CHECKS + 1))
grep -Eq 'o\.xlsx\[工单明细\]![A-Z]+[0-9]+: column ' <<<"$ERR" || fail "a bad row named by its cell"
run rates --lists "$LISTS" --period 2025-03 o.xls
expect_err "o.xls[工单明细]!"

# --sheet: by name and number; a sheet that is not there is an error naming the file.
run "${rates[@]}" --sheet 工单明细 o.xlsx
expect_eq "$OUT" "$want" "--sheet by name"
run "${rates[@]}" --sheet 1 o.xls
expect_eq "$OUT" "$want" "--sheet by number"
run "${rates[@]}" --sheet 没有这张表 o.xlsx
expect_rc 2 "--sheet missing"
expect_err "o.xlsx"
expect_err "没有这张表"

# From stores loaded from each file: the same rates again.
for f in csv xlsx xls; do
  "$DUTY" ingest --db $f.db --lists "$LISTS" --skip-bad /dev/null o.$f >/dev/null 2>&1
  run "${rates[@]}" --db $f.db
  expect_rc 0 "rates --db $f.db"
  store_want=${store_want:-$OUT}
  expect_eq "$OUT" "$store_want" "rates from the store loaded from o.$f"
done
CHECKS=$((CHECKS + 1))
[[ $store_want == *'"unit":"合计"'* ]] || fail "the store's rates have a 合计 row"

# The report as a workbook.
run rates --lists "$LISTS" --period 2025-03 --format xlsx -o r.xlsx o.xlsx
expect_rc 1 "rates --format xlsx (dirty rows)"
expect_eq "$OUT" "" "nothing on stdout with -o"
CHECKS=$((CHECKS + 2))
[[ $(head -c 2 r.xlsx) == PK ]] || fail "rates -o r.xlsx is a zip"
"$DUTY" rates --lists "$LISTS" --period 2025-03 --format xlsx -o r2.xlsx o.csv 2>/dev/null
cmp -s r.xlsx r2.xlsx || fail "rates --format xlsx: same numbers, other bytes"
run rates --lists "$LISTS" --period 2025-03 --format csv o.xlsx
printf '%s\n' "$OUT" | tr -d '\r' >r.csv
printf '%s\n' "$want" >r.json
run rates --lists "$LISTS" --period 2025-03 --format csv -o r-o.csv o.xlsx
expect_eq "$OUT" "" "--format csv -o FILE: nothing on stdout"
CHECKS=$((CHECKS + 1))
tr -d '\r' <r-o.csv | cmp -s - r.csv || fail "--format csv -o FILE holds what stdout would"

PY=
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
if [[ -z $PY ]]; then
  echo "SKIP: python3-openpyxl is not installed (scripts/install-deps.sh test)"
  exit 77
fi

# check.py BOOK JSON CSV RATE_FORMAT SCORE_FORMAT: every row of every sheet equals
# its JSON row: counts exactly, rates within the rounding of the shown percent and
# equal to the shown text, the score to its decimals; formats as the profile says.
cat >check.py <<'PY'
import csv, json, sys, openpyxl
book, js, cs, rate_fmt, score_fmt = sys.argv[1:6]
wb = openpyxl.load_workbook(book)
doc = json.load(open(js, encoding="utf-8"))
shown = list(csv.DictReader(open(cs, encoding="utf-8")))
rate_decimals = len(rate_fmt.split(".")[1].rstrip("%")) if "." in rate_fmt else 0
want = {}
for r, s in zip(doc["rows"], shown):
    want.setdefault(r["group"], []).append((r, s))
names = wb.sheetnames
assert names[-1] == "说明 about", names
assert len(names) == len(want) + 1, (names, list(want))
keys = ["orders", "visits", "contacted", "resolved", "satisfied", "basically_satisfied"]
rates = [("response_rate", "响应率"), ("resolution_rate", "解决率"), ("satisfaction_rate", "满意率")]
cells = totals = 0
for ws, group in zip(wb.worksheets, want):
    assert ws.title == f"{group} {doc['period']}", (ws.title, group)
    assert ws.freeze_panes == "A2", ws.freeze_panes
    header = [c.value for c in ws[1]]
    assert header == ["序号", "承办单位", "受理量", "有效回访", "联系数", "解决数", "满意数",
                      "基本满意", "响应率", "解决率", "满意率", "综合成绩"], header
    got = list(ws.iter_rows(min_row=2))
    rows = want[group]
    assert len(got) == len(rows), (ws.title, len(got), len(rows))
    # The filter covers the units, not the 合计 rows below them.
    units = sum(1 for r, _ in rows if r["rank"] is not None or not r["unit"].startswith("合计"))
    assert ws.auto_filter.ref == f"A1:L{units + 1}", (ws.auto_filter.ref, units)
    for cellrow, (r, s) in zip(got, rows):
        v = [c.value for c in cellrow]
        assert v[0] == r["rank"], (v, r)
        assert v[1] == r["unit"], (v, r)
        for i, k in enumerate(keys):
            assert v[2 + i] == r[k] and isinstance(v[2 + i], int), (k, v, r)
            cells += 1
        for i, (k, zh) in enumerate(rates):
            c, w = cellrow[8 + i], r[k]
            if w is None:
                assert c.value is None, (k, c.value)
                continue
            assert isinstance(c.value, float) or isinstance(c.value, int), (k, c.value)
            assert c.number_format == rate_fmt, (k, c.number_format)
            assert abs(c.value - float(w)) <= 0.5 * 10 ** -(rate_decimals + 2) + 1e-6, (k, c.value, w)
            assert f"{c.value * 100:.{rate_decimals}f}%" == s[zh], (k, c.value, s[zh])
            cells += 1
        c = cellrow[11]
        if r["score"] is None:
            assert c.value is None
        else:
            assert c.number_format == score_fmt, c.number_format
            assert repr(float(c.value)) == repr(float(r["score"])), (c.value, r["score"])
            cells += 1
        if r["unit"].startswith("合计"):
            totals += 1
            assert all(x.font.b for x in cellrow if x.value is not None), "合计 row bold"
about = {(t, k): v for t, k, v in wb["说明 about"].iter_rows(min_row=2, values_only=True)}
first = names[0]
assert about[(first, "lists")] == doc["profile"]["lists_hash"] and len(about[(first, "lists")]) == 64, about
assert about[(first, "profile")].startswith(doc["profile"]["id"] + " ("), about
assert about[(first, "period")] == doc["period"], about
assert totals == len(want), totals
print("cells", cells)
PY

OUT=$("$PY" check.py r.xlsx r.json r.csv "0.00%" "0.0" 2>&1)
CHECKS=$((CHECKS + 1))
[[ $OUT == cells\ * ]] || fail "openpyxl check of rates: $OUT"
((${OUT#cells } > 500)) || fail "too few cells compared: $OUT"

# A profile whose rates show one decimal (98.5%) and scores two: the workbook follows it.
cat >p.yaml <<'EOF'
kind: profile
title: one-decimal rates
items:
  - id: one-decimal
    name: 一位小数
    rates:
      response: {count: contacted, of: valid_visits}
      resolution: {count: resolved, of: valid_visits}
      satisfaction: {count: satisfied, of: valid_visits}
    weights:
      - {response: 0.1, resolution: 0.5, satisfaction: 0.4}
    rate_decimals: 1
    decimals: 2
EOF
p=(--lists "$LISTS" --profile p.yaml#one-decimal --period 2025-03)
"$DUTY" rates "${p[@]}" --format xlsx -o r1.xlsx o.xls 2>/dev/null
"$DUTY" rates "${p[@]}" --format json o.xls >r1.json 2>/dev/null
"$DUTY" rates "${p[@]}" --format csv o.xls 2>/dev/null | tr -d '\r' >r1.csv
OUT=$("$PY" check.py r1.xlsx r1.json r1.csv "0.0%" "0.00" 2>&1)
CHECKS=$((CHECKS + 1))
[[ $OUT == cells\ * ]] || fail "openpyxl check, one-decimal profile: $OUT"

# Never to a terminal; a pipe is fine; an unwritable path is an I/O error.
"$DUTY" rates --lists "$LISTS" --period 2025-03 --format xlsx o.csv >piped.xlsx 2>/dev/null
CHECKS=$((CHECKS + 1))
cmp -s piped.xlsx r.xlsx || fail "rates --format xlsx to a pipe: the same bytes as -o"
if command -v script >/dev/null; then
  OUT=$(script -qec "'$DUTY' rates --lists '$LISTS' --format xlsx o.csv" /dev/null 2>&1)
  expect_out "refusing to write a workbook to a terminal"
fi
# duty replay reads the same workbooks, with the same --sheet.
"$DUTY" "${gen[@]}" -o ev-orders.csv --events ev.csv 2>/dev/null
replay=(replay --lists "$LISTS" --as-of 2025-05-01 --summary --format csv)
run "${replay[@]}" o.csv --events ev.csv
want=$OUT
CHECKS=$((CHECKS + 1))
[[ $want == *total* ]] || fail "replay from the CSV: no summary"
for sheet in "" "--sheet 1"; do
  run "${replay[@]}" o.xlsx $sheet --events ev.csv
  expect_eq "$OUT" "$want" "replay from o.xlsx $sheet vs from the CSV"
done
run "${replay[@]}" o.xlsx --sheet 9 --events ev.csv
expect_rc 2 "replay --sheet 9:"
expect_err "o.xlsx: no sheet \"9\" (the sheets are 1 \"工单明细\")" "replay --sheet names the workbook"
run rates --lists "$LISTS" --format xlsx -o /nonexistent/dir/r.xlsx o.csv
expect_rc 2
expect_err "/nonexistent/dir/r.xlsx"

finish
