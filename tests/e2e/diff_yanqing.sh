#!/usr/bin/env bash
# duty diff on two revisions of the example set. The old revision adds a
# 12345 category nobody leads on (楼道堆物, an orphan); the new one moves the
# lead on street vending to the market regulator, retires a licensing power
# (and its responsibility), gives the urban management committee a power on
# open burning (an overlap) and the fire brigade one on stairwell clutter
# (the orphan fixed). Every line of the report is checked, in both forms:
# --rev REV [DIR] through git, and two directories.
source "$DUTY_SRC/tests/e2e/lib.sh"

if ! command -v git >/dev/null; then
  echo "FAIL: git is needed: bash scripts/install-deps.sh test" >&2
  exit 1
fi
export HOME=$SCRATCH GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=duty GIT_AUTHOR_EMAIL=duty@example.org \
  GIT_COMMITTER_NAME=duty GIT_COMMITTER_EMAIL=duty@example.org
F=$DUTY_SRC/tests/fixtures/diff

mkdir -p repo/lists
cp -R "$DUTY_SRC/lists/yanqing" repo/lists/
cd repo || exit 1
git -c init.defaultBranch=main init -q . && git add -A && git commit -qm "2025.1"
git apply "$F/old.patch" && git commit -qam "2025.2: 楼道堆物" || { echo "FAIL: old.patch does not apply" >&2; exit 1; }
cp -R lists/yanqing ../old
git apply "$F/new.patch" || { echo "FAIL: new.patch does not apply" >&2; exit 1; }

expected=$(cat <<'REPORT'
duty diff HEAD:lists/yanqing → lists/yanqing
items: 2 added, 1 removed, 3 changed
  added power YQ-CGW-CF-09 (对露天焚烧垃圾的处罚) at lists/yanqing/powers/区城市管理委.yaml:103
  changed power YQ-SCJ-XK-01 (营业执照核发（设立登记）) at HEAD:lists/yanqing/powers/区市场监管局.yaml:18 → lists/yanqing/powers/区市场监管局.yaml:18
    valid_to: (none) → 2025-05-31
  changed power YQ-XFZD-JC-01 (消防监督检查) at HEAD:lists/yanqing/powers/区消防救援支队.yaml:6 → lists/yanqing/powers/区消防救援支队.yaml:6
    matters: [消防通道, 电动车充电] → [楼道堆物, 消防通道, 电动车充电]
  added responsibility YQ-CGW-CF-09 at lists/yanqing/responsibilities/区城市管理委.yaml:100
  removed responsibility YQ-SCJ-XK-01 at HEAD:lists/yanqing/responsibilities/区市场监管局.yaml:21
  changed primary-duty entry ZZ-05 at HEAD:lists/yanqing/primary.yaml:41 → lists/yanqing/primary.yaml:41
    lead: @属地:enforcement → 区市场监管局
effect as of 2025-06-01: 3 changes in 54 slices
  "楼道堆物" in all 18 territories
    lead: (nobody) → 区消防救援支队
  "露天焚烧" in all 18 territories
    lead: @属地:enforcement → (overlap: @属地:enforcement, 区城市管理委)
  "非法经营" (business_site=流动经营) in all 18 territories
    lead: @属地:enforcement → 区市场监管局
findings: 1 new, 1 fixed, 0 unchanged
new:
lists/yanqing/powers/区城市管理委.yaml:103:5: error: 2 units claim the lead on "露天焚烧" in all 18 territories: 区城市管理委 (power YQ-CGW-CF-09), @属地:enforcement (power YQ-ZFD-CF-05) [overlap]
    |
103 |   - code: YQ-CGW-CF-09
    |     ^
  lists/yanqing/powers/综合执法队.yaml:55:5: also claims the lead: @属地:enforcement (power YQ-ZFD-CF-05)
  = hint: add a primary-duty entry that names one lead for this slice
fixed:
HEAD:lists/yanqing/matters.yaml:41:5: error: nobody leads on "楼道堆物" in all 18 territories [orphan-matter]
   |
41 |   - id: 楼道堆物
   |     ^
  = hint: give a unit a power or a 基本履职 task on it, or add a primary-duty entry
REPORT
)

