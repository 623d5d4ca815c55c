#!/usr/bin/env bash
# The shipped example set lists/yanqing validates and audits clean, also with
# --strict, and its coverage matrix is well-formed and deterministic.
source "$(dirname "$0")/lib.sh"

cd "$DUTY_SRC" || exit 1
SET=lists/yanqing
AS_OF=2025-06-01
PY=$(python3 -c 'import sys; print(sys.executable)')

run validate "$SET"
expect_rc 0 "validate"
expect_out "0 errors, 0 warnings" "validate"

run audit --as-of "$AS_OF" "$SET"
expect_rc 0 "audit"
expect_out "0 errors, 0 warnings" "audit"

run audit --as-of "$AS_OF" --strict "$SET"
expect_rc 0 "audit --strict"
expect_out "0 errors, 0 warnings" "audit --strict"

# Any suppression in the set carries a reason (else bad-suppression fails the
# audit above) and silences something (else unused-suppression fails --strict).
run audit --as-of "$AS_OF" --format json "$SET"
expect_rc 0 "audit json"
CHECKS=$((CHECKS + 1))
"$PY" -c '
import json, sys
d = json.loads(sys.stdin.read())
s = d["summary"]
assert s["errors"] == 0 and s["warnings"] == 0, s
assert all(x.get("suppressed") and x.get("reason") for x in d["diagnostics"]), d["diagnostics"]
assert s["suppressed"] == len(d["diagnostics"]), s
' <<<"$OUT" || fail "audit json: clean, every suppression with a reason"

# The example set also audits clean through the years it describes.
for date in 2020-07-01 2024-01-01 2025-12-31; do
  run audit --as-of "$date" --strict "$SET"
  expect_rc 0 "audit --strict --as-of $date"
done

# DUTY_LISTS stands in for the path.
OUT=$(DUTY_LISTS="$SET" "$DUTY" audit --as-of "$AS_OF" 2>&1)
RC=$?
expect_rc 0 "audit with DUTY_LISTS"
expect_out "0 errors, 0 warnings" "audit with DUTY_LISTS"

# ---- the coverage matrix -------------------------------------------------------

# Slices: leaf matters × the combinations of their dimensions × territories.
SLICES=$("$PY" - "$SET" <<'EOF'
import sys, glob, re
# Count from the lists with a small reader of the shapes matters.yaml uses.
text = open(sys.argv[1] + "/matters.yaml", encoding="utf-8").read()
dims = {}
m = re.search(r"^dimensions:\n((?:  .*\n)+)", text, re.M)
for line in m.group(1).splitlines():
    k, v = line.strip().split(":", 1)
    dims[k.strip()] = [x.strip() for x in v.strip()[1:-1].split(",")]
items, cur = [], None
for line in text.split("items:", 1)[1].splitlines():
    line = line.split("#", 1)[0].rstrip()
    if line.startswith("  - id:"):
        cur = {"id": line.split(":", 1)[1].strip(), "split": []}
        items.append(cur)
    elif cur and line.strip().startswith("parent:"):
        cur["parent"] = line.split(":", 1)[1].strip()
    elif cur and line.strip().startswith("split_by:"):
        cur["split"] = [x.strip() for x in line.split(":", 1)[1].strip()[1:-1].split(",")]
by_id = {x["id"]: x for x in items}
parents = {x.get("parent") for x in items}
terr = 0
for f in glob.glob(sys.argv[1] + "/units/*.yaml"):
    terr += len(re.findall(r"^    type: (?:street|town|township)$", open(f, encoding="utf-8").read(), re.M))
total = 0
for x in items:
    if x["id"] in parents:
        continue
    split, y = set(), x
    while y:
        split |= set(y["split"])
        y = by_id.get(y.get("parent"))
    n = 1
    for d in split:
        n *= len(dims[d])
    total += n * terr
print(total)
EOF
)
CHECKS=$((CHECKS + 1))
[[ $SLICES =~ ^[0-9]+$ && $SLICES -gt 1000 ]] || fail "counting the slices of $SET: [$SLICES]"

