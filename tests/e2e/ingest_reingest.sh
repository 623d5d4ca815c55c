# Re-ingesting never erases: resolved ids and personal hashes survive a reload
# without --lists or without the key; another key or list set is refused.
source "$DUTY_SRC/tests/e2e/lib.sh"
LISTS=$DUTY_SRC/lists/yanqing
export DUTY_PII_KEY=reingest-key-0123456789abc

cat >orders.csv <<'CSV'
工单编号,问题分类,被反映街乡镇,主办单位,来电人,来电人电话
R1,城乡建设->违法建设->疑似违建,儒林街道,北京市延庆区城市管理委员会,张三,13800138000
R2,城乡建设->违法建设->疑似违建,百泉街道,北京市延庆区城市管理委员会,李四,13912345678
CSV
run ingest --db s.db --lists "$LISTS" orders.csv
expect_rc 0
state() { "$DUTY" query --db s.db --format csv "select id, matter_id, territory_id, unit_id, caller, phone from orders order by id"; }
before=$(state)
CHECKS=$((CHECKS + 1))
grep -q 'R1,.*,p:' <<<"$before" && ! grep -q ',,' <<<"$before" || fail "ids or hashes missing after the first load: $before"

# Reload without --lists: the ids stay.
run ingest --db s.db orders.csv
expect_rc 0
expect_eq "$(state)" "$before" "reload without --lists"

# A changed name without --lists: that id is unknown now (NULL), the others stay.
sed 's/百泉街道/香水园街道/' orders.csv >moved.csv
run ingest --db s.db moved.csv
expect_rc 0
run query --db s.db --format csv "select id, territory_id is null, matter_id is null from orders order by id"
expect_eq "$OUT" $'id,territory_id is null,matter_id is null\r\nR1,0,0\r\nR2,1,0\r'
run ingest --db s.db --lists "$LISTS" orders.csv
expect_rc 0
expect_eq "$(state)" "$before" "reload with the lists"

# Reload with an empty key: refused, nothing changes.
DUTY_PII_KEY= run ingest --db s.db orders.csv
expect_rc 2
expect_err "no PII key was given"
expect_err "nothing was written"
expect_eq "$(state)" "$before" "reload without a key"

# Another key: refused with the way forward.
DUTY_PII_KEY=another-key-0123456789abcdef run ingest --db s.db orders.csv
expect_rc 2
expect_err "hashed with another key"
expect_err "give the key the store was loaded with"
expect_eq "$(state)" "$before" "reload with another key"

# --pii-key-file wins over the environment.
printf 'another-key-0123456789abcdef\n' >other.key
run ingest --db s.db --pii-key-file other.key orders.csv
expect_rc 2
expect_err "hashed with another key"
printf '%s\n' "$DUTY_PII_KEY" >same.key
DUTY_PII_KEY=another-key-0123456789abcdef run ingest --db s.db --pii-key-file same.key orders.csv
expect_rc 0
expect_eq "$(state)" "$before" "reload with the key file"
# A key file must be a regular file: a FIFO does not hang, /dev/zero does not fill memory.
mkfifo key.fifo
run ingest --db s.db --pii-key-file key.fifo orders.csv
expect_rc 2
expect_err "not a regular file"
run ingest --db s.db --pii-key-file /dev/zero orders.csv
expect_rc 2
expect_err "not a regular file"
run ingest --db s.db --map key.fifo orders.csv
expect_rc 2
expect_err "not a regular file"
head -c 2000000 /dev/zero | tr '\0' '#' >huge.yaml
run ingest --db s.db --map huge.yaml orders.csv
expect_rc 2
expect_err "larger than"

# Another list set: refused.
cp -r "$LISTS" lists2
printf '\n# changed\n' >>"lists2/$(ls lists2 | grep -m1 yaml)"
run ingest --db s.db --lists lists2 orders.csv
expect_rc 2
expect_err "resolved against another list set"
expect_eq "$(state)" "$before" "reload with another list set"
run query --db s.db --format csv "select key from meta where key in ('pii_key_fingerprint', 'lists_sha256') order by key"
expect_eq "$OUT" $'key\r\nlists_sha256\r\npii_key_fingerprint\r'

# --keep-personal with a key file, and reading options query --db would ignore: refused.
run ingest --db k.db --keep-personal --pii-key-file same.key orders.csv
expect_rc 2
for opt in "--map same.key" "--events" "--encoding gbk" "--skip-bad x.jsonl" "--keep-personal"; do
  run query --db s.db $opt "select 1"
  expect_rc 2 "$opt"
  expect_err "with --db (a store) it would be ignored"
done
CHECKS=$((CHECKS + 1))
[[ ! -e x.jsonl ]] || fail "a refused query wrote its --skip-bad file"

# A map that names a header the export lacks: an error with did-you-mean.
printf 'fields:\n  id: 工单编号\n  territory: 被反应街乡镇\n' >typo.yaml
run ingest --db s.db --map typo.yaml orders.csv
expect_rc 2
expect_err "typo.yaml:3:14: the header \"被反应街乡镇\" is not a column of orders.csv; did you mean \"被反映街乡镇\"?"

# duty query without --db creates no file, even when asked to attach one.
run_in orders.csv query "attach 'made.db' as m; select 1"
expect_rc 2
expect_err "never creates a file"
CHECKS=$((CHECKS + 1))
[[ ! -e made.db ]] || fail "query created made.db"

finish
