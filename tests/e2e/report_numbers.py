#!/usr/bin/env python3
"""Checks that every number of a duty report equals what duty rates prints.

Reads the report twice — its Markdown and its HTML (html.parser: tables,
headline figures, the values on the charts) — and the outputs of duty rates
for the same input, and compares them field by field:

  - each ranking table, row by row and cell by cell, with duty rates --format md;
  - its counts and ranks with duty rates --format json, its rates with the
    JSON fractions (to the shown precision);
  - each headline figure with the group's summary row, and each change with
    duty rates --compare;
  - each bar chart's values with the ranking table's rates, unit by unit;
  - each trend chart's values with duty rates of that month;
  - the audit section with duty audit --matrix and duty validate;
  - HTML and Markdown with each other.

usage: report_numbers.py DIR   (DIR holds the files report_rates.sh wrote)
Prints one line per failed check and exits 1 when any failed.
"""

import html.parser
import json
import os
import re
import sys

FAILURES = []
CHECKS = [0]


def check(ok, what):
    CHECKS[0] += 1
    if not ok:
        FAILURES.append(what)


# ---- Markdown ----------------------------------------------------------

def md_cells(line):
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [re.sub(r"^\*\*(.*)\*\*$", r"\1", c.strip()).replace("\\|", "|") for c in cells]


def md_tables(text):
    """[(section id or None, caption, header, rows)] in document order."""
    tables, section, caption, lines = [], None, "", text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r'<a id="([^"]+)"></a>', line)
        if m:
            section = m.group(1)
        elif line.startswith("|"):
            header = md_cells(line)
            rows = []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(md_cells(lines[i]))
                i += 1
            tables.append((section, caption, header, rows))
            caption = ""
            continue
        elif line.strip():
            caption = re.sub(r"^#+\s*|\*\*", "", line).strip()
        i += 1
    return tables


# ---- HTML --------------------------------------------------------------

class ReportParser(html.parser.HTMLParser):
    """Tables (with their section and caption), figures and chart values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.section = None
        self.tables, self.figures, self.charts = [], {}, {}
        self.table = None
        self.cell = None
        self.row = None
        self.in_caption = False
        self.figure = None
        self.figure_part = None
        self.chart = None
        self.value_text = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class", "")
        if tag == "section":
            self.section = a.get("id")
        elif tag == "table":
            self.table = {"section": self.section, "caption": "", "header": [], "rows": []}
        elif self.table is not None and tag == "caption":
            self.in_caption = True
        elif self.table is not None and tag == "tr":
            self.row = []
        elif self.table is not None and tag in ("td", "th"):
            self.cell = ""
        elif self.table is not None and tag == "br" and self.cell is not None:
            self.cell += "\n"
        elif tag == "div" and cls == "figure":
            self.figure = a["data-key"]
            self.figures[self.figure] = {"value": "", "delta": None}
        elif self.figure and tag == "div" and cls == "value":
            self.figure_part = "value"
        elif self.figure and tag == "span" and cls == "delta":
            self.figure_part = "delta"
            self.figures[self.figure]["delta"] = ""
        elif tag == "svg" and "chart" in cls:
            self.chart = a["id"]
            self.charts[self.chart] = []
        elif self.chart and tag == "text" and cls == "value":
            self.value_text = ""

    def handle_endtag(self, tag):
        if tag == "table" and self.table is not None:
            self.tables.append(self.table)
            self.table = None
        elif tag == "caption":
            self.in_caption = False
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if not self.table["header"]:
                self.table["header"] = self.row
            else:
                self.table["rows"].append(self.row)
            self.row = None
        elif tag in ("div", "span") and self.figure_part:
            self.figure_part = None
        elif tag == "svg":
            self.chart = None
        elif tag == "text" and self.value_text is not None:
            self.charts[self.chart].append(self.value_text)
            self.value_text = None

    def handle_data(self, data):
        if self.in_caption:
            self.table["caption"] += data
        elif self.cell is not None:
            self.cell += data
        elif self.figure_part:
            self.figures[self.figure][self.figure_part] += data
        elif self.value_text is not None:
            self.value_text += data


# ---- comparisons ---------------------------------------------------------

def load(d, name):
    with open(os.path.join(d, name), encoding="utf-8") as f:
        return f.read()


def percent_matches(text, fraction):
    """A percentage with N decimals shown for the exact fraction JSON gives to 6 decimals."""
    if fraction is None:
        return text == ""
    m = re.fullmatch(r"(-?\d+)(?:\.(\d+))?%", text)
    if not m:
        return False
    decimals = len(m.group(2) or "")
    return abs(float(text[:-1]) / 100 - fraction) <= 0.5 * 10 ** -(decimals + 2) + 1e-6


def rows_by_unit(rows):
    return {r[1]: r for r in rows}


def compare_ranking(label, header, rows, rates_md, json_rows):
    """A ranking table of the report against duty rates' md table and JSON rows."""
    check(rates_md is not None, "%s: duty rates printed no such table" % label)
    if rates_md is None:
        return
    _, _, r_header, r_rows = rates_md
    check(header == r_header[:len(header)], "%s: header %s, duty rates has %s" % (label, header, r_header))
    check(len(rows) == len(r_rows), "%s: %d rows, duty rates %d" % (label, len(rows), len(r_rows)))
    for mine, theirs in zip(rows, r_rows):
        check(mine == theirs[:len(mine)], "%s: row %s, duty rates prints %s" % (label, mine, theirs))
    by_unit = {j["unit"]: j for j in json_rows}
    keys = ["rank", "unit", "orders", "visits", "contacted", "resolved", "satisfied", "basically_satisfied"]
    for row in rows:
        j = by_unit.get(row[1])
        check(j is not None, "%s: unit %s not in duty rates --format json" % (label, row[1]))
        if j is None:
            continue
        for k, cell in zip(keys, row):
            want = "" if j[k] is None else str(j[k])
            check(cell == want, "%s: %s %s is %r, duty rates json %r" % (label, row[1], k, cell, want))
        for k, cell in zip(["response_rate", "resolution_rate", "satisfaction_rate"], row[8:11]):
            check(percent_matches(cell, j[k]), "%s: %s %s %r vs json %r" % (label, row[1], k, cell, j[k]))
        want = "" if j["score"] is None else "%.*f" % (len(row[11].split(".")[1]) if "." in row[11] else 0, j["score"])
        check(row[11] == want, "%s: %s score %r vs json %r" % (label, row[1], row[11], j["score"]))


