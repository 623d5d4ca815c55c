# duty report --format xlsx: the report's tables as a workbook, read back with
# openpyxl: the ranking sheets hold duty rates' numbers cell for cell, the
# headline figures the 合计 rows and their change, the trend sheets each
# month's totals; the report reads workbooks (--sheet) as it reads CSV; the
# same input gives the same bytes.
source "$DUTY_SRC/tests/e2e/lib.sh"
LISTS=$DUTY_SRC/lists/yanqing
export DUTY_PII_KEY=report-test-key-0123456789abcdef

PY=
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
if [[ -z $PY ]]; then
  echo "SKIP: python3-openpyxl is not installed (scripts/install-deps.sh test)"
  exit 77
fi

for m in 02 03; do
  "$DUTY" gen cases --lists "$LISTS" --orders 900 --seed "2025$m" --month "2025-$m" --dirty 0 -o "o-$m.csv" 2>/dev/null
  "$DUTY" gen cases --lists "$LISTS" --orders 900 --seed "2025$m" --month "2025-$m" --dirty 0 -o "o-$m.xlsx" 2>/dev/null
done

report=(report --lists "$LISTS" --period 2025-03 --months 2)
run "${report[@]}" --format xlsx -o report.xlsx o-02.xlsx o-03.xlsx
expect_rc 0
expect_eq "$OUT" "" "nothing on stdout"
run "${report[@]}" --format xlsx --sheet 工单明细 -o again.xlsx o-02.xlsx o-03.xlsx
expect_rc 0
CHECKS=$((CHECKS + 1))
cmp -s report.xlsx again.xlsx || fail "report --format xlsx: same input, other bytes"
# From the CSV of the same orders: the same workbook.
run "${report[@]}" --format xlsx -o csv.xlsx o-02.csv o-03.csv
expect_rc 0
CHECKS=$((CHECKS + 1))
cmp -s report.xlsx csv.xlsx || fail "report from .xlsx and from CSV: other workbooks"
# The Markdown report reads the workbooks too, with the same numbers.
run "${report[@]}" --format md o-02.xlsx o-03.xlsx
expect_rc 0
md_xlsx=$OUT
run "${report[@]}" --format md o-02.csv o-03.csv
expect_eq "$md_xlsx" "$OUT" "report --format md: workbooks and CSV"

# duty rates of the same orders, as a workbook (checked against --format json in rates_workbook.sh).
for m in 02 03; do
  run rates --lists "$LISTS" --period "2025-$m" --format xlsx -o "rates-$m.xlsx" o-02.csv o-03.csv
  expect_rc 0 "rates 2025-$m"
done

OUT=$("$PY" - report.xlsx rates-02.xlsx rates-03.xlsx <<'PY' 2>&1
import sys, openpyxl
rep = openpyxl.load_workbook(sys.argv[1])
prev, cur = (openpyxl.load_workbook(p) for p in sys.argv[2:4])
cells = 0
def rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]
# The ranking sheets are the rates tables, header and every cell.
for name in ("街乡镇 2025-03", "部门 2025-03"):
    got, want = rows(rep[name]), rows(cur[name])
    assert len(got) == len(want) > 5, (name, len(got), len(want))
    for g, w in zip(got, want):
        assert g == w, (name, g, w)
        cells += len(g)
    assert rep[name].freeze_panes == "A2", rep[name].freeze_panes
def total(book, name):
    r = rows(book[name]); head = r[0]
    foot = [x for x in r if x[1] == "合计"]
    assert len(foot) == 1, (name, foot)
    return dict(zip(head, foot[0]))
# The headline figures: this month's 合计 row, and its change since last month.
for group in ("街乡镇", "部门"):
    now, before = total(cur, f"{group} 2025-03"), total(prev, f"{group} 2025-02")
    figs = {r[0]: r[1:] for r in rows(rep[f"{group} · 合计"])[1:]}
    assert rows(rep[f"{group} · 合计"])[0] == ["指标", "本期", "较上期", "单位"], rows(rep[f"{group} · 合计"])[0]
    value, change, unit = figs["受理量"]
    assert value == now["受理量"] and change == now["受理量"] - before["受理量"] and unit == "件", (figs["受理量"], now, before)
    for label in ("响应率", "解决率", "满意率"):
        value, change, unit = figs[label]
        assert value == now[label], (group, label, value, now[label])
        assert isinstance(change, (int, float)) and unit == "个百分点", (label, change, unit)
        assert abs(change - round(100 * (now[label] - before[label]), 1)) < 0.051, (label, change, now[label], before[label])
        cells += 3
    assert figs["综合成绩"][0] == now["综合成绩"], (figs["综合成绩"], now)
    # Each month's totals in the trend sheets.
    trend = {r[0]: r[1:] for r in rows(rep[f"{group}三率趋势（合计）"])[1:]}
    assert sorted(trend) == ["2025-02", "2025-03"], trend
    for month, t in (("2025-02", before), ("2025-03", now)):
        assert trend[month] == [t["响应率"], t["解决率"], t["满意率"]], (month, trend[month], t)
        cells += 3
orders = {r[0]: r[1:] for r in rows(rep["受理量趋势"])[1:]}
assert orders["2025-03"] == [total(cur, "街乡镇 2025-03")["受理量"], total(cur, "部门 2025-03")["受理量"]], orders
# The percent cells are percent formatted; provenance is on the about sheet.
assert rep["街乡镇 · 合计"]["B3"].number_format.endswith("%"), rep["街乡镇 · 合计"]["B3"].number_format
about = {r[1]: r[2] for r in rep["说明 about"].iter_rows(min_row=2, values_only=True)}
assert about["report"].endswith("2025年3月") and len(about["清单哈希"]) == 64, about
assert rep.sheetnames[-1] == "说明 about" and not any("第 1" in s for s in rep.sheetnames), rep.sheetnames
print("cells", cells)
PY
)
expect_out "cells " "report workbook read back with openpyxl"
[[ $OUT == cells\ * ]] || fail "openpyxl check of the report workbook: $OUT"
CHECKS=$((CHECKS + 1))
((${OUT#cells } > 500)) || fail "too few cells compared: $OUT"

run "${report[@]}" --format xlsx --sheet 事件 -o x.xlsx o-03.xlsx
expect_rc 2
expect_err 'no sheet "事件"'
if command -v script >/dev/null; then
  OUT=$(script -qec "'$DUTY' report --lists '$LISTS' --period 2025-03 --format xlsx o-03.csv" /dev/null 2>&1)
  expect_out "refusing to write a workbook to a terminal"
fi
finish
