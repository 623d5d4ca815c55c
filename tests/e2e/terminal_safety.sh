#!/usr/bin/env bash
# Data never reaches the terminal as control sequences: ESC (CSI, OSC), C1 controls
# and bidirectional overrides from case logs and list files are shown escaped in
# tables, findings and route answers.
source "$(dirname "$0")/lib.sh"

no_controls() { # no_controls LABEL: $OUT and $ERR hold no ESC, BEL, C1 CSI or RLO
  CHECKS=$((CHECKS + 1))
  if LC_ALL=C grep -qP '\x1b|\x07|\xc2\x9b|\xe2\x80\xae' <<<"$OUT$ERR"; then
    fail "$1: a control sequence from the data reached the output"
  fi
}

# A case log whose free text carries an OSC title, a colour CSI, a C1 CSI and an RLO.
printf '工单编号,标题,主办单位,来电时间\n' >orders.csv
printf 'A1,"\033]0;owned\007 title",区城市管理委,2025-03-01 08:00:00\n' >>orders.csv
printf 'A2,"\033[31mred\033[0m",区水务局,2025-03-01 09:00:00\n' >>orders.csv
printf 'A3,"c1 \302\2332J and \342\200\256gnp.exe",区水务局,2025-03-01 10:00:00\n' >>orders.csv
run_in orders.csv query "select id, title, unit from orders order by id"
expect_rc 0 "query table"
no_controls "query table"
expect_out '\x1b]0;owned\x07 title' "query table: OSC shown escaped"
expect_out '\x1b[31mred\x1b[0m' "query table: CSI shown escaped"
expect_out 'c1 \u{9b}2J and \u{202e}gnp.exe' "query table: C1 and RLO shown escaped"
run_in orders.csv query --format md "select title from orders order by id"
expect_rc 0 "query md"
no_controls "query md"

# A list file whose unit reference holds ESC through a YAML escape.
mkdir lists
cat >lists/units.yaml <<'YAML'
kind: units
items:
  - id: 区水务局
    name: 区水务局
    type: department
YAML
cat >lists/powers.yaml <<'YAML'
kind: powers
items:
  - code: P-1
    name: "\e]0;owned\a 罚款"
    category: 行政处罚
    holder: "区水务局\e[2J"
    matters: [排水]
    basis: [某法]
YAML
run validate lists
expect_rc 1 "validate: unknown reference"
no_controls "validate text"
expect_out '区水务局\x1b[2J' "validate: the reference shown escaped"

finish
