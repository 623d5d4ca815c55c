# duty query: read-only on a store, piped logs, output formats, CJK alignment.
source "$DUTY_SRC/tests/e2e/lib.sh"

cat >orders.csv <<'CSV'
工单编号,主办单位,来电时间,是否满意
Q1,区城市管理委,2025-03-01 08:00,满意
Q2,区城市管理委,2025-03-01 09:00,基本满意
Q3,儒林街道,2025-03-02 10:00,不满意
Q4,ABC,2025-03-02 11:00,满意
CSV
run ingest --db s.db orders.csv
expect_rc 0

for sql in "delete from orders" "update orders set unit = 'x'" "drop table orders" \
  "insert into orders(id, ingest_id, line) values ('z', 1, 1)" "create table t(x)" \
  "select 1; delete from orders" "pragma user_version = 7"; do
  run query --db s.db "$sql"
  expect_rc 2 "$sql"
  expect_err "would change the store; duty query only reads"
done
run query --db s.db "select count(*) from orders"
expect_out "4"

# Table output aligns by display width: CJK characters take two columns.
run query --db s.db "select unit, count(*) as n from orders group by unit order by n desc, unit"
expect_rc 0
expect_eq "$OUT" "unit          n
------------  -
区城市管理委  2
ABC           1
儒林街道      1" "table"

run query --db s.db --format json "select id, satisfaction, null as x, 1.5 as y from orders where id = 'Q1'"
expect_eq "$OUT" '[{"id":"Q1","satisfaction":"satisfied","x":null,"y":1.5}]'
run query --db s.db --format jsonl "select id from orders order by id limit 2"
expect_eq "$OUT" $'{"id":"Q1"}\n{"id":"Q2"}'
run query --db s.db --format csv "select 'a,b' as v, 'say \"hi\"' as w"
expect_eq "$OUT" $'v,w\r\n"a,b","say ""hi"""\r'

# The rates in SQL: satisfaction with 基本满意 weighted 0.9.
run query --db s.db --format csv "select unit, round(100.0 * sum(case satisfaction when 'satisfied' then 1 when 'basic' then 0.9 else 0 end) / count(*), 1) from orders group by unit order by unit"
expect_out "区城市管理委,95.0"

# SQL errors and a missing or foreign store.
run query --db s.db "select nosuch from orders"
expect_rc 2
expect_err "no such column: nosuch"
run query --db missing.db "select 1"
expect_rc 2
printf 'not a database' >junk.db
run query --db junk.db "select 1"
expect_rc 2

# A store of another schema version is refused clearly.
cp s.db old.db
if command -v sqlite3 >/dev/null; then
  sqlite3 old.db "pragma user_version = 99"
  run query --db old.db "select 1"
  expect_rc 2
  expect_err "schema version 99, this duty reads versions 1 to 2"
  run ingest --db old.db orders.csv
  expect_rc 2
  expect_err "schema version 99"
fi

# Straight from a pipe.
run_in orders.csv query "select unit, count(*) from orders group by 1 order by 2 desc, 1"
expect_rc 0
expect_out "区城市管理委         2"
run_in orders.csv query --format csv "select count(*) from orders"
expect_eq "$OUT" $'count(*)\r\n4\r'

finish
