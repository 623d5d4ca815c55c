#!/usr/bin/env bash
# duty route answers the example matters (the primary-duty entries ZZ-01..ZZ-15
# of lists/yanqing) as the lists say, in territories served by different police
# stations; and it says clearly when the input is unknown, ambiguous or open.
source "$(dirname "$0")/lib.sh"

cd "$DUTY_SRC" || exit 1
SET=lists/yanqing
ON=2025-06-01
PY=$(python3 -c 'import sys; print(sys.executable)')

# answer MATTER TERRITORY WHEN LEAD ASSIST: `duty route` in json leads with LEAD
# and assists with ASSIST (sorted, comma-separated; "" for none), exit 0. WHEN
# is "dim=value" or "".
answer() {
  local matter=$1 at=$2 when=$3 lead=$4 assist=$5 what="$1 at $2${3:+ when $3}"
  local w=()
  [[ -n $when ]] && w=(--when "$when")
  run route --lists "$SET" --on "$ON" "$matter" --at "$at" "${w[@]}" --format json
  expect_rc 0 "$what (json)"
  CHECKS=$((CHECKS + 1))
  local got
  got=$("$PY" -c '
import json, sys
d = json.loads(sys.stdin.read())
a = d["answers"][0]
got = "%s %s %s" % (d["decided"], a["status"], a["lead"]) + " " + ",".join(sorted(a["assist"]))
want = "True led %s " % sys.argv[1] + ",".join(sorted(filter(None, sys.argv[2].split(","))))
if len(d["answers"]) != 1 or got != want:
    print("expected [%s], got [%s]" % (want, got))
' "$lead" "$assist" <<<"$OUT")
  [[ -z $got ]] || fail "$what: $got"
  # The text format names the same lead (checked in one territory: each run
  # reads the whole set, and sanitizer builds are slow).
  [[ $at == 儒林街道 ]] || return 0
  run route --lists "$SET" --on "$ON" "$matter" --at "$at" "${w[@]}"
  expect_rc 0 "$what (text)"
  expect_out "lead:      $lead " "$what (text)"
}

# Three territories: a street, a town and a township, each served by another
# police station (儒林街道 by 儒林派出所, 康庄镇 by 康庄派出所, 刘斌堡乡 by 永宁派出所).
for t in 儒林街道 康庄镇 刘斌堡乡; do
  case $t in
  儒林街道) police=儒林派出所 ;;
  康庄镇) police=康庄派出所 ;;
  刘斌堡乡) police=永宁派出所 ;;
  esac
  team=${t}综合执法队

  # 噪音扰民 (ZZ-01, ZZ-02, ZZ-03)
  answer 噪音扰民 "$t" noise_source=夜间施工 "$team" 区住房城乡建设委,区生态环境局
  answer 噪音扰民 "$t" noise_source=社会生活 "$police" "$t"
  answer 噪音扰民 "$t" noise_source=工业设备 区生态环境局 "$t"
  # 非法经营 (ZZ-04, ZZ-05)
  answer 非法经营 "$t" business_site=固定场所 区市场监管局 "$t,$team"
  answer 非法经营 "$t" business_site=流动经营 "$team" "$police"
  # 开墙打洞 (ZZ-06): the territory itself
  answer 开墙打洞 "$t" "" "$t" "$team,区住房城乡建设委,区市场监管局,规划自然资源分局"
  # 违法建设 under construction (ZZ-07, ZZ-08)
  answer 在建违法建设 "$t" land=国有土地 "$team" 区住房城乡建设委,规划自然资源分局
  answer 在建违法建设 "$t" land=集体土地 "$t" 规划自然资源分局
  # 环境脏乱 (ZZ-12, ZZ-13)
  answer 环境脏乱 "$t" place=公共道路 区城市管理委 "$t,$team"
  answer 环境脏乱 "$t" place=居住小区 "$t" 区住房城乡建设委
  # 应急: burst pipe (ZZ-14), road collapse (ZZ-15)
  answer 供水管线爆裂 "$t" "" 区水务局 "$t,区城市管理委"
  answer 路面塌陷 "$t" "" 区城市管理委 "$t,区水务局"
done

# The narrower entry ZZ-09 adds the village committee in 八达岭镇 only.
answer 在建违法建设 八达岭镇 land=集体土地 八达岭镇 石峡村,规划自然资源分局
run route --lists "$SET" --on "$ON" 在建违法建设 --at 八达岭镇 --when land=集体土地
expect_out "primary.yaml:75: primary ZZ-09: lead @属地" "ZZ-09 evidence"

# Names: full names and 12345 category paths work as well as ids.
answer 城市管理-\>违法建设-\>疑似违建 康庄镇 land=集体土地 康庄镇 规划自然资源分局
answer 城乡建设-\>违法建设-\>疑似违建 儒林街道 land=国有土地 儒林街道综合执法队 区住房城乡建设委,规划自然资源分局
answer 生态环境-\>噪声污染-\>社会生活噪声 延庆区百泉街道办事处 noise_source=社会生活 百泉派出所 百泉街道
answer "非法经营（无照经营）" 刘斌堡乡 business_site=固定场所 区市场监管局 刘斌堡乡,刘斌堡乡综合执法队

