# duty ingest with bad rows: by default nothing is written; with --skip-bad
# the rejects go to a file with their reasons and the good rows are stored.
source "$DUTY_SRC/tests/e2e/lib.sh"
export DUTY_PII_KEY=bad-rows-test-key-0123456789

cat >good.csv <<'CSV'
工单编号,来电时间,办结时间,是否满意,来电人电话,工单状态
K0,2025-03-01 08:00,2025-03-01 12:00,满意,13700000000,已办结
CSV
run ingest --db s.db good.csv
expect_rc 0
run query --db s.db --format csv "select * from orders order by id"
before=$OUT

cat >bad.csv <<'CSV'
工单编号,来电时间,办结时间,是否满意,来电人电话,工单状态
K1,2025-03-01 08:00,2025-03-01 12:00,满意,13700000001,已办结
K2,2025-03-01 08:00,,很满意,13700000002,已办结
K3,昨天,,满意,13700000003,
K4,2025-03-02 08:00,2025-03-01 08:00,满意,13700000004,已办结
,2025-03-02 08:00,,满意,13700000005,
K1,2025-03-02 09:00,,满意,13700000001,处理中
K6,2025-03-02 08:00,,满意,13700000006,已办结,,
K7,2025-03-02 08:00
CSV
run ingest --db s.db bad.csv
expect_rc 1 "default mode"
expect_err "4 bad rows; nothing was written"
expect_err "bad.csv:3: column 是否满意: cannot read \"很满意\" as satisfaction"
expect_err "bad.csv:4: column 来电时间: cannot read \"昨天\" as a time"
expect_err "bad.csv:6: column 工单编号: no id"
expect_err "bad.csv:9: the row has 2 fields, the header 6"
# No diagnostic prints a phone number.
[[ $ERR != *1370000* ]] || fail "a phone number in stderr"
run query --db s.db --format csv "select * from orders order by id"
expect_eq "$OUT" "$before" "store unchanged after a failed ingest"
run query --db s.db "select count(*) from ingests"
expect_out "1"

run ingest --db s.db --skip-bad rejects.jsonl bad.csv
expect_rc 1 "skip mode"
expect_out "bad.csv: 4 rows stored (3 new, 1 updated), 4 rejected"
expect_out "4 rejected rows written to rejects.jsonl"
# Anomalies are counted and listed, not dropped.
expect_out "anomalies (stored in table anomalies): 1 closed-before-received 1 closed-without-time 1 duplicate-id"
expect_out "bad.csv:5: closed-before-received \"K4\""
expect_out "bad.csv:7: duplicate-id \"K1\": id also on line 2 of this file"
[[ $(wc -l <rejects.jsonl) == 4 ]] || fail "rejects.jsonl should hold 4 lines"
grep -q '"line":3,"column":"是否满意","reason":"cannot read \\"很满意\\" as satisfaction' rejects.jsonl ||
  fail "rejects.jsonl lacks line 3"
! grep -q 1370000 rejects.jsonl || fail "rejects.jsonl holds a raw phone number"
! grep -q '"来电人电话"' rejects.jsonl || fail "rejects.jsonl should leave personal columns out"
run query --db s.db --format csv "select id, received_at from orders order by id"
expect_out "K0,2025-03-01 08:00:00"
expect_out "K1,2025-03-02 09:00:00"
expect_out "K6,2025-03-02 08:00:00"
run query --db s.db --format csv "select line, column_name from rejects order by line"
expect_eq "$OUT" $'line,column_name\r\n3,是否满意\r\n4,来电时间\r\n6,工单编号\r\n9,\r' "rejects table"
run query --db s.db --format csv "select kind, count(*) from anomalies group by 1 order by 1"
expect_out "closed-before-received,1"
expect_out "duplicate-id,1"

# Unreadable input and missing required columns.
run ingest --db s.db nosuch.csv
expect_rc 2
expect_err "nosuch.csv: No such file or directory"
printf '标题,内容\na,b\n' >noid.csv
run ingest --db s.db noid.csv
expect_rc 1
expect_err "noid.csv:1: no column for id (工单编号)"

finish
