#!/usr/bin/env bash
# One way to load a list set: every command that takes --lists runs the full
# check and stops on a broken set with the same report and exit status
# (1 for errors in the lists, 2 for a file it cannot read).
source "$(dirname "$0")/lib.sh"

# A set whose files parse and match the schema but name a unit that does not exist:
# only the cross-file check sees it.
mkdir broken
cp "$DUTY_SRC"/tests/fixtures/audit/overlap/*.yaml broken/
sed -i 's/holder: 区市场监管局/holder: 区市场监管委/' broken/powers.yaml
run validate broken
expect_rc 1 "validate sees the unknown reference"
expect_out 'unit "区市场监管委" is not defined [unknown-reference]' "validate"
REPORT=$(grep -F '[unknown-reference]' <<<"$OUT")

printf '工单编号,问题分类,被反映街乡镇,来电时间\nA1,环境脏乱,甲街道,2025-03-01 08:00:00\n' >orders.csv
check_stops() { # check_stops LABEL ARGS...: the command stops with validate's finding and exit 1
  local label=$1
  shift
  run "$@"
  expect_rc 1 "$label: a broken set stops it"
  expect_err "$REPORT" "$label: the same finding as validate"
  expect_err "broken: the list set has errors; see 'duty validate broken'" "$label: says what to do"
}
check_stops route route --lists broken 环境脏乱 --at 甲街道 --on 2025-06-01
check_stops ingest ingest --db store.db --lists broken orders.csv
CHECKS=$((CHECKS + 1))
[[ ! -e store.db ]] || fail "ingest: no store is created from a broken set"
check_stops "gen cases" gen cases --lists broken --orders 10
DUTY_LISTS=broken run ingest --db store.db orders.csv
expect_rc 1 "ingest via DUTY_LISTS: a broken set stops it"

# A set that cannot be read at all is a usage/I-O failure: exit 2 everywhere.
for cmd in "route --lists missing-dir 环境脏乱 --at 甲街道" "ingest --db s2.db --lists missing-dir orders.csv" \
  "gen cases --lists missing-dir --orders 10"; do
  # shellcheck disable=SC2086
  run $cmd
  expect_rc 2 "$cmd: an unreadable set"
  expect_err "missing-dir" "$cmd: names the path"
done

finish
