#!/usr/bin/env bash
# duty rates on hand-built exports whose every number is worked out below:
# exclusions, the 0.9 factor, the composite, ranks, 合计, --compare, a GBK
# export with Chinese headers, Excel serial times and embedded newlines, and
# the errors a user meets.
source "$(dirname "$0")/lib.sh"

# March: 甲单位 counts A1–A5 and A7 (A6 不纳入考核, A8 申诉核减 are excluded; A7's 不合理诉求
# was 查否, so it stays): 6 orders, 5 valid visits (A5's is not), 4 contacted (80%), 3
# resolved (60%; 部分解决 counts 0), 2 满意 + 2 基本满意 → (2 + 1.8) / 5 = 76%;
# score 100 × (0.1·0.8 + 0.5·0.6 + 0.4·0.76) = 68.4.
# 乙单位: 4 orders, 3 contacted (75%), 3 resolved (75%), 2 满意 + 1 基本满意 → 72.5%; 74.0.
# February: 甲 100% / 50% / 50% → 55.0 (rank 1); 乙 0 / 0 / 0 → 0.0 (rank 2).
cat >march.csv <<'CSV'
工单编号,工单类型,主办单位,被反映街乡镇,问题分类,主要内容,工单状态,来电人电话,来电时间,办结时间,是否有效回访,是否联系,是否解决,是否满意,是否纳入考核,不合理诉求,考核申诉
A1,诉求,甲单位,儒林街道,城市管理->噪音,"夜间施工
第二行",已办结,13800000001,2025-03-01 08:00:00,45726.5,是,是,解决,满意,是,,
A2,诉求,甲单位,儒林街道,城市管理->噪音,内容,已办结,13800000002,2025-03-02 08:00:00,2025/3/11 9:30,是,是,解决,基本满意,是,,
A3,投诉,甲单位,百泉街道,城市管理->噪音,内容,已办结,13800000003,2025-03-03 08:00:00,2025-03-12 10:00:00,是,否,未解决,不满意,,,
A4,诉求,甲单位,百泉街道,城市管理->噪音,内容,已办结,13800000004,2025-03-04 08:00:00,2025-03-13 10:00:00,是,是,部分解决,基本满意,,,
A5,诉求,甲单位,百泉街道,城市管理->噪音,内容,已办结,13800000005,2025-03-05 08:00:00,2025-03-14 10:00:00,否,,,未评价,,,
A6,诉求,甲单位,百泉街道,城市管理->噪音,内容,已办结,13800000006,2025-03-06 08:00:00,2025-03-15 10:00:00,是,是,解决,满意,否,,
A7,诉求,甲单位,百泉街道,城市管理->噪音,内容,已办结,13800000007,2025-03-07 08:00:00,2025-03-16 10:00:00,是,是,解决,满意,是,查否,
A8,诉求,甲单位,百泉街道,城市管理->噪音,内容,已办结,13800000008,2025-03-08 08:00:00,2025-03-17 10:00:00,是,否,未解决,不满意,是,,核减
B1,诉求,乙单位,儒林街道,市场监管->无照经营,内容,已办结,13900000001,2025-03-01 08:00:00,2025-03-20 10:00:00,是,是,解决,满意,,,
B2,诉求,乙单位,儒林街道,市场监管->无照经营,内容,已办结,13900000002,2025-03-02 08:00:00,2025-03-21 10:00:00,是,是,解决,满意,,,
B3,诉求,乙单位,儒林街道,市场监管->无照经营,内容,已办结,13900000003,2025-03-03 08:00:00,2025-03-22 10:00:00,是,是,未解决,基本满意,,,
B4,诉求,乙单位,儒林街道,市场监管->无照经营,内容,已办结,13900000004,2025-03-04 08:00:00,2025-03-31 23:59:59,是,否,解决,不满意,,,
N1,咨询,,儒林街道,市场监管->无照经营,直接答复,已办结,13900000005,2025-03-04 08:00:00,2025-03-05 10:00:00,是,是,解决,满意,,,
O1,诉求,乙单位,儒林街道,市场监管->无照经营,内容,处理中,13900000006,2025-03-28 08:00:00,,,,,,,,
F1,诉求,甲单位,儒林街道,城市管理->噪音,内容,已办结,13800000011,2025-02-01 08:00:00,2025-02-10 08:00:00,是,是,解决,满意,,,
F2,诉求,甲单位,儒林街道,城市管理->噪音,内容,已办结,13800000012,2025-02-02 08:00:00,2025-02-11 08:00:00,是,是,未解决,不满意,,,
F3,诉求,乙单位,儒林街道,市场监管->无照经营,内容,已办结,13900000013,2025-02-03 08:00:00,2025-02-12 08:00:00,是,否,未解决,不满意,,,
CSV
iconv -f utf-8 -t gbk march.csv >march-gbk.csv

