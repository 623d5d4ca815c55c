#!/usr/bin/env bash
# Audit scaling: `duty audit` on generated list sets of about 10k, 100k and 1M
# items. Ten times the items may cost at most fifteen times the time and memory.
# Usage: tests/bench/audit_scale.sh [DUTY_BINARY]   (needs hyperfine and GNU time)
# Not run by ctest: a benchmark, not a test.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
duty=${1:-${DUTY:-$src/build/tools/duty}}
work=${BENCH_WORK:-$src/tests/bench/work/audit}
mkdir -p "$work"
command -v hyperfine >/dev/null || { echo "hyperfine is missing: bash scripts/install-deps.sh bench" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "GNU time is missing: bash scripts/install-deps.sh bench" >&2; exit 2; }

# matters → items: the generator writes about 2.8 items per matter.
sizes=(3600 36000 360000)
labels=(10k 100k 1M)
printf '| set | items | planted overlaps/orphans | found overlaps/orphans | median wall (s) | mean user CPU (s) | peak RSS (MB) |\n'
printf '|---|---|---|---|---|---|---|\n'
prev_t="" prev_u="" prev_m="" prev_i=""
for i in "${!sizes[@]}"; do
  dir="$work/${labels[$i]}"
  info=$("$duty" gen lists --matters "${sizes[$i]}" --units 40 --seed 7 --force "$dir" | sed -n 1p)
  items=$(sed -E 's/.* ([0-9]+) items;.*/\1/' <<<"$info")
  planted=$(sed -E 's/.*planted ([0-9]+) overlaps, ([0-9]+) orphans.*/\1\/\2/' <<<"$info")
  runs=3; [[ ${labels[$i]} == 1M ]] && runs=2
  hyperfine --runs "$runs" --export-json "$work/${labels[$i]}.json" -i \
    "$duty audit --as-of 2025-06-01 --format json $dir" >/dev/null 2>&1
  t=$(python3 -c "import json;print('%.2f'%json.load(open('$work/${labels[$i]}.json'))['results'][0]['median'])")
  u=$(python3 -c "import json;print('%.2f'%json.load(open('$work/${labels[$i]}.json'))['results'][0]['user'])")
  /usr/bin/time -f '%M' -o "$work/rss" "$duty" audit --as-of 2025-06-01 --format json "$dir" >"$work/out.json" || true
  m=$(( $(tail -1 "$work/rss") / 1024 ))  # GNU time puts an exit-status line first
  found=$(python3 -c "
import json,collections
c=collections.Counter(d['rule'] for d in json.load(open('$work/out.json'))['diagnostics'])
print('%d/%d'%(c['overlap'],c['orphan-matter']))")
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "${labels[$i]}" "$items" "$planted" "$found" "$t" "$u" "$m"
  if [[ -n $prev_t ]]; then
    python3 -c "print('  ×%.1f items: ×%.1f wall time, ×%.1f user CPU, ×%.1f memory' % ($items/$prev_i, $t/$prev_t, $u/$prev_u, $m/max($prev_m,1)))" >&2
  fi
  prev_t=$t prev_u=$u prev_m=$m prev_i=$items
done
