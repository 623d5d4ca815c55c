#!/usr/bin/env python3
"""Renders an HTML report in headless Chromium and checks it like a reader would.

Talks the Chrome DevTools Protocol over a pipe (--remote-debugging-pipe: JSON
messages separated by NUL bytes on file descriptors 3 and 4), so it needs only
the Python standard library and no network port. It loads the page at the
width of an A4 sheet (794 CSS pixels at 96 dpi) and fails when

  - the page logs a console error or warning, throws, or violates its
    Content-Security-Policy;
  - any request other than the page itself is made, or a request fails;
  - a required section (<section id=...>) is missing or has no height;
  - a chart (svg.chart) has no bars or points, or is not drawn;
  - anything is wider than the page's column, on screen at A4 width or in
    print at A4's printable width;
  - the CJK text is not drawn with a CJK font (it would show as boxes);

and writes a full-page PNG screenshot and an A4 PDF when asked. Exit status:
0 all checks passed, 1 a check failed, 2 the browser could not be driven.

usage: browser_check.py --browser EXE [--screenshot PNG] [--pdf PDF] [--json OUT]
                        [--no-pdf] [--section ID]... [--min-charts N] PAGE.html...

Several pages are checked one after another in the same browser; each
problem is printed as "browser_check: PAGE: problem".
"""

import argparse
import base64
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

A4_WIDTH_PX = 794  # 210 mm at 96 dpi
A4_PRINT_WIDTH_PX = 703  # 210 mm less the report's 12 mm margins each side
A4_POINTS = (595.28, 841.89)


class BrowserError(Exception):
    pass


