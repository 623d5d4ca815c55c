#!/usr/bin/env bash
# duty report in a real browser: the HTML report of the example month is
# rendered by headless Chromium at A4 width and printed to PDF; the page must
# log no console error, fetch nothing, show every section, draw every chart
# and fit A4 (tests/e2e/browser_check.py). Then pages broken on purpose must
# fail the same checks, so that the checks can fail. Skips (exit 77) only when
# no Chromium is installed; scripts/install-deps.sh test installs one.
source "$(dirname "$0")/lib.sh"

browser=""
for b in chromium-headless-shell chromium; do
  if command -v "$b" >/dev/null 2>&1; then
    browser=$(command -v "$b")
    break
  fi
done
if [[ -z $browser ]]; then
  echo "SKIP: no Chromium installed (chromium-headless-shell or chromium; bash scripts/install-deps.sh test installs it)"
  exit 77
fi
CHECK_PY="$DUTY_SRC/tests/e2e/browser_check.py"
LISTS="$DUTY_SRC/lists/yanqing"
SECTIONS=(headline ranking-streets ranking-departments rate-charts trends late returns proactive whistles audit)

# browse [OPTIONS] PAGE...: runs the checker; status in $RC, its messages in $ERR.
browse() {
  local args=()
  for s in "${SECTIONS[@]}"; do args+=(--section "$s"); done
  OUT=$(python3 "$CHECK_PY" --browser "$browser" "${args[@]}" "$@" 2>"$SCRATCH/.stderr")
  RC=$?
  ERR=$(cat "$SCRATCH/.stderr")
}

# The example month after two generated ones (as scripts/report-screenshot.sh
# makes the README's picture): every section, a trend over three months.
for m in 01 02; do
  run gen cases --lists "$LISTS" --orders 1200 --seed "2025$m" --month "2025-$m" --events "events-$m.csv" \
    -o "orders-$m.csv"
  expect_rc 0 "gen cases 2025-$m"
done
inputs=(orders-01.csv orders-02.csv "$DUTY_SRC/examples/yanqing-2025-03-orders.csv"
        --events events-01.csv events-02.csv "$DUTY_SRC/examples/yanqing-2025-03-events.csv")
run report --lists "$LISTS" --period 2025-03 --months 3 -o report.html "${inputs[@]}"
expect_rc 1 "report (the example export has unreadable rows)"

browse --min-charts 6 --screenshot report.png --pdf report.pdf --json summary.json report.html
expect_rc 0 "the example report in Chromium"
CHECKS=$((CHECKS + 1))
python3 - <<'PY' || fail "screenshot and PDF"
import json, struct
png = open("report.png", "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", png[16:24])
assert w == 794 and h > 600, (w, h)
pdf = open("report.pdf", "rb").read()
assert pdf.startswith(b"%PDF-"), "not a PDF"
s = json.load(open("summary.json"))
assert s["pdf_pages"] >= 2 and not s["problems"], s
assert any("CJK" in f for f in s["fonts"]), s["fonts"]
# Every chart is drawn: bars for the rates of every ranked unit, points for each month.
charts = {c["id"]: c for c in s["charts"]}
assert charts["svg-rates-streets"]["marks"] == 18 * 3, charts["svg-rates-streets"]
assert charts["svg-trend-streets"]["marks"] == 3 * 3, charts["svg-trend-streets"]
assert charts["svg-trend-score"]["marks"] == 3 * 2, charts["svg-trend-score"]
PY

# Markdown of the same report: same sections.
run report --lists "$LISTS" --period 2025-03 --months 3 --format md "${inputs[@]}"
for s in "${SECTIONS[@]}"; do expect_out "<a id=\"$s\"></a>" "md section $s"; done

# Pages broken on purpose: each must fail, for the reason planted.
# mutate NAME PYTHON-EXPR: writes NAME.html from report.html with `html` rewritten.
mutate() {
  python3 - "$1" "$2" <<'PY'
import re, sys
name, expr = sys.argv[1], sys.argv[2]
html = open("report.html", encoding="utf-8").read()
no_csp = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", html)
html = eval(expr, {"re": re, "html": html, "no_csp": no_csp})
open(name + ".html", "w", encoding="utf-8").write(html)
PY
}

# Each broken page must fail for the reason planted into it. They are checked
# in one browser, without printing, to keep the test quick.
broken=(
  "console-error|console error: planted error"
  "csp-script|Content Security Policy"
  "fetch|request for http://127.0.0.1:9/planted.png"
  "csp-fetch|Content Security Policy"
  "missing-section|missing section #trends"
  "no-bars|chart #svg-rates-streets is empty"
  "empty-chart|chart #svg-planted is empty"
  "wide|wider than A4"
)
mutate console-error 'no_csp.replace("</main>", "<script>console.error(\"planted error\")</script></main>")'
mutate csp-script 'html.replace("</main>", "<script>document.title = 1</script></main>")'
mutate fetch 'no_csp.replace("</main>", "<img src=\"http://127.0.0.1:9/planted.png\" alt=\"\"></main>")'
mutate csp-fetch 'html.replace("</main>", "<img src=\"http://127.0.0.1:9/planted.png\" alt=\"\"></main>")'
mutate missing-section 're.sub(r"<section id=\"trends\">.*?</section>", "", html, flags=re.S)'
mutate no-bars 're.sub(r"<rect class=\"bar\"[^>]*>.*?</rect>", "", html, flags=re.S)'
mutate empty-chart 'html.replace("</main>", "<figure class=\"chart\"><svg class=\"chart bar\" id=\"svg-planted\" viewBox=\"0 0 680 100\" width=\"680\" height=\"100\"><g class=\"axis\"></g></svg></figure></main>")'
mutate wide 'html.replace("</main>", "<table class=\"data\"><tr><td class=\"num\">" + "8" * 200 + "</td></tr></table></main>")'
pages=()
for b in "${broken[@]}"; do pages+=("${b%%|*}.html"); done
browse --no-pdf "${pages[@]}"
expect_rc 1 "broken pages"
for b in "${broken[@]}"; do
  name=${b%%|*}
  CHECKS=$((CHECKS + 1))
  grep -F -- "$name.html: " <<<"$ERR" | grep -qF -- "${b#*|}" || fail "$name.html did not fail with: ${b#*|}"
done
# And a page that fails for one reason fails for that reason only.
CHECKS=$((CHECKS + 1))
! grep -F "missing-section.html: " <<<"$ERR" | grep -vqF "missing section #trends" || fail "missing-section.html failed for more"

finish
