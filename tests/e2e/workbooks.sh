# Excel exports read directly: the same month written as CSV, .xlsx and .xls
# (title row, filter note, date cells) gives the same store and the same
# query results; workbooks are recognised by their bytes, on standard input
# and in pipes too; bad values are located by sheet and cell.
source "$DUTY_SRC/tests/e2e/lib.sh"
LISTS=$DUTY_SRC/lists/yanqing
export DUTY_PII_KEY=e2e-key-0123456789abcdef

gen=(gen cases --lists "$LISTS" --orders 400 --seed 7 --dirty 20)
run "${gen[@]}" --events e.csv -o o.csv
expect_rc 0
run "${gen[@]}" --events e.xlsx -o o.xlsx
expect_rc 0
expect_err "[xlsx]"
run "${gen[@]}" --format xls --events e.xls -o o.xls
expect_rc 0
expect_err "[xls]"
"$DUTY" "${gen[@]}" -o again.xlsx 2>/dev/null
"$DUTY" "${gen[@]}" -o again.xls 2>/dev/null
CHECKS=$((CHECKS + 2))
cmp -s o.xlsx again.xlsx || fail "gen cases --format xlsx: same seed, other bytes"
cmp -s o.xls again.xls || fail "gen cases --format xls: same seed, other bytes"
# The shipped example workbook is what the generator writes, byte for byte.
"$DUTY" gen cases --lists "$LISTS" --orders 2500 --seed 202503 --month 2025-03 -o example.xlsx 2>/dev/null
CHECKS=$((CHECKS + 1))
cmp -s example.xlsx "$DUTY_SRC/examples/yanqing-2025-03-orders.xlsx" || fail "examples/yanqing-2025-03-orders.xlsx is not what duty gen cases writes"
run gen cases --lists "$LISTS" --orders 5 --encoding gbk -o x.xlsx
expect_rc 2
expect_err "--encoding is for CSV"

for f in csv xlsx xls; do
  run ingest --db $f.db --lists "$LISTS" --skip-bad rejects.$f.jsonl o.$f
  expect_rc 1 "ingest o.$f"
  run ingest --db $f.db --lists "$LISTS" --events e.$f
  expect_rc 0 "ingest e.$f"
done
run ingest --db x.db o.xlsx --skip-bad /dev/null
expect_out "o.xlsx[工单明细]: "
expect_out " rejected [xlsx]"
run ingest --db y.db o.xls --skip-bad /dev/null
expect_out "o.xls[工单明细]: "
expect_out " rejected [xls]"

# Every stored column but the source line and the ingest it came from.
cols=$("$DUTY" query --db csv.db --format csv "select group_concat(name, ',') from pragma_table_info('orders') where name not in ('line', 'ingest_id', 'dup_line')" | tail -1 | tr -d '\r')
ecols=$("$DUTY" query --db csv.db --format csv "select group_concat(name, ',') from pragma_table_info('events') where name not in ('line', 'ingest_id')" | tail -1 | tr -d '\r')
rates="select unit_id, count(*) as n, sum(contacted) as contacted, sum(resolved = 'yes') as resolved,
  round(100.0 * sum(case satisfaction when 'satisfied' then 1.0 when 'basic' then 0.9 else 0 end) / sum(visit_valid), 1) as satisfaction
  from orders where visit_valid = 1 group by 1 order by 1"
for q in "select $cols from orders order by id" "select $ecols from events order by id, at, event, unit" \
         "select column_name, reason from rejects order by 1, 2" "select kind, count(*) from anomalies group by 1" \
         "select count(*) from orders" "$rates"; do
  want=$("$DUTY" query --db csv.db --format csv "$q")
  for f in xlsx xls; do
    run query --db $f.db --format csv "$q"
    expect_eq "$OUT" "$want" "$f vs csv: ${q:0:60}"
  done
done
run query --db xlsx.db --format csv "select count(*) > 300, count(distinct unit_id) > 20 from orders"
expect_out "1,1"
# Date cells: every stored time came from a date cell or a time text, none is a serial.
run query --db xlsx.db --format csv "select count(*) from orders where received_at not like '2025-03-__ __:__:__'"
expect_out "0"

# Without --skip-bad, bad values are named by sheet and cell.
line=$("$DUTY" query --db xlsx.db --format csv "select line from rejects where column_name = '来电时间' order by line limit 1" | tail -1 | tr -d '\r')
run ingest --db z.db o.xlsx
expect_rc 1
expect_err "o.xlsx[工单明细]!N$line: column 来电时间: cannot read"
expect_err "o.xlsx[工单明细]!A"
expect_err ": column 工单编号: no id (a required field is empty)"
run ingest --db z.db o.xls
expect_rc 1
expect_err "o.xls[工单明细]!N$line: column 来电时间: cannot read"

# The bytes decide, not the name; standard input and pipes work.
cp o.xlsx orders.csv
cp o.xls orders.dat
n=$("$DUTY" query --db csv.db --format csv "select count(*) from orders" | tail -1 | tr -d '\r')
run query --skip-bad /dev/null --format csv "select count(*) from orders" <orders.csv
expect_out "$n" "xlsx named .csv on stdin"
OUT=$(cat orders.dat | "$DUTY" query --skip-bad /dev/null --format csv "select count(*) from orders" 2>/dev/null)
expect_out "$n" "xls through a pipe"
OUT=$(cat o.xlsx | "$DUTY" ingest --db i.db --skip-bad /dev/null - 2>/dev/null)
expect_out "<stdin>[工单明细]: $n rows stored" "ingest from a pipe"
run ingest --db p.db --skip-bad /dev/null orders.dat
expect_out "orders.dat[工单明细]: "
expect_out "[xls]"

# Sheets: by name or number; one that is not there.
run ingest --db s.db --sheet 工单明细 --skip-bad /dev/null o.xlsx
expect_out "o.xlsx[工单明细]: $n rows stored"
run ingest --db s.db --sheet 1 --skip-bad /dev/null o.xls
expect_out "o.xls[工单明细]: $n rows stored"
run ingest --db s.db --sheet 月报 o.xlsx
expect_rc 2
expect_err 'no sheet "月报" (the sheets are 1 "工单明细")'

# Not a workbook: an HTML table under an .xls name, an empty zip.
printf '<html><body><table><tr><td>工单编号</td></tr></table></body></html>\n' >web.xls
run ingest --db w.db web.xls
expect_rc 1
expect_err "web.xls: an HTML or XML table"
printf 'PK\005\006\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0' >empty.xlsx
run ingest --db w.db empty.xlsx
expect_rc 1
expect_err "empty.xlsx: a zip archive but not an Excel workbook"

finish
