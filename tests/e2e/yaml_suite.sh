#!/usr/bin/env bash
# YAML conformance of duty validate: the self-written corpus under
# tests/corpus/yaml always, and the official yaml-test-suite when it is present
# (DUTY_YAML_TEST_SUITE, or ../shared/data/yaml-test-suite beside the source
# tree). Only YAML-level findings are judged; the suite's cases are not list
# files, so their schema findings do not count. Deviations on purpose are
# listed by case id in tests/corpus/yaml/suite-exceptions.txt.
source "$DUTY_SRC/tests/e2e/lib.sh"

corpus=$DUTY_SRC/tests/corpus/yaml
exceptions=$corpus/suite-exceptions.txt
suite=${DUTY_YAML_TEST_SUITE:-$DUTY_SRC/../shared/data/yaml-test-suite}

args=("$DUTY" "$corpus" "$exceptions")
if [[ -d $suite ]]; then
  args+=("$suite")
else
  echo "yaml-test-suite not found at $suite: set DUTY_YAML_TEST_SUITE to run it; checking the corpus only"
fi
OUT=$(python3 "$DUTY_SRC/tests/e2e/yaml_conformance.py" "${args[@]}" 2>&1)
RC=$?
ERR=
echo "$OUT"
expect_rc 0 "YAML conformance:"

finish
