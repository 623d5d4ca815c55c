# duty ingest: a GBK export with Chinese headers, as Excel saves it; three
# category columns, mixed time formats, Excel serials, personal data hashed.
source "$DUTY_SRC/tests/e2e/lib.sh"

cat >orders.utf8.csv <<'CSV'
工单编号,工单类型,一级分类,二级分类,三级分类,标题,主要内容,工单状态,来电人,来电人电话,被反映区,被反映街乡镇,村/社区,主办单位,工单性质,来电时间,派单时间,办结时间,是否有效回访,是否联系,是否解决,是否满意,受理渠道
G001,投诉,城市管理,违法建设,疑似违建,院内私搭乱建,"邻居在院内搭建彩钢房，影响通行",已办结,张三,13800138000,延庆区,儒林街道,妫水北街社区,儒林街道,主办,2025/3/1 8:15,2025/3/1 8:40:09,2025-03-03 17:00:00,是,是,解决,满意,电话
G002,诉求,城市管理,环境脏乱,,小区垃圾,垃圾清运不及时,已办结,张三,138-0013-8000,延庆区,百泉街道,,区城市管理委,主办,45717.34375,2025-03-01T01:00:00Z,2025-03-04,是,否,部分解决,基本满意,网络
G003,咨询,,,,供暖咨询,问供暖时间,处理中,李四,+86 139 0000 0001,延庆区,康庄镇,小丰营村,康庄镇,主办,2025-03-02 09:30:00,,,否,,,未评价,电话
CSV
iconv -f UTF-8 -t GBK orders.utf8.csv >orders.csv || { echo "iconv failed"; exit 1; }
if iconv -f UTF-8 -t UTF-8 orders.csv >/dev/null 2>&1; then
  echo "fixture is not GBK"; exit 1
fi

export DUTY_PII_KEY=test-key-0123456789abcdef
run ingest --db store.db orders.csv
expect_rc 0 "gbk ingest"
expect_out "orders.csv: 3 rows stored (3 new, 0 updated) [csv, gb18030]"

run query --db store.db --format csv "select id, type, category, territory, community, unit, role, received_at, dispatched_at, closed_at, visit_valid, contacted, resolved, satisfaction from orders order by id"
expect_rc 0
expect_out "G001,投诉,城市管理->违法建设->疑似违建,儒林街道,妫水北街社区,儒林街道,主办,2025-03-01 08:15:00,2025-03-01 08:40:09,2025-03-03 17:00:00,1,1,yes,satisfied"
# Excel serial 45717.34375 is 2025-03-01 08:15; 01:00Z is 09:00 in Beijing; a date alone is midnight.
expect_out "G002,诉求,城市管理->环境脏乱,百泉街道,,区城市管理委,主办,2025-03-01 08:15:00,2025-03-01 09:00:00,2025-03-04 00:00:00,1,0,partly,basic"
expect_out "G003,咨询,,康庄镇,小丰营村,康庄镇,主办,2025-03-02 09:30:00,,,0,,,unrated"

# Unknown columns are kept as extra attributes.
run query --db store.db "select json_extract(extra, '$.受理渠道') from orders where id = 'G002'"
expect_out "网络"

# Personal data: hashed with the key; the same phone in another format gives the same hash.
run query --db store.db --format csv "select count(distinct caller), count(distinct phone), sum(phone like 'p:%') from orders"
expect_out "2,2,3"
run query --db store.db "select * from orders"
expect_not_out "13800138000"
expect_not_out "张三"
expect_not_out "李四"

# The ingests table records source, content hash and counts.
run query --db store.db --format csv "select source, kind, encoding, format, rows, inserted, length(sha256) from ingests"
expect_out "orders.csv,orders,gb18030,csv,3,3,64"

# Re-ingesting updates, never duplicates.
run ingest --db store.db orders.csv
expect_rc 0
expect_out "3 rows stored (0 new, 3 updated)"
run query --db store.db --format csv "select count(*), max(loads) from orders"
expect_out "3,2"

# Forcing the wrong encoding fails with the line; --keep-personal keeps values.
run ingest --db other.db --encoding utf-8 orders.csv
expect_rc 1 "utf-8 forced on GBK"
expect_err "not valid UTF-8"
unset DUTY_PII_KEY
run ingest --db keep.db --keep-personal orders.csv
expect_rc 0
run query --db keep.db "select caller from orders where id = 'G001'"
expect_out "张三"
# Without a key, personal values are dropped, and said so.
run ingest --db nokey.db orders.csv
expect_rc 0
expect_out "personal values were not stored"
run query --db nokey.db --format csv "select count(caller), count(phone) from orders"
expect_out "0,0"

finish
