# Faults end to end: a full disk at many points of an ingest (rows, indexes,
# the rename of a new store, the --skip-bad file), read-only media, and kill -9
# at random points. After each, the store is as before or complete, never
# half-written, and no partial file is left where a result belongs.
# Full disks and read-only media use a small tmpfs when we may mount (root);
# else RLIMIT_FSIZE (ulimit -f, with SIGXFSZ ignored) and a non-root user;
# what cannot be done here is skipped with a message.
source "$DUTY_SRC/tests/e2e/lib.sh"
MOUNTS=()
OUT="" ERR=""
cleanup() {
  for m in "${MOUNTS[@]}"; do umount -l "$m" 2>/dev/null; done
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

gen() { # gen PREFIX COUNT: orders with a bad row near the end
  awk -v p="$1" -v n="$2" 'BEGIN {
    print "工单编号,主办单位,来电时间,主要内容"
    for (i = 1; i <= n; i++) {
      t = (i == n - 3) ? "not-a-time" : sprintf("2025-03-%02d 08:00:00", i % 28 + 1)
      printf "%s%06d,单位%d,%s,内容%s\n", p, i, i % 7, t, substr("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 1, i % 40)
    }
  }'
}
gen A 200 | grep -v not-a-time >base.csv
gen B 12000 >big.csv
count() { "$DUTY" query --db "$1" --format csv "select count(*) from orders" 2>/dev/null | tail -n 1 | tr -d '\r'; }
integrity() { "$DUTY" query --db "$1" "pragma integrity_check" 2>&1 | tail -n 1; }

can_mount=0
if [[ $EUID == 0 ]] && mkdir -p m && mount -t tmpfs -o size=64k tmpfs m 2>/dev/null; then
  umount m && can_mount=1
fi

# ---- A full disk ------------------------------------------------------------
# check_full DIR LIMIT_CMD: ingest big.csv into an existing store and into a new
# one in DIR under a size limit; each run either succeeds or fails with exit 2
# and leaves the store as it was (or no store), and no -new, -lock or temp file.
full_disk_trial() {
  local dir=$1 label=$2
  shift 2
  rm -f "$dir"/* 2>/dev/null
  "$DUTY" ingest --db "$dir/s.db" base.csv >/dev/null 2>&1 || { fail "$label: base ingest"; return; }
  local before
  before=$(count "$dir/s.db")
  ( "$@"; exec "$DUTY" ingest --db "$dir/s.db" --skip-bad "$dir/rej.jsonl" big.csv ) >out.txt 2>&1
  local rc=$?
  OUTCOMES+=("$label existing:$rc")
  CHECKS=$((CHECKS + 1))
  if ((rc == 2)); then
    FAILED_RUNS=$((FAILED_RUNS + 1))
    grep -qE "full|too large|File too large|disk" out.txt || fail "$label: no clear message: $(cat out.txt)"
    [[ $(count "$dir/s.db") == "$before" ]] || fail "$label: the store changed after a failed ingest"
    [[ ! -e "$dir/rej.jsonl" ]] || fail "$label: rejects written for a failed ingest"
  elif ((rc == 1)); then
    [[ $(count "$dir/s.db") == $((before + 11999)) ]] || fail "$label: incomplete store after success"
    [[ -s "$dir/rej.jsonl" ]] || fail "$label: rejects missing"
  else
    fail "$label: exit $rc: $(cat out.txt)"
  fi
  CHECKS=$((CHECKS + 1))
  [[ $(integrity "$dir/s.db") == ok ]] || fail "$label: integrity: $(integrity "$dir/s.db")"
  ( "$@"; exec "$DUTY" ingest --db "$dir/n.db" big.csv --skip-bad "$dir/nrej.jsonl" ) >out.txt 2>&1
  rc=$?
  OUTCOMES+=("new:$rc")
  CHECKS=$((CHECKS + 1))
  if ((rc == 2)); then
    FAILED_RUNS=$((FAILED_RUNS + 1))
    [[ ! -e "$dir/n.db" && ! -e "$dir/nrej.jsonl" ]] || fail "$label: a failed new-store ingest left $(ls "$dir")"
  elif ((rc == 1)); then
    [[ $(count "$dir/n.db") == 11999 && -s "$dir/nrej.jsonl" ]] || fail "$label: incomplete new store"
  else
    fail "$label: new store: exit $rc: $(cat out.txt)"
  fi
  CHECKS=$((CHECKS + 1))
  ! ls "$dir" | grep -qE -- '-new|-lock|\.tmp-' || fail "$label: partial files left: $(ls "$dir")"
}

FAILED_RUNS=0
OUTCOMES=()
if ((can_mount)); then
  # Sizes from "fails while loading rows" to "fails while building indexes or renaming".
  # (A new store of schema version 2 takes 344 KiB: its smallest disk holds it.)
  for kb in 400 700 1100 1500 2000 3000 20000; do
    mkdir -p "full$kb"
    mount -t tmpfs -o "size=${kb}k" tmpfs "full$kb" && MOUNTS+=("$PWD/full$kb")
    full_disk_trial "full$kb" "tmpfs ${kb}k" true
  done
else
  echo "skip: cannot mount a tmpfs here; full disks are simulated with ulimit -f only"
fi
# RLIMIT_FSIZE works everywhere: a write past the limit fails with EFBIG.
mkdir -p limited
for kb in 200 600 1200 2000 20000; do
  full_disk_trial limited "ulimit -f ${kb}k" eval "trap '' XFSZ; ulimit -f $((kb * 2))"
done
echo "full-disk outcomes (exit 2: failed cleanly): ${OUTCOMES[*]}"
CHECKS=$((CHECKS + 1))
((FAILED_RUNS > 0)) || fail "no size limit made an ingest fail: the trials test nothing"

# ---- Read-only media ----------------------------------------------------------
"$DUTY" ingest --db ro-src.db base.csv >/dev/null 2>&1
expected=$(count ro-src.db)
ro_checks() { # ro_checks DIR RUNNER...: query works, ingest fails clearly, nothing is written
  local dir=$1
  shift
  OUT=$("$@" "$DUTY" query --db "$dir/s.db" --format csv "select count(*) from orders" 2>&1)
  RC=$?
  expect_rc 0 "query on read-only $dir"
  expect_out "$expected"
  OUT=$("$@" "$DUTY" ingest --db "$dir/s.db" base.csv 2>&1)
  RC=$?
  expect_rc 2 "ingest on read-only $dir"
  CHECKS=$((CHECKS + 1))
  [[ $(ls "$dir") == s.db ]] || fail "files appeared on read-only media: $(ls "$dir")"
}
if ((can_mount)); then
  mkdir -p romedia
  mount -t tmpfs -o size=4m tmpfs romedia && MOUNTS+=("$PWD/romedia")
  cp ro-src.db romedia/s.db
  mount -o remount,ro romedia
  ro_checks romedia
else
  echo "skip: cannot mount read-only media here"
fi
# A directory the user cannot write to: needs a user other than root.
if [[ $EUID == 0 ]] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 \
   && setpriv --reuid=nobody --regid=nogroup --clear-groups test -x "$DUTY" 2>/dev/null; then
  mkdir -p rodir
  cp ro-src.db rodir/s.db
  chmod 755 "$SCRATCH" && chmod 555 rodir && chmod 444 rodir/s.db
  ro_checks rodir setpriv --reuid=nobody --regid=nogroup --clear-groups
elif [[ $EUID != 0 ]]; then
  mkdir -p rodir
  cp ro-src.db rodir/s.db
  chmod 555 rodir
  ro_checks rodir
  chmod 755 rodir
else
  echo "skip: no unprivileged user can run $DUTY here; the unwritable-directory case is not run"
fi

# ---- kill -9 at random points -------------------------------------------------
RANDOM=1729
gen C 20000 | grep -v not-a-time >medium.csv
"$DUTY" ingest --db k.db base.csv >/dev/null 2>&1
before=$(count k.db)
for trial in $(seq 1 16); do
  rm -f kn.db kn.db-*
  delay=$(printf '0.%03d' $((RANDOM % 400)))
  if ((trial % 2)); then target=k.db; else target=kn.db; fi
  "$DUTY" ingest --db "$target" medium.csv >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  CHECKS=$((CHECKS + 1))
  if [[ $target == k.db ]]; then
    n=$(count k.db)
    [[ $(integrity k.db) == ok ]] || fail "trial $trial: integrity after kill -9 at ${delay}s"
    [[ $n == "$before" || $n == $((before + 19999)) ]] || fail "trial $trial: $n rows after kill -9 at ${delay}s"
    before=$n
    # Each later ingest of the same file updates: the count stays.
  else
    if [[ -e kn.db ]]; then
      [[ $(count kn.db) == 19999 ]] || fail "trial $trial: a new store after kill -9 is incomplete"
    fi
    # The next ingest removes what the killed one left and builds the store.
    "$DUTY" ingest --db kn.db base.csv >/dev/null 2>&1
    [[ $(integrity kn.db) == ok && ! -e kn.db-new && ! -e kn.db-lock ]] ||
      fail "trial $trial: the store did not recover: $(ls kn.db*)"
  fi
done

finish
