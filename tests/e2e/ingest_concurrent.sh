# Two ingests into the same store at once: both succeed (one waits), nothing is lost.
# Each round starts without a store: one builds it (s.db-new, under s.db-lock),
# the others wait and then ingest into it.
source "$DUTY_SRC/tests/e2e/lib.sh"

gen() { # gen PREFIX COUNT
  awk -v p="$1" -v n="$2" 'BEGIN {
    print "工单编号,主办单位,来电时间,是否满意"
    for (i = 1; i <= n; i++)
      printf "%s%06d,单位%d,2025-03-%02d 08:00:00,满意\n", p, i, i % 7, i % 28 + 1
  }'
}
gen A 20000 >a.csv
gen B 20000 >b.csv
gen C 20000 >c.csv

for round in 1 2; do
  rm -f s.db s.db-wal s.db-shm
  "$DUTY" ingest --db s.db a.csv >a.out 2>&1 &
  p1=$!
  "$DUTY" ingest --db s.db b.csv >b.out 2>&1 &
  p2=$!
  "$DUTY" ingest --db s.db c.csv >c.out 2>&1 &
  p3=$!
  wait $p1; r1=$?
  wait $p2; r2=$?
  wait $p3; r3=$?
  OUT=$(cat a.out b.out c.out) ERR=
  expect_eq "$r1 $r2 $r3" "0 0 0" "round $round exit codes"
  run query --db s.db --format csv "select count(*), count(distinct id) from orders"
  expect_out "60000,60000"
  run query --db s.db --format csv "select count(*), sum(rows) from ingests"
  expect_out "3,60000"
  run query --db s.db "pragma integrity_check"
  expect_out "ok"
  CHECKS=$((CHECKS + 1))
  [[ ! -e s.db-new && ! -e s.db-lock ]] || fail "round $round left: $(ls)"
done

finish
