#!/usr/bin/env bash
# duty validate FILE... --lists DIR: the files are checked in the context of
# the whole set and only their findings are reported — what a pre-commit hook
# wants. Also the shipped .pre-commit-hooks.yaml, and duty.yaml for validate.
source "$DUTY_SRC/tests/e2e/lib.sh"

cp -R "$DUTY_SRC/lists/yanqing" set
P=set/primary.yaml

# Alone, a file's references to other files cannot resolve.
run validate "$P"
expect_rc 1 "one file alone:"
expect_out "[unknown-reference]" "one file alone:"
# In its set's context: clean, and the summary counts the file given.
run validate --lists set "$P"
expect_rc 0 "one file in context:"
expect_eq "$OUT" "0 errors, 0 warnings in 1 file, 18 items" "one file in context"
run validate --lists set "$P" set/tasks.yaml
expect_eq "$OUT" "0 errors, 0 warnings in 2 files, 39 items" "two files in context"
# --lists alone still checks the whole set.
run validate --lists set
expect_eq "$OUT" "0 errors, 0 warnings in 64 files, 664 items" "the whole set"

# Break two files; the focus reports only its own findings, named as given.
sed -i 's/lead: 区生态环境局/lead: 区生态环境处/' "$P"
sed -i '0,/matter: /s/matter: \(.*\)/matter: 不存在的事项/' set/tasks.yaml
run validate --lists set ./set/primary.yaml
expect_rc 1 "broken file in context:"
expect_out './set/primary.yaml:29:11: error: unit "区生态环境处" is not defined [unknown-reference]' "the file's own error, as named"
expect_out '  = hint: did you mean "区生态环境局"?' "did-you-mean from the set"
expect_not_out "tasks.yaml" "another file's errors are not reported"
expect_out "1 error, 0 warnings in 1 file, 18 items" "broken file in context: summary"
run validate --lists set set/tasks.yaml
expect_out "不存在的事项" "the other file's error when it is given"
expect_not_out "primary.yaml" "and not the first file's"
# A directory of the set as focus.
run validate --lists set set/units
expect_rc 0 "a directory as focus:"
expect_eq "$OUT" "0 errors, 0 warnings in 3 files, 78 items" "a directory as focus"

# A finding across files shows when either end is in focus.
cp set/powers/区水务局.yaml water.orig
printf '  - code: YQ-CGW-CF-01\n    name: 重复\n    category: 行政处罚\n    holder: 区水务局\n    matters: [河道管理]\n    basis: [x]\n' \
  >>set/powers/区水务局.yaml
run validate --lists set set/powers/区城市管理委.yaml
expect_rc 1 "duplicate in another file, related to the focus:"
expect_out 'set/powers/区水务局.yaml:' "duplicate: located in the other file"
expect_out "[duplicate-id]" "duplicate: rule"
expect_out "  set/powers/区城市管理委.yaml:" "duplicate: related to the focus file"
cp water.orig set/powers/区水务局.yaml

# A new file outside the set is checked against it.
mkdir new
printf 'kind: tasks\nitems:\n  - {id: NEW-1, unit: "@街乡", matter: 噪音扰民, role: 配合履职, lead: 区生态环境局}\n' >new/tasks.yaml
run validate --lists set new/tasks.yaml
expect_rc 0 "new file outside the set:"
expect_eq "$OUT" "0 errors, 0 warnings in 1 file, 1 item" "new file outside the set"
run validate --lists set missing.yaml
expect_rc 2 "a file that is not there:"
expect_out "missing.yaml: error: no such file or directory [io]" "a file that is not there"

# The config file: given by name it is checked as one; its rule levels apply.
printf 'rules:\n  unknown-reference: warning\n' >set/duty.yaml
run validate --lists set "$P" set/duty.yaml
expect_rc 0 "config: unknown-reference as a warning:"
expect_out 'warning: unit "区生态环境处" is not defined [unknown-reference]' "config rule level"
expect_out "0 errors, 1 warning in 2 files, 18 items" "config file counted, not its items"
run validate --lists set --strict "$P"
expect_rc 1 "--strict makes the warning an error"
printf 'strict: true\nrules:\n  unknown-reference: warning\n' >set/duty.yaml
run validate --lists set "$P"
expect_rc 1 "config strict: true"
run validate --lists set --no-strict "$P"
expect_rc 0 "--no-strict wins over the config"
printf 'strict: maybe\nrulez: {}\n' >set/duty.yaml
run validate --lists set "$P"
expect_rc 2 "a broken config breaks the command"
expect_err 'set/duty.yaml:1:9: error: "strict" is "maybe"; expected true or false [bad-value]' "config error located"
expect_err 'set/duty.yaml:2:1: error: unknown setting "rulez" [unknown-key]' "config unknown key"
expect_err 'did you mean "rules"?' "config did-you-mean"
expect_err "the config file set/duty.yaml has errors; see duty-config(5)" "config error summary"
run validate set/duty.yaml
expect_rc 1 "the set's broken config given by name: findings, exit 1"
expect_out 'set/duty.yaml:2:1: error: unknown setting "rulez" [unknown-key]' "the set's config given by name"
rm set/duty.yaml
printf 'strict: maybe\n' >other-duty.yaml
mkdir cfg && mv other-duty.yaml cfg/duty.yaml
run validate cfg/duty.yaml
expect_rc 1 "a config file given by name: its problems are findings"
expect_out 'cfg/duty.yaml:1:9: error: "strict" is "maybe"; expected true or false [bad-value]' "config checked by name"
# A set's duty.yaml is not a list file.
printf 'strict: false\n' >set/duty.yaml
cp "$DUTY_SRC/lists/yanqing/primary.yaml" "$P"
cp "$DUTY_SRC/lists/yanqing/tasks.yaml" set/tasks.yaml
run validate set
expect_eq "$OUT" "0 errors, 0 warnings in 64 files, 664 items" "duty.yaml is skipped in the set"

