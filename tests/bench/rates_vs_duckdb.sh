#!/bin/bash
# Times `duty rates` against DuckDB and sqlite3 computing the same rows — the
# built-in bj-practice profile per unit and month (counts, composite score,
# rank within the month) — from the same generated order export, next to
# `wc -l` on that file. Checks that DuckDB's counts equal duty's, row by row.
#
#   DUTY=path/to/duty DUTY_SRC=path/to/source bash tests/bench/rates_vs_duckdb.sh [N...]
#
# N: order counts (default: 1000000 10000000). Installs DuckDB's Node API
# (npm @duckdb/node-api) into $BENCH_DIR/node on first use; needs node, npm,
# sqlite3 and GNU time. RUNS (default 3) timed runs per tool, the median
# reported; sqlite3 runs once, and only up to SQLITE_MAX orders (default: no
# limit; its .import of 10M orders takes minutes). Work files go to $BENCH_DIR
# (default: a temporary directory, removed afterwards). Prints a Markdown table.
set -euo pipefail
: "${DUTY:?DUTY must point at the duty binary}"
: "${DUTY_SRC:?DUTY_SRC must point at the source tree}"
for tool in node npm sqlite3; do
  command -v $tool >/dev/null || { echo "$tool not found (scripts/install-deps.sh bench)" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time (GNU time) not found" >&2; exit 2; }
sizes=("$@")
((${#sizes[@]})) || sizes=(1000000 10000000)
runs=${RUNS:-3}
dir=${BENCH_DIR:-$(mktemp -d)}
[[ -n ${BENCH_DIR:-} ]] || trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/node"
if [[ ! -d $dir/node/node_modules/@duckdb/node-api ]]; then
  (cd "$dir/node" && npm install --no-audit --no-fund --silent @duckdb/node-api >/dev/null)
fi
cp "$DUTY_SRC/tests/bench/rates_duckdb.mjs" "$dir/node/"

# measure NAME CMD...: runs CMD under GNU time; sets SECS, CPU (user + sys) and RSS_MB.
measure() {
  local name=$1
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err"
  local user sys rss_kb
  read -r SECS user sys rss_kb <"$dir/$name.time"
  CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  RSS_MB=$((rss_kb / 1024))
}

# median NAME CMD...: RUNS runs; sets SECS (median wall), CPU and RSS_MB of that run.
median() {
  local name=$1
  shift
  local results=()
  for ((i = 0; i < runs; ++i)); do
    measure "$name" "$@"
    results+=("$SECS $CPU $RSS_MB")
  done
  read -r SECS CPU RSS_MB < <(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
}

sqlite_sql() {
  cat <<'SQL'
.mode csv
.import ORDERS orders
.mode list
create temp view o as select 主办单位 as unit,
  case when 办结时间 like '____-__-__%' then substr(办结时间, 1, 7)
       when 办结时间 like '____/%' then printf('%s-%02d', substr(办结时间, 1, 4),
         cast(substr(办结时间, 6, instr(substr(办结时间, 6), '/') - 1) as integer)) end as period,
  是否有效回访 = '是' as valid, 是否联系 = '是' as contacted, 是否解决 as resolved, 是否满意 as sat,
  是否纳入考核 as assessed, 不合理诉求 as unreasonable, 考核申诉 as appeal from orders;
create temp table c as select unit, period, count(*) as orders, sum(valid) as visits,
  sum(valid and contacted) as contacted, sum(valid and resolved = '解决') as resolved,
  sum(valid and sat = '满意') as satisfied, sum(valid and sat = '基本满意') as basic
  from o where period is not null and unit <> '' and assessed <> '否' and unreasonable <> '是'
    and appeal <> '核减' group by 1, 2;
select unit, period, orders, visits, contacted, resolved, satisfied, basic,
  round(100 * (0.1 * contacted / visits + 0.5 * resolved / visits + 0.4 * (satisfied + 0.9 * basic) / visits), 1),
  rank() over (partition by period order by round(100 * (0.1 * contacted / visits + 0.5 * resolved / visits
    + 0.4 * (satisfied + 0.9 * basic) / visits), 1) desc, orders desc)
  from c order by unit, period;
SQL
}

echo "| orders | CSV | wc -l | duty rates | DuckDB | sqlite3 | DuckDB / duty | duty / wc -l | duty CPU | DuckDB CPU | duty RSS | DuckDB RSS | sqlite3 RSS |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  csv=$dir/orders-$n.csv
  "$DUTY" gen cases --lists "$DUTY_SRC/lists/yanqing" --orders "$n" --seed 1 --dirty 0 -o "$csv" 2>/dev/null
  size_mb=$(($(stat -c %s "$csv") / 1000000))
  cat "$csv" >/dev/null # every tool reads it from the page cache
  median wc wc -l "$csv"
  t_wc=$SECS
  median duty "$DUTY" rates --by unit,month --format csv "$csv"
  t_duty=$SECS cpu_duty=$CPU rss_duty=$RSS_MB
  median duckdb node "$dir/node/rates_duckdb.mjs" "$csv" "$dir/duckdb.csv"
  t_duck=$SECS cpu_duck=$CPU rss_duck=$RSS_MB
  t_sqlite=- rss_sqlite=-
  if ((n <= ${SQLITE_MAX:-n})); then
    rm -f "$dir/sqlite.db"
    sqlite_sql | sed "s|ORDERS|$csv|" >"$dir/sqlite.sql"
    measure sqlite sqlite3 "$dir/sqlite.db" ".read $dir/sqlite.sql"
    t_sqlite="$SECS s" rss_sqlite="$RSS_MB MB"
    rm -f "$dir/sqlite.db"
  fi
  # The same counts, row by row: unit, month, orders, visits, contacted, resolved, satisfied, 基本满意
  # (duty's 合计 rows left out, and the rows of units whose every order was excluded: the peers
  # drop excluded orders before grouping, duty counts them by reason).
  tail -n +2 "$dir/duty.out" | awk -F, '$4 != "合计" && $5 != 0 { print $4","$2","$5","$6","$7","$8","$9","$10 }' |
    sort >"$dir/duty.counts"
  cut -d, -f1-8 "$dir/duckdb.csv" | sort >"$dir/duckdb.counts"
  [[ $t_sqlite == - ]] || tr '|' , <"$dir/sqlite.out" | cut -d, -f1-8 | sort >"$dir/sqlite.counts"
  cmp -s "$dir/duty.counts" "$dir/duckdb.counts" || { echo "duty and DuckDB disagree on $n orders" >&2; exit 1; }
  if [[ $t_sqlite != - ]]; then
    cmp -s "$dir/duty.counts" "$dir/sqlite.counts" || { echo "duty and sqlite3 disagree on $n orders" >&2; exit 1; }
  fi
  ratio=$(awk -v a="$t_duck" -v b="$t_duty" 'BEGIN { printf "%.1f", a / b }')
  wc_ratio=$(awk -v a="$t_duty" -v b="$t_wc" 'BEGIN { printf "%.1f", a / b }')
  echo "| $n | $size_mb MB | ${t_wc} s | ${t_duty} s | ${t_duck} s | ${t_sqlite} | $ratio× | $wc_ratio× | ${cpu_duty} s | ${cpu_duck} s | $rss_duty MB | $rss_duck MB | $rss_sqlite |"
  rm -f "$csv"
done
