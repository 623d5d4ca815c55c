#!/usr/bin/env bash
# duty report agrees with duty rates: a three-month generated series through
# duty report (Markdown and HTML) and through duty rates (md, json, --compare,
# each month), compared number by number by report_numbers.py — once from the
# exports, once from a case store.
source "$(dirname "$0")/lib.sh"
LISTS="$DUTY_SRC/lists/yanqing"
export DUTY_PII_KEY=report-test-key-0123456789abcdef

for m in 01 02 03; do
  run gen cases --lists "$LISTS" --orders 1500 --seed "2025$m" --month "2025-$m" -o "orders-$m.csv"
  expect_rc 0 "gen cases 2025-$m"
done
exports=(orders-01.csv orders-02.csv orders-03.csv)

# outputs DIR SOURCE...: the report and duty rates' answers for SOURCE (exports or --db STORE) in DIR.
outputs() {
  local dir=$1
  shift
  mkdir -p "$dir"
  "$DUTY" report --lists "$LISTS" --period 2025-03 --months 3 --format md -o "$dir/report.md" "$@" 2>"$dir/report.err"
  echo $? >"$dir/report.rc"
  "$DUTY" report --lists "$LISTS" --period 2025-03 --months 3 -o "$dir/report.html" "$@" 2>/dev/null
  rates() { "$DUTY" rates --lists "$LISTS" "$@" 2>/dev/null; }
  rates --period 2025-03 --format md "$@" >"$dir/rates-current.md"
  rates --period 2025-03 --format json "$@" >"$dir/rates-current.json"
  rates --period 2025-02 --format json "$@" >"$dir/rates-previous.json"
  rates --period 2025-03 --compare 2025-02 --format md "$@" >"$dir/rates-compare.md"
  for m in 2025-01 2025-02 2025-03; do rates --period "$m" --format md "$@" >"$dir/rates-$m.md"; done
  echo 2025-03 >"$dir/period"
  echo 2025-01 2025-02 2025-03 >"$dir/months"
  "$DUTY" audit --as-of 2025-03-31 --matrix --format json "$LISTS" >"$dir/matrix.json"
  "$DUTY" validate "$LISTS" >"$dir/validate.txt"
}

outputs files "${exports[@]}"
# The generator plants a few unreadable rows: the report is written and says so (exit 1).
expect_eq "$(cat files/report.rc)" 1 "report from exports with bad rows"
ERR=$(cat files/report.err)
expect_err "could not be read and are not counted"
CHECKS=$((CHECKS + 1))
python3 "$DUTY_SRC/tests/e2e/report_numbers.py" files || fail "report numbers differ from duty rates (exports)"

"$DUTY" ingest --db cases.db --lists "$LISTS" --skip-bad rejects.jsonl "${exports[@]}" >/dev/null 2>&1
[[ -s cases.db ]] || fail "ingest"
outputs store --db cases.db
expect_eq "$(cat store/report.rc)" 0 "report from a store"
CHECKS=$((CHECKS + 1))
python3 "$DUTY_SRC/tests/e2e/report_numbers.py" store || fail "report numbers differ from duty rates (store)"

# The on-time profile: the rates count from replay's clocks, judged at the
# report's as-of time; duty rates given the same --as-of and event logs agrees.
for m in 01 02 03; do
  run gen cases --lists "$LISTS" --orders 800 --seed "3025$m" --month "2025-$m" --events "timed-events-$m.csv" \
    -o "timed-$m.csv"
  expect_rc 0 "gen cases 2025-$m with events"
done
outputs timed timed-01.csv timed-02.csv timed-03.csv --profile on-time --as-of "2025-04-01 00:00:00" \
  --events timed-events-01.csv timed-events-02.csv timed-events-03.csv
expect_eq "$(cat timed/report.rc)" 1 "on-time report (the generator plants unreadable rows)"
OUT=$(cat timed/report.md)
expect_out "on-time (built-in on-time)"
CHECKS=$((CHECKS + 1))
grep -q '"count":"contact_on_time"' timed/rates-current.json || fail "duty rates did not use on-time"
CHECKS=$((CHECKS + 1))
python3 "$DUTY_SRC/tests/e2e/report_numbers.py" timed || fail "report numbers differ from duty rates (on-time)"

# Same input, same bytes.
"$DUTY" report --lists "$LISTS" --period 2025-03 --months 3 -o again.html "${exports[@]}" 2>/dev/null
CHECKS=$((CHECKS + 1))
cmp -s files/report.html again.html || fail "the report is not deterministic"

# An empty period is an error that names the periods there are, and writes nothing.
run report --lists "$LISTS" --period 2024-12 -o empty.html "${exports[@]}"
expect_rc 1 "empty period"
expect_err "2024-12"
CHECKS=$((CHECKS + 1))
[[ ! -e empty.html ]] || fail "no report for an empty period"

# Usage errors.
run report --lists "$LISTS" --period 2025-13 "${exports[@]}"
expect_rc 2 "bad month"
expect_err "is not a month"
run report --lists "$LISTS" --period 2025-03 --format csv "${exports[@]}"
expect_rc 2 "bad format"
run report --lists "$LISTS" --period 2025-03 --db cases.db orders-01.csv
expect_rc 2 "--db and exports"
run report --lists "$LISTS" --period 2025-03 missing.csv
expect_rc 2 "missing input"
run report --lists "$DUTY_SRC/examples/broken-lists" --period 2025-03 "${exports[@]}"
expect_rc 1 "broken lists"
expect_err "the list set has errors"
run report --lists "$LISTS" --period 2025-03 --as-of 2025-02-30 "${exports[@]}"
expect_rc 2 "bad --as-of"
expect_err '--as-of: "2025-02-30" is not a date or time: February 2025 has 28 days'
run report --lists "$LISTS" --period 2025-03 --as-of "2025-04-02 25:00" "${exports[@]}"
expect_rc 2 "bad --as-of time"
expect_err "HH:MM"

# --as-of is the stamp's time; the config file's profile is the default, --profile wins.
run report --lists "$LISTS" --period 2025-03 --format md --as-of "2025-04-02 08:30" "${exports[@]}"
expect_rc 1 "--as-of"
expect_out "- 数据截至: 2025-04-02 08:30:00" "--as-of in the stamp"
printf 'profile: on-time\n' >config.yaml
DUTY_CONFIG=$PWD/config.yaml run report --lists "$LISTS" --period 2025-03 --format md "${exports[@]}"
expect_out "- 考核方案: on-time (built-in on-time)" "the config's profile"
DUTY_CONFIG=$PWD/config.yaml run report --lists "$LISTS" --period 2025-03 --format md --profile bj-practice \
  "${exports[@]}"
expect_out "- 考核方案: bj-practice (built-in bj-practice)" "--profile over the config's"

finish
