#!/usr/bin/env bash
# Regenerates the README's picture of the example report: the example month
# (examples/yanqing-2025-03-orders.csv) after two months generated with the
# same recipe, so that the trends have three points, rendered by headless
# Chromium at A4 width (tests/e2e/browser_check.py, which also checks the page).
#
#   bash scripts/report-screenshot.sh [DUTY]     (default: build/tools/duty)
#
# Writes examples/report-2025-03.png. Needs chromium-headless-shell (or
# chromium) and fonts-noto-cjk: bash scripts/install-deps.sh test.
set -euo pipefail
cd "$(dirname "$0")/.."
duty=${1:-build/tools/duty}
browser=$(command -v chromium-headless-shell || command -v chromium || true)
[[ -n $browser ]] || { echo "report-screenshot: no Chromium; run scripts/install-deps.sh test" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The example month was made by: duty gen cases --lists lists/yanqing --orders 2500
# --seed 202503 --month 2025-03 --encoding gbk --events ...; the months before it likewise.
for m in 01 02; do
  "$duty" gen cases --lists lists/yanqing --orders 2500 --seed "2025$m" --month "2025-$m" --encoding gbk \
    --events "$tmp/yanqing-2025-$m-events.csv" -o "$tmp/yanqing-2025-$m-orders.csv"
done
# The example export has a few unreadable rows on purpose: exit 1 says so.
"$duty" report --lists lists/yanqing --period 2025-03 --months 3 -o "$tmp/report.html" \
  "$tmp/yanqing-2025-01-orders.csv" "$tmp/yanqing-2025-02-orders.csv" examples/yanqing-2025-03-orders.csv \
  --events "$tmp/yanqing-2025-01-events.csv" "$tmp/yanqing-2025-02-events.csv" examples/yanqing-2025-03-events.csv \
  2>/dev/null || [[ $? -eq 1 ]]
sections=()
for s in headline ranking-streets ranking-departments rate-charts trends late returns proactive whistles audit; do
  sections+=(--section "$s")
done
python3 tests/e2e/browser_check.py --browser "$browser" "${sections[@]}" --min-charts 6 \
  --screenshot examples/report-2025-03.png "$tmp/report.html"
echo "wrote examples/report-2025-03.png"