# ---- json: lead, assist and evidence with file and line ------------------------

run route --lists "$SET" --on "$ON" 噪音扰民 --at 儒林街道 --when noise_source=夜间施工 --format json
expect_rc 0 "json"
CHECKS=$((CHECKS + 1))
"$PY" -c '
import json, os, sys
d = json.loads(sys.stdin.read())
assert d["matter"] == "噪音扰民" and d["territory"] == "儒林街道" and d["date"] == "2025-06-01"
assert d["decided"] is True and d["open_dimensions"] == []
a = d["answers"][0]
assert a["when"] == {"noise_source": "夜间施工"}
assert a["lead"] == "儒林街道综合执法队"
assert a["assist"] == ["区住房城乡建设委", "区生态环境局"]
assert a["limits"] == {"sign": "2h", "contact": "24h", "close": "7d"}
assert a["whistles"] and a["whistles"][0]["summon"] == ["儒林街道综合执法队", "区住房城乡建设委", "区生态环境局"]
ev = a["evidence"]
assert ev[0]["item"].startswith("primary ZZ-01"), ev[0]
assert any(e["item"].startswith("power YQ-ZFD-CF-03") for e in ev), ev
# Every piece of evidence points at the line that starts its item.
for e in ev:
    lines = open(e["file"], encoding="utf-8").read().split("\n")
    line = lines[e["line"] - 1]
    assert line.lstrip().startswith("- "), (e, line)
    if not e["item"].startswith("whistle"):
        key = e["item"].split()[1].rstrip(":")
        assert key in line, (e, line)
' <<<"$OUT" || fail "json: lead, assist, limits, whistles and evidence with file and line"

# ---- open dimensions -----------------------------------------------------------

run route --lists "$SET" --on "$ON" 噪音扰民 --at 儒林街道
expect_rc 1 "noise_source open"
expect_out "the answer depends on noise_source; pass --when DIMENSION=VALUE to choose:" "noise_source open"
expect_out "when:      noise_source=夜间施工" "noise_source open"
expect_out "when:      noise_source=社会生活" "noise_source open"
expect_out "when:      noise_source=工业设备" "noise_source open"
expect_out "lead:      儒林派出所 " "noise_source open"
run route --lists "$SET" --on "$ON" 噪音扰民 --at 儒林街道 --format json
expect_rc 1 "noise_source open (json)"
CHECKS=$((CHECKS + 1))
"$PY" -c '
import json, sys
d = json.loads(sys.stdin.read())
assert d["decided"] is False and d["open_dimensions"] == ["noise_source"]
leads = {a["when"]["noise_source"]: a["lead"] for a in d["answers"]}
assert leads == {"夜间施工": "儒林街道综合执法队", "社会生活": "儒林派出所", "工业设备": "区生态环境局"}, leads
' <<<"$OUT" || fail "noise_source open (json): one answer per value"

# ---- unknown, ambiguous and wrong input ----------------------------------------

run route --lists "$SET" --on "$ON" 噪音扰明 --at 儒林街道
expect_rc 2 "unknown matter"
expect_err 'no matter is called "噪音扰明"; did you mean "噪音扰民"?' "unknown matter"
run route --lists "$SET" --on "$ON" 噪音 --at 儒林街道
expect_rc 2 "partial matter"
expect_err '噪音扰民 (噪音扰民)' "partial matter"
run route --lists "$SET" --on "$ON" 违法建设 --at 儒林街道
expect_rc 2 "category matter"
expect_err 'has matters below it; name one of them:' "category matter"
expect_err '在建违法建设 (在建违法建设)' "category matter"
expect_err '开墙打洞 (开墙打洞)' "category matter"
run route --lists "$SET" --on "$ON" 噪音扰民 --at 儒林街 --when noise_source=夜间施工
expect_rc 2 "unknown territory"
expect_err 'no territory is called "儒林街"; did you mean "儒林街道"?' "unknown territory"
run route --lists "$SET" --on "$ON" 噪音扰民 --at 儒林 --when noise_source=夜间施工
expect_rc 2 "partial territory"
expect_err '儒林街道 (延庆区儒林街道办事处)' "partial territory"
run route --lists "$SET" --on "$ON" 噪音扰民 --at 区城市管理委 --when noise_source=夜间施工
expect_rc 2 "department as territory"
expect_err '"区城市管理委" is a department, not a street, town or township' "department as territory"
run route --lists "$SET" --on "$ON" 噪音扰民 --at 儒林派出所 --when noise_source=夜间施工
expect_rc 2 "police station as territory"
expect_err 'is a police, not a street, town or township' "police station as territory"
run route --lists "$SET" --on "$ON" 噪音扰民 --at 儒林街道 --when noise_source=白天
expect_rc 2 "bad --when value"
expect_err '"白天" is not a value of noise_source; expected "夜间施工", "社会生活" or "工业设备"' "bad --when value"
run route --lists "$SET" --on "$ON" 噪音扰民 --at 儒林街道 --when noise=夜间施工
expect_rc 2 "unknown dimension"
expect_err 'no dimension is called "noise"; 噪音扰民 splits by "noise_source"' "unknown dimension"
run route --lists "$SET" --on "$ON" 噪音扰民 --at 儒林街道 --when land=国有土地
expect_rc 2 "a dimension the matter does not split by"
expect_err '噪音扰民 does not split by land; it splits by "noise_source"' "a dimension the matter does not split by"
run route --lists "$SET" --on "$ON" 路面塌陷 --at 儒林街道 --when land=国有土地
expect_rc 2 "--when on a matter that does not split"
expect_err '路面塌陷 does not split by any dimension' "--when on a matter that does not split"
run route --lists "$SET" --on "$ON" 噪音扰民 --at 儒林街道 --when noise_source
expect_rc 2 "--when without ="
expect_err 'expected DIMENSION=VALUE' "--when without ="
run route --lists "$SET" --on 2025-02-30 噪音扰民 --at 儒林街道
expect_rc 2 "bad --on"
run route --lists "$SET" --on "$ON" 噪音扰民 --at 儒林街道 --format xml
expect_rc 2 "bad --format"

