#!/usr/bin/env bash
# duty.yaml / .duty.yaml (duty-config(5)): found upward from the list set as
# yamllint finds its config; rule levels, strict and the as-of policy apply to
# audit, validate, route and diff; options on the command line win.
source "$DUTY_SRC/tests/e2e/lib.sh"

mkdir -p repo/lists
cp -R "$DUTY_SRC/tests/fixtures/audit/as-of" repo/lists/set      # a unit retired 2025-03-31
cp -R "$DUTY_SRC/tests/fixtures/audit/idle-unit" repo/lists/idle # an idle unit: a warning
S=repo/lists/set

# No config: today's date, so the retired unit is an error.
run audit "$S"
expect_rc 1 "no config:"
# as-of: a date, in the set's own duty.yaml.
printf 'as-of: 2019-06-01\n' >"$S/duty.yaml"
run audit "$S"
expect_rc 0 "config as-of date:"
expect_eq "$OUT" "0 errors, 0 warnings in 6 files, 15 items" "config as-of: duty.yaml is no list file"
run audit --as-of 2025-06-01 "$S"
expect_rc 1 "--as-of wins over the config"
expect_out "[retired-unit]" "--as-of wins over the config"
# .duty.yaml one level up, found from the set; duty.yaml in the set comes first.
rm "$S/duty.yaml"
printf 'as-of: 2019-06-01\n' >repo/.duty.yaml
run audit "$S"
expect_rc 0 "config found upward:"
printf 'as-of: 2025-06-01\n' >"$S/duty.yaml"
run audit "$S"
expect_rc 1 "the nearest config wins"
rm "$S/duty.yaml" repo/.duty.yaml
# $DUTY_CONFIG names one explicitly.
printf 'as-of: 2019-06-01\n' >elsewhere.yaml
DUTY_CONFIG=elsewhere.yaml run audit "$S"
expect_rc 0 "DUTY_CONFIG:"
# The user's global config, when the set has none.
mkdir -p "$XDG_CONFIG_HOME/duty" # lib.sh points it into the scratch directory
printf 'as-of: 2019-06-01\n' >"$XDG_CONFIG_HOME/duty/config.yaml"
run audit "$S"
expect_rc 0 "global config:"
rm "$XDG_CONFIG_HOME/duty/config.yaml"

# Rule levels: off, warning, error; --only wins over off.
printf 'as-of: 2025-06-01\nrules:\n  retired-unit: off\n' >"$S/duty.yaml"
run audit "$S"
expect_rc 0 "rule off:"
expect_not_out "retired-unit" "rule off"
run audit --only retired-unit "$S"
expect_rc 1 "--only wins over off"
expect_out "[retired-unit]" "--only wins over off"
printf 'as-of: 2025-06-01\nrules:\n  retired-unit: warning\n' >"$S/duty.yaml"
run audit "$S"
expect_rc 0 "rule as a warning:"
expect_out "0 errors, 1 warning" "rule as a warning"
expect_out "warning: unit \"区旅游委\" is not in force" "rule as a warning"
# strict: the config's, then the command line's.
printf 'as-of: 2025-06-01\nstrict: true\nrules:\n  retired-unit: warning\n' >"$S/duty.yaml"
run audit "$S"
expect_rc 1 "config strict: true"
run audit --no-strict "$S"
expect_rc 0 "--no-strict wins"
printf 'rules:\n  idle-unit: error\n' >repo/lists/idle/duty.yaml
run audit --as-of 2025-06-01 repo/lists/idle
expect_rc 1 "a warning rule raised to error"
expect_out "1 error, 0 warnings" "a warning rule raised to error"
rm repo/lists/idle/duty.yaml

