#!/usr/bin/env bash
# duty completion: the bash script completes commands, options, option values,
# kinds, files and the list set's names (checked with the script's own
# function, as bash's programmable completion calls it); the zsh and fish
# scripts parse, and fish completes the same words.
source "$DUTY_SRC/tests/e2e/lib.sh"

run completion bash
expect_rc 0 "completion bash:"
printf '%s\n' "$OUT" >duty.bash
run completion zsh
expect_rc 0 "completion zsh:"
printf '%s\n' "$OUT" >duty.zsh
run completion fish
expect_rc 0 "completion fish:"
printf '%s\n' "$OUT" >duty.fish
run completion
expect_rc 2 "completion without a shell:"
expect_err "bash|zsh|fish" "completion without a shell:"
run completion tcsh
expect_rc 2 "completion for an unknown shell:"

CHECKS=$((CHECKS + 1))
bash -n duty.bash || fail "the bash script does not parse"

mkdir -p bin lists/sub
ln -s "$DUTY" bin/duty
cp -R "$DUTY_SRC/lists/yanqing" lists/yanqing
touch listing.txt

# comp WORD... : what the bash script offers for the last word (readline's
# text after a '=' is empty), sorted, on one line.
comp() {
  PATH="$SCRATCH/bin:$PATH" bash -c '
    source ./duty.bash
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    cur=${COMP_WORDS[COMP_CWORD]}
    [[ $cur == = ]] && cur=
    _duty duty "$cur" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort | tr "\n" " " | sed "s/ $//"
  ' comp "$@"
}
# expect_comp "EXPECTED" WORD...
expect_comp() {
  local expected=$1
  shift
  local got
  got=$(comp "$@")
  CHECKS=$((CHECKS + 1))
  [[ $got == "$expected" ]] || fail "completing [$*]: expected [$expected], got [$got]"
}

# Commands, from the command table (and help): every command duty --help lists.
commands=$("$DUTY" --help | awk '/^Commands:/ {f = 1; next} f && /^  [a-z]/ {print $1} f && /^$/ {exit}')
expect_eq "$(wc -w <<<"$commands")" "12" "duty --help lists the commands"
expect_comp "$( (echo "$commands"; echo help) | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')" duty ""
expect_comp "audit completion diff gen help ingest query rates replay report route schema validate" duty ""
expect_comp "validate" duty va
expect_comp "--help --version" duty --
# Options of a command, read off its CLI11 app.
expect_comp "--color --format --help --in-set --lists --no-strict --strict" duty validate --
expect_comp "--fail-on --format" duty diff --f
expect_comp "--as-of --at --color --format --help --lists --on --when" duty route --
# The case-log commands are tool objects too: their options and values.
expect_comp "--db" duty ingest --d
expect_comp "--db --encoding --events --format --help --input-format --keep-personal --map --output --pii-key-file --sheet --skip-bad" duty query --
expect_comp "csv json jsonl md text xlsx" duty query --format ""
expect_comp "en zh" duty rates --lang ""
expect_comp "csv json md text xlsx" duty rates -f ""
expect_comp "--sheet" duty rates --sh
expect_comp "csv jsonl tsv" duty rates --input-format ""
# replay, a tool object like the rest.
expect_comp "--events --events-map" duty replay --events
expect_comp "csv json jsonl md text xlsx" duty replay --format ""
expect_comp "--save --sheet --summary" duty replay --s
expect_comp "listing.txt lists" duty ingest --db x.db lis
expect_comp "区城市管理委" duty rates --lists lists/yanqing --unit 区城市
expect_comp "--as-of --at" duty route --a
# Option values: choices (also after '='), rules, dates offer nothing.
expect_comp "auto github json sarif text" duty validate --format ""
expect_comp "sarif" duty validate --format = s
expect_comp "auto csv github json md sarif text xlsx" duty audit -f ""
expect_comp "html md xlsx" duty report --format ""
expect_comp "gb18030 gbk" duty ingest --encoding g
expect_comp "csv jsonl tsv" duty query --input-format ""
expect_comp "--cluster-days --cluster-min" duty report --cluster-
expect_comp "any new none" duty diff --fail-on ""
expect_comp "orphan-matter overlap" duty audit --only o
expect_comp "" duty audit --as-of ""
expect_comp "bash fish zsh" duty completion ""
# The kinds of gen, and a kind's own options.
expect_comp "cases lists" duty gen ""
expect_comp "--matters" duty gen lists --m
expect_comp "--seed" duty gen lists --units 5 --se
expect_comp "--deadlines --dirty" duty gen cases --d
expect_comp "csv xls xlsx" duty gen cases --format ""
expect_comp "--planted --profile" duty gen cases --p
expect_comp "gbk utf-8" duty gen cases --encoding ""
# help names the commands.
expect_comp "gen" duty help g
# Files and directories.
expect_comp "listing.txt lists" duty validate lis
expect_comp "lists" duty validate --lists lis
expect_comp "lists/sub lists/yanqing" duty audit --lists lists/
# Names of the list set: from --lists, else $DUTY_LISTS, else none.
expect_comp "在建违法建设" duty route --lists lists/yanqing 在建
expect_comp "儒林街道" duty route --lists lists/yanqing --at 儒
expect_comp "" duty route --at 儒
DUTY_LISTS=lists/yanqing expect_comp "儒林街道" duty route --at 儒
DUTY_LISTS=lists/yanqing expect_comp "噪音扰民" duty route --at 八达岭镇 --when noise_source=工业设备 噪音
# The names the scripts ask for.
run completion --names territories --lists lists/yanqing
expect_rc 0 "--names territories:"
expect_eq "$(wc -l <<<"$OUT")" "36" "--names territories: 18 territories, id and name"
expect_out "延庆区儒林街道办事处" "--names territories: full names"
expect_not_out "区城市管理委" "--names territories: no departments"
run completion --names units --lists lists/yanqing
expect_out "区城市管理委" "--names units: departments too"
run completion --names matters --lists lists/yanqing
expect_out "在建违法建设" "--names matters"

