# duty gen cases writes a GBK export against the example lists; duty ingest
# --lists resolves its names to ids and reports what it cannot resolve.
source "$DUTY_SRC/tests/e2e/lib.sh"
LISTS=$DUTY_SRC/lists/yanqing

run gen cases --lists "$LISTS" --orders 500 --seed 3 --encoding gbk --events events.csv -o orders.csv
expect_rc 0
expect_err "wrote 500 orders"
if iconv -f UTF-8 -t UTF-8 orders.csv >/dev/null 2>&1; then fail "orders.csv should be GBK"; fi
"$DUTY" gen cases --lists "$LISTS" --orders 500 --seed 3 --encoding gbk -o again.csv 2>/dev/null
cmp -s orders.csv again.csv || fail "same seed gave other bytes"

run ingest --db s.db --lists "$LISTS" --skip-bad rejects.jsonl orders.csv
[[ $RC == 0 || $RC == 1 ]] || fail "ingest exit $RC"
expect_out "[csv, gb18030]"
expect_not_out "unresolved names"
run ingest --db s.db --lists "$LISTS" --events events.csv
expect_rc 0
run query --db s.db --format csv "select count(*) = count(matter_id), count(*) = count(unit_id), count(*) = count(territory_id) from orders"
expect_out "1,1,1"
# Full names from the export resolve through aliases to the short ids.
run query --db s.db --format csv "select count(*) > 0 from orders where unit <> unit_id"
expect_out "1"

# Names the lists do not know are counted, by field and name.
cat >odd.csv <<'CSV'
工单编号,问题分类,被反映街乡镇,主办单位
Z1,外星人->飞碟->降落,火星街道,宇宙管理局
Z2,外星人->飞碟->降落,儒林街道,宇宙管理局
Z3,城乡建设->违法建设->疑似违建,儒林街道,北京市延庆区城市管理委员会
CSV
run ingest --db s.db --lists "$LISTS" odd.csv
expect_rc 0
expect_out "unresolved names against the lists: 3 distinct, 5 rows"
expect_out "category  \"外星人->飞碟->降落\"  2 rows"
expect_out "unit      \"宇宙管理局\"  2 rows"
expect_out "territory \"火星街道\"  1 row"
run query --db s.db --format csv "select id, matter_id, territory_id, unit_id from orders where id like 'Z%' order by id"
expect_out "Z1,,,"
expect_out "Z3,在建违法建设,儒林街道,区城市管理委"
run query --db s.db --format csv "select field, name, rows from unresolved order by rows desc, field"
expect_out "category,外星人->飞碟->降落,2"

finish
