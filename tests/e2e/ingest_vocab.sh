# Maps translate values and zones follow daylight saving: a process-mining
# event log in English (the shape of the pm4py receipt log) and a 311 export
# in New York time load; without the map they do not.
source "$DUTY_SRC/tests/e2e/lib.sh"

cat >receipt.csv <<'CSV'
case:channel,case:concept:name,case:deadline,concept:instance,concept:name,lifecycle:transition,org:group,org:resource,time:timestamp
Internet,case-10011,2011-12-06 13:41:31.788000+01:00,task-42933,Confirmation of receipt,complete,Group 1,Resource21,2011-10-11 13:45:40.276000+02:00
Internet,case-10011,2011-12-06 13:41:31.788000+01:00,task-42935,T02 Check confirmation of receipt,complete,Group 4,Resource10,2011-10-12 08:26:25.398000+02:00
Internet,case-10011,2011-12-06 13:41:31.788000+01:00,task-42957,T03 Adjust confirmation of receipt,complete,Group 1,Resource21,2011-11-24 15:36:51.302000+01:00
Desk,case-10017,2011-12-06 13:41:31.788000+01:00,task-43021,Confirmation of receipt,complete,EMPTY,Resource01,2011-10-30 01:30:00.000000+02:00
Desk,case-10017,2011-12-06 13:41:31.788000+01:00,task-43022,T06 Determine necessity of stop advice,complete,Group 2,Resource01,2011-10-30 02:30:00.000000+01:00
CSV
cat >receipt.map.yaml <<'YAML'
fields:
  id: "case:concept:name"
  at: "time:timestamp"
  event: "concept:name"
  unit: "org:group"
  note: "concept:instance"
values:
  event:
    Confirmation of receipt: 受理
    T02 Check confirmation of receipt: 签收
    T03 Adjust confirmation of receipt: 改派
    "*": 回复
YAML
run ingest --db e.db --events receipt.csv
expect_rc 1
expect_err "no column for id"
run ingest --db e.db --events --map receipt.map.yaml receipt.csv
expect_rc 0
expect_out "5 rows stored (5 new, 0 updated)"
run query --db e.db --format csv "select id, at, event, unit, note from events order by at"
expect_eq "$OUT" $'id,at,event,unit,note\r
case-10011,2011-10-11 19:45:40,受理,Group 1,task-42933\r
case-10011,2011-10-12 14:26:25,签收,Group 4,task-42935\r
case-10017,2011-10-30 07:30:00,受理,EMPTY,task-43021\r
case-10017,2011-10-30 09:30:00,回复,Group 2,task-43022\r
case-10011,2011-11-24 22:36:51,改派,Group 1,task-42957\r'
# The untranslated columns are kept, byte for byte.
run query --db e.db --format csv "select json_extract(extra, '$.\"case:channel\"') from events where note = 'task-42933'"
expect_out "Internet"
# Without "*", an activity the map does not name is a located error.
sed '/"\*"/d' receipt.map.yaml >strict.yaml
run ingest --db f.db --events --map strict.yaml receipt.csv
expect_rc 1
expect_err "receipt.csv:6: column concept:name: unknown event \"T06 Determine necessity of stop advice\""
# A translation to an event duty does not know is a map error.
printf 'values:\n  event:\n    x: 摸鱼\n' >bad.yaml
run ingest --db f.db --events --map bad.yaml receipt.csv
expect_rc 2
expect_err "bad.yaml:3:8: \"摸鱼\" is not an event duty knows"

# New York 311: naive local times across the 2011 DST switch (13 March, 02:00 → 03:00).
cat >nyc.csv <<'CSV'
Unique Key,Created Date,Closed Date,Agency,Complaint Type,Borough,Status
19937896,03/12/2011 11:00:00 PM,03/14/2011 03:59:20 PM,DOF,Payment Issue,MANHATTAN,Closed
19937901,03/13/2011 01:30:00 AM,03/13/2011 03:30:00 AM,DOT,Street Sign,BROOKLYN,Closed
19937902,11/06/2011 01:30:00 AM,,NYPD,Noise,QUEENS,Assigned
CSV
cat >nyc.map.yaml <<'YAML'
fields:
  id: Unique Key
  received_at: Created Date
  closed_at: Closed Date
  unit: Agency
  category: Complaint Type
  district: Borough
  status: Status
values:
  status: {Closed: 已办结}
time:
  format: "%m/%d/%Y %I:%M:%S %p"
  zone: America/New_York
YAML
run ingest --db n.db --map nyc.map.yaml nyc.csv
expect_rc 0
expect_out "3 rows stored"
# 01:30 EST = 06:30 UTC = 14:30 Beijing; 03:30 EDT = 07:30 UTC = 15:30 Beijing: one hour, not two.
run query --db n.db --format csv "select id, received_at, closed_at, round((julianday(closed_at) - julianday(received_at)) * 24, 2) from orders order by id"
expect_eq "$OUT" $'id,received_at,closed_at,"round((julianday(closed_at) - julianday(received_at)) * 24, 2)"\r
19937896,2011-03-13 12:00:00,2011-03-15 03:59:20,39.99\r
19937901,2011-03-13 14:30:00,2011-03-13 15:30:00,1.0\r
19937902,2011-11-06 13:30:00,,\r'
# duty-map(5)'s example: times are stored in Beijing time, 09:00 in New York on
# 2025-03-01 (EST, UTC-5) is 22:00 in Beijing.
CHECKS=$((CHECKS + 1))
grep -q "is stored as" "$DUTY_SRC/man/duty-map.5" && grep -q "2025-03-01 22:00:00" "$DUTY_SRC/man/duty-map.5" ||
  fail "duty-map(5) says times are converted to Beijing time"
printf 'Unique Key,Created Date,Closed Date,Agency,Complaint Type,Borough,Status\n1,03/01/2025 09:00:00 AM,,NYPD,Noise,QUEENS,Assigned\n' >ny1.csv
run ingest --db ny1.db --map nyc.map.yaml ny1.csv
expect_rc 0 "one New York row"
run query --db ny1.db --format csv "select received_at from orders"
expect_eq "$OUT" $'received_at\r\n2025-03-01 22:00:00\r' "New York 09:00 is Beijing 22:00"

# A misspelt header in the map: an error with the right spelling, never NULL territories.
sed 's/district: Borough/district: Borugh/' nyc.map.yaml >typo.yaml
run ingest --db t.db --map typo.yaml nyc.csv
expect_rc 2
expect_err "did you mean \"Borough\"?"
CHECKS=$((CHECKS + 1))
[[ ! -e t.db ]] || fail "a refused ingest left a store"

finish
