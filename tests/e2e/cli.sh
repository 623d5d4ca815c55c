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

# Usage errors in a subcommand: exit 2 with a pointer to --help.
run validate --bogus
expect_rc 2 "bad option:"
expect_err "duty validate: error:" "bad option:"
expect_err "Try 'duty validate --help'" "bad option:"
run validate --format
expect_rc 2 "option without its value:"
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
finish
