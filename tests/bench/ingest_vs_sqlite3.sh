#!/bin/bash
# Compares `duty ingest` with sqlite3's `.import` of the same generated order
# export into an untyped table. duty also parses and types every value, hashes
# the personal columns, keys the orders by id and builds the indexes (into a
# new store: built beside its path and renamed into place, see duty-ingest(1)).
#
#   DUTY=path/to/duty DUTY_SRC=path/to/source bash tests/bench/ingest_vs_sqlite3.sh [N...]
#
# N: order counts (default: 1000000 3000000). Needs sqlite3 and GNU time
# (/usr/bin/time). Prints one Markdown table row per N; work files go to
# $BENCH_DIR (default: a temporary directory, removed afterwards).
set -euo pipefail
: "${DUTY:?DUTY must point at the duty binary}"
: "${DUTY_SRC:?DUTY_SRC must point at the source tree}"
command -v sqlite3 >/dev/null || { echo "sqlite3 not found" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time (GNU time) not found" >&2; exit 2; }
sizes=("$@")
((${#sizes[@]})) || sizes=(1000000 3000000)
dir=${BENCH_DIR:-$(mktemp -d)}
[[ -n ${BENCH_DIR:-} ]] || trap 'rm -rf "$dir"' EXIT
export DUTY_PII_KEY=benchmark-key-0123456789abcdef

# measure NAME CMD...: runs CMD under GNU time; sets SECS and RSS_MB.
measure() {
  local name=$1
  shift
  sync
  /usr/bin/time -f '%e %M' -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err"
  read -r SECS rss_kb <"$dir/$name.time"
  RSS_MB=$((rss_kb / 1024))
}

echo "| orders | CSV size | sqlite3 .import | duty ingest | duty / .import | peak RSS .import | peak RSS duty |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  csv=$dir/orders-$n.csv
  "$DUTY" gen cases --lists "$DUTY_SRC/lists/yanqing" --orders "$n" --seed 1 --dirty 0 -o "$csv" 2>/dev/null
  size_mb=$(($(stat -c %s "$csv") / 1000000))
  rm -f "$dir"/import.db* "$dir"/duty.db*
  measure import sqlite3 "$dir/import.db" ".mode csv" ".import $csv orders"
  t_import=$SECS rss_import=$RSS_MB
  measure duty "$DUTY" ingest --db "$dir/duty.db" "$csv"
  t_duty=$SECS rss_duty=$RSS_MB
  rows=$(sqlite3 "$dir/duty.db" "select count(*) from orders")
  [[ $rows == "$n" ]] || { echo "duty stored $rows of $n orders" >&2; exit 1; }
  ratio=$(awk -v a="$t_duty" -v b="$t_import" 'BEGIN { printf "%.2f", a / b }')
  echo "| $n | $size_mb MB | ${t_import} s | ${t_duty} s | $ratio | $rss_import MB | $rss_duty MB |"
  rm -f "$csv" "$dir"/import.db* "$dir"/duty.db*
done