# The pre-commit hooks: what the framework runs for changed files.
hooks=$DUTY_SRC/.pre-commit-hooks.yaml
CHECKS=$((CHECKS + 1))
spec=$(python3 -c '
import re, sys, yaml
hooks = {h["id"]: h for h in yaml.safe_load(open(sys.argv[1]))}
v, a = hooks["duty-validate"], hooks["duty-audit"]
assert v["language"] == "system" and a["language"] == "system"
assert v.get("pass_filenames", True) and a["pass_filenames"] is False
for path in ["set/primary.yaml", "set/units/公安.yml", "set/duty.yaml"]:
    assert re.search(v["files"], path), path
assert not re.search(v["files"], "README.md")
print(v["entry"]); print(a["entry"])
' "$hooks") || fail "pre-commit hooks: $spec"
expect_eq "$spec" "duty validate --in-set
duty audit" "pre-commit entries"
# pre-commit runs: ENTRY ARGS... FILES... with duty on PATH.
mkdir -p bin && ln -sf "$DUTY" bin/duty
sed -i 's/lead: 区生态环境局/lead: 区生态环境处/' "$P"
# The framework passes every changed YAML file: its own config and a CI
# workflow outside the set are skipped and named; the set's files are checked.
mkdir -p .github/workflows
printf 'repos:\n  - repo: local\n' >.pre-commit-config.yaml
printf 'on: push\njobs: {}\n' >.github/workflows/ci.yml
out=$(PATH="$SCRATCH/bin:$PATH" $(head -1 <<<"$spec") --lists set .pre-commit-config.yaml "$P" \
  .github/workflows/ci.yml set/tasks.yaml 2>&1)
rc=$?
CHECKS=$((CHECKS + 1))
[[ $rc == 1 ]] || fail "pre-commit duty-validate on a broken file: expected exit 1, got $rc"
expect_eq "$(tail -1 <<<"$out")" "1 error, 0 warnings in 2 files, 39 items" "pre-commit duty-validate"
expect_eq "$(grep -c 'not in the list set set: skipped (--in-set)$' <<<"$out")" "2" "pre-commit: files outside the set named"
CHECKS=$((CHECKS + 1))
! grep -q 'repos\|kind:' <<<"$out" || fail "pre-commit: a file outside the set was checked: $out"
# Only files outside the set changed: nothing to check, exit 0.
out=$(PATH="$SCRATCH/bin:$PATH" $(head -1 <<<"$spec") --lists set .pre-commit-config.yaml 2>&1)
rc=$?
CHECKS=$((CHECKS + 1))
[[ $rc == 0 ]] || fail "pre-commit duty-validate with no set file: expected exit 0, got $rc: $out"
expect_eq "$(tail -1 <<<"$out")" "0 errors, 0 warnings in 0 files, 0 items" "pre-commit duty-validate, no set file"
# Without --in-set a file outside the set is still checked (and fails).
run validate --lists set .pre-commit-config.yaml
expect_rc 1 "validate --lists of a non-list file without --in-set:"
# A hidden folder of the set (a CI workflow) is not read with the set: skipped.
mkdir -p set/.github/workflows
printf 'on: push\njobs: {}\n' >set/.github/workflows/ci.yaml
run validate --in-set --lists set set/.github/workflows/ci.yaml
expect_rc 0 "--in-set skips a hidden folder of the set:"
expect_err "set/.github/workflows/ci.yaml: hidden, not read with the list set set: skipped (--in-set)" "--in-set names the hidden file"
rm -r set/.github
# A misspelt --lists is an error, not a hook that skips every file.
run validate --in-set --lists sett "$P"
expect_rc 2 "--in-set with a --lists that is no directory:"
expect_err '--lists: "sett" is not a directory' "--in-set names the missing set"
# With no files given, --in-set has nothing to skip: the whole set is checked.
run validate --in-set --lists set
expect_rc 1 "--in-set with no files checks the set:"
expect_out "1 error, 0 warnings in" "--in-set with no files: the set's error"
# A set file that is a symlink to one elsewhere is in the set.
mkdir -p shared && mv set/tasks.yaml shared/tasks.yaml && ln -s ../shared/tasks.yaml set/tasks.yaml
run validate --in-set --lists set set/tasks.yaml
expect_rc 0 "--in-set keeps a symlinked set file:"
expect_out "in 1 file," "--in-set checks the symlinked set file"
CHECKS=$((CHECKS + 1))
! grep -q "skipped" <<<"$ERR" || fail "--in-set skipped a symlinked set file"
rm set/tasks.yaml && mv shared/tasks.yaml set/tasks.yaml
run validate --in-set set
expect_rc 2 "--in-set without --lists:"
expect_err "--in-set skips files outside the set that --lists names: give --lists" "--in-set without --lists"
out=$(PATH="$SCRATCH/bin:$PATH" $(tail -1 <<<"$spec") --as-of 2025-06-01 set 2>&1)
rc=$?
CHECKS=$((CHECKS + 1))
[[ $rc == 1 ]] || fail "pre-commit duty-audit on a broken set: expected exit 1, got $rc"
expect_eq "$(grep -c '\[unknown-reference\]$' <<<"$out")" "1" "pre-commit duty-audit reports the broken reference"
finish
