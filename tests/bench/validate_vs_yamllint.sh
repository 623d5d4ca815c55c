#!/usr/bin/env bash
# Benchmark: `duty validate` against `yamllint -d relaxed` on a generated
# 50,000-item list set of about 10 MB. Not a test: ctest does not run it.
#
#   DUTY=build/tools/duty tests/bench/validate_vs_yamllint.sh [WORKDIR]
#
# Needs hyperfine, yamllint, python3 and GNU time (scripts/install-deps.sh bench).
# Prints a Markdown report; the raw hyperfine exports stay in WORKDIR.
set -euo pipefail

DUTY=${DUTY:-build/tools/duty}
DUTY=$(command -v "$DUTY" || true)
[[ -x $DUTY ]] || { echo "set DUTY to the duty binary" >&2; exit 2; }
for tool in hyperfine yamllint python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps.sh bench" >&2; exit 2; }
done

WORK=${1:-$(mktemp -d)}
mkdir -p "$WORK"
SET=$WORK/lists-50k
RUNS=${RUNS:-5}

# 17,870 matters give 50,034 items (about 2.8 items per matter) and 10.8 MB.
summary=$("$DUTY" gen lists --matters 17870 --units 200 --seed 1 --force "$SET")
echo "${summary%%$'\n'*}" >&2
bytes=$(cat "$SET"/*.yaml | wc -c)
files=$(ls "$SET"/*.yaml | wc -l)

# Both tools must accept the set, or the timing compares an error path.
"$DUTY" validate "$SET" >&2
yamllint -d relaxed "$SET" >&2

hyperfine --warmup 1 --runs "$RUNS" \
  --export-markdown "$WORK/validate_vs_yamllint.md" --export-json "$WORK/validate_vs_yamllint.json" \
  -n "duty validate" "$DUTY validate $SET" \
  -n "yamllint -d relaxed" "yamllint -d relaxed $SET" >&2

# peak_rss CMD...: maximum resident set size in KiB, from GNU time.
peak_rss() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'
}
rss_duty=$(peak_rss "$DUTY" validate "$SET")
rss_yamllint=$(peak_rss yamllint -d relaxed "$SET")

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
python3 - "$WORK/validate_vs_yamllint.json" "$bytes" "$files" "$rss_duty" "$rss_yamllint" "$(nproc)" "$cpu" \
  "$("$DUTY" --version)" "$(yamllint --version)" "$(hyperfine --version)" <<'EOF'
import json, sys
path, size, files, rss_d, rss_y, nproc, cpu, v_duty, v_yl, v_hf = sys.argv[1:]
res = {r["command"]: r for r in json.load(open(path))["results"]}
d, y = res["duty validate"], res["yamllint -d relaxed"]
print(f"- input: {int(files)} files, {int(size) / 1e6:.1f} MB, 50,034 items (`duty gen lists --matters 17870 --units 200 --seed 1`)")
print(f"- machine: {nproc} CPUs, {cpu}; {v_duty}, {v_yl}, {v_hf}")
print()
print("| command | mean ± σ (s) | min (s) | max (s) | peak RSS (MiB) |")
print("|---|---|---|---|---|")
for name, r, rss in (("duty validate", d, rss_d), ("yamllint -d relaxed", y, rss_y)):
    print(f"| `{name}` | {r['mean']:.3f} ± {r['stddev']:.3f} | {r['min']:.3f} | {r['max']:.3f} | {int(rss) / 1024:.0f} |")
print()
print(f"duty validate is {y['mean'] / d['mean']:.1f}× faster than yamllint (ratio of means).")
EOF
