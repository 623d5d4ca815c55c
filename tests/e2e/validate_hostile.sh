#!/usr/bin/env bash
# duty validate on hostile input: every case must end quickly, without a
# crash, with the right exit status and a located diagnostic naming the rule.
# Small cases live in tests/corpus/hostile/; binary and huge ones are made here.
source "$DUTY_SRC/tests/e2e/lib.sh"

cp -R "$DUTY_SRC/tests/corpus/hostile" hostile
H=hostile

# run_t ARGS...: `run` under a 20-second timeout (exit 124 on a hang).
run_t() {
  local duty=$DUTY
  DUTY=timeout
  run 20 "$duty" "$@"
  DUTY=$duty
}

# expect_case NAME RC RULE WHERE ARGS...: runs `duty validate ARGS`, expects exit RC,
# a finding of RULE located at WHERE (e.g. "x.yaml:3:5:" or "x.yaml:" for a whole
# file) and no crash.
expect_case() {
  local name=$1 rc=$2 rule=$3 where=$4
  shift 4
  run_t validate "$@"
  CHECKS=$((CHECKS + 1))
  ((RC < 128 && RC != 124)) || fail "$name: crashed or hung (exit $RC)"
  expect_rc "$rc" "$name:"
  expect_out "$where" "$name:"
  expect_out "[$rule]" "$name:"
}

# Bytes that are not UTF-8: "儒林街道" as GB18030, as saved by Chinese Excel.
printf 'kind: units\nitems:\n  - id: u1\n    name: \310\345\301\326\275\326\265\300\n    type: street\n' \
  >"$H/gbk.yaml"
expect_case gbk 1 encoding "$H/gbk.yaml:4:11:" "$H/gbk.yaml"
expect_out "GB18030" "gbk hint:"
# The echoed source line must itself be valid UTF-8 (never raw GBK bytes).
CHECKS=$((CHECKS + 1))
python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' <<<"$OUT" ||
  fail "gbk: text output is not UTF-8"
if command -v iconv >/dev/null; then
  iconv -f UTF-8 -t GB18030 <"$H/valid.yaml" >"$H/gbk-iconv.yaml"
  expect_case gbk-iconv 1 encoding "$H/gbk-iconv.yaml:2:" "$H/gbk-iconv.yaml"
fi

# NUL bytes; the NUL must not be echoed to the terminal.
printf 'kind: units\nitems:\n  - id: u\0001\n' >"$H/nul.yaml"
expect_case nul 1 encoding "$H/nul.yaml:3:10:" "$H/nul.yaml"
CHECKS=$((CHECKS + 1))
"$DUTY" validate "$H/nul.yaml" | od -An -c | grep -qF '\0' && fail "nul: NUL byte echoed in output"

# A UTF-8 BOM is accepted.
{
  printf '\357\273\277'
  cat "$H/valid.yaml"
} >"$H/bom.yaml"
run_t validate "$H/bom.yaml"
expect_rc 0 "bom:"
expect_out "0 errors" "bom:"

expect_case tab-indent 1 syntax "$H/tab-indent.yaml:3:1:" "$H/tab-indent.yaml"
expect_case empty 1 schema "$H/empty.yaml:1:1:" "$H/empty.yaml"
expect_case only-comments 1 schema "$H/only-comments.yaml:1:1:" "$H/only-comments.yaml"

# 100,000-deep nesting, block and flow.
python3 -c 'print("kind: matters\nitems: " + "[" * 100000 + "]" * 100000)' >"$H/deep-flow.yaml"
expect_case deep-flow 1 syntax "$H/deep-flow.yaml:2:" "$H/deep-flow.yaml"
# Block style on one line: each "- " opens a sequence inside the one before.
python3 -c 'print("kind: matters\nitems:\n  " + "- " * 100000 + "x")' >"$H/deep-block.yaml"
expect_case deep-block 1 syntax "$H/deep-block.yaml:" "$H/deep-block.yaml"

