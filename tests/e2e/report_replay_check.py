#!/usr/bin/env python3
"""Checks the report's replay sections against duty replay, number by number.

  - 超时与逾期, 退单与错派 and 吹哨报到: every cell against the row of
    duty replay --summary --format csv for the same unit or matter (the
    period's orders), the order and the cut at --top by the documented rule;
  - the 清单体检 column against duty audit --matrix;
  - 未诉先办: the clusters recomputed here from duty replay's verdicts and the
    export (matter, territory, 村/社区, received date) by the documented rule.
Both the Markdown and the HTML (html.parser) are read.

usage: report_replay_check.py DIR   (files written by report_replay.sh)
"""

import csv
import datetime
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report_numbers import ReportParser, md_tables  # noqa: E402

FAILURES, CHECKS = [], [0]


def check(ok, what):
    CHECKS[0] += 1
    if not ok:
        FAILURES.append(what)


def load(d, name):
    with open(os.path.join(d, name), encoding="utf-8") as f:
        return f.read()


def section_tables(d):
    """{section: [(caption, header, rows)]} from the Markdown and from the HTML."""
    md, html = {}, {}
    for sec, cap, header, rows in md_tables(load(d, "report.md")):
        md.setdefault(sec, []).append((cap, header, rows))
    p = ReportParser()
    p.feed(load(d, "report.html"))
    for t in p.tables:
        html.setdefault(t["section"], []).append((t["caption"], t["header"], t["rows"]))
    return md, html


def compare_rows(label, table, summary, scope, columns, total_label=None):
    """Each row of a report table against the summary row of its key; the footer against the total."""
    cap, header, rows = table
    for row in rows:
        key = row[1]
        if total_label and key == total_label:
            want = summary[("total", "")]
        else:
            want = summary.get((scope, key))
        check(want is not None, "%s: %s is not a %s of duty replay --summary" % (label, key, scope))
        if want is None:
            continue
        for i, col in enumerate(columns):
            check(row[2 + i] == want[col], "%s %s %s: %r, duty replay --summary %r" % (label, key, col, row[2 + i],
                                                                                     want[col]))
    return [r[1] for r in rows if not (total_label and r[1] == total_label)]


def n(row, *cols):
    return sum(int(row[c]) for c in cols)


def expected_order(summary, scope, keep, rank, top):
    rows = [(k[1], r) for k, r in summary.items() if k[0] == scope and keep(r)]
    rows.sort(key=lambda kr: kr[0].encode())
    rows.sort(key=lambda kr: rank(kr[1]), reverse=True)
    return [k for k, _ in rows][:top] if top else [k for k, _ in rows]


def coverage(matrix, matter):
    slices = [s for s in matrix if s["matter"] == matter]
    if not slices:
        return "不在清单中"
    count = {st: sum(1 for s in slices if s["status"] == st) for st in ("led", "overlap", "orphan", "conflict")}
    parts = ["%s %d/%d" % (label, count[st], len(slices))
             for label, st in (("多头管", "overlap"), ("没人管", "orphan"), ("主责冲突", "conflict")) if count[st]]
    return ", ".join(parts) if parts else "主责明确 %d/%d" % (count["led"], len(slices))


def received_day(text):
    """The day of an export's time: YYYY-MM-DD …, YYYY/M/D …, or an Excel serial number."""
    m = re.match(r"\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})", text)
    if m:
        return datetime.date(*map(int, m.groups()))
    return datetime.date(1899, 12, 30) + datetime.timedelta(days=int(float(text)))