run rates --period 2025-03 march-gbk.csv
expect_rc 0 "GBK export with Chinese headers"
expect_out "2025-03" "title"
expect_eq "$(grep -E '^ +1 ' <<<"$OUT" | tr -s ' ')" " 1 乙单位 4 4 3 3 2 1 75.00% 75.00% 72.50% 74.0" "乙 ranks first"
expect_eq "$(grep -E '^ +2 ' <<<"$OUT" | tr -s ' ')" " 2 甲单位 6 5 4 3 2 2 80.00% 60.00% 76.00% 68.4" "甲 second"
expect_eq "$(grep -E '合计' <<<"$OUT" | tr -s ' ')" " 合计 10 9 7 6 4 3 77.50% 67.50% 74.25% 71.2" "合计 averages the rates"
expect_err "1 order without a unit" "the hotline's own answer is in no row"
expect_err "1 order without the time" "an open order is in no period"

run rates --period 2025-03 --format json march-gbk.csv
expect_rc 0 "json"
expect_out '{"group":"all","unit":"甲单位","period":"2025-03","orders":6,"visits":5,"contacted":4,"resolved":3,"satisfied":2,"basically_satisfied":2,"response_rate":0.800000,"resolution_rate":0.600000,"satisfaction_rate":0.760000,"score":68.4,"rank":2,"excluded":{"not_dispatched":0,"not_assessed":1,"unreasonable":0,"appeal_upheld":1}}' "甲's JSON row"
expect_out '"unit":"合计","period":"2025-03","orders":10,"visits":9,"contacted":7,"resolved":6,"satisfied":4,"basically_satisfied":3,"response_rate":0.775000,"resolution_rate":0.675000,"satisfaction_rate":0.742500,"score":71.2,"rank":null' "合计 JSON"
expect_out '"profile":{"id":"bj-practice"' "the profile leads the document"

# --compare with February: changes in percentage points, score points and places.
run rates --period 2025-03 --compare 2025-02 --format csv march.csv
expect_rc 0 "--compare"
expect_out "分组,期间,序号,承办单位,受理量,有效回访,联系数,解决数,满意数,基本满意,响应率,解决率,满意率,综合成绩,响应率变化,解决率变化,满意率变化,综合成绩变化,名次变化" "change columns"
expect_out "all,2025-03,1,乙单位,4,4,3,3,2,1,75.00%,75.00%,72.50%,74.0,+75.00,+75.00,+72.50,+74.0,+1" "乙 rose"
expect_out "all,2025-03,2,甲单位,6,5,4,3,2,2,80.00%,60.00%,76.00%,68.4,-20.00,+10.00,+26.00,+13.4,-1" "甲 fell"
run rates --period 2025-03 --compare 2025-02 --format json march.csv
expect_out '"change":{"response_rate":-0.200000,"resolution_rate":0.100000,"satisfaction_rate":0.260000,"score":13.4,"rank":-1}' "JSON change"

# Every period when none is named; one row per unit and month with --by unit,month.
run rates --by unit,month --format csv march.csv
expect_out "all,2025-02,1,甲单位,2,2,2,1,1,0,100.00%,50.00%,50.00%,55.0" "February row"
expect_out "all,2025-02,2,乙单位,1,1,0,0,0,0,0.00%,0.00%,0.00%,0.0" "February last"
run rates --by territory --period 2025-03 --format csv march.csv
expect_out "all,2025-03,1,儒林街道,6,6,5,5,3,2" "by territory: 儒林 has A1 A2 B1–B4"

# English headers and Markdown.
run rates --period 2025-03 --lang en --format md march.csv
expect_out "| No. | unit | orders | valid visits | contacted | resolved | satisfied | basically satisfied | response | resolution | satisfaction | score |" "English headers"
expect_out "| 2 | 甲单位 | 6 | 5 | 4 | 3 | 2 | 2 | 80.00% | 60.00% | 76.00% | 68.4 |" "md row"
expect_out "| **total** |" "English summary label"

# A profile of our own: pooled 合计, shared ranks, 咨询 and re-dispatched rows out.
cat >mine.yaml <<'YAML'
kind: profile
items:
  - id: mine
    weights: {response: 0.2, resolution: 0.4, satisfaction: 0.4}
    ranking: {tie: shared}
    summary: pooled
    rate_decimals: 1
    exclusions:
      - {rule: consultation}
      - {rule: redispatched_first_unit}
