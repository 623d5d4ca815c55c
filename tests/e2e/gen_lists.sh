#!/usr/bin/env bash
# duty gen lists: deterministic output, the printed counts and planted ids,
# a set that validates clean, and refusal to overwrite.
source "$DUTY_SRC/tests/e2e/lib.sh"

run gen lists --matters 2000 --units 60 --seed 11 --overlaps 7 --orphans 5 a
expect_rc 0 "gen:"
expect_out "wrote a: 8 files, " "gen summary:"
expect_out "; planted 7 overlaps, 5 orphans" "gen summary:"
CHECKS=$((CHECKS + 1))
[[ $(grep -c '^overlap M[0-9]*$' <<<"$OUT") == 7 ]] || fail "gen: expected 7 'overlap ID' lines"
CHECKS=$((CHECKS + 1))
[[ $(grep -c '^orphan M[0-9]*$' <<<"$OUT") == 5 ]] || fail "gen: expected 5 'orphan ID' lines"
CHECKS=$((CHECKS + 1))
[[ $(wc -l <<<"$OUT") == 13 ]] || fail "gen: expected 13 lines of output"
first=$OUT
items=$(sed -n 's/.* files, \([0-9]*\) items;.*/\1/p' <<<"$OUT")

# Each planted id is a leaf matter of the set.
CHECKS=$((CHECKS + 1))
for id in $(awk '{print $2}' <<<"$OUT" | tail -n +2); do
  grep -q "^  - id: $id\$" a/matters.yaml || fail "gen: planted $id is not in matters.yaml"
done

# Same seed, same bytes, wherever it is written.
run gen lists --matters 2000 --units 60 --seed 11 --overlaps 7 --orphans 5 b
expect_rc 0 "gen again:"
CHECKS=$((CHECKS + 1))
diff -r a b >/dev/null || fail "gen: same seed gave different files"
expect_eq "${OUT#wrote b}" "${first#wrote a}" "gen again: same summary"
# Another seed, other bytes.
run gen lists --matters 2000 --units 60 --seed 12 --overlaps 7 --orphans 5 c
CHECKS=$((CHECKS + 1))
! diff -r a c >/dev/null || fail "gen: another seed gave the same files"

# The set validates clean, with the item count gen printed.
run validate a
expect_rc 0 "validate generated set:"
expect_out "0 errors, 0 warnings in 8 files, $items items" "validate generated set:"
run validate c
expect_rc 0 "validate another seed:"

# The auditor finds exactly the planted overlaps and orphans, and no others.
planted=$first
run audit --format json a
CHECKS=$((CHECKS + 1))
python3 - "$OUT" "$planted" <<'EOF' || fail "audit does not find exactly the planted faults"
import json, re, sys
found = set()
for d in json.loads(sys.argv[1])["diagnostics"]:
    kind = {"overlap": "overlap", "orphan-matter": "orphan"}.get(d["rule"])
    if kind:
        found.add((kind, re.search(r'"(M\d+)"', d["message"]).group(1)))
want = {tuple(line.split()) for line in sys.argv[2].splitlines()[1:]}
if found != want:
    print("missed:", sorted(want - found), "extra:", sorted(found - want), file=sys.stderr)
    sys.exit(1)
EOF

# Default fault counts: about 1% of the leaves each.
run gen lists --matters 10000 --units 100 --seed 3 --per-file 1000 d
expect_rc 0 "gen defaults:"
expect_out "planted 84 overlaps, 84 orphans" "gen defaults:"
CHECKS=$((CHECKS + 1))
[[ -f d/powers-0001.yaml && ! -f d/powers.yaml ]] || fail "gen --per-file: powers not split"
run validate d
expect_rc 0 "validate split set:"

# Existing list files: refused without --force, replaced with it.
run gen lists --matters 100 --units 10 a
expect_rc 2 "overwrite refused:"
expect_err "--force" "overwrite refused:"
expect_eq "$(cat a/units.yaml | head -1)" "# Made by \`duty gen lists --matters 2000 --units 60 --seed 11 --overlaps 7 --orphans 5\`." \
  "refusal leaves files alone:"
run gen lists --matters 100 --units 10 --force a
expect_rc 0 "overwrite forced:"
run validate a
expect_rc 0 "validate forced set:"
# Files that are not lists are left alone.
mkdir e
echo keep >e/README.txt
run gen lists --matters 100 --units 10 e
expect_rc 0 "gen into a directory without lists:"
expect_eq "$(cat e/README.txt)" "keep" "other files kept:"

# Usage errors.
run gen
expect_rc 2 "gen without kind:"
expect_err "lists" "gen without kind lists the kinds:"
run gen --help
expect_rc 0 "gen --help:"
expect_out "lists" "gen --help lists the kinds:"
run gen lits x
expect_rc 2 "unknown kind:"
expect_err 'did you mean "lists"' "unknown kind:"
run gen lists
expect_rc 2 "gen lists without DIR:"
run gen lists --matters 2 x
expect_rc 2 "too few matters:"
run gen lists --matters 100 --units 10 --overlaps 90 --orphans 90 x
expect_rc 2 "more faults than leaves:"
run gen lists --matters lots x
expect_rc 2 "non-numeric option:"
run gen lists --help
expect_rc 0 "gen lists --help:"
expect_out "--overlaps" "gen lists --help:"
touch plainfile
run gen lists plainfile
expect_rc 2 "DIR is a file:"

finish