run diff --rev HEAD --as-of 2025-06-01 lists/yanqing
expect_rc 0 "--rev:"
expect_eq "$OUT" "$expected" "--rev report"
expect_eq "$ERR" "" "--rev: nothing on stderr"
run diff --rev HEAD --as-of 2025-06-01 lists/yanqing
expect_eq "$OUT" "$expected" "--rev: same bytes again"

# Two directories: the same report, OLD named by its path.
run diff --as-of 2025-06-01 ../old lists/yanqing
expect_rc 0 "OLD NEW:"
expect_eq "$OUT" "${expected//HEAD:lists\/yanqing/../old}" "OLD NEW report"
# DIR from --lists and from $DUTY_LISTS.
run diff --rev HEAD --as-of 2025-06-01 --lists lists/yanqing
expect_eq "$OUT" "$expected" "--rev with --lists"
DUTY_LISTS=lists/yanqing run diff --rev HEAD --as-of 2025-06-01
expect_eq "$OUT" "$expected" "--rev with DUTY_LISTS"
# Compared with itself: nothing changed, its overlap unchanged.
run diff --as-of 2025-06-01 --fail-on new lists/yanqing lists/yanqing
expect_rc 0 "against itself, --fail-on new:"
expect_eq "$OUT" "duty diff lists/yanqing → lists/yanqing
items: 0 added, 0 removed, 0 changed
effect as of 2025-06-01: 0 changes in 0 slices
findings: 0 new, 0 fixed, 1 unchanged
unchanged:
  lists/yanqing/powers/区城市管理委.yaml:103:5: error: 2 units claim the lead on \"露天焚烧\" in all 18 territories: 区城市管理委 (power YQ-CGW-CF-09), @属地:enforcement (power YQ-ZFD-CF-05) [overlap]" "against itself"
run diff --as-of 2025-06-01 --fail-on any lists/yanqing lists/yanqing
expect_rc 1 "against itself, --fail-on any:"

# The gate: --fail-on new fails on the new overlap, not on the fixed orphan.
run diff --rev HEAD --as-of 2025-06-01 --fail-on new lists/yanqing
expect_rc 1 "--fail-on new:"
expect_eq "$OUT" "$expected" "--fail-on new prints the same report"
run diff --rev HEAD --as-of 2025-06-01 --fail-on new --skip overlap lists/yanqing
expect_rc 0 "--fail-on new --skip overlap:"
expect_out "findings: 0 new, 1 fixed, 0 unchanged" "--skip overlap"
run diff --rev HEAD --as-of 2025-06-01 --only overlap lists/yanqing
expect_out "findings: 1 new, 0 fixed, 0 unchanged" "--only overlap"
# Reverse: the overlap is fixed, the orphan new.
run diff --as-of 2025-06-01 --fail-on new lists/yanqing ../old
expect_rc 1 "reverse:"
expect_out "items: 1 added, 2 removed, 3 changed" "reverse items"
expect_out "    lead: 区消防救援支队 → (nobody)" "reverse effect"
expect_out "findings: 1 new, 1 fixed, 0 unchanged" "reverse findings"