# as-of: required — every command that reads the lists on a date asks for it.
printf 'as-of: required\n' >"$S/duty.yaml"
run audit "$S"
expect_rc 2 "as-of required: audit"
expect_err "duty audit: error: --as-of is required: the config file sets as-of: required" "as-of required: audit"
run audit --as-of 2025-06-01 "$S"
expect_rc 1 "as-of required, given"
run route --lists "$S" 环境脏乱 --at 甲街道
expect_rc 2 "as-of required: route"
run route --lists "$S" 环境脏乱 --at 甲街道 --on 2025-06-01
expect_rc 0 "route --on is --as-of"
expect_out "date:      2025-06-01" "route --on"
run route --lists "$S" 环境脏乱 --at 甲街道 --as-of 2025-06-01
expect_out "date:      2025-06-01" "route --as-of"

# Mistakes in the config: usage errors, located, with did-you-mean.
printf 'as_of: 2025-06-01\nrules: {overlapp: off, idle-unit: of}\n' >"$S/duty.yaml"
run audit "$S"
expect_rc 2 "bad config:"
expect_err "$S/duty.yaml:1:1: error: unknown setting \"as_of\" [unknown-key]" "bad config: key"
expect_err 'did you mean "as-of"?' "bad config: key hint"
expect_err "$S/duty.yaml:2:9: error: unknown rule \"overlapp\" [unknown-key]" "bad config: rule"
expect_err "$S/duty.yaml:2:35: error: level \"of\" of rule \"idle-unit\"; expected error, warning or off [bad-value]" "bad config: level"
expect_err "duty audit: error: the config file $S/duty.yaml has errors; see duty-config(5)" "bad config: summary"
printf 'rules: {syntax: off}\n' >"$S/duty.yaml"
run audit "$S"
expect_rc 2 "unconfigurable rule:"
expect_err 'rule "syntax" cannot be configured' "unconfigurable rule"
printf 'profile: [a, b]\n' >"$S/duty.yaml"
run validate "$S"
expect_rc 2 "profile must be one name:"
expect_err '"profile" is a list; expected a single value' "profile must be one name"
# The config's profile: a profile of the set, a built-in, or a file beside the
# config. One that is none of these is a finding of validate (at the config's
# line), and rates, replay and report name the config's line, not --profile.
cp -R "$DUTY_SRC/lists/yanqing" yq
ORDERS="$DUTY_SRC/examples/yanqing-2025-03-orders.csv"
printf 'strict: false\nprofile: yanqin\n' >yq/duty.yaml
run validate yq
expect_rc 1 "validate: an unknown config profile:"
expect_out 'yq/duty.yaml:2:10: error: "profile" is "yanqin", which is neither a profile of the list set nor a built-in [unknown-reference]' "validate: the config's profile"
expect_out 'did you mean "yanqing"?' "validate: the config's profile, did you mean"
run validate --lists yq yq/duty.yaml
expect_rc 1 "validate --lists with the config given:"
expect_out 'yq/duty.yaml:2:10: error: "profile" is "yanqin"' "validate --lists: the config's profile"
run validate yq/duty.yaml
expect_rc 1 "validate the config file alone:"
expect_out 'yq/duty.yaml:2:10: error: "profile" is "yanqin"' "validate the config alone: its profile"
run validate --lists yq yq/tasks.yaml
expect_rc 0 "validate --lists of another file: the config is not its finding"
for cmd in rates replay; do
  run "$cmd" --lists yq "$ORDERS"
  expect_rc 2 "$cmd with an unknown config profile:"
  expect_err "yq/duty.yaml:2:10: profile: no profile \"yanqin\"; did you mean \"yanqing\"?" "$cmd names the config's line"
  CHECKS=$((CHECKS + 1))
  ! grep -q -- "--profile" <<<"$ERR" || fail "$cmd blames --profile, which was not given"
done
run report --lists yq --period 2025-03 --format md "$ORDERS"
expect_rc 2 "report with an unknown config profile:"
expect_err "yq/duty.yaml:2:10: profile: no profile \"yanqin\"" "report names the config's line"
# --profile wins over a broken config profile.
# (The example export has planted bad rows: exit 1, the rates are still printed.)
run rates --lists yq --profile bj-practice "$ORDERS" --format csv
expect_rc 1 "--profile wins over the config's:"
expect_out "街乡镇,2025-03..2025-04,1,永宁镇,8,7,7,7,7,0,100.00%,100.00%,100.00%,100.0" "--profile wins: the rates"
for good in yanqing on-time bj-practice; do
  printf 'profile: %s\n' "$good" >yq/duty.yaml
  run validate yq
  expect_rc 0 "validate: config profile $good:"
