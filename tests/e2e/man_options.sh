#!/usr/bin/env bash
# Every manual page of a command agrees with the command line: each option in
# its SYNOPSIS and in its list of options exists in the command, and each
# option of the command (any of its names) appears in both. Commands with kinds
# (duty gen lists|cases, duty completion) are checked against all their kinds.
source "$DUTY_SRC/tests/e2e/lib.sh"
PY=$(command -v python3) || exit 77

OUT="" ERR=""
commands=$("$DUTY" --help | awk '/^Commands:/ {f = 1; next} f && /^  [a-z]/ {print $1} f && /^$/ {exit}')
expect_eq "$(( $(wc -w <<<"$commands") >= 10 ))" 1 "duty --help lists the commands"

for c in $commands; do
  page="$DUTY_SRC/man/duty-$c.1"
  CHECKS=$((CHECKS + 1))
  [[ -f $page ]] || { fail "duty $c has no manual page"; continue; }
  # The command's help, and its kinds' (the names under "Kinds:").
  "$DUTY" help "$c" >"help-$c.txt"
  for kind in $(awk '/^Kinds:/ {f = 1; next} f && /^  [a-z]/ {print $1} f && /^$/ {exit}' "help-$c.txt"); do
    "$DUTY" help "$c" "$kind" >>"help-$c.txt"
  done
  CHECKS=$((CHECKS + 1))
  "$PY" - "$c" "help-$c.txt" "$page" <<'PY' || fail "duty $c: manual page and options disagree"
import re, sys
command, help_file, page = sys.argv[1:]

# The command line's options: groups of names ("-f", "--format") from the help.
groups = []
for line in open(help_file, encoding="utf-8"):
    m = re.match(r"^  (-[^ ]+)", line)
    if not m:
        continue
    names = [re.sub(r"\{.*\}$", "", n) for n in m.group(1).split(",")]
    names = [n for n in names if n.startswith("-")]
    if "--help" in names:
        continue
    if names not in groups:
        groups.append(names)

# The page's options: in SYNOPSIS, and in the items of its option lists (.It Fl …).
text = open(page, encoding="utf-8").read()
sections = re.split(r"^\.Sh ", text, flags=re.M)
synopsis = next((s for s in sections if s.startswith("SYNOPSIS")), "")
def flags(s):
    return {"-" + f for f in re.findall(r"\bFl (-?[A-Za-z][-A-Za-z0-9]*)", s)}
in_synopsis = flags(synopsis)
in_list = set()
for line in text.splitlines():
    if line.startswith(".It ") and " Fl " in " " + line[4:]:
        in_list |= flags(" " + line[4:])

known = {n for g in groups for n in g} | {"-h", "--help"}
problems = []
for where, found in (("SYNOPSIS", in_synopsis), ("the options' list", in_list)):
    for f in sorted(found - known):
        problems.append(f"{where} names {f}, which duty {command} does not have")
    for g in groups:
        if not set(g) & found:
            problems.append(f"{where} lacks {'/'.join(g)}")
for p in problems:
    print(f"duty-{command}.1: {p}", file=sys.stderr)
if not groups and not in_synopsis:
    print(f"duty-{command}.1: no options found at all", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
done

finish