# JSON: the numbers, and the moved lead with its places.
run diff --rev HEAD --as-of 2025-06-01 --format json lists/yanqing
expect_rc 0 "json:"
summary=$(python3 -c '
import json, sys
d = json.load(sys.stdin)
s = d["summary"]
print(s["added"], s["removed"], s["changed"], s["effect_changes"], s["slices"], s["new"], s["fixed"], s["unchanged"])
zz = [i for i in d["items"] if i["id"] == "ZZ-05"][0]
print(zz["change"], zz["before"]["file"], zz["before"]["line"], zz["after"]["line"], zz["fields"])
e = [e for e in d["effect"] if e["matter"] == "非法经营"][0]
print(len(e["territories"]), e["all_territories"], e["conditions"], e["all_conditions"], e["slices"], e["changes"])
print(d["findings"]["new"][0]["rule"], d["findings"]["new"][0]["baseline"], d["findings"]["fixed"][0]["rule"], d["findings"]["fixed"][0]["baseline"])
' <<<"$OUT")
expect_eq "$summary" "2 1 3 3 54 1 1 0
changed HEAD:lists/yanqing/primary.yaml 41 41 [{'field': 'lead', 'before': '@属地:enforcement', 'after': '区市场监管局'}]
18 18 [{'business_site': '流动经营'}] 2 18 [{'aspect': 'lead', 'before': '@属地:enforcement', 'after': '区市场监管局'}]
overlap new orphan-matter absent" "json numbers"

# SARIF: each result's baselineState; the fixed one placed where its file is now.
run diff --rev HEAD --as-of 2025-06-01 --format sarif lists/yanqing
expect_rc 0 "sarif:"
results=$(python3 -c '
import json, sys
d = json.load(sys.stdin)
for r in d["runs"][0]["results"]:
    loc = r["locations"][0]["physicalLocation"]
    print(r["ruleId"], r["baselineState"], loc["artifactLocation"]["uri"], loc["region"]["startLine"])
' <<<"$OUT")
expect_eq "$results" "overlap new lists/yanqing/powers/%E5%8C%BA%E5%9F%8E%E5%B8%82%E7%AE%A1%E7%90%86%E5%A7%94.yaml 103
orphan-matter absent lists/yanqing/matters.yaml 41" "sarif results"
run diff --as-of 2025-06-01 --format sarif lists/yanqing lists/yanqing
expect_eq "$(python3 -c 'import json,sys; print([r["baselineState"] for r in json.load(sys.stdin)["runs"][0]["results"]])' <<<"$OUT")" \
  "['unchanged']" "sarif unchanged"

# Markdown for a pull-request comment.
run diff --rev HEAD --as-of 2025-06-01 --format md lists/yanqing
expect_rc 0 "md:"
expect_out '### duty diff `HEAD:lists/yanqing` → `lists/yanqing`' "md title"
expect_out '**Items:** 2 added, 1 removed, 3 changed' "md items"
expect_out '| changed | primary-duty entry ZZ-05 | `lists/yanqing/primary.yaml:41` | lead: @属地:enforcement → 区市场监管局 |' "md item row"
expect_out '| "非法经营" (business_site=流动经营) in all 18 territories | lead: @属地:enforcement → 区市场监管局 |' "md effect row"
expect_out '| fixed | error | orphan-matter | `HEAD:lists/yanqing/matters.yaml:41` | nobody leads on "楼道堆物" in all 18 territories |' "md fixed row"
expect_eq "$(grep -c '^| ' <<<"$OUT")" "14" "md table rows: 3 headers, 6 items, 3 effects, 2 findings"

# GitHub: the changes in the log, an annotation for the new finding only.
GITHUB_ACTIONS=true run diff --rev HEAD --as-of 2025-06-01 lists/yanqing
expect_rc 0 "github (auto):"
expect_eq "$(grep -c '^::' <<<"$OUT")" "1" "github: one annotation"
expect_out '::error file=lists/yanqing/powers/区城市管理委.yaml,line=103,col=5,title=duty overlap::2 units claim the lead' "github annotation"
expect_out "findings: 1 new, 1 fixed, 0 unchanged" "github findings line"
expect_eq "$(tail -1 <<<"$OUT" | cut -c1-8)" "::error " "github: the annotation ends the output"
# --format github chosen outside Actions: the same output.
auto_out=$OUT
run diff --rev HEAD --as-of 2025-06-01 --format github lists/yanqing
expect_rc 0 "github (explicit):"
expect_eq "$OUT" "$auto_out" "--format github equals the auto choice under Actions"

# The config file of the set (duty-config(5)): its as-of and rule levels; options win.
printf 'as-of: 2025-06-01\nrules:\n  overlap: warning\n' >lists/yanqing/duty.yaml
run diff --rev HEAD lists/yanqing
expect_rc 0 "config:"
expect_out "effect as of 2025-06-01: 3 changes in 54 slices" "config as-of"
expect_out "items: 2 added, 1 removed, 3 changed" "config: duty.yaml is no list file"
expect_out "warning: 2 units claim the lead" "config rule level"
run diff --rev HEAD --fail-on new lists/yanqing
expect_rc 1 "config: a new warning fails --fail-on new"
run diff --rev HEAD --as-of 2025-05-01 lists/yanqing
expect_out "effect as of 2025-05-01:" "--as-of wins over the config"
printf 'as-of: required\n' >lists/yanqing/duty.yaml
run diff --rev HEAD lists/yanqing
expect_rc 2 "config as-of: required"
expect_err "--as-of is required" "config as-of: required"
printf 'rules:\n  overlapp: off\n' >lists/yanqing/duty.yaml
run diff --rev HEAD --as-of 2025-06-01 lists/yanqing
expect_rc 2 "bad config"
expect_err 'lists/yanqing/duty.yaml:2:3: error: unknown rule "overlapp" [unknown-key]' "bad config located"
expect_err 'did you mean "overlap"?' "bad config did-you-mean"
rm lists/yanqing/duty.yaml

# Usage errors: exit 2 with a clear message.
run diff --rev no-such-rev --as-of 2025-06-01 lists/yanqing
expect_rc 2 "unknown revision"
expect_err '--rev: "no-such-rev" names no commit' "unknown revision"
run diff --as-of 2025-06-01 lists/yanqing
expect_rc 2 "one directory without --rev"
expect_err "give OLD and NEW directories, or --rev REV [DIR]" "one directory without --rev"
run diff --rev HEAD --as-of 2025-06-01 lists/yanqing ../old
expect_rc 2 "--rev with two directories"
run diff --rev HEAD --as-of 2025-06-01 ../old
expect_rc 2 "--rev outside a work tree"
expect_err "duty diff: error: --rev: ../old is not inside a git work tree" "--rev outside a work tree"
run diff --as-of 2025-06-01 lists/yanqing lists/nosuch
expect_rc 2 "diff against a missing directory"
expect_err 'duty diff: error: "lists/nosuch": no such directory' "diff against a missing directory"
expect_eq "$OUT" "" "diff against a missing directory: no report"
run diff --as-of 2025-06-01 lists/yanqing/primary.yaml lists/yanqing
expect_rc 2 "diff of a file"
expect_err '"lists/yanqing/primary.yaml" is not a directory' "diff of a file"
run diff --rev HEAD --as-of 2025-06-01 lists/nosuch
expect_rc 2 "--rev on a missing folder"
expect_err 'duty diff: error: "lists/nosuch": no such directory' "--rev on a missing folder"
mkdir ../nogit && ln -s "$(command -v cat)" ../nogit/cat
PATH=$SCRATCH/nogit run diff --rev HEAD --as-of 2025-06-01 lists/yanqing
expect_rc 2 "--rev without git on PATH"
expect_err "cannot run git" "--rev without git"
run diff --as-of 2025-02-30 ../old lists/yanqing
expect_rc 2 "bad --as-of"
expect_err '--as-of: "2025-02-30" is not a date: February 2025 has 28 days' "bad --as-of"
run diff --format xml ../old lists/yanqing
expect_rc 2 "bad --format"
run diff --as-of 2025-06-01 ../old no-such-dir
expect_rc 2 "missing NEW directory"
expect_err 'duty diff: error: "no-such-dir": no such directory' "missing NEW directory is a usage error"
expect_eq "$OUT" "" "missing NEW directory: no report"

# A revision where the directory did not exist: every item added.
git -c init.defaultBranch=main init -q ../empty && mkdir ../empty/lists && cp -R ../old ../empty/lists/yanqing
(cd ../empty && git commit -q --allow-empty -m empty)
run diff --rev HEAD --as-of 2025-06-01 ../empty/lists/yanqing
expect_rc 0 "revision without the directory"
expect_out "items: 669 added, 0 removed, 0 changed" "revision without the directory: 665 items, 4 dimensions"
expect_out "findings: 1 new, 1 fixed, 0 unchanged" "revision without the directory: its orphan is new, no-lists fixed"
expect_out "HEAD:../empty/lists/yanqing: error: no list files (*.yaml, *.yml) in this directory at HEAD [no-lists]" "revision without the directory: no lists at HEAD"
finish
