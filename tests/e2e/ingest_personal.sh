# Personal data never leaks: not into the store in the clear, not into the
# rejects file, not into any message, whatever the columns are called.
source "$DUTY_SRC/tests/e2e/lib.sh"
export DUTY_PII_KEY=personal-e2e-key-0123456789

# Raw personal values of this export; none may appear anywhere.
RAW=(张三丰 李四光 13800138000 13912345678 010-62345678 11010519491231002X 延庆区某村3号院
     13700001111 13600002222 王五福 a@b.cn)
cat >orders.csv <<'CSV'
工单编号,来电人,姓名,来电人电话,联系电话,身份证号,地址,备用号码栏,电子邮箱,来电时间,标题
P1,张三丰,李四光,13800138000,010-62345678,11010519491231002X,延庆区某村3号院,13912345678,a@b.cn,2025-03-01 08:00,路灯不亮
P2,王五福,,无,,,,,,2025-03-01 09:00,噪音
P3,王五福,,13700001111,,,,,,明天上午,水管
P4,13600002222,王五福,多出来的一列,x,y,z,1,2,3,4,5
CSV

# Everything duty leaves behind: the store as SQL text, side files, output.
leaks() {
  local where=$1 text
  text=$(cat "$where" 2>/dev/null)
  for raw in "${RAW[@]}"; do
    CHECKS=$((CHECKS + 1))
    ! grep -qF -- "$raw" <<<"$text" || fail "$where holds the personal value $raw"
  done
}

run ingest --db s.db --skip-bad rejects.jsonl orders.csv
expect_rc 1
expect_out "orders.csv: 2 rows stored (2 new, 0 updated), 2 rejected"
expect_out "note: 1 value that looks like phone or ID numbers in unmapped columns was treated as personal data"
expect_out '"备用号码栏"'
printf '%s\n%s\n' "$OUT" "$ERR" >messages.txt
sqlite3 s.db .dump >dump.sql
leaks dump.sql
leaks rejects.jsonl
leaks messages.txt
# The misaligned row (P4) is rejected by line and reason alone.
grep -q '"line":5,.*"reason":"the row has 12 fields, the header 11"}' rejects.jsonl ||
  fail "rejects.jsonl should hold line 5 without its values: $(cat rejects.jsonl)"
grep -q '"line":4,.*"标题":"水管"' rejects.jsonl || fail "rejects.jsonl should keep non-personal fields"
# Hashes, not NULLs, where a key is given; a phone without digits is no phone.
run query --db s.db --format csv "select id, caller like 'p:%', phone is null, json_extract(extra, '$.联系电话') like 'p:%' from orders order by id"
expect_eq "$OUT" $'id,caller like \'p:%\',phone is null,"json_extract(extra, \'$.联系电话\') like \'p:%\'"\r\nP1,1,0,1\r\nP2,1,1,\r'

# Without a key: nothing personal is stored, and no message echoes it.
unset DUTY_PII_KEY
run ingest --db nokey.db --skip-bad r2.jsonl orders.csv
sqlite3 nokey.db .dump >dump2.sql
printf '%s\n%s\n' "$OUT" "$ERR" >messages2.txt
leaks dump2.sql
leaks r2.jsonl
leaks messages2.txt
expect_out "personal values were not stored"

# Without --skip-bad the errors are listed; no value of a personal column, nor a number, is shown.
run ingest --db t.db orders.csv
expect_rc 1
printf '%s\n%s\n' "$OUT" "$ERR" >messages3.txt
leaks messages3.txt
expect_err "orders.csv:4: column 来电时间: cannot read \"明天上午\" as a time"

# A headerless export: its first row is never printed as "the header".
tail -n +2 orders.csv >headerless.csv
run ingest --db h.db headerless.csv
expect_rc 1
expect_err "the first line (11 cells) does not look like a header"
printf '%s\n%s\n' "$OUT" "$ERR" >messages4.txt
leaks messages4.txt
CHECKS=$((CHECKS + 1))
[[ ! -e h.db ]] || fail "a failed first ingest left a store"

# duty query over a pipe: the same rules, and --skip-bad says how many rows it set aside.
export DUTY_PII_KEY=personal-e2e-key-0123456789
run_in orders.csv query --skip-bad q.jsonl --format csv "select count(*) from orders"
expect_rc 1
expect_err "2 rows set aside in q.jsonl"
expect_out "2"
printf '%s\n%s\n' "$OUT" "$ERR" >messages5.txt
leaks messages5.txt
leaks q.jsonl

# --skip-bad to a device writes to it in place: /dev/null stays a device.
run_in orders.csv query --skip-bad /dev/null "select count(*) from orders"
expect_rc 1
expect_err "2 rows set aside in /dev/null"
CHECKS=$((CHECKS + 1))
[[ -c /dev/null ]] || fail "/dev/null is no longer a device"

finish