# zsh: the script parses and registers itself.
if command -v zsh >/dev/null; then
  CHECKS=$((CHECKS + 1))
  zsh -n duty.zsh || fail "the zsh script does not parse"
  got=$(zsh -f -c 'autoload -U compinit; compinit -u -D; source ./duty.zsh; print -r -- $_comps[duty]; whence -w _duty_gen_lists' 2>&1)
  expect_eq "$got" "_duty_main
_duty_gen_lists: function" "zsh registration"
  # Names: _arguments calls the action with compadd's options first (-J group).
  got=$(zsh -f -c 'autoload -U compinit; compinit -u -D; source ./duty.zsh
compadd() { print -r -- "${@[1,-3]}" ${#names} ${names[(r)儒林街道]} }
words=(duty route --lists "$1" --at "")
_duty_prog=$2
_duty_names -J -default- territories' zsh "$DUTY_SRC/lists/yanqing" "$DUTY" 2>&1)
  expect_eq "$got" "-J -default- 36 儒林街道" "zsh: territory names, with _arguments' options"
else
  fail "zsh is needed: bash scripts/install-deps.sh test"
fi

# fish: the script parses, and completes as bash does.
if command -v fish >/dev/null; then
  CHECKS=$((CHECKS + 1))
  fish -n duty.fish || fail "the fish script does not parse"
  fcomp() { PATH="$SCRATCH/bin:$PATH" fish -c "source ./duty.fish; complete -C '$1'" | cut -f1 | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'; }
  expect_eq "$(fcomp 'duty va')" "validate" "fish: commands"
  expect_eq "$(fcomp 'duty validate --format ')" "auto github json sarif text" "fish: --format values"
  expect_eq "$(fcomp 'duty gen ')" "cases lists" "fish: gen kinds"
  expect_eq "$(fcomp 'duty gen lists --se')" "--seed" "fish: a kind's options"
  expect_eq "$(fcomp 'duty route --lists lists/yanqing --at 儒')" "儒林街道" "fish: territories"
  expect_eq "$(fcomp 'duty audit --only ov')" "overlap" "fish: rules"
else
  fail "fish is needed: bash scripts/install-deps.sh test"
fi
finish
