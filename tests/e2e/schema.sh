#!/usr/bin/env bash
# duty schema: the JSON Schema is valid draft 2020-12, accepts every file of the
# example set, and rejects the schema-level mistakes duty validate reports
# (checked with Debian's python3-jsonschema, as an editor would).
source "$DUTY_SRC/tests/e2e/lib.sh"

PY=
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import jsonschema, yaml' 2>/dev/null; then
    PY=$p
    break
  fi
done
if [[ -z $PY ]]; then
  echo "FAIL: python3 with jsonschema and yaml is needed: bash scripts/install-deps.sh test" >&2
  exit 1
fi

run schema
expect_rc 0 "schema:"
printf '%s\n' "$OUT" >schema.json
run schema
expect_eq "$OUT" "$(cat schema.json)" "schema: same bytes on every run"
run schema --bogus
expect_rc 2 "schema with an unknown option:"

# check.py SCHEMA FILE...: prints "FILE: N" (the number of schema errors) per
# file. Dates stay strings, as in YAML 1.2, which yaml-language-server reads.
cat >check.py <<'EOF'
import json, sys, yaml
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1], encoding="utf-8"))
Draft202012Validator.check_schema(schema)
assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
class Loader(yaml.SafeLoader):
    pass
Loader.yaml_implicit_resolvers = {
    k: [(t, r) for t, r in v if t != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
v = Draft202012Validator(schema)
for path in sys.argv[2:]:
    with open(path, encoding="utf-8-sig") as f:
        doc = yaml.load(f, Loader=Loader)
    errors = list(v.iter_errors(doc))
    print(f"{path}: {len(errors)}")
EOF

# Every file of the example set is valid.
mapfile -t files < <(find "$DUTY_SRC/lists/yanqing" -name '*.yaml' | sort)
CHECKS=$((CHECKS + 1))
((${#files[@]} >= 60)) || fail "expected the example set's files, found ${#files[@]}"
result=$("$PY" check.py schema.json "${files[@]}" 2>py.err)
CHECKS=$((CHECKS + 1))
[[ $? == 0 ]] || fail "check.py failed: $(cat py.err)"
bad=$(grep -v ': 0$' <<<"$result")
expect_eq "$bad" "" "yanqing files rejected by the schema"
expect_eq "$(grep -c ': 0$' <<<"$result")" "${#files[@]}" "yanqing: every file checked"

# A set for the single files to refer to.
mkdir ctx
printf 'kind: units\nitems:\n  - {id: u, name: u, type: department}\n' >ctx/units.yaml
printf 'kind: matters\ndimensions: {land: [a, b]}\nitems:\n  - {id: m, name: m, split_by: [land]}\n' >ctx/matters.yaml

# rejected NAME RULE FILE: duty validate reports RULE in FILE, and the schema rejects it.
rejected() {
  local name=$1 rule=$2 file=$3
  run validate "$file"
  expect_rc 1 "$name: duty validate"
  expect_out "[$rule]" "$name: duty validate"
  local r
  r=$("$PY" check.py schema.json "$file" 2>>py.err)
  CHECKS=$((CHECKS + 1))
  [[ $r =~ :\ [1-9][0-9]*$ ]] || fail "$name: the schema accepts $file ($r)"
}
# accepted NAME FILE: both accept it.
accepted() {
  local name=$1 file=$2
  run validate --lists ctx "$file"
  expect_rc 0 "$name: duty validate"
  local r
  r=$("$PY" check.py schema.json "$file" 2>>py.err)
  expect_eq "$r" "$file: 0" "$name: schema"
}

# The schema-level mistakes of the broken fixtures.
H=$DUTY_SRC/tests/corpus/hostile
rejected "bad date" bad-value "$H/bad-date.yaml"
rejected "bad duration" bad-value "$H/bad-duration.yaml"
rejected "items not a list" schema "$H/items-not-list.yaml"
rejected "unknown key" unknown-key "$H/unknown-key.yaml"
rejected "unknown kind" unknown-kind "$H/unknown-kind.yaml"
rejected "root not a mapping" schema "$H/non-mapping-root.yaml"
rejected "empty file" schema "$H/empty.yaml"
rejected "only comments" schema "$H/only-comments.yaml"
rejected "unknown category" bad-value "$DUTY_SRC/examples/broken-lists/powers.yaml"
accepted "valid hostile-corpus file" "$H/valid.yaml"

# More mistakes, one per file: every shape of the schema table.
mk() { printf '%b' "$2" >"$1.yaml"; }
mk missing-required 'kind: units\nitems:\n  - {id: u1, type: street}\n'
rejected "missing required field" schema missing-required.yaml
mk empty-required 'kind: units\nitems:\n  - {id: u1, name: "", type: street}\n'
rejected "empty required value" schema empty-required.yaml
mk bad-enum 'kind: units\nitems:\n  - {id: u1, name: n, type: deprtment}\n'
rejected "unknown unit type" bad-value bad-enum.yaml
mk item-scalar 'kind: units\nitems:\n  - just a name\n'
rejected "item not a mapping" schema item-scalar.yaml
mk date-form 'kind: units\nitems:\n  - {id: u1, name: n, type: street, valid_to: 2025/12/31}\n'
rejected "date written with slashes" bad-value date-form.yaml
mk bad-month 'kind: units\nitems:\n  - {id: u1, name: n, type: street, valid_to: 2025-13-01}\n'
rejected "month 13" bad-value bad-month.yaml
mk limit-name 'kind: primary\nitems:\n  - {id: Z1, matter: m, lead: u, limits: {closing: 7wd}}\n'
rejected "unknown time limit" bad-value limit-name.yaml
mk zero-limit 'kind: primary\nitems:\n  - {id: Z1, matter: m, lead: u, limits: {close: 0d}}\n'
rejected "zero duration" bad-value zero-limit.yaml
mk when-scalar 'kind: primary\nitems:\n  - {id: Z1, matter: m, lead: u, when: 集体土地}\n'
rejected "when not a mapping" schema when-scalar.yaml
mk dims-elsewhere 'kind: units\ndimensions: {land: [a]}\nitems: []\n'
rejected "dimensions outside a matters file" unknown-key dims-elsewhere.yaml
mk top-key 'kind: units\ntitel: x\nitems: []\n'
rejected "unknown top-level key" unknown-key top-key.yaml
mk calendar-range 'kind: calendar\nitems:\n  - {year: 2025, holidays: [2025-01-01..2025/01/03], workdays: []}\n'
rejected "malformed date range" bad-value calendar-range.yaml
mk calendar-list 'kind: calendar\nitems:\n  - {year: 2025, holidays: 2025-01-01, workdays: []}\n'
rejected "holidays not a list" schema calendar-list.yaml
mk role 'kind: tasks\nitems:\n  - {id: T1, unit: u, matter: m, role: 协助}\n'
rejected "unknown task role" bad-value role.yaml
mk profile-key 'kind: profile\nitems:\n  - {id: p, weights: {response: 0.1, resolution: 0.5, satisfaction: 0.4}, wieghts: 1}\n'
rejected "unknown field in a profile" unknown-key profile-key.yaml
mk published 'kind: units\npublished: 2025-02-30\nitems: []\n'
rejected "published February 30" bad-value published.yaml

# Forms that are valid must stay valid: empty optional values, numbers as
# ids, aliases of vocabulary words, lists and scalars, an empty items.
mk forms 'kind: powers\ntitle: 2025\nversion: 2025.1\nitems:\n  - {code: 110, name: 处罚, category: 处罚, holder: u, matters: m, when:, note:}\n  - {code: P2, name: n, category: penalty, holder: u, matters: [m], when: {land: [a, b]}, valid_from: 2024-02-29}\n'
accepted "valid forms" forms.yaml
mk empty-items 'kind: tasks\nitems:\n'
accepted "empty items" empty-items.yaml

expect_eq "$(cat py.err)" "" "check.py wrote no Python errors (besides messages)"
finish
