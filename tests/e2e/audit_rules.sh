#!/usr/bin/env bash
# duty audit on the fixtures of tests/fixtures/audit: each rule fires exactly
# where it was planted and nowhere else, in the text, json, sarif and github
# formats; merging, suppressions, --strict, --only/--skip and --as-of.
source "$(dirname "$0")/lib.sh"

FIXTURES="$DUTY_SRC/tests/fixtures/audit"
cd "$FIXTURES" || exit 1
AS_OF=2025-06-01
# The interpreter itself, not a version manager's shim: it runs many times.
PY=$(python3 -c 'import sys; print(sys.executable)')

# findings_json FORMAT: prints the unsuppressed findings of $OUT (json or sarif)
# as sorted lines "RULE SEVERITY FILE:LINE:COL", then the line count.
findings_json() {
  "$PY" -c '
import json, sys
fmt = sys.argv[1]
d = json.loads(sys.stdin.read())
rows = []
if fmt == "json":
    for x in d["diagnostics"]:
        if not x.get("suppressed"):
            rows.append("%s %s %s:%d:%d" % (x["rule"], x["severity"], x["file"], x["line"], x["column"]))
else:
    for x in d["runs"][0]["results"]:
        if x.get("suppressions"):
            continue
        loc = x["locations"][0]["physicalLocation"]
        reg = loc["region"]
        rows.append("%s %s %s:%d:%d" % (x["ruleId"], x["level"], loc["artifactLocation"]["uri"],
                                        reg["startLine"], reg["startColumn"]))
for r in sorted(rows):
    print(r)
' "$1" <<<"$OUT"
}

# findings_text: the finding lines of text output, as "RULE SEVERITY FILE:LINE:COL".
findings_text() {
  sed -nE 's/^([^ ]+:[0-9]+:[0-9]+): (error|warning|note): .* \[([a-z-]+)\]$/\3 \2 \1/p' <<<"$OUT" | sort
}

# findings_github: the annotations of github output, as "RULE SEVERITY FILE:LINE:COL".
findings_github() {
  sed -nE 's/^::(error|warning|notice) file=([^,]+),line=([0-9]+),col=([0-9]+),.*title=duty ([a-z-]+)::.*$/\5 \1 \2:\3:\4/p' <<<"$OUT" | sort
}

# audit_case NAME RC 'RULE SEVERITY FILE:LINE:COL'... [-- EXTRA_ARGS...]
# Audits fixture NAME in every format; expects exit RC and exactly the listed
# (unsuppressed) findings.
audit_case() {
  local name=$1 rc=$2
  shift 2
  local expected=() extra=()
  while (($#)); do
    if [[ $1 == -- ]]; then
      shift
      extra=("$@")
      break
    fi
    expected+=("$1")
    shift
  done
  local want
  want=$(printf '%s\n' "${expected[@]}" | sed '/^$/d' | sort)
  local asof=(--as-of "$AS_OF")
  [[ " ${extra[*]} " == *" --as-of "* ]] && asof=()
  local fmt got
  for fmt in text json sarif github; do
    run audit "${asof[@]}" --format "$fmt" "${extra[@]}" "$name"
    expect_rc "$rc" "$name ($fmt)"
    case $fmt in
    text) got=$(findings_text) ;;
    json | sarif) got=$(findings_json "$fmt") ;;
    github) got=$(findings_github) ;;
    esac
    expect_eq "$got" "$want" "$name ($fmt) findings"
  done
  # The last run was github: its summary line ends the output.
  CHECKS=$((CHECKS + 1))
  [[ $(tail -n 1 <<<"$OUT") == *" in "*" files, "*" items"* ]] || fail "$name (github) summary line"
}

# json_check NAME PYTHON-EXPR [EXTRA_ARGS...]: the expression over d (the json report) is true.
json_check() {
  local name=$1 expr=$2
  shift 2
  run audit --as-of "$AS_OF" --format json "$@" "$name"
  CHECKS=$((CHECKS + 1))
  "$PY" -c 'import json,sys; d=json.loads(sys.stdin.read()); sys.exit(0 if eval(sys.argv[1]) else 1)' "$expr" <<<"$OUT" ||
    fail "$name: json: $expr"
}

# ---- one fixture per rule ------------------------------------------------------

audit_case overlap 1 'overlap error overlap/powers.yaml:3:5'
# One power held by "@属地:police" in a town that two stations serve.
audit_case overlap-local 1 'overlap error overlap-local/powers.yaml:15:5'
audit_case orphan-matter 1 'orphan-matter error orphan-matter/matters.yaml:14:5'
audit_case conflicting-primary 1 'conflicting-primary error conflicting-primary/primary.yaml:3:5'
audit_case lead-without-power 1 'lead-without-power error lead-without-power/primary.yaml:5:11'
audit_case lead-without-power-local 1 'lead-without-power error lead-without-power-local/primary.yaml:5:11'
audit_case responsibility-without-power 1 \
  'responsibility-without-power error responsibility-without-power/responsibilities.yaml:7:12'