done
# A folder of the set is not the set: its profile is not looked for there.
printf 'profile: yanqing\n' >yq/duty.yaml
run validate yq/units
expect_rc 0 "validate a folder of the set: no profile finding:"
(cd yq/units && "$DUTY" validate . >/dev/null 2>&1)
RC=$?
expect_rc 0 "validate . in a folder of the set:"
# The level of unknown-reference, as configured, applies to the finding.
printf 'profile: nope\nrules: {unknown-reference: warning}\n' >yq/duty.yaml
run validate yq
expect_rc 0 "the configured level applies to the profile finding:"
expect_out 'yq/duty.yaml:1:10: warning: "profile" is "nope"' "the profile finding as a warning"
# A user's config (or $DUTY_CONFIG's) is not the set's: its profile is not checked against the set.
rm yq/duty.yaml
mkdir -p "$XDG_CONFIG_HOME/duty"
printf 'profile: my-team\n' >"$XDG_CONFIG_HOME/duty/config.yaml"
run validate yq
expect_rc 0 "a user's config profile is not the set's finding:"
printf 'profile: my-team\n' >elsewhere-profile.yaml
DUTY_CONFIG=$PWD/elsewhere-profile.yaml run validate yq
expect_rc 0 "a DUTY_CONFIG profile is not the set's finding:"
rm "$XDG_CONFIG_HOME/duty/config.yaml"
# A profile file named in the config is found from the config's directory, from any directory.
mkdir -p profs yq/extra
sed 's/id: yanqing/id: other/' yq/profile/*.yaml >profs/other.yaml
printf 'profile: ../profs/other.yaml#other\n' >yq/duty.yaml
run validate yq
expect_rc 0 "validate: a config profile file:"
(cd yq/extra && "$DUTY" rates --lists .. --format csv "$ORDERS" >"$SCRATCH/rates-other.csv" 2>"$SCRATCH/rates-other.err")
RC=$?
expect_rc 1 "rates with the config's profile file, from a subdirectory:"
CHECKS=$((CHECKS + 1))
grep -q "^街乡镇,2025-03..2025-04,1,永宁镇," rates-other.csv || fail "rates with the config's profile file: no rates"
# … or a directory of profile files.
printf 'profile: ../profs#other\n' >yq/duty.yaml
run validate yq
expect_rc 0 "validate: a config profile directory:"
run rates --lists yq --format csv "$ORDERS"
expect_rc 1 "rates with a config profile directory:"
expect_out "街乡镇,2025-03..2025-04,1,永宁镇," "rates with a config profile directory"
# A missing file is said to be missing, with where it was looked for.
printf 'profile: missing.yaml\n' >yq/duty.yaml
run validate yq
expect_rc 1 "validate: a config profile file that is missing:"
expect_out 'yq/duty.yaml:1:10: error: "profile" names the file "missing.yaml", which does not exist' "a missing profile file"
expect_out "found from the config file's directory: yq/missing.yaml" "where a missing profile file was looked for"
# A broken profile file named in the config: its errors, then the config's line.
printf 'kind: profile\nitems:\n  - {id: bad, weights: 3}\n' >profs/bad.yaml
printf 'profile: ../profs/bad.yaml\n' >yq/duty.yaml
run rates --lists yq --format csv "$ORDERS"
expect_rc 1 "rates with a broken config profile file:"
expect_err "yq/duty.yaml:1:10: profile: yq/../profs/bad.yaml: the profile has errors" "a broken profile file blamed on the config"
CHECKS=$((CHECKS + 1))
! grep -q -- "--profile" <<<"$ERR" || fail "a broken config profile file blamed on --profile"
rm yq/duty.yaml
finish
