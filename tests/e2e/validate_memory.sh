#!/usr/bin/env bash
# duty validate's memory stays in proportion to the file, with or without
# anchors and aliases, and running out of memory is reported, never a crash.
source "$DUTY_SRC/tests/e2e/lib.sh"

# Sanitizer builds reserve terabytes of address space and double the heap:
# there the memory bounds are not measured, only the absence of crashes.
sanitized=0
ldd "$DUTY" 2>/dev/null | grep -q -e libasan -e libubsan && sanitized=1

# measure ARGS...: runs duty ARGS; sets RC, OUT, ERR and RSS_MIB (peak resident set).
measure() {
  local res
  res=$(python3 - "$DUTY" "$@" <<'PY'
import resource, subprocess, sys
p = subprocess.run(sys.argv[1:], stdout=open("m.out", "wb"), stderr=open("m.err", "wb"), timeout=120)
print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
PY
  )
  RC=${res%% *}
  RSS_MIB=${res##* }
  OUT=$(cat m.out)
  ERR=$(cat m.err)
}

# expect_rss_below MIB WHAT
expect_rss_below() {
  ((sanitized)) && return
  CHECKS=$((CHECKS + 1))
  ((RSS_MIB < $1)) || fail "$2: peak RSS ${RSS_MIB} MiB, expected below $1 MiB"
}

# 400 nested anchored lists, each holding a 20 KB scalar (8 MB), and aliases
# of the outermost one. Copying each anchor's subtree where it is defined
# would copy 1.6 GB; sharing it costs nothing.
python3 - <<'PY'
big = "x" * 20000
lines = ["kind: profile", "items:", "  - id: p1", "    data: &a0"]
for d in range(400):
    ind = " " * (6 + 2 * d)
    lines += [ind + "- " + big, ind + f"- &a{d + 1}"]
lines += [" " * 806 + "- end", "    refs: [*a0, *a100, *a200]"]
open("nested.yaml", "w").write("\n".join(lines) + "\n")
PY
measure validate nested.yaml
# The YAML reads; only the profile's schema objects to the made-up fields.
expect_rc 1 "nested anchors:"
expect_out 'unknown field "data" in a profile [unknown-key]' "nested anchors:"
expect_not_out "[syntax]" "nested anchors:"
expect_not_out "[alias]" "nested anchors:"
expect_rss_below 120 "nested anchors (8 MB file)"

# Aliases of a 1 MB scalar, nested three deep: 1 GB of text if expanded. The
# byte budget stops it at once.
python3 - <<'PY'
text = "kind: profile\nitems:\n  - id: p1\n    s: &s " + "y" * (1 << 20) + "\n"
text += "    l1: &l1 [" + ", ".join(["*s"] * 10) + "]\n"
text += "    l2: &l2 [" + ", ".join(["*l1"] * 10) + "]\n"
text += "    l3: [" + ", ".join(["*l2"] * 10) + "]\n"
open("text-bomb.yaml", "w").write(text)
PY
measure validate text-bomb.yaml
expect_rc 1 "text bomb:"
expect_out "text-bomb.yaml:6:" "text bomb:"
expect_out "bytes of text (an \"alias bomb\") [alias]" "text bomb:"
expect_rss_below 100 "text bomb"

# The classic node bomb: ten aliases of ten aliases, nine levels deep.
python3 - <<'PY'
lines = ["kind: profile", "items:", "  - id: p1", "    a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
for k in range(1, 10):
    lines.append(f"    a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]")
open("node-bomb.yaml", "w").write("\n".join(lines) + "\n")
PY
measure validate node-bomb.yaml
expect_rc 1 "node bomb:"
expect_out "[alias]" "node bomb:"
expect_rss_below 60 "node bomb"

# Without aliases: a 3.5 MB file of 60,000 units, twice (two files, parsed on
# two threads). Memory grows with the file, by a bounded factor.
python3 - <<'PY'
import os
os.makedirs("two", exist_ok=True)
for prefix in ("a", "b"):
    out = ["kind: units", "items:"]
    for i in range(60000):
        out.append(f"  - id: {prefix}{i}\n    name: 单位名称{prefix}{i}\n    type: street")
    open(f"two/{prefix}.yaml", "w").write("\n".join(out) + "\n")
PY
measure validate two
expect_rc 0 "two large files:"
expect_out "0 errors, 0 warnings in 2 files, 120000 items" "two large files:"
expect_rss_below 400 "two large files (7 MB)"

# Out of memory while parsing (address space capped with ulimit -v): the
# parse threads hand the failure back; duty reports it and exits 2.
if ((!sanitized)); then
  OUT=$( (ulimit -v 130000 && exec "$DUTY" validate two) 2>&1)
  RC=$?
  ERR=
  CHECKS=$((CHECKS + 1))
  ((RC < 128)) || fail "out of memory: crashed with exit $RC"
  expect_rc 2 "out of memory:"
  expect_out "out of memory" "out of memory:"
  expect_not_out "terminate" "out of memory:"
fi

finish
