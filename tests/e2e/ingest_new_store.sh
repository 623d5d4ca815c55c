# A new store of orders is built beside its path and renamed into place: it
# must hold the same rows as an ingest into an existing store, including
# repeated ids, and a stale build left by a killed ingest is cleaned up.
source "$DUTY_SRC/tests/e2e/lib.sh"

cat >a.csv <<'CSV'
工单编号,主办单位,来电时间,主要内容,是否满意
A1,单位1,2025-03-01 08:00:00,first,满意
A2,单位2,2025-03-01 09:00:00,two,不满意
A1,单位3,2025-03-01 10:00:00,again,满意
A3,单位1,2025-03-01 11:00:00,three,满意
A1,单位4,2025-03-01 12:00:00,third,基本满意
CSV
# Lacks 主要内容 and 是否满意: A1 and A2 keep theirs; A2 is repeated in this file too.
cat >b.csv <<'CSV'
工单编号,主办单位,来电时间
A2,单位5,2025-03-02 08:00:00
A4,单位6,2025-03-02 09:00:00
A2,单位7,2025-03-02 10:00:00
A1,单位8,2025-03-02 11:00:00
CSV
cat >e.jsonl <<'JSON'
{"工单编号":"Z9","时间":"2025-03-01 08:40:00","事件":"派单","单位":"儒林街道"}
JSON

# A stale build and lock from a killed ingest.
echo junk >new.db-new
touch new.db-lock
run ingest --db new.db a.csv b.csv
expect_rc 0
expect_out "a.csv: 5 rows stored (3 new, 2 updated)"
expect_out "b.csv: 4 rows stored (1 new, 3 updated)"
CHECKS=$((CHECKS + 1))
[[ ! -e new.db-new && ! -e new.db-lock && ! -e new.db-new-wal ]] || fail "leftovers: $(ls)"
# WAL mode is recorded in the header: file format bytes 18 and 19 are 2.
expect_eq "$(od -An -tu1 -j18 -N2 new.db | tr -s ' ')" " 2 2" "WAL mode in the header"

# The same inputs through the ordinary path: a store that exists (made by an event log).
run ingest --db old.db --events e.jsonl
expect_rc 0
run ingest --db old.db a.csv b.csv
expect_rc 0
orders="select id, unit, received_at, content, satisfaction, line, loads, dups, dup_line
        from orders order by id"
anomalies="select source, line, id, kind, detail from anomalies order by source, line, kind"
ingests="select source, rows, inserted, updated, anomalies from ingests
         where kind = 'orders' order by ingest_id"
for q in "$orders" "$anomalies" "$ingests"; do
  run query --db old.db --format csv "$q"
  want=$OUT
  run query --db new.db --format csv "$q"
  expect_eq "$OUT" "$want" "new store vs existing store: $q"
done
run query --db new.db --format csv "select id, unit, content from orders where id = 'A1'"
expect_out "A1,单位8,third"
run query --db new.db "select count(*) from anomalies where kind = 'duplicate-id'"
expect_out "3"
run query --db new.db "pragma integrity_check"
expect_out "ok"

# Left by an ingest killed between its rename and its unlock: the next
# ingest into the (existing) store removes them.
touch new.db-lock new.db-new
run ingest --db new.db b.csv
expect_rc 0
CHECKS=$((CHECKS + 1))
[[ ! -e new.db-new && ! -e new.db-lock ]] || fail "stale files next to an existing store: $(ls)"

# A failed first ingest leaves nothing behind.
printf '工单编号,来电时间\nX1,not a time\n' >bad.csv
run ingest --db bad.db bad.csv
expect_rc 1
CHECKS=$((CHECKS + 1))
[[ -z $(ls bad.db* 2>/dev/null) ]] || fail "a failed first ingest left: $(ls bad.db*)"

finish
