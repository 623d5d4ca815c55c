#!/usr/bin/env bash
# Schema version 2: a store written by a version-1 duty (tests/fixtures/store/v1.sql)
# is read as it is, upgraded in the transaction of its first write (replay
# --save or ingest), and left at version 1, untouched, when that write fails.
source "$DUTY_SRC/tests/e2e/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed (scripts/install-deps.sh test)" >&2; exit 1; }
LISTS=$DUTY_SRC/lists/yanqing
sqlite3 v1.db <"$DUTY_SRC/tests/fixtures/store/v1.sql"
version() { sqlite3 "$1" "pragma user_version"; }
expect_eq "$(version v1.db)" 1 "fixture:"
cp v1.db keep.db

# Read as it is: no upgrade without a write.
run replay --lists "$LISTS" --as-of 2025-04-01 --db v1.db
expect_rc 0 "replay v1:"
expect_out '"id":"V1-1","matter":"在建违法建设"'
expect_out '"dispatch":"undecided","dispatched_to":"区城市管理委"'
expect_out '"close":{"status":"on-time","deadline":"2025-03-25 00:00:00","at":"2025-03-05 10:00:00"'
expect_eq "$(version v1.db)" 1 "read leaves version 1:"
run query --db v1.db --format csv "select count(*) from orders"
expect_rc 0 "query v1:"
expect_out "1"

# --save upgrades: verdict tables, the new columns, version 2 — and the data stays.
run replay --lists "$LISTS" --as-of 2025-04-01 --db v1.db --save
expect_rc 0 "save v1:"
expect_eq "$(version v1.db)" 2 "upgraded:"
expect_eq "$(sqlite3 v1.db "select value from meta where key = 'schema_version'")" 2 "meta version:"
expect_eq "$(sqlite3 v1.db "select count(*) from orders where id = 'V1-1' and deadline is null")" 1 "orders.deadline added:"
expect_eq "$(sqlite3 v1.db "select count(*) from events where until is null")" 4 "events.until added:"
expect_eq "$(sqlite3 v1.db "select id, dispatch, close from verdicts")" "V1-1|undecided|on-time" "verdict saved:"
expect_eq "$(sqlite3 v1.db "select profile, as_of, orders from replays")" "bj-practice|2025-04-01 00:00:00|1" "replay row:"
# An ingest into a version-1 store upgrades it too, and uses the new column.
cp keep.db v1b.db
printf '工单编号,办理时限\nV1-1,5个工作日\n' >deadline.csv
run ingest --db v1b.db deadline.csv
expect_rc 0 "ingest into v1:"
expect_eq "$(version v1b.db)" 2 "ingest upgraded:"
expect_eq "$(sqlite3 v1b.db "select deadline, territory from orders")" "5wd|儒林街道" "deadline stored, other columns kept:"

# A failed upgrade leaves the store as it was: here a table of the user's
# already has the name the upgrade needs.
cp keep.db clash.db
sqlite3 clash.db "create table verdicts (x)"
before=$(sqlite3 clash.db .dump | md5sum)
run replay --lists "$LISTS" --as-of 2025-04-01 --db clash.db --save
expect_rc 2 "failed upgrade:"
expect_err "verdicts already exists"
expect_eq "$(version clash.db)" 1 "still version 1:"
expect_eq "$(sqlite3 clash.db .dump | md5sum)" "$before" "unchanged:"

# A store from a newer duty is refused by name.
cp keep.db new.db
sqlite3 new.db "pragma user_version = 3"
run replay --lists "$LISTS" --db new.db
expect_rc 2 "newer store:"
expect_err "schema version 3, this duty reads versions 1 to 2"
finish