audit_case responsibility-unknown-power 1 \
  'responsibility-without-power error responsibility-unknown-power/responsibilities.yaml:7:12'
audit_case power-without-responsibility 0 \
  'power-without-responsibility warning power-without-responsibility/powers.yaml:15:11'
audit_case missing-basis 1 'missing-basis error missing-basis/powers.yaml:15:11'
audit_case retired-unit 1 'retired-unit error retired-unit/primary.yaml:6:22'
audit_case idle-unit 0 'idle-unit warning idle-unit/units.yaml:15:9'
# A role in an entry that has expired does not keep a unit busy.
audit_case idle-unit-expired 0 'idle-unit warning idle-unit-expired/units.yaml:15:9'
audit_case whistle-without-power 0 'whistle-without-power warning whistle-without-power/whistles.yaml:6:22'
audit_case task-conflict 1 'task-conflict error task-conflict/tasks.yaml:7:5'

# The messages say what was found.
run audit --as-of "$AS_OF" overlap
expect_out '2 units claim the lead on "环境脏乱" in all 2 territories: 区城市管理委 (power CG-01), 区市场监管局 (power SJ-02)' overlap
expect_out 'overlap/powers.yaml:15:5: also claims the lead: 区市场监管局 (power SJ-02)' overlap
run audit --as-of "$AS_OF" overlap-local
expect_out '2 units claim the lead on "噪音扰民" in 乙镇: @属地:police = 乙派出所, 甲派出所 (power GA-01)' overlap-local
run audit --as-of "$AS_OF" orphan-matter
expect_out 'nobody leads on "小广告" in all 2 territories' orphan-matter
run audit --as-of "$AS_OF" conflicting-primary
expect_out 'ZZ-01 → 区城市管理委, ZZ-02 → 区市场监管局' conflicting-primary
expect_out 'conflicting-primary/primary.yaml:6:5: primary entry ZZ-02' conflicting-primary
run audit --as-of "$AS_OF" lead-without-power-local
expect_out 'names @属地 as lead on "非法经营" in all 2 territories' lead-without-power-local
run audit --as-of "$AS_OF" responsibility-without-power
expect_out 'which is not in force on 2025-06-01' responsibility-without-power
run audit --as-of "$AS_OF" responsibility-unknown-power
expect_out 'did you mean "SJ-01"?' responsibility-unknown-power
run audit --as-of "$AS_OF" retired-unit
expect_out 'unit "区旅游委" is not in force on 2025-06-01 (valid ..2019-01-31)' retired-unit
expect_out 'retired-unit/units.yaml:15:5: the unit'"'"'s definition' retired-unit
run audit --as-of "$AS_OF" whistle-without-power
expect_out 'whistle on "环境脏乱" summons 区市场监管局, which holds no power over it' whistle-without-power
run audit --as-of "$AS_OF" task-conflict
expect_out 'the territory is both 基本履职 (task JX-02) and 上级收回 (task JX-03)' task-conflict
expect_out 'task-conflict/tasks.yaml:11:5: 上级收回 task JX-03' task-conflict

