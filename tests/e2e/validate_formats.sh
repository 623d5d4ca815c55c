#!/usr/bin/env bash
# duty validate's output formats: text, json, sarif, github, auto, and colour.
source "$DUTY_SRC/tests/e2e/lib.sh"

# A file with two findings: an unknown key (with a hint) and a bad date.
cat >two.yaml <<'EOF'
kind: units
items:
  - id: 儒林街道
    name: 儒林街道
    type: street
    valid_form: 2025-01-01
  - id: 百泉街道
    name: 百泉街道
    type: street
    valid_to: 2025-13-01
EOF

# Twelve errors: more than GitHub annotates per severity (10).
{
  echo "kind: units"
  echo "items:"
  for i in $(seq 1 12); do
    printf '  - id: u%d\n    name: 单位%d\n    type: streeet\n' "$i" "$i"
  done
} >many.yaml

# A name that needs property escaping (',' and ':') and a message with '%'.
printf 'kind: "100%%"\nitems: []\n' >'a,b:c.yaml'

json_ok() {
  CHECKS=$((CHECKS + 1))
  python3 -c 'import json,sys; json.load(sys.stdin)' <<<"$OUT" || fail "$1: not valid JSON"
}

# --- text ---
run validate two.yaml
expect_rc 1 "text:"
expect_out "two.yaml:6:5: error: unknown field" "text:"
expect_out "two.yaml:10:15: error:" "text:"
expect_out "  |     ^~~~~~~~~~" "text caret under the key:"
expect_out '= hint: did you mean "valid_from"?' "text hint:"
expect_out "2 errors, 0 warnings in 1 file, 2 items" "text summary:"

# --- json ---
run validate --format json two.yaml
expect_rc 1 "json:"
json_ok json
CHECKS=$((CHECKS + 1))
python3 - "$OUT" <<'EOF' || fail "json: content"
import json, sys
doc = json.loads(sys.argv[1])
d = doc["diagnostics"]
assert len(d) == 2, d
assert d[0]["file"] == "two.yaml" and d[0]["line"] == 6 and d[0]["column"] == 5, d[0]
assert d[0]["rule"] == "unknown-key" and "valid_from" in d[0]["hint"], d[0]
assert d[1]["rule"] == "bad-value", d[1]
assert doc["summary"]["errors"] == 2 and doc["summary"]["items"] == 2, doc["summary"]
EOF
# Awkward bytes (GBK, NUL) and an empty run must still give valid JSON.
printf 'kind: units\nitems:\n  - id: \310\345\0\n' >bytes.yaml
run validate --format json bytes.yaml
expect_rc 1 "json bytes:"
json_ok "json bytes"
cp two.yaml ok.yaml
sed -i -e 's/valid_form: 2025-01-01/valid_from: 2025-01-01/' -e 's/2025-13-01/2025-12-01/' ok.yaml
run validate --format json ok.yaml
expect_rc 0 "json clean:"
json_ok "json clean"
expect_out '"diagnostics":[]' "json clean:"

# --- sarif ---
run validate --format sarif two.yaml
expect_rc 1 "sarif:"
json_ok sarif
CHECKS=$((CHECKS + 1))
python3 - "$OUT" <<'EOF' || fail "sarif: content"
import json, sys
doc = json.loads(sys.argv[1])
assert doc["version"] == "2.1.0", doc["version"]
run = doc["runs"][0]
assert run["columnKind"] == "unicodeCodePoints", run.get("columnKind")
rules = run["tool"]["driver"]["rules"]
ids = [r["id"] for r in rules]
for want in ("unknown-key", "bad-value", "syntax", "encoding"):
    assert want in ids, want
res = run["results"]
assert len(res) == 2, res
for r in res:
    assert rules[r["ruleIndex"]]["id"] == r["ruleId"], r
loc = res[0]["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"] == "two.yaml", loc
assert loc["region"]["startLine"] == 6 and loc["region"]["startColumn"] == 5, loc
assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%", loc
driver = run["tool"]["driver"]
assert driver["version"] and driver["version"] == driver["semanticVersion"], driver
assert driver["informationUri"], driver
EOF

# An absolute path under the working directory is relative to %SRCROOT%; a file
# that cannot be read still has a region (code scanning drops results without).
run validate --format sarif "$PWD/two.yaml" "$PWD/missing.yaml"
expect_rc 2 "sarif absolute:"
CHECKS=$((CHECKS + 1))
python3 - "$OUT" <<'EOF' || fail "sarif: absolute paths, I/O region"
import json, sys
res = json.loads(sys.argv[1])["runs"][0]["results"]
locs = {r["ruleId"]: r["locations"][0]["physicalLocation"] for r in res}
for loc in locs.values():
    assert loc["artifactLocation"].get("uriBaseId") == "%SRCROOT%", loc
    assert not loc["artifactLocation"]["uri"].startswith("/"), loc
assert locs["io"]["artifactLocation"]["uri"] == "missing.yaml", locs
assert locs["io"]["region"] == {"startLine": 1}, locs
EOF

# --- github ---
run validate --format github 'a,b:c.yaml'
expect_rc 1 "github:"
expect_out '::error file=a%2Cb%3Ac.yaml,line=1,col=7' "github property escaping:"
expect_out 'unknown kind "100%25"' "github message escaping:"
expect_out '%0Ahint: ' "github newline escaping:"
expect_not_out '::notice' "github with few errors:"
run validate --format github many.yaml
expect_rc 1 "github many:"
CHECKS=$((CHECKS + 1))
n=$(grep -c '^::error ' <<<"$OUT")
[[ $n == 12 ]] || fail "github many: expected 12 ::error lines, got $n"
expect_out '::notice title=duty::12 errors, 0 warnings in 1 file, 12 items%0A2 more findings' \
  "github closing notice:"

# --- auto ---
GITHUB_ACTIONS=true run validate two.yaml
expect_rc 1 "auto on GitHub:"
expect_out "::error file=two.yaml,line=6,col=5" "auto on GitHub:"
GITHUB_ACTIONS=false run validate two.yaml
expect_out "two.yaml:6:5: error:" "auto elsewhere:"
expect_not_out "::error" "auto elsewhere:"
GITHUB_ACTIONS=true run validate --format text two.yaml
expect_not_out "::error" "explicit text on GitHub:"

# --- colour ---
ESC=$'\e['
run validate two.yaml
expect_not_out "$ESC" "no colour into a pipe:"
run validate --color always two.yaml
expect_out "$ESC" "--color always:"
expect_out "${ESC}31" "--color always red error:"
# On a terminal, colour is on by default and NO_COLOR turns it off.
if command -v script >/dev/null && script -qec true /dev/null >/dev/null 2>&1; then
  tty_run() {
    OUT=$(env "$@" script -qec "'$DUTY' validate two.yaml" /dev/null 2>&1)
  }
  tty_run -u NO_COLOR TERM=xterm
  expect_out "$ESC" "terminal colour:"
  tty_run NO_COLOR=1 TERM=xterm
  expect_not_out "$ESC" "NO_COLOR on a terminal:"
  tty_run -u NO_COLOR TERM=dumb
  expect_not_out "$ESC" "TERM=dumb on a terminal:"
fi

# --- bad format or colour option: usage error ---
run validate --format xml two.yaml
expect_rc 2 "bad format:"
run validate --color sometimes two.yaml
expect_rc 2 "bad colour:"

finish