run audit --as-of "$AS_OF" --matrix --format csv "$SET"
expect_rc 0 "matrix csv"
CSV1=$OUT
expect_eq "$(head -n 1 <<<"$OUT" | tr -d '\r')" "matter,matter_name,territory,dimensions,status,lead,assist,decided_by" "matrix csv header"
CHECKS=$((CHECKS + 1))
"$PY" -c '
import csv, io, sys
rows = list(csv.reader(io.StringIO(sys.stdin.read())))
head, body = rows[0], rows[1:]
assert len(body) == int(sys.argv[1]), (len(body), sys.argv[1])
assert all(len(r) == len(head) for r in body)
bad = [r for r in body if r[4] != "led" or not r[5] or not r[7]]
assert not bad, bad[:5]
keys = [(r[0], r[2], r[3]) for r in body]
assert len(set(keys)) == len(keys), "a slice listed twice"
' "$SLICES" <<<"$OUT" || fail "matrix csv: one row per slice ($SLICES), every one led, with its lead and evidence"

# Spot checks against primary.yaml.
expect_out "噪音扰民,噪音扰民,儒林街道,noise_source=社会生活,led,儒林派出所,儒林街道,primary ZZ-02" "matrix csv ZZ-02"
expect_out "在建违法建设,在建违法建设,八达岭镇,land=集体土地,led,八达岭镇,石峡村;规划自然资源分局,primary ZZ-09" "matrix csv ZZ-09"

run audit --as-of "$AS_OF" --matrix "$SET"
expect_rc 0 "matrix default format"
expect_eq "$OUT" "$CSV1" "matrix: the default format is csv"

run audit --as-of "$AS_OF" --matrix --format csv "$SET"
expect_eq "$OUT" "$CSV1" "matrix csv: two runs are identical"

run audit --as-of "$AS_OF" --matrix --format json "$SET"
expect_rc 0 "matrix json"
JSON1=$OUT
CHECKS=$((CHECKS + 1))
"$PY" -c '
import json, sys
d = json.loads(sys.stdin.read())
s = d["slices"]
assert len(s) == int(sys.argv[1]), (len(s), sys.argv[1])
keys = {"matter", "matter_name", "territory", "dimensions", "status", "lead", "assist", "decided_by"}
assert all(set(x) == keys for x in s)
assert all(x["status"] == "led" and x["lead"] for x in s)
assert all(isinstance(x["assist"], list) and isinstance(x["decided_by"], list) for x in s)
' "$SLICES" <<<"$OUT" || fail "matrix json: parses, one object per slice, every one led"
run audit --as-of "$AS_OF" --matrix --format json "$SET"
expect_eq "$OUT" "$JSON1" "matrix json: two runs are identical"

run audit --as-of "$AS_OF" --matrix --format md "$SET"
expect_rc 0 "matrix md"
MD1=$OUT
CHECKS=$((CHECKS + 1))
"$PY" -c '
import sys
lines = sys.stdin.read().splitlines()
assert lines[1] == "|---|---|---|---|---|---|---|---|", lines[1]
body = lines[2:]
assert len(body) == int(sys.argv[1]), (len(body), sys.argv[1])
for l in lines:
    cells = l.replace("\\|", "").split("|")
    assert l.startswith("| ") or l.startswith("|---"), l
    assert len(cells) == 10, l
assert all(l.split(" | ")[4] == "led" for l in body)
' "$SLICES" <<<"$OUT" || fail "matrix md: a table with one row per slice, every one led"
run audit --as-of "$AS_OF" --matrix --format md "$SET"
expect_eq "$OUT" "$MD1" "matrix md: two runs are identical"

# The matrix prints only csv, md, json or text.
run audit --as-of "$AS_OF" --matrix --format sarif "$SET"
expect_rc 2 "matrix sarif"
expect_err '"sarif" is not a format of this command; expected "csv", "md", "json", "text" or "xlsx"' "matrix sarif"

# As text, aligned for a terminal, one line per slice under a header and a rule.
run audit --as-of "$AS_OF" --matrix --format text "$SET"
expect_rc 0 "matrix text"
expect_eq "$(wc -l <<<"$OUT")" "$((SLICES + 2))" "matrix text: header, rule, one line per slice"
expect_out "噪音扰民" "matrix text"

finish
