#!/bin/bash
# Compares `duty replay` — every check of every order and whistle — with DuckDB
# computing one check, the on-time-close flag per order, from the same CSVs.
#
#   DUTY=path/to/duty DUTY_SRC=path/to/source bash tests/bench/replay_vs_duckdb.sh [N...]
#
# N: order counts (default: 1000000). The orders and their event log are
# written by `duty gen cases --deadlines 1000`, so that every order carries its
# own 办理时限 and DuckDB needs no list set: its flag is the first 办结 before
# the deadline counted from the first 派单 by the civil code over the same
# working-day calendar (a table the script writes from lists/yanqing/calendar),
# moved by a 延期 made before it. The script checks that both agree on every
# order. DuckDB is the npm package @duckdb/node-api, installed into the work
# directory (needs node and npm). Each command runs $RUNS times (default 3);
# the table shows the median wall time, the median CPU time (user + system:
# steadier than wall time on a shared machine) and the peak RSS (GNU time). Work files
# go to $BENCH_DIR (default: a temporary directory, removed afterwards).
set -euo pipefail
: "${DUTY:?DUTY must point at the duty binary}"
: "${DUTY_SRC:?DUTY_SRC must point at the source tree}"
for tool in node npm python3; do
  command -v $tool >/dev/null || { echo "$tool not found (scripts/install-deps.sh bench)" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time (GNU time) not found" >&2; exit 2; }
sizes=("$@")
((${#sizes[@]})) || sizes=(1000000)
runs=${RUNS:-3}
dir=${BENCH_DIR:-$(mktemp -d)}
[[ -n ${BENCH_DIR:-} ]] || trap 'rm -rf "$dir"' EXIT
lists=$DUTY_SRC/lists/yanqing

if [[ ! -d $dir/duck/node_modules/@duckdb/node-api ]]; then
  mkdir -p "$dir/duck"
  (cd "$dir/duck" && npm init -y >/dev/null && npm install --no-audit --no-fund @duckdb/node-api >/dev/null)
fi
duck_version=$(node -e "console.log(require('$dir/duck/node_modules/@duckdb/node-api/package.json').version)")

# The working days of the lists' calendar, one row per day, for DuckDB.
python3 - "$lists/calendar" >"$dir/calendar.csv" <<'PY'
import datetime, pathlib, re, sys
off, on, years = set(), set(), set()
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.yaml")):
    text = f.read_text(encoding="utf-8")
    years |= {int(y) for y in re.findall(r"year: (\d{4})", text)}
    hol, work = text.split("holidays:")[1].split("workdays:")
    for a, b in re.findall(r"(\d{4}-\d\d-\d\d)(?:\.\.(\d{4}-\d\d-\d\d))?", hol):
        d, e = datetime.date.fromisoformat(a), datetime.date.fromisoformat(b or a)
        while d <= e:
            off.add(d)
            d += datetime.timedelta(1)
    on |= {datetime.date.fromisoformat(a) for a in re.findall(r"\d{4}-\d\d-\d\d", work)}
print("day,work")
d = datetime.date(min(years), 1, 1)
while d.year <= max(years):
    print(f"{d},{'true' if (d.weekday() < 5 and d not in off) or d in on else 'false'}")
    d += datetime.timedelta(1)
PY

cat >"$dir/duck/ontime.mjs" <<'JS'
// The on-time-close flag per order. Usage: node ontime.mjs ORDERS EVENTS CALENDAR OUT
import { DuckDBInstance } from '@duckdb/node-api';
const [orders, events, calendar, out] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
// idx: working days up to and including the day, to count N working days by arithmetic.
await c.run(`CREATE TABLE cal AS SELECT day::DATE AS day, work::BOOLEAN AS work,
  sum(work::INT) OVER (ORDER BY day) AS idx FROM read_csv('${calendar}', header = true)`);
await c.run(`COPY (
  WITH o AS (SELECT "工单编号" AS id, "办理时限" AS own FROM read_csv('${orders}', header = true, all_varchar = true)),
  e AS (SELECT "工单编号" AS id,
          min(CASE WHEN "事件" = '派单' THEN "时间"::TIMESTAMP END) AS dispatched,
          min(CASE WHEN "事件" = '办结' THEN "时间"::TIMESTAMP END) AS closed,
          min(CASE WHEN "事件" = '延期' THEN "时间"::TIMESTAMP END) AS extended,
          min(CASE WHEN "事件" = '延期' THEN "延期至"::DATE END) AS until
        FROM read_csv('${events}', header = true, all_varchar = true) GROUP BY 1),
  l AS (SELECT o.id, e.dispatched, e.closed, e.extended, e.until,
          own LIKE '%个工作日' AS wd, regexp_extract(own, '^[0-9]+')::INT AS n
        FROM o JOIN e USING (id)),
  d AS (SELECT l.*, s.idx AS start_idx, last.work AS last_work, last.idx AS last_idx
        FROM l JOIN cal s ON s.day = l.dispatched::DATE
        LEFT JOIN cal last ON last.day = l.dispatched::DATE + l.n),
  due AS (SELECT d.*,
            CASE WHEN wd THEN (SELECT day FROM cal WHERE cal.idx = d.start_idx + d.n AND cal.work)
                 WHEN last_work THEN d.dispatched::DATE + d.n
                 ELSE (SELECT day FROM cal WHERE cal.idx = d.last_idx + 1 AND cal.work) END + INTERVAL 1 DAY AS base
          FROM d),
  final AS (SELECT id, closed, CASE WHEN extended < base THEN until + INTERVAL 1 DAY ELSE base END AS deadline FROM due)
  SELECT id, closed IS NOT NULL AND closed < deadline AS on_time_close FROM final ORDER BY id
) TO '${out}' (HEADER, DELIMITER ',')`);
JS

# once NAME CMD...: runs CMD once under GNU time; appends the wall time to
# T_NAME and the CPU time (user + system) to C_NAME, and keeps the largest
# peak RSS in R_NAME (KiB).
once() {
  local name=$1
  shift
  sync
  /usr/bin/time -f '%e %M %U %S' -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err" || [[ $? == 1 ]]
  local s kb user sys
  read -r s kb user sys < <(tail -1 "$dir/$name.time") # GNU time puts "Command exited …" first on status 1
  eval "T_$name+=\" \$s\""
  eval "C_$name+=\" $(awk -v u="$user" -v k="$sys" 'BEGIN { printf "%.2f", u + k }')\""
  local r="R_$name"
  ((kb > ${!r:-0})) && printf -v "$r" '%s' "$kb"
  return 0
}

median() { printf '%s\n' $1 | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

echo "DuckDB @duckdb/node-api $duck_version, node $(node --version), $("$DUTY" --version), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| orders | events | CSV size | DuckDB: on-time close | duty replay → JSONL file | duty replay --summary | replay / DuckDB | CPU DuckDB | CPU replay | CPU --summary | replay / DuckDB (CPU) | peak RSS DuckDB | peak RSS replay | peak RSS --summary |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  o=$dir/orders-$n.csv e=$dir/events-$n.csv
  "$DUTY" gen cases --lists "$lists" --orders "$n" --seed 1 --dirty 0 --deadlines 1000 -o "$o" --events "$e" \
    --planted "$dir/planted-$n.txt" 2>/dev/null
  asof=$(sed -n 's/^# as-of //p' "$dir/planted-$n.txt")
  size_mb=$((($(stat -c %s "$o") + $(stat -c %s "$e")) / 1000000))
  events=$(($(wc -l <"$e") - 1))
  T_duck="" T_replay="" T_summary="" C_duck="" C_replay="" C_summary="" R_duck=0 R_replay=0 R_summary=0
  # The three commands take turns, so that a change in the machine's load hits all alike.
  for ((i = 0; i < runs; i++)); do
    once duck node "$dir/duck/ontime.mjs" "$o" "$e" "$dir/calendar.csv" "$dir/duck-$n.csv"
    once replay sh -c '"$0" replay --lists "$1" --as-of "$2" "$3" --events "$4" >"$5"' \
      "$DUTY" "$lists" "$asof" "$o" "$e" "$dir/replay-$n.jsonl"
    once summary "$DUTY" replay --lists "$lists" --as-of "$asof" --summary "$o" --events "$e"
  done
  t_duck=$(median "$T_duck") t_replay=$(median "$T_replay") t_summary=$(median "$T_summary")
  c_duck=$(median "$C_duck") c_replay=$(median "$C_replay") c_summary=$(median "$C_summary")
  rss_duck=$((R_duck / 1024)) rss_replay=$((R_replay / 1024)) rss_summary=$((R_summary / 1024))
  # Both must say the same for every order.
  python3 - "$dir/replay-$n.jsonl" "$dir/duck-$n.csv" <<'PY' || { echo "replay and DuckDB disagree" >&2; exit 1; }
import csv, json, sys
duck = {r["id"]: r["on_time_close"] == "true" for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))}
n = agree = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r["kind"] != "order":
        continue
    n += 1
    agree += duck.get(r["id"]) == (r["clocks"]["close"]["status"] == "on-time")
print(f"on-time close: replay and DuckDB agree on {agree} of {n} orders ({len(duck)} in DuckDB's output)", file=sys.stderr)
sys.exit(0 if agree == n == len(duck) else 1)
PY
  ratio=$(awk -v a="$t_replay" -v b="$t_duck" 'BEGIN { printf "%.2f", a / b }')
  cratio=$(awk -v a="$c_replay" -v b="$c_duck" 'BEGIN { printf "%.2f", a / b }')
  echo "| $n | $events | $size_mb MB | ${t_duck} s | ${t_replay} s | ${t_summary} s | $ratio | ${c_duck} s | ${c_replay} s | ${c_summary} s | $cratio | $rss_duck MB | $rss_replay MB | $rss_summary MB |"
  echo "runs (s): DuckDB$T_duck; replay$T_replay; --summary$T_summary; CPU: DuckDB$C_duck; replay$C_replay; --summary$C_summary" >&2
  rm -f "$o" "$e" "$dir/replay-$n.jsonl" "$dir/duck-$n.csv"
done
