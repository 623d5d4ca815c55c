#!/bin/bash
# JSON Lines with many distinct keys must read in linear time: each line has
# an id and a key of its own, so the header grows by one column a line.
# Reading used to cost the whole header per key and per line (quadratic).
#
#   DUTY=path/to/duty bash tests/bench/jsonl_wide_keys.sh [N...]
#
# N: line counts = distinct keys (default: 25000 50000 100000). Needs GNU time.
# Prints one Markdown table row per N: CPU seconds (user+sys), wall seconds,
# peak RSS, and CPU time per 1000 lines (flat when linear).
set -euo pipefail
: "${DUTY:?DUTY must point at the duty binary}"
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time (GNU time) not found" >&2; exit 2; }
sizes=("$@")
((${#sizes[@]})) || sizes=(25000 50000 100000)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "| distinct keys | CPU s | wall s | peak RSS MB | CPU ms per 1000 lines |"
echo "|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "{\"工单编号\":\"W%d\",\"k%d\":\"v\"}\n", i, i }' >"$dir/wide.jsonl"
  rm -f "$dir/w.db"
  /usr/bin/time -f '%U %S %e %M' -o "$dir/time" "$DUTY" ingest --db "$dir/w.db" "$dir/wide.jsonl" >/dev/null
  read -r user sys wall rss <"$dir/time"
  awk -v n="$n" -v u="$user" -v s="$sys" -v w="$wall" -v r="$rss" 'BEGIN {
    printf "| %d | %.2f | %.2f | %d | %.1f |\n", n, u + s, w, r / 1024, (u + s) * 1000000 / n
  }'
done
