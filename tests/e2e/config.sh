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
finish
