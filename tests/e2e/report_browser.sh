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
SECTIONS=(audit)

# browse PAGE ARGS...: runs the checker; status in $RC, its messages in $ERR.
browse() {
  local page=$1
  shift
  local args=()
  for s in "${SECTIONS[@]}"; do args+=(--section "$s"); done
  OUT=$(python3 "$CHECK_PY" --browser "$browser" "${args[@]}" "$@" "$page" 2>"$SCRATCH/.stderr")
  RC=$?
  ERR=$(cat "$SCRATCH/.stderr")
}

run report --lists "$LISTS" --period 2025-03 -o report.html
expect_rc 0 "report"

browse report.html --screenshot report.png --pdf report.pdf --json summary.json
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
assert s["pdf_pages"] >= 1 and not s["problems"], s
assert any("CJK" in f for f in s["fonts"]), s["fonts"]
PY

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

# expect_broken NAME MESSAGE: the checker fails on NAME.html and says MESSAGE.
expect_broken() {
  browse "$1.html"
  expect_rc 1 "$1"
  expect_err "$2" "$1"
}

mutate console-error 'no_csp.replace("</main>", "<script>console.error(\"planted error\")</script></main>")'
expect_broken console-error "console error: planted error"

mutate csp-script 'html.replace("</main>", "<script>document.title = 1</script></main>")'
expect_broken csp-script "Content Security Policy"

mutate fetch 'no_csp.replace("</main>", "<img src=\"http://127.0.0.1:9/planted.png\" alt=\"\"></main>")'
expect_broken fetch "request for http://127.0.0.1:9/planted.png"

mutate csp-fetch 'html.replace("</main>", "<img src=\"http://127.0.0.1:9/planted.png\" alt=\"\"></main>")'
expect_broken csp-fetch "Content Security Policy"

mutate missing-section 're.sub(r"<section id=\"audit\">.*?</section>", "", html, flags=re.S)'
expect_broken missing-section "missing section #audit"

mutate empty-chart 'html.replace("</main>", "<figure class=\"chart\"><svg class=\"chart bar\" id=\"svg-planted\" viewBox=\"0 0 680 100\" width=\"680\" height=\"100\"><g class=\"axis\"></g></svg></figure></main>")'
expect_broken empty-chart "chart #svg-planted is empty"

mutate wide 'html.replace("</main>", "<table class=\"data\"><tr><td class=\"num\">" + "8" * 200 + "</td></tr></table></main>")'
expect_broken wide "wider than A4"

finish