def clusters(d, min_orders, days):
    """The 未诉先办 rule, computed independently from the verdicts and the export."""
    verdicts = {}
    for line in load(d, "verdicts.jsonl").splitlines():
        v = json.loads(line)
        if v["kind"] == "order":
            verdicts[v["id"]] = v
    groups = {}
    with open(os.path.join(d, "period-orders.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            v = verdicts.get(row["工单编号"])
            if v is None:
                continue
            matter = v["matter"] or row["问题分类"]
            territory = v["territory"] or row["被反映街乡镇"]
            if not matter or not territory:
                continue
            day = received_day(row["来电时间"])
            groups.setdefault((matter, territory, row["村/社区"]), []).append(day)
    out = []
    for (m, t, c), dates in groups.items():
        dates.sort()
        run = None
        for j in range(len(dates)):
            e = j
            while e < len(dates) and (dates[e] - dates[j]).days < days:
                e += 1
            if e - j < min_orders:
                continue
            if run and j < run[1]:
                run[1] = max(run[1], e)
            else:
                if run:
                    out.append((m, t, c, run[1] - run[0], dates[run[0]], dates[run[1] - 1]))
                run = [j, e]
        if run:
            out.append((m, t, c, run[1] - run[0], dates[run[0]], dates[run[1] - 1]))
    out.sort(key=lambda x: (-x[3], x[4], x[0].encode(), x[1].encode(), x[2].encode()))
    return out


def main(d):
    top = int(load(d, "top"))
    summary = {}
    with open(os.path.join(d, "summary.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            summary[(row["scope"], row["key"])] = row
    matrix = json.loads(load(d, "matrix.json"))["slices"]
    md, html = section_tables(d)

    for name, tables in (("md", md), ("html", html)):
        # 超时与逾期
        late_cols = ["orders", "late_sign", "late_contact", "late_close", "overdue", "late_close_share"]
        keys = compare_rows(name + " late", tables["late"][0], summary, "unit", late_cols, "合计（全部单位）")
        want = expected_order(summary, "unit", lambda r: n(r, "late_sign", "late_contact", "late_close", "overdue"),
                              lambda r: (n(r, "late_close", "overdue"), n(r, "late_contact", "late_sign")), top)
        check(keys == want, "%s late: units %s, by the rule %s" % (name, keys, want))
        # 退单与错派, with the audit's judgement of each matter
        ret_cols = ["orders", "wrong_unit", "assist_as_lead", "wrong_share", "returns", "unjustified", "contested",
                    "no_lead"]
        table = tables["returns"][0]
        keys = compare_rows(name + " returns", table, summary, "matter", ret_cols)
        want = expected_order(summary, "matter", lambda r: n(r, "returns", "wrong_unit", "assist_as_lead"),
                              lambda r: (n(r, "returns", "wrong_unit", "assist_as_lead"), n(r, "unjustified")), top)
        check(keys == want, "%s returns: matters %s, by the rule %s" % (name, keys, want))
        for row in table[2]:
            check(row[-1] == coverage(matrix, row[1]), "%s returns %s: audit %r, duty audit --matrix %r"
                  % (name, row[1], row[-1], coverage(matrix, row[1])))
        # 吹哨报到: every summoned department and every whistling street
        w = {cap: (cap, h, r) for cap, h, r in tables["whistles"]}
        keys = compare_rows(name + " summoned", w["部门报到"], summary, "unit",
                            ["summoned", "missing", "missing_share", "late_reports", "extra_reports"], "合计")
        check(sorted(keys) == sorted(k[1] for k, r in summary.items() if k[0] == "unit" and int(r["summoned"])),
              "%s whistles: the summoned departments" % name)
        keys = compare_rows(name + " whistling", w["街乡吹哨"], summary, "unit", ["whistles", "not_whistleable"], "合计")
        check(sorted(keys) == sorted(k[1] for k, r in summary.items() if k[0] == "unit" and int(r["whistles"])),
              "%s whistles: the whistling streets" % name)
        # 未诉先办
        want = clusters(d, 3, 7)
        check(len(want) > 0, "the series has clusters to find")
        cap, header, rows = tables["proactive"][0]
        check(cap == "重复诉求聚集（%d 组，列出前 %d 组）" % (len(want), min(top, len(want))),
              "%s proactive caption %r for %d clusters" % (name, cap, len(want)))
        got = [tuple(r[1:]) for r in rows]
        exp = [(m, t, c, str(k), str(a), str(b)) for m, t, c, k, a, b in want[:top]]
        check(got == exp, "%s proactive: %s, recomputed %s" % (name, got[:3], exp[:3]))

    for f in FAILURES:
        print("report_replay_check: " + f)
    print("report_replay_check: %d checks, %d failed" % (CHECKS[0], len(FAILURES)))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
