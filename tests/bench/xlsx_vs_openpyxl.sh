#!/bin/bash
# Reads one generated .xlsx export of N orders three ways and checks that all
# three read the same rows:
#   duty ingest            streams the sheet (libzip + expat), types every value,
#                          hashes the personal columns and stores the orders in SQLite
#   duty rates             streams the sheet, types every value and counts the
#                          three rates per unit (no store): the read-only path
#   openpyxl (read-only)   iterates the rows' values (load_workbook(read_only=True))
#   pandas read_excel      builds a DataFrame (openpyxl engine, header on row 3)
# duty does strictly more work than both. Peak memory is measured too, and duty's
# also at a quarter of N; the store being built takes memory of its own, so
# duty ingest of the same rows as CSV is measured at both sizes as well: what
# the workbook adds is its shared-string table (held in one piece) and a
# constant, however long the sheet.
#
#   DUTY=path/to/duty DUTY_SRC=path/to/source bash tests/bench/xlsx_vs_openpyxl.sh [N] [RUNS]
#
# N defaults to 200000, RUNS (per tool) to 3. Installs its peers through
# scripts/install-deps.sh bench (python3-openpyxl, python3-pandas, GNU time).
# Work files go to $BENCH_DIR (default: a temporary directory, removed afterwards).
set -euo pipefail
: "${DUTY:?DUTY must point at the duty binary}"
: "${DUTY_SRC:?DUTY_SRC must point at the source tree}"
n=${1:-200000}
runs=${2:-3}
PY=/usr/bin/python3 # Debian's python, where python3-openpyxl and python3-pandas live
if ! "$PY" -c 'import openpyxl, pandas' 2>/dev/null || [[ ! -x /usr/bin/time ]]; then
  bash "$DUTY_SRC/scripts/install-deps.sh" bench
fi
dir=${BENCH_DIR:-$(mktemp -d)}
[[ -n ${BENCH_DIR:-} ]] || trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir"
export DUTY_PII_KEY=benchmark-key-0123456789abcdef

cat >"$dir/read_openpyxl.py" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
ws = wb.worksheets[0]
rows = ids = 0
seen = set()
for i, row in enumerate(ws.iter_rows(values_only=True)):
    if i < 3:            # title, filter note, header
        continue
    rows += 1
    if row[0]:
        seen.add(row[0])
print(rows, len(seen))
PY
cat >"$dir/read_pandas.py" <<'PY'
import sys, pandas as pd
df = pd.read_excel(sys.argv[1], sheet_name=0, header=2)
print(len(df), df["工单编号"].nunique())
PY

# measure NAME CMD...: runs CMD under GNU time; appends "wall cpu rss_kb" to NAME.times
# (cpu: user + system seconds, which a loaded machine disturbs less than wall time).
measure() {
  local name=$1
  shift
  sync
  /usr/bin/time -f '%e %U %S %M' -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err"
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$dir/$name.time" >>"$dir/$name.times"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

book=$dir/orders-$n.xlsx
"$DUTY" gen cases --lists "$DUTY_SRC/lists/yanqing" --orders "$n" --seed 1 --dirty 0 -o "$book" 2>/dev/null
quarter=$dir/orders-$((n / 4)).xlsx
"$DUTY" gen cases --lists "$DUTY_SRC/lists/yanqing" --orders $((n / 4)) --seed 1 --dirty 0 -o "$quarter" 2>/dev/null
"$DUTY" gen cases --lists "$DUTY_SRC/lists/yanqing" --orders "$n" --seed 1 --dirty 0 -o "$dir/orders-$n.csv" 2>/dev/null
"$DUTY" gen cases --lists "$DUTY_SRC/lists/yanqing" --orders $((n / 4)) --seed 1 --dirty 0 -o "$dir/orders-$((n / 4)).csv" 2>/dev/null
rm -f "$dir"/*.times
for ((r = 0; r < runs; r++)); do
  rm -f "$dir"/duty.db*
  measure duty "$DUTY" ingest --db "$dir/duty.db" "$book"
  measure rates "$DUTY" rates --format csv "$book"
  measure openpyxl "$PY" "$dir/read_openpyxl.py" "$book"
  measure pandas "$PY" "$dir/read_pandas.py" "$book"
done
rm -f "$dir"/quarter.db* "$dir"/csv*.db*
measure quarter "$DUTY" ingest --db "$dir/quarter.db" "$quarter"
measure ratesquarter "$DUTY" rates --format csv "$quarter"
measure csv "$DUTY" ingest --db "$dir/csv.db" "$dir/orders-$n.csv"
measure csvquarter "$DUTY" ingest --db "$dir/csvq.db" "$dir/orders-$((n / 4)).csv"

# Same rows: N orders, N distinct ids, in all three.
duty_rows=$(sqlite3 "$dir/duty.db" "select count(*) || ' ' || count(distinct id) from orders" 2>/dev/null \
  || "$DUTY" query --db "$dir/duty.db" --format csv "select count(*) || ' ' || count(distinct id) from orders" | tail -1 | tr -d '\r')
for tool in openpyxl pandas; do
  got=$(cat "$dir/$tool.out")
  [[ $got == "$duty_rows" && $got == "$n $n" ]] || { echo "$tool read '$got', duty '$duty_rows', expected '$n $n'" >&2; exit 1; }
done
# duty rates read the same orders: its report equals the one from the CSV of the same rows.
"$DUTY" rates --format csv "$dir/orders-$n.csv" >"$dir/rates-csv.out" 2>/dev/null
cmp -s "$dir/rates.out" "$dir/rates-csv.out" || { echo "duty rates: the .xlsx and the CSV give other rates" >&2; exit 1; }

col() { awk -v c="$2" '{ print $c }' "$dir/$1.times" | median; }
size_mb=$(awk -v s="$(stat -c %s "$book")" 'BEGIN { printf "%.1f", s / 1e6 }')
sst_mb=$(unzip -l "$book" xl/sharedStrings.xml | awk 'NR == 4 { printf "%.1f", $1 / 1e6 }')
echo "input: $n orders, $size_mb MB .xlsx (shared strings $sst_mb MB inflated); each tool read $duty_rows (rows, distinct ids); median of $runs runs"
echo
echo "| tool | wall (s) | CPU user+sys (s) | peak RSS (MiB) | wall vs duty | CPU vs duty |"
echo "|---|---:|---:|---:|---:|---:|"
dw=$(col duty 1) du=$(col duty 2)
for tool in duty rates openpyxl pandas; do
  w=$(col $tool 1) u=$(col $tool 2) m=$(col $tool 3)
  label=$tool
  [[ $tool == duty ]] && label="duty ingest"
  [[ $tool == rates ]] && label="duty rates"
  printf '| %s | %s | %s | %d | %s | %s |\n' "$label" "$w" "$u" $((m / 1024)) \
    "$(awk -v a="$w" -v b="$dw" 'BEGIN { printf "%.1f×", a / b }')" \
    "$(awk -v a="$u" -v b="$du" 'BEGIN { printf "%.1f×", a / b }')"
done
echo
mib() { echo $(( $(col "$1" 3) / 1024 )); }
echo "| duty ingest peak RSS (MiB) | $((n / 4)) orders | $n orders |"
echo "|---|---:|---:|"
echo "| .xlsx | $(mib quarter) | $(mib duty) |"
echo "| the same rows as CSV | $(mib csvquarter) | $(mib csv) |"
echo
echo "duty rates peak RSS: $(mib ratesquarter) MiB at $((n / 4)) orders, $(mib rates) MiB at $n (no store)"
