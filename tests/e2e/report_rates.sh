#!/usr/bin/env bash
# duty report agrees with duty rates: a three-month generated series through
# duty report (Markdown and HTML) and through duty rates (md, json, --compare,
# each month), compared number by number by report_numbers.py.
source "$(dirname "$0")/lib.sh"
LISTS="$DUTY_SRC/lists/yanqing"

for m in 01 02 03; do
  run gen cases --lists "$LISTS" --orders 1500 --seed "2025$m" --month "2025-$m" -o "orders-$m.csv"
  expect_rc 0 "gen cases 2025-$m"
done
inputs=(orders-01.csv orders-02.csv orders-03.csv)

# The generator plants a few unreadable rows: the report is written and says so (exit 1).
"$DUTY" report --lists "$LISTS" --period 2025-03 --months 3 --format md -o report.md "${inputs[@]}" 2>report.err
RC=$?
ERR=$(cat report.err)
expect_rc 1 "report md"
expect_err "could not be read and are not counted"
"$DUTY" report --lists "$LISTS" --period 2025-03 --months 3 -o report.html "${inputs[@]}" 2>/dev/null
RC=$?
expect_rc 1 "report html"

rates() { "$DUTY" rates --lists "$LISTS" "$@" "${inputs[@]}" 2>/dev/null; }
rates --period 2025-03 --format md >rates-current.md
rates --period 2025-03 --format json >rates-current.json
rates --period 2025-02 --format json >rates-previous.json
rates --period 2025-03 --compare 2025-02 --format md >rates-compare.md
for m in 2025-01 2025-02 2025-03; do rates --period "$m" --format md >"rates-$m.md"; done
echo 2025-03 >period
echo 2025-01 2025-02 2025-03 >months
"$DUTY" audit --as-of 2025-03-31 --matrix --format json "$LISTS" >matrix.json
"$DUTY" validate "$LISTS" >validate.txt

CHECKS=$((CHECKS + 1))
python3 "$DUTY_SRC/tests/e2e/report_numbers.py" . || fail "report numbers differ from duty rates"

# Same input, same bytes.
"$DUTY" report --lists "$LISTS" --period 2025-03 --months 3 -o again.html "${inputs[@]}" 2>/dev/null
CHECKS=$((CHECKS + 1))
cmp -s report.html again.html || fail "the report is not deterministic"

# An empty period is an error that names the periods there are.
run report --lists "$LISTS" --period 2024-12 "${inputs[@]}"
expect_rc 1 "empty period"
expect_err "2024-12"
[[ -z $OUT ]] || fail "no report for an empty period"

finish