def main(d):
    md = load(d, "report.md")
    parser = ReportParser()
    parser.feed(load(d, "report.html"))
    mdt = md_tables(md)
    cur_md = md_tables(load(d, "rates-current.md"))
    cmp_md = md_tables(load(d, "rates-compare.md"))
    cur_json = json.loads(load(d, "rates-current.json"))["rows"]
    period = load(d, "period").strip()
    months = load(d, "months").split()

    def rates_table(tables, group, month):
        for t in tables:
            if t[1].startswith("%s %s" % (group, month)):
                return t
        return None

    groups = []
    for j in cur_json:
        if j["group"] not in groups:
            groups.append(j["group"])

    # Rankings: Markdown and HTML against duty rates.
    ranking_md = [t for t in mdt if t[0] and t[0].startswith("ranking-")]
    ranking_html = [t for t in parser.tables if t["section"] and t["section"].startswith("ranking-")]
    check(len(ranking_md) == len(groups), "md: %d ranking tables for %d groups" % (len(ranking_md), len(groups)))
    check(len(ranking_html) == len(groups), "html: %d ranking tables for %d groups" % (len(ranking_html), len(groups)))
    for t in ranking_md:
        group = t[1].split(" ")[0]
        compare_ranking("md " + t[1], t[2], t[3], rates_table(cur_md, group, period),
                        [j for j in cur_json if j["group"] == group])
    for t in ranking_html:
        group = t["caption"].split(" ")[0]
        compare_ranking("html " + t["caption"], t["header"], t["rows"], rates_table(cur_md, group, period),
                        [j for j in cur_json if j["group"] == group])

    # Headline figures: the summary row, and the changes duty rates --compare prints.
    headline = {t[1]: t for t in mdt if t[0] == "headline"}
    prev_json = None
    prev_file = os.path.join(d, "rates-previous.json")
    if os.path.exists(prev_file):
        prev_json = json.loads(load(d, "rates-previous.json"))["rows"]
    for group in groups:
        cur = rates_table(cur_md, group, period)
        total = [r for r in cur[3] if r[0] == "" and r[1].startswith("合计")][0]
        cmp = rates_table(cmp_md, group, period)
        cmp_total = [r for r in cmp[3] if r[1] == total[1]][0] if cmp else None
        fig = headline.get("%s · %s" % (group, total[1]))
        check(fig is not None, "md: no headline figures for %s" % group)
        if fig is None:
            continue
        values = {r[0]: r for r in fig[3]}
        expect = {"受理量": (total[2], None), "响应率": (total[8], 12), "解决率": (total[9], 13),
                  "满意率": (total[10], 14), "综合成绩": (total[11], 15)}
        keys = {"受理量": "orders", "响应率": "response_rate", "解决率": "resolution_rate",
                "满意率": "satisfaction_rate", "综合成绩": "score"}
        for label, (value, change_col) in expect.items():
            got = values.get(label)
            check(got is not None and got[1] == value, "md headline %s %s: %r, duty rates %r" % (group, label, got, value))
            h = parser.figures.get("%s:%s" % (group, keys[label]))
            check(h is not None and h["value"] == value, "html headline %s %s: %r, duty rates %r" % (group, label, h, value))
            if change_col is not None and cmp_total is not None:
                want = cmp_total[change_col]
                check(got is not None and got[2].split(" ")[0] == want,
                      "md headline %s %s change %r, duty rates --compare %r" % (group, label, got and got[2], want))
                check(h is not None and h["delta"] == want,
                      "html headline %s %s change %r, duty rates --compare %r" % (group, label, h and h["delta"], want))
        if prev_json is not None:
            now = [j for j in cur_json if j["group"] == group and j["rank"] is None and j["unit"] == total[1]][0]
            before = [j for j in prev_json if j["group"] == group and j["unit"] == total[1]]
            if before:
                d_orders = now["orders"] - before[0]["orders"]
                want = "%+d" % d_orders if d_orders else "0"
                check(values["受理量"][2].split(" ")[0] == want,
                      "md headline %s orders change %r, want %r" % (group, values["受理量"][2], want))

    # Bar charts: the three rates of every ranked unit, in rank order, as in the ranking table
    # (a long group is split over several charts).
    charts_md = [t for t in mdt if t[0] == "rate-charts"]
    for i, group in enumerate(groups):
        cur = rates_table(cur_md, group, period)
        ranked = [r for r in cur[3] if r[0] != ""]
        parts = [t for t in charts_md if t[1].startswith(group + "三率")]
        check(len(parts) == (len(ranked) + 19) // 20, "md: %d rate charts for %s" % (len(parts), group))
        rows = [r for t in parts for r in t[3]]
        check([r[0] for r in rows] == [r[1] for r in ranked], "md chart %s: units differ from the ranking" % group)
        for r, u in zip(rows, ranked):
            check(r[1:4] == u[8:11], "md chart %s %s: %s, ranking %s" % (group, u[1], r[1:4], u[8:11]))
        slug = [t[0] for t in ranking_md if t[1].startswith(group + " ")][0][len("ranking-"):]
        svg = [v for k, v in parser.charts.items() if k == "svg-rates-" + slug or k.startswith("svg-rates-%s-" % slug)]
        shown = [x for r in ranked for x in r[8:11] if x != ""]
        check(sum(svg, []) == shown, "html charts for %s: bar values differ from the ranking" % group)

    # Trends: each month's summary rows, from duty rates --period MONTH.
    trend_md = {t[1]: t for t in mdt if t[0] == "trends"}
    month_md = {m: md_tables(load(d, "rates-%s.md" % m)) for m in months}
    for group in groups:
        t = [v for k, v in trend_md.items() if k.startswith(group + "三率趋势")]
        check(len(t) == 1, "md: one trend chart for %s" % group)
        if not t:
            continue
        rows = {r[0]: r for r in t[0][3]}
        check(list(rows) == months, "md trend %s: months %s, want %s" % (group, list(rows), months))
        for m in months:
            rt = rates_table(month_md[m], group, m)
            if rt is None:
                check(rows.get(m, [None, ""])[1:] == ["", "", ""], "md trend %s %s: values without rates" % (group, m))
                continue
            total = [r for r in rt[3] if r[0] == "" and r[1].startswith("合计")][0]
            check(rows.get(m, [])[1:4] == total[8:11], "md trend %s %s: %s, duty rates %s" % (group, m, rows.get(m), total[8:11]))
            score = [v for k, v in trend_md.items() if k.startswith("综合成绩趋势")][0]
            srow = [r for r in score[3] if r[0] == m][0]
            check(srow[1 + groups.index(group)] == total[11], "md score trend %s %s" % (group, m))
            orders = [v for k, v in trend_md.items() if k.startswith("受理量趋势")][0]
            orow = [r for r in orders[3] if r[0] == m][0]
            check(orow[1 + groups.index(group)] == total[2], "md orders trend %s %s" % (group, m))

    # The audit: slices by status from duty audit --matrix, items from duty validate.
    matrix = json.loads(load(d, "matrix.json"))["slices"]
    audit_md = {t[1]: t for t in mdt if t[0] == "audit"}
    slices = {r[0]: r[1] for r in audit_md["切片判定"][3]}
    for label, status in (("主责明确", "led"), ("多头管", "overlap"), ("没人管", "orphan"), ("主责冲突", "conflict")):
        want = str(sum(1 for s in matrix if s["status"] == status))
        check(slices.get(label) == want, "md audit %s: %r, duty audit --matrix %s" % (label, slices.get(label), want))
    check(slices.get("合计") == str(len(matrix)), "md audit slices total")
    m = re.search(r"in (\d+) files, (\d+) items", load(d, "validate.txt"))
    items = {r[0]: r[1] for r in audit_md["清单条目"][3]}
    check(m and items.get("合计") == m.group(2), "md audit items %r, duty validate %s" % (items.get("合计"), m and m.group(2)))

    # The stamp: the list-set hash duty rates reports.
    profile = json.loads(load(d, "rates-current.json"))["profile"]
    check("- 清单哈希: %s\n" % profile["lists_hash"] in md, "md stamp: lists hash %s" % profile["lists_hash"])

    # HTML and Markdown hold the same tables.
    for t in parser.tables:
        same = [x for x in mdt if x[0] == t["section"] and x[1] == t["caption"]]
        check(len(same) == 1 and same[0][2] == t["header"] and same[0][3] == t["rows"],
              "html table %s / %s differs from the md one" % (t["section"], t["caption"]))

    for f in FAILURES:
        print("report_numbers: " + f)
    print("report_numbers: %d checks, %d failed" % (CHECKS[0], len(FAILURES)))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