# --when before the matter: the matter is still the matter.
run route --lists "$SET" --on "$ON" --when noise_source=工业设备 噪音扰民 --at 儒林街道
expect_rc 0 "--when before the matter"
expect_out "lead:      区生态环境局 " "--when before the matter"

# ---- where the list set comes from ---------------------------------------------

OUT=$(DUTY_LISTS="$SET" "$DUTY" route --on "$ON" 路面塌陷 --at 百泉街道 2>"$SCRATCH/.stderr")
RC=$?
ERR=$(cat "$SCRATCH/.stderr")
expect_rc 0 "DUTY_LISTS"
expect_out "lead:      区城市管理委 " "DUTY_LISTS"
run route --on "$ON" 路面塌陷 --at 百泉街道
expect_rc 2 "no lists at all"
expect_err "no list set given" "no lists at all"
run route --lists "$SCRATCH/nowhere" --on "$ON" 路面塌陷 --at 百泉街道
expect_rc 2 "a list set that does not exist"

# ---- overlap and orphan slices say so ------------------------------------------

FIX="$DUTY_SRC/tests/fixtures/audit"
run route --lists "$FIX/overlap" --on "$ON" 环境脏乱 --at 甲街道
expect_rc 1 "overlap slice"
expect_out "lead:      OVERLAP — several units claim the lead" "overlap slice"
expect_out "powers.yaml:15: power SJ-02" "overlap slice"
run route --lists "$FIX/overlap" --on "$ON" 环境脏乱 --at 甲街道 --format json
expect_rc 1 "overlap slice (json)"
CHECKS=$((CHECKS + 1))
"$PY" -c '
import json, sys
d = json.loads(sys.stdin.read())
a = d["answers"][0]
assert d["decided"] is False and a["status"] == "overlap" and a["lead"] is None, d
' <<<"$OUT" || fail "overlap slice (json)"
run route --lists "$FIX/orphan-matter" --on "$ON" 小广告 --at 乙镇
expect_rc 1 "orphan slice"
expect_out "lead:      ORPHAN — nobody leads" "orphan slice"
run route --lists "$FIX/conflicting-primary" --on "$ON" 环境脏乱 --at 乙镇
expect_rc 1 "conflict slice"
expect_out "lead:      CONFLICT — equally specific primary entries name different leads" "conflict slice"

# Evidence is sorted: primary entries, powers and 基本履职 tasks, 上级收回 tasks,
# 配合履职 tasks, whistles; within each group by file, then line — for every
# answer of matters that gather evidence from many files.
for q in "噪音扰民|儒林街道" "在建违法建设|八达岭镇" "占道经营|儒林街道" "噪音扰民|张山营镇"; do
  run route --lists "$SET" --on "$ON" "${q%%|*}" --at "${q##*|}" --format json
  CHECKS=$((CHECKS + 1))
  "$PY" -c '
import json, sys
d = json.loads(sys.stdin.read())
def group(item):
    for i, p in enumerate(("primary ", "power ", "task ", "task ", "whistle ")):
        if item.startswith(p):
            if p == "task " and "基本履职" not in item:
                return 3 if "配合履职" in item else 2
            return i
    raise AssertionError(item)
n = 0
for a in d["answers"]:
    ev = a["evidence"]
    keys = [(group(e["item"]), e["file"], e["line"]) for e in ev]
    assert keys == sorted(keys), ev
    n += len(ev)
assert n >= 3, d
' <<<"$OUT" || fail "evidence sorted: ${q}"
done

finish
