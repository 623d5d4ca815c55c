#!/usr/bin/env bash
# The duty front end: version, help, command lookup, external duty-NAME
# commands, and usage errors.
source "$DUTY_SRC/tests/e2e/lib.sh"

run --version
expect_rc 0 "--version:"
CHECKS=$((CHECKS + 1))
[[ $OUT =~ ^duty\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version: expected 'duty X.Y.Z'"
run -V
expect_rc 0 "-V:"
expect_out "duty " "-V:"

run --help
expect_rc 0 "--help:"
expect_out "usage: duty" "--help:"
expect_out "validate" "--help lists validate:"
expect_out "Exit status" "--help:"
run
expect_rc 2 "no command:"
expect_out "usage: duty" "no command:"
run help
expect_rc 0 "help:"
expect_out "usage: duty" "help:"

run help validate
expect_rc 0 "help validate:"
expect_out "--format" "help validate:"
expect_out "Exit status" "help validate:"
run validate --help
expect_rc 0 "validate --help:"
expect_out "--color" "validate --help:"

run valdate
expect_rc 2 "misspelt command:"
expect_err "'valdate' is not a duty command" "misspelt command:"
expect_err "The most similar command is" "misspelt command:"
expect_err "validate" "misspelt command:"
run help valdate
expect_rc 2 "help for a misspelt command:"
expect_err "The most similar command is" "help for a misspelt command:"
run zzzzzzzzzz
expect_rc 2 "unknown command:"
expect_err "is not a duty command" "unknown command:"
run --bogus
expect_rc 2 "unknown global option:"

# External commands: duty NAME runs duty-NAME from PATH with the remaining arguments.
mkdir bin
cat >bin/duty-hello <<'EOF'
#!/bin/sh
printf 'hello from duty-hello:'
for a in "$@"; do printf ' [%s]' "$a"; done
echo
exit 3
EOF
chmod +x bin/duty-hello
PATH="$SCRATCH/bin:$PATH" run hello a 'b c'
expect_rc 3 "external command exit status passed through:"
expect_out "hello from duty-hello: [a] [b c]" "external command arguments:"
# A built-in command wins over an external one of the same name.
cp bin/duty-hello bin/duty-validate
PATH="$SCRATCH/bin:$PATH" run validate --help
expect_rc 0 "built-in wins:"
expect_not_out "hello from" "built-in wins:"
# Not executable: not a command.
chmod -x bin/duty-hello
PATH="$SCRATCH/bin:$PATH" run hello
expect_rc 2 "non-executable duty-NAME:"

# duty help for an external command runs duty-NAME --help.
chmod +x bin/duty-hello
PATH="$SCRATCH/bin:$PATH" run help hello
expect_rc 3 "help for an external command:"
expect_out "hello from duty-hello: [--help]" "help for an external command runs duty-NAME --help"

# duty help: every command's usage names it as typed; a kind's help; help's own.
for c in validate audit route diff gen schema completion; do
  run help "$c"
  expect_rc 0 "help $c:"
  expect_out "Usage: duty $c " "help $c names the command"
done
run help gen lists
expect_rc 0 "help gen lists:"
expect_out "Usage: duty gen lists [OPTIONS] dir" "help gen lists"
expect_out "--overlaps" "help gen lists shows the kind's options"
run gen lists --help
expect_eq "$OUT" "$("$DUTY" help gen lists)" "gen lists --help is help gen lists"
run help gen cases
expect_out "--orders" "help gen cases"
run help gen lsts
expect_rc 2 "help for a misspelt kind:"
expect_err "'lsts' is not a kind of 'duty gen'" "help for a misspelt kind"
expect_err "The most similar kind is" "help for a misspelt kind: suggestion"
run help validate extra
expect_rc 2 "help for a kind of a command without kinds:"
expect_err "has no kinds" "help for a kind of a command without kinds"
run help help
expect_rc 0 "help help:"
expect_out "usage: duty help [COMMAND [KIND]]" "help help"
expect_not_out "is not a duty command" "help help"
run help ingest
expect_rc 0 "help for a command that parses its own options:"
expect_out "--db" "help ingest"
run gen
expect_rc 2 "gen without a kind:"
expect_err "no kind given; kinds: lists, cases" "gen without a kind"
run gen lsts
expect_rc 2 "gen with a misspelt kind:"
expect_err "unknown kind 'lsts' (did you mean \"lists\"?)" "gen with a misspelt kind"

# Usage errors in a subcommand: exit 2 with a pointer to --help.
run validate --bogus
expect_rc 2 "bad option:"
expect_err "duty validate: error:" "bad option:"
expect_err "Try 'duty validate --help'" "bad option:"
run validate --format
expect_rc 2 "option without its value:"
run gen lists --bogus x
expect_rc 2 "bad option of a kind:"
expect_err "Try 'duty gen lists --help'" "bad option of a kind names the kind"
# No path and no DUTY_LISTS: usage error.
run validate
expect_rc 2 "validate without a list set:"
expect_err "DUTY_LISTS" "validate without a list set:"

# "-" reads one list file from standard input, named <stdin> in findings.
printf 'kind: units\nitems:\n  - {id: a, name: b, type: deprtment}\n' >"$SCRATCH/stdin.yaml"
run_in "$SCRATCH/stdin.yaml" validate -
expect_rc 1 "validate -"
expect_out '<stdin>:3:28: error: unknown unit type "deprtment" [bad-value]' "validate - names <stdin>"
printf 'kind: units\nitems:\n  - {id: a, name: b, type: department}\n' >"$SCRATCH/stdin-ok.yaml"
run_in "$SCRATCH/stdin-ok.yaml" validate -
expect_rc 0 "validate - on a clean file"
# Messages that once misled (issue: one command line).
SET="$DUTY_SRC/lists/yanqing"
run --verbose validate
expect_rc 2 "a global --verbose:"
expect_err "duty itself takes only --help and --version" "a global --verbose names duty's own options"
expect_err "'duty validate' has no --verbose either" "a global --verbose points at the command"
CHECKS=$((CHECKS + 1))
! grep -q "is not a duty command" <<<"$ERR" || fail "--verbose called a command"
# The option a bad format came with is named once.
for cmd in validate audit diff route query rates replay report; do
  run "$cmd" --format xml
  expect_rc 2 "$cmd --format xml:"
  expect_err "duty $cmd: error: --format: \"xml\" is not a format of this command; expected" "$cmd --format xml"
  CHECKS=$((CHECKS + 1))
  ! grep -q -- "--format: --format" <<<"$ERR" || fail "$cmd names --format twice"
done
# --color's value is the option's, not the matter's.
run route --lists "$SET" --as-of 2025-06-01 --color never 噪音扰民 --at 儒林街道 --when noise_source=夜间施工
expect_rc 0 "route --color never MATTER:"
expect_out "噪音扰民" "route --color never routes the matter"
run route --lists "$SET" --color never --at 儒林街道
expect_rc 2 "route --color never without a matter:"
expect_err "duty route: error: matter is required" "route without a matter says so"
CHECKS=$((CHECKS + 1))
! grep -q "never" <<<"$ERR" || fail "route took never for the matter"
# query: an empty pipe, a directory for --db, an SQL syntax error.
run_in /dev/null query "select 1"
expect_rc 1 "query from an empty pipe:"
expect_err "<stdin>: empty input: no header line and no rows" "query from an empty pipe"
CHECKS=$((CHECKS + 1))
! grep -q "id column\|工单编号" <<<"$ERR" || fail "an empty pipe blamed on a missing id column"
mkdir storedir
run query --db storedir "select 1"
expect_rc 2 "query --db DIR:"
expect_err "storedir: a directory, not a case store" "query --db DIR"
CHECKS=$((CHECKS + 1))
! grep -qi "disk I/O error" <<<"$ERR" || fail "query --db DIR says disk I/O error"
printf '工单编号,诉求类别\nA1,x\n' >one.csv
run_in one.csv query "selec id from orders"
expect_rc 2 "an SQL syntax error is a usage error:"
expect_err 'near "selec": syntax error' "an SQL syntax error is named"
run completion --names bogus
expect_rc 2 "completion --names bogus:"
expect_err '--names: "bogus" is not one of matters, territories, units' "completion --names names itself"
finish
