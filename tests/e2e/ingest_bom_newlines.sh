# duty ingest: UTF-8 with a BOM, CRLF line ends, quoted fields holding commas,
# quotes and line breaks; errors name the physical line.
source "$DUTY_SRC/tests/e2e/lib.sh"

printf '\xEF\xBB\xBF工单编号,标题,主要内容,主办单位,来电时间,是否满意\r\n' >orders.csv
printf 'U1,噪音,"夜间施工\r\n噪音扰民,""严重""\r\n第三行",区住房城乡建设委,2025-03-05 22:10:00,不满意\r\n' >>orders.csv
printf 'U2,"占道经营, 烧烤",路边烧烤,延庆镇,2025-03-06 19:00,满意\r\n' >>orders.csv

run ingest --db s.db orders.csv
expect_rc 0
expect_out "2 rows stored (2 new, 0 updated) [csv, utf-8]"
run query --db s.db --format json "select id, title, content, line from orders order by id"
expect_out '"content":"夜间施工\r\n噪音扰民,\"严重\"\r\n第三行"'
expect_out '"title":"占道经营, 烧烤"'
# U2 starts on physical line 5: the header is line 1 and U1 spans lines 2-4.
expect_out '"id":"U2","title":"占道经营, 烧烤","content":"路边烧烤","line":5'
# The BOM does not stick to the first header: 工单编号 was recognised as the id.
run query --db s.db "select count(*) from orders where extra is not null"
expect_out "0"

# A bad value after embedded newlines is reported on its physical line.
cp orders.csv bad.csv
printf 'U3,"多行\n标题",内容,延庆镇,2025-02-30 10:00,满意\r\n' >>bad.csv
run ingest --db s2.db bad.csv
expect_rc 1
expect_err "bad.csv:6: column 来电时间: cannot read \"2025-02-30 10:00\" as a time"
[[ ! -e s2.db ]] || fail "a failed first ingest left s2.db behind"

# Plain LF works the same; a TSV too.
printf 'id\ttitle\treceived_at\nT1\t标题\t2025-03-01 08:00\n' >orders.tsv
run ingest --db s.db orders.tsv
expect_rc 0
expect_out "[tsv, utf-8]"

finish