expect_case alias-cycle 1 alias "$H/alias-cycle.yaml:3:5:" "$H/alias-cycle.yaml"
expect_case alias-bomb 1 alias "$H/alias-bomb.yaml:" "$H/alias-bomb.yaml"
expect_out "alias bomb" "alias-bomb:"

# A 20 MB scalar where a short word belongs: reported, and the report stays small.
python3 -c 'print("kind: units\nitems:\n  - id: u1\n    name: n\n    type: " + "街" * 7000000)' >"$H/huge-scalar.yaml"
expect_case huge-scalar 1 bad-value "$H/huge-scalar.yaml:5:11:" "$H/huge-scalar.yaml"
CHECKS=$((CHECKS + 1))
((${#OUT} < 4000)) || fail "huge-scalar: report is ${#OUT} characters long"
# The same scalar where any text is fine is no error.
python3 -c 'print("kind: units\nitems:\n  - id: u1\n    type: street\n    name: " + "x" * 20000000)' >"$H/huge-name.yaml"
run_t validate "$H/huge-name.yaml"
expect_rc 0 "huge-name:"

expect_case no-lists 1 no-lists "$H/no-lists:" "$H/no-lists"

# Unreadable input: exit 2. chmod 000 does not stop root, so the portable cases
# are a dangling symbolic link and a FIFO (which must not block the read).
mkdir -p unreadable
cp "$H/valid.yaml" unreadable/ok.yaml
ln -s does-not-exist.yaml unreadable/dangling.yaml
expect_case dangling-link 2 io "unreadable/dangling.yaml:" unreadable
mkdir -p fifo
mkfifo fifo/pipe.yaml
expect_case fifo 2 io "fifo/pipe.yaml:" fifo
cp "$H/valid.yaml" locked.yaml
chmod 000 locked.yaml
if ! cat locked.yaml >/dev/null 2>&1; then
  expect_case chmod-000 2 io "locked.yaml:" locked.yaml
fi
chmod 644 locked.yaml
expect_case nonexistent 2 io "no/such/dir:" no/such/dir

expect_case unknown-kind 1 unknown-kind "$H/unknown-kind.yaml:1:7:" "$H/unknown-kind.yaml"
expect_out 'did you mean "powers"' "unknown-kind:"
expect_case unknown-key 1 unknown-key "$H/unknown-key.yaml:5:5:" "$H/unknown-key.yaml"
expect_out 'did you mean "aliases"' "unknown-key:"
expect_case duplicate-key 1 duplicate-key "$H/duplicate-key.yaml:5:5:" "$H/duplicate-key.yaml"
expect_out "$H/duplicate-key.yaml:4:5:" "duplicate-key related:"
expect_case duplicate-ids 1 duplicate-id "$H/duplicate-ids/b.yaml:5:9:" "$H/duplicate-ids"
expect_out "$H/duplicate-ids/a.yaml:3:9:" "duplicate-ids related:"
expect_case bad-date 1 bad-value "$H/bad-date.yaml:6:17:" "$H/bad-date.yaml"
expect_case bad-duration 1 bad-value "$H/bad-duration.yaml:7:20:" "$H/base" "$H/bad-duration.yaml"
expect_out "1 error," "bad-duration: only the planted error"
expect_case second-document 1 syntax "$H/second-document.yaml:3:1:" "$H/second-document.yaml"
expect_case non-mapping-root 1 schema "$H/non-mapping-root.yaml:1:1:" "$H/non-mapping-root.yaml"
expect_case items-not-list 1 schema "$H/items-not-list.yaml:3:3:" "$H/items-not-list.yaml"
expect_case weekday-workday 1 calendar "$H/calendar-weekday-workday.yaml:5:" \
  "$H/calendar-weekday-workday.yaml"
expect_out "2025-02-07" "weekday-workday:"

finish