# SARIF: the other items of a finding are relatedLocations.
sarif_related() {
  run audit --as-of "$AS_OF" --format sarif "$1"
  CHECKS=$((CHECKS + 1))
  local got
  got=$("$PY" -c '
import json, sys
r = json.loads(sys.stdin.read())["runs"][0]["results"][0]
for x in r.get("relatedLocations", []):
    p = x["physicalLocation"]
    print("%s:%d:%d" % (p["artifactLocation"]["uri"], p["region"]["startLine"], p["region"]["startColumn"]))
' <<<"$OUT")
  [[ $got == "$2" ]] || fail "$1: sarif relatedLocations: expected [$2], got [$got]"
}
sarif_related overlap 'overlap/powers.yaml:15:5'
sarif_related conflicting-primary 'conflicting-primary/primary.yaml:6:5'
sarif_related task-conflict 'task-conflict/tasks.yaml:11:5'
sarif_related retired-unit 'retired-unit/units.yaml:15:5'
json_check overlap 'd["diagnostics"][0]["related"][0]["line"] == 15'

# ---- merging -------------------------------------------------------------------

# One overlap over both territories and both values of place: one finding.
audit_case merge 1 'overlap error merge/powers.yaml:3:5'
run audit --as-of "$AS_OF" merge
expect_out 'on "环境脏乱" in all 2 territories:' merge
expect_not_out 'place=' merge
# The same overlap under one value of place only: one finding that names it.
audit_case merge-partial 1 'overlap error merge-partial/powers.yaml:3:5'
run audit --as-of "$AS_OF" merge-partial
expect_out 'on "环境脏乱" (place=公共道路) in all 2 territories' merge-partial
# The coverage matrix still lists every slice.
run audit --as-of "$AS_OF" --matrix --format csv merge
expect_rc 0 "merge matrix"
expect_eq "$(grep -c ',overlap,' <<<"$OUT")" 4 "merge matrix overlap rows"

# ---- suppressions --------------------------------------------------------------

# With a reason: silenced, counted, exit 0.
audit_case suppressed 0 ''
run audit --as-of "$AS_OF" suppressed
expect_out '0 errors, 0 warnings (1 suppressed)' suppressed
json_check suppressed 'd["summary"]["suppressed"] == 1 and d["summary"]["errors"] == 0'
json_check suppressed '[(x["rule"], x["suppressed"], x["reason"]) for x in d["diagnostics"]] == [("overlap", True, "区市场监管局只管占道经营造成的脏乱，主责清单修订中")]'
run audit --as-of "$AS_OF" --format sarif suppressed
CHECKS=$((CHECKS + 1))
"$PY" -c '
import json, sys
r = json.loads(sys.stdin.read())["runs"][0]["results"]
assert len(r) == 1 and r[0]["ruleId"] == "overlap"
assert r[0]["suppressions"][0]["kind"] == "inSource" and r[0]["suppressions"][0]["justification"]
' <<<"$OUT" || fail "suppressed: sarif suppressions"
# With --strict the suppressed error stays suppressed.
run audit --as-of "$AS_OF" --strict suppressed
expect_rc 0 "suppressed --strict"

# Without a reason: bad-suppression, and the finding is not silenced.
audit_case bad-suppression 1 \
  'bad-suppression error bad-suppression/powers.yaml:15:3' \
  'overlap error bad-suppression/powers.yaml:3:5'
run audit --as-of "$AS_OF" bad-suppression
expect_out 'suppression without a reason' bad-suppression
json_check bad-suppression 'd["summary"]["suppressed"] == 0 and d["summary"]["errors"] == 2'

# A suppression that silences nothing.
audit_case unused-suppression 0 'unused-suppression warning unused-suppression/powers.yaml:9:18'
run audit --as-of "$AS_OF" unused-suppression
expect_out 'suppression of overlap silences nothing' unused-suppression

# ---- options -------------------------------------------------------------------

# --strict turns the idle-unit warning into an error and exit 1.
audit_case idle-unit 1 'idle-unit error idle-unit/units.yaml:15:9' -- --strict
audit_case power-without-responsibility 1 \
  'power-without-responsibility error power-without-responsibility/powers.yaml:15:11' -- --strict

# --only and --skip.
audit_case only-skip 1 \
  'missing-basis error only-skip/powers.yaml:15:11' \
  'idle-unit warning only-skip/units.yaml:15:9'
audit_case only-skip 0 'idle-unit warning only-skip/units.yaml:15:9' -- --only idle-unit
audit_case only-skip 0 'idle-unit warning only-skip/units.yaml:15:9' -- --skip missing-basis
audit_case only-skip 1 'missing-basis error only-skip/powers.yaml:15:11' -- --only missing-basis
audit_case only-skip 1 'missing-basis error only-skip/powers.yaml:15:11' -- --skip idle-unit
audit_case only-skip 0 '' -- --skip idle-unit --skip missing-basis
audit_case only-skip 1 'idle-unit error only-skip/units.yaml:15:9' -- --only idle-unit --strict
run audit --as-of "$AS_OF" --only idle-unt only-skip
expect_rc 2 "--only with an unknown rule"
expect_err 'did you mean "idle-unit"?' "--only with an unknown rule"
run audit --as-of "$AS_OF" --skip overlaps only-skip
expect_rc 2 "--skip with an unknown rule"

# --as-of: 区旅游委 ends on 2025-03-31.
run audit --as-of 2025-03-31 as-of
expect_rc 0 "as-of on the last day"
expect_out '0 errors, 0 warnings' "as-of on the last day"
audit_case as-of 1 'retired-unit error as-of/primary.yaml:6:14'
audit_case as-of 1 'retired-unit error as-of/primary.yaml:6:14' -- --as-of 2025-04-01
run audit --as-of 2025-04-01 as-of
expect_out 'unit "区旅游委" is not in force on 2025-04-01 (valid ..2025-03-31)' as-of
run audit --as-of 2025-13-01 as-of
expect_rc 2 "--as-of with a bad date"
expect_err 'is not a date' "--as-of with a bad date"

# Formats that are only for the matrix.
run audit --as-of "$AS_OF" --format csv overlap
expect_rc 2 "--format csv without --matrix"

finish
