#!/usr/bin/env bash
# The README's examples are real: every `$ … duty …` command in a console block is
# run from the source root, and each line shown under it (but "..." elisions)
# must appear in the real output, in order. They run in a copy of the tree's data,
# so that the stores they write stay out of the source tree.
source "$(dirname "$0")/lib.sh"
mkdir -p "$SCRATCH/src/tests"
cp -r "$DUTY_SRC/lists" "$DUTY_SRC/examples" "$SCRATCH/src/"
cp -r "$DUTY_SRC/tests/fixtures" "$SCRATCH/src/tests/"
cd "$SCRATCH/src" || exit 1
bindir="$SCRATCH/bin"
mkdir -p "$bindir"
ln -s "$DUTY" "$bindir/duty"
export PATH="$bindir:$PATH"

python3 - "$DUTY_SRC/README.md" >"$SCRATCH/examples" <<'PY'
import sys, json
blocks, cur, inside = [], None, False
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    if line.startswith("```"):
        inside = line.strip() == "```console"
        if not inside and cur:
            blocks.append(cur); cur = None
        continue
    if not inside:
        continue
    if line.startswith("$ ") and " duty " in " " + line[2:]:
        if cur: blocks.append(cur)
        cur = {"cmd": line[2:], "lines": []}
    elif cur is not None and line.strip() != "...":
        cur["lines"].append(line)
if cur: blocks.append(cur)
for b in blocks:
    print(json.dumps(b, ensure_ascii=False))
PY

n=0
while IFS= read -r example; do
  n=$((n + 1))
  cmd=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["cmd"])' "$example")
  bash -c "$cmd" >"$SCRATCH/actual" 2>&1
  python3 - "$example" "$SCRATCH/actual" <<'PY' || FAILURES=$((FAILURES + 1))
import json, sys
ex = json.loads(sys.argv[1]); actual = open(sys.argv[2], encoding="utf-8").read().split("\n")
i = 0
for want in ex["lines"]:
    while i < len(actual) and actual[i] != want:
        i += 1
    if i == len(actual):
        print(f"FAIL: README example `{ex['cmd']}`: line not in the output (in order): {want}", file=sys.stderr)
        sys.exit(1)
    i += 1
PY
  CHECKS=$((CHECKS + 1))
done <"$SCRATCH/examples"
OUT="" ERR=""
expect_eq "$((n > 5))" 1 "README has console examples"
# The CI excerpts (yaml blocks) pin the date of every command that reads the
# lists as of a date, so that a CI job does not change its answer with the calendar.
unpinned=$(python3 - "$DUTY_SRC/README.md" <<'PY'
import re, sys
inside, runs = False, 0
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("```"):
        inside = line.strip() == "```yaml"
        continue
    m = re.search(r"\bduty (audit|route|diff)\b.*", line) if inside else None
    if m:
        runs += 1
        if "--as-of" not in m.group(0):
            print(m.group(0))
if runs < 3:
    print(f"only {runs} duty commands in the README's yaml blocks")
PY
)
expect_eq "$unpinned" "" "README CI excerpts pass --as-of"
finish
