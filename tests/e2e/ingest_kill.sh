# kill -9 in the middle of an ingest leaves the store exactly as it was.
source "$DUTY_SRC/tests/e2e/lib.sh"

# Orders with bulky content, so the open transaction spills into the WAL
# before the input runs dry; the feeder then stalls and we kill the ingest.
gen() { # gen PREFIX COUNT CONTENT_BYTES
  awk -v p="$1" -v n="$2" -v b="$3" 'BEGIN {
    pad = "x"; while (length(pad) < b) pad = pad pad; pad = substr(pad, 1, b)
    print "工单编号,主办单位,来电时间,主要内容"
    for (i = 1; i <= n; i++)
      printf "%s%06d,单位%d,2025-03-%02d 08:00:00,%s\n", p, i, i % 7, i % 28 + 1, pad
  }'
}
gen A 200 100 >base.csv
run ingest --db s.db base.csv
expect_rc 0
run query --db s.db --format csv "select * from orders order by id"
before=$OUT
gen B 1500 80000 >big.csv

mkfifo feed
"$DUTY" ingest --db s.db feed >ingest.out 2>&1 &
pid=$!
# exec: the feeder's pid becomes the stalling sleep, so killing it ends the stall.
{ cat big.csv; exec sleep 120; } >feed 2>/dev/null &
feeder=$!
# Wait until the transaction has spilled at least 16 MB into the WAL.
spilled=0
for _ in $(seq 1 600); do
  size=$(stat -c %s s.db-wal 2>/dev/null || echo 0)
  if ((size > 16000000)); then spilled=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
CHECKS=$((CHECKS + 1))
((spilled)) || fail "the ingest never spilled into the WAL (or ended early): $(cat ingest.out)"
kill -9 "$pid"
wait "$pid" 2>/dev/null
kill "$feeder" 2>/dev/null
wait "$feeder" 2>/dev/null

run query --db s.db "pragma integrity_check"
expect_rc 0
expect_out "ok"
run query --db s.db --format csv "select * from orders order by id"
expect_eq "$OUT" "$before" "store after kill -9"
run query --db s.db "select count(*) from ingests"
expect_out "1"
# And the store still takes a normal ingest.
gen C 10 10 >more.csv
run ingest --db s.db more.csv
expect_rc 0
run query --db s.db "select count(*) from orders"
expect_out "210"

# kill -9 while a NEW store is built (in n.db-new): no store at all, and the
# next ingest removes the stale build and creates the store normally.
rm -f feed
mkfifo feed
"$DUTY" ingest --db n.db feed >ingest.out 2>&1 &
pid=$!
{ cat big.csv; exec sleep 120; } >feed 2>/dev/null &
feeder=$!
spilled=0
for _ in $(seq 1 600); do
  size=$(stat -c %s n.db-new 2>/dev/null || echo 0)
  if ((size > 16000000)); then spilled=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
CHECKS=$((CHECKS + 1))
((spilled)) || fail "the new store never grew (or the ingest ended early): $(cat ingest.out)"
kill -9 "$pid"
wait "$pid" 2>/dev/null
kill "$feeder" 2>/dev/null
wait "$feeder" 2>/dev/null
CHECKS=$((CHECKS + 1))
[[ ! -e n.db && -e n.db-new ]] || fail "after kill -9 of a new-store ingest: $(ls)"
run query --db n.db "select count(*) from orders"
expect_rc 2
run ingest --db n.db more.csv
expect_rc 0
run query --db n.db "select count(*) from orders"
expect_out "10"
CHECKS=$((CHECKS + 1))
[[ ! -e n.db-new && ! -e n.db-lock ]] || fail "stale build not removed: $(ls)"

finish