class Browser:
    """A headless Chromium driven over --remote-debugging-pipe."""

    def __init__(self, exe, timeout):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="duty-chromium-")
        self.next_id = 0
        self.events = []
        self.buffer = b""
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        args = [
            exe,
            # The page is a file we just generated; a sandbox needs user
            # namespaces that containers (and root) often do not have.
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--mute-audio",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--user-data-dir=" + self.profile,
            "--remote-debugging-pipe",
        ]
        if os.path.basename(exe) != "chromium-headless-shell":
            args.insert(1, "--headless")
        args.append("about:blank")

        def wire():
            # Copies first: a pipe end may already be fd 3 or 4, and dup2 onto
            # itself would leave it close-on-exec.
            read_end, write_end = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                     preexec_fn=wire, close_fds=False)
        os.close(to_browser_r)
        os.close(from_browser_w)

    def stderr_tail(self):
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-2000:]

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("timed out waiting for the browser")
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("the browser closed the pipe (exit %s):\n%s" % (self.proc.poll(), self.stderr_tail()))
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        return json.loads(message)

    def call(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self.to_browser, data):]
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise BrowserError("%s: %s" % (method, reply["error"].get("message")))
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method, timeout=None):
        deadline = time.monotonic() + (timeout or self.timeout)
        for i, e in enumerate(self.events):
            if e["method"] == method:
                return self.events.pop(i)
        while True:
            reply = self._read_message(deadline)
            if reply.get("method") == method:
                return reply
            if "method" in reply:
                self.events.append(reply)

    def drain(self, seconds):
        """Collects events for a little while (late console messages, failed loads)."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                reply = self._read_message(deadline)
                if "method" in reply:
                    self.events.append(reply)
        except BrowserError as e:
            if "timed out" not in str(e):
                raise

    def close(self):
        try:
            self.call("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.to_browser, self.from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)


# Evaluated in the page: what a reader would see, as plain data.
MEASURE = r"""
(() => {
  const column = document.body.getBoundingClientRect();
  const overflow = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    if (r.right > column.right + 1 || r.left < column.left - 1) {
      const what = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '');
      overflow.push(what + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right) +
        ' px, the column ' + Math.round(column.left) + '..' + Math.round(column.right));
    }
  }
  const sections = {};
  for (const s of document.querySelectorAll('section[id]')) {
    sections[s.id] = Math.round(s.getBoundingClientRect().height);
  }
  const charts = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const r = svg.getBoundingClientRect();
    charts.push({id: svg.id, marks: svg.querySelectorAll('rect.bar, circle.point').length,
                 drawn: svg.querySelectorAll('rect.bar[width]:not([width="0.0"]), circle.point').length,
                 width: Math.round(r.width), height: Math.round(r.height)});
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    scrollHeight: document.documentElement.scrollHeight,
    sections, charts, overflow: overflow.slice(0, 10),
    tables: document.querySelectorAll('table').length,
    scripts: document.scripts.length,
  };
})()
"""


def evaluate(browser, session, expression):
    result = browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                               "awaitPromise": True}, session)
    if "exceptionDetails" in result:
        raise BrowserError("evaluation failed: %s" % result["exceptionDetails"].get("text"))
    return result["result"].get("value")


def page_problems(events, page_url):
    problems = []
    for e in events:
        m, p = e["method"], e.get("params", {})
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
            problems.append("console %s: %s" % (p["type"], text))
        elif m == "Runtime.exceptionThrown":
            problems.append("exception: %s" % p["exceptionDetails"].get("text"))
        elif m == "Log.entryAdded" and p["entry"].get("level") in ("error", "warning"):
            problems.append("console %s (%s): %s" % (p["entry"]["level"], p["entry"].get("source"),
                                                      p["entry"].get("text")))
        elif m == "Network.requestWillBeSent":
            url = p["request"]["url"]
            if url != page_url and not url.startswith("data:"):
                problems.append("request for %s" % url)
        elif m == "Network.loadingFailed":
            problems.append("failed request: %s (%s)" % (p.get("errorText"), p.get("blockedReason", "")))
        elif m == "Network.responseReceived" and p["response"].get("status", 200) >= 400:
            problems.append("HTTP %s for %s" % (p["response"]["status"], p["response"]["url"]))
    return problems


def pdf_pages(pdf):
    """Page count and the MediaBox sizes Chromium writes (uncompressed page dictionaries)."""
    boxes = [tuple(float(v) for v in m.groups())
             for m in re.finditer(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]", pdf)]
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    return pages, boxes


def fonts_of(browser, session, selector):
    doc = browser.call("DOM.getDocument", {"depth": 1}, session)
    node = browser.call("DOM.querySelector", {"nodeId": doc["root"]["nodeId"], "selector": selector}, session)
    if not node.get("nodeId"):
        return []
    fonts = browser.call("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]}, session)
    return [f["familyName"] for f in fonts.get("fonts", [])]


def check_page(browser, page, args):
    """The problems of one page, each a sentence; writes the screenshot, PDF and JSON asked for."""
    page = os.path.abspath(page)
    page_url = "file://" + page
    problems = []
    browser.events.clear()
    target = browser.call("Target.createTarget", {"url": "about:blank"})
    session = browser.call("Target.attachToTarget", {"targetId": target["targetId"],
                                                     "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network", "DOM", "CSS"):
        browser.call(domain + ".enable", {}, session)
    browser.call("Emulation.setDeviceMetricsOverride", {"width": A4_WIDTH_PX, "height": 1123,
                                                        "deviceScaleFactor": 1, "mobile": False}, session)
    nav = browser.call("Page.navigate", {"url": page_url}, session)
    if nav.get("errorText"):
        raise BrowserError("cannot load %s: %s" % (page, nav["errorText"]))
    browser.wait_for("Page.loadEventFired")
    evaluate(browser, session, "document.fonts.ready.then(() => true)")
    browser.drain(0.2)

    screen = evaluate(browser, session, MEASURE)
    if screen["scrollWidth"] > A4_WIDTH_PX:
        problems.append("the page is %d px wide, wider than A4 (%d px)" % (screen["scrollWidth"], A4_WIDTH_PX))
    problems += ["on screen: " + o for o in screen["overflow"]]
    if screen["scripts"]:
        problems.append("the page has %d script element(s)" % screen["scripts"])
    for sid in args.section:
        if sid not in screen["sections"]:
            problems.append("missing section #%s" % sid)
        elif screen["sections"][sid] <= 0:
            problems.append("section #%s is not drawn (height 0)" % sid)
    if len(screen["charts"]) < args.min_charts:
        problems.append("%d chart(s), expected at least %d" % (len(screen["charts"]), args.min_charts))
    for c in screen["charts"]:
        if c["marks"] == 0 or c["drawn"] == 0:
            problems.append("chart #%s is empty: no bars or points" % c["id"])
        if c["width"] <= 0 or c["height"] <= 0:
            problems.append("chart #%s is not drawn" % c["id"])
    families = fonts_of(browser, session, "h1")
    if not any("CJK" in f or "Han Sans" in f or "YaHei" in f for f in families):
        problems.append("the title is drawn with %s, not a CJK font" % (", ".join(families) or "no font"))

    if args.screenshot:
        shot = browser.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": A4_WIDTH_PX, "height": screen["scrollHeight"], "scale": 1}},
            session)
        with open(args.screenshot, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    # Print layout: A4's printable width, print media rules.
    browser.call("Emulation.setEmulatedMedia", {"media": "print"}, session)
    browser.call("Emulation.setDeviceMetricsOverride", {"width": A4_PRINT_WIDTH_PX, "height": 1000,
                                                        "deviceScaleFactor": 1, "mobile": False}, session)
    printed = evaluate(browser, session, MEASURE)
    if printed["scrollWidth"] > A4_PRINT_WIDTH_PX:
        problems.append("in print the page is %d px wide, wider than A4's printable %d px"
                        % (printed["scrollWidth"], A4_PRINT_WIDTH_PX))
    problems += ["in print: " + o for o in printed["overflow"]]
    pages = 0
    if not args.no_pdf:
        pdf = base64.b64decode(browser.call("Page.printToPDF", {"preferCSSPageSize": True,
                                                                "printBackground": True}, session)["data"])
        pages, boxes = pdf_pages(pdf)
        if not pdf.startswith(b"%PDF-") or pages == 0:
            problems.append("printing produced no PDF pages")
        for w, h in boxes:
            if abs(w - A4_POINTS[0]) > 2 or abs(h - A4_POINTS[1]) > 2:
                problems.append("a PDF page is %.1f x %.1f pt, not A4" % (w, h))
                break
        if args.pdf:
            with open(args.pdf, "wb") as f:
                f.write(pdf)

    browser.drain(0.1)
    problems = page_problems(browser.events, page_url) + problems
    browser.call("Target.closeTarget", {"targetId": target["targetId"]})
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"sections": screen["sections"], "charts": screen["charts"], "tables": screen["tables"],
                       "width": screen["scrollWidth"], "height": screen["scrollHeight"], "pdf_pages": pages,
                       "fonts": families, "problems": problems}, f, ensure_ascii=False, indent=1)
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--browser", required=True)
    ap.add_argument("--screenshot", help="a full-page PNG (one page only)")
    ap.add_argument("--pdf", help="the page printed on A4 (one page only)")
    ap.add_argument("--json", help="what was measured (one page only)")
    ap.add_argument("--no-pdf", action="store_true", help="skip printing (faster)")
    ap.add_argument("--section", action="append", default=[])
    ap.add_argument("--min-charts", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("pages", nargs="+")
    args = ap.parse_args()
    if len(args.pages) > 1 and (args.screenshot or args.pdf or args.json):
        ap.error("--screenshot, --pdf and --json take one page")
    failed = False
    try:
        browser = Browser(args.browser, args.timeout)
        try:
            for page in args.pages:
                for p in check_page(browser, page, args):
                    print("browser_check: %s: %s" % (page, p), file=sys.stderr)
                    failed = True
        finally:
            browser.close()
    except (BrowserError, OSError) as e:
        print("browser_check: %s" % e, file=sys.stderr)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
