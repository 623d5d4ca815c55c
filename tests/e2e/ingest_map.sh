# duty ingest --map: an export with other headers (the example of duty-map(5)),
# a custom time format, dimensions, personal columns; map errors are located.
source "$DUTY_SRC/tests/e2e/lib.sh"
export DUTY_PII_KEY=map-test-key-0123456789abcdef

cat >grid.map.yaml <<'YAML'
fields:
  id: 案件编号
  received_at: 上报时间
  territory: 所属街乡
  unit: 处置部门
  category1: 大类
  category2: 小类
dimensions:
  土地性质: land
personal: [举报人地址]
time:
  format: "%Y年%m月%d日 %H:%M"
  zone: Asia/Shanghai
encoding: gbk
YAML
cat >grid.utf8.csv <<'CSV'
案件编号,上报时间,所属街乡,处置部门,大类,小类,土地性质,举报人地址,处置结果
W1,2025年03月01日 08:15,儒林街道,儒林街道综合执法队,城乡建设,违法建设,集体土地,某村3号院,已拆除
W2,2025-03-02 09:00:00,百泉街道,区城市管理委,城市管理,环境脏乱,国有土地,某小区5号楼,已清理
CSV
iconv -f UTF-8 -t GBK grid.utf8.csv >grid.csv

run ingest --db s.db --map grid.map.yaml grid.csv
expect_rc 0
expect_out "2 rows stored (2 new, 0 updated) [csv, gb18030]"
run query --db s.db --format csv "select id, received_at, territory, unit, category, json_extract(dims, '$.land'), json_extract(extra, '$.处置结果') from orders order by id"
expect_out "W1,2025-03-01 08:15:00,儒林街道,儒林街道综合执法队,城乡建设->违法建设,集体土地,已拆除"
expect_out "W2,2025-03-02 09:00:00,百泉街道,区城市管理委,城市管理->环境脏乱,国有土地,已清理"
run query --db s.db "select extra from orders"
expect_not_out "某村3号院"
expect_out '"举报人地址":"p:'

# Without the map the export has no id column.
run ingest --db t.db --encoding gbk grid.csv
expect_rc 1
expect_err "no column for id (工单编号); the header has: "

# Errors in the map name file, line and column.
printf 'fields:\n  id: 案件编号\n  recieved_at: 上报时间\n' >typo.yaml
run ingest --db t.db --map typo.yaml grid.csv
expect_rc 2
expect_err "typo.yaml:3:3: unknown field \"recieved_at\""
printf 'time:\n  zone: Mars/Base\n' >zone.yaml
run ingest --db t.db --map zone.yaml grid.csv
expect_rc 2
expect_err "zone.yaml:2:9: unknown zone"

finish