YAML
cat >ties.csv <<'CSV'
工单编号,工单类型,主办单位,工单状态,办结时间,是否有效回访,是否联系,是否解决,是否满意
C1,诉求,丙单位,已办结,2025-03-01 10:00,是,是,解决,满意
C2,诉求,丙单位,已办结,2025-03-02 10:00,是,是,解决,满意
D1,诉求,丁单位,已办结,2025-03-03 10:00,是,是,解决,满意
D2,咨询,丁单位,已办结,2025-03-03 10:00,是,否,未解决,不满意
D3,诉求,丁单位,已退回,2025-03-03 10:00,是,否,未解决,不满意
CSV
run rates --profile mine.yaml --format csv ties.csv
expect_rc 0 "profile file"
expect_out "all,2025-03,1,丙单位,2,2,2,2,2,0,100.0%,100.0%,100.0%,100.0" "shared rank: 丙"
expect_out "all,2025-03,1,丁单位,1,1,1,1,1,0,100.0%,100.0%,100.0%,100.0" "shared rank: 丁"
expect_out "all,2025-03,,合计,3,3,3,3,3,0,100.0%,100.0%,100.0%,100.0" "pooled 合计"
run rates --format csv ties.csv
expect_out "all,2025-03,1,丙单位,2,2,2,2,2,0" "volume breaks the tie"
expect_out "all,2025-03,2,丁单位,3,3,1,1,1,0" "丁 has all three rows under bj-practice"
run rates --profile mine.yaml --format json ties.csv
expect_out '"excluded":{"consultation":1,"redispatched_first_unit":1}' "reasons counted"

# Standard input, read twice for the duplicate rule: the same rows as the file.
run rates --profile "$DUTY_SRC/tests/fixtures/rates/window.yaml" --format json march.csv
FILE_OUT=$OUT
run_in march.csv rates --profile "$DUTY_SRC/tests/fixtures/rates/window.yaml" --format json -
expect_rc 0 "stdin with the duplicate rule"
expect_eq "$OUT" "$FILE_OUT" "stdin and file agree"

# From a store: the same rows as from the export; a store made before the assessment
# columns existed is read (with a note) and gets them on its next ingest.
export DUTY_PII_KEY=rates-test-key-0123456789abcdef
"$DUTY" ingest --db m.db march.csv >/dev/null
run rates --db m.db --period 2025-03 --format csv
expect_rc 0 "from the store"
expect_out "all,2025-03,2,甲单位,6,5,4,3,2,2,80.00%,60.00%,76.00%,68.4" "store row"
sqlite3 m.db "ALTER TABLE orders DROP COLUMN appeal"
run rates --db m.db --period 2025-03 --format csv
expect_rc 0 "an older store"
expect_err "the store has no column appeal" "says what it lacks"
expect_out "all,2025-03,2,甲单位,7,6,4,3,2,2" "A8 counts without its 核减"
"$DUTY" ingest --db m.db march.csv >/dev/null
run rates --db m.db --period 2025-03 --format csv
expect_out "all,2025-03,2,甲单位,6,5,4,3,2,2" "the next ingest adds the column"
expect_not_out "no column" "no note"

# Errors.
run rates --period 2024-01 march.csv
expect_rc 1 "an empty period"
expect_err "no orders in 2024-01: the input has orders in 2025-02..2025-03" "empty period named"
run rates --period 2025-03 --unit 甲单 march.csv
expect_rc 1 "unknown unit filter"
expect_err '--unit "甲单": no orders counted for it in this period; did you mean "甲单位"?' "unit filter hint"
run rates --period 2025-03 --unit 甲单位 --format csv march.csv
expect_rc 0 "unit filter"
expect_out "all,2025-03,2,甲单位" "the filter keeps the group's rank"
expect_not_out "乙单位" "others hidden"
run rates --period 2025-13 march.csv
expect_rc 2 "bad period"
expect_err "--period: \"2025-13\" is not a period" "bad period named"
run rates --by team march.csv
expect_rc 2 "bad --by"
run rates --profile bj-practise march.csv
expect_rc 2 "unknown profile"
expect_err 'did you mean "bj-practice"' "profile hint"
run rates --profile on-time march.csv
expect_rc 2 "on-time needs the lists (replay's clocks)"
expect_err "replay's clocks, whose limits come from the lists: give --lists" "says why"
printf 'kind: profile\nitems:\n  - id: bad\n    weights: {response: 0.2, resolution: 0.5, satisfaction: 0.4}\n' >bad.yaml
run rates --profile bad.yaml march.csv
expect_rc 1 "a profile that does not add up"
expect_err "bad.yaml:4:14: error: the weights sum to 1.1, not 1" "located on stderr"
run rates --db x.db march.csv
expect_rc 2 "--db and files"
run rates --db missing.db
expect_rc 2 "a missing store"
run rates --compare 2025-02 --by unit,month march.csv
expect_rc 2 "--compare needs one period per row"
run rates --period 2025-03 --compare 2024-01 march.csv
expect_rc 1 "empty compare period"
finish
