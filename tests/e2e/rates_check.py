#!/usr/bin/env python3
"""An independent computation of duty rates' rows, to the last digit.

Reads the orders and events of a case store with plain SQL, the list set's
unit types and a profile (YAML, or the practice of DOMAIN §2 for
bj-practice), computes every row with Python's exact fractions, and compares
every field of every row with `duty rates --format json`. Written from the
definitions in duty-rates(1), not from duty's code.

    rates_check.py [--verdicts VERDICTS.jsonl] STORE LISTS_DIR PROFILE(bj-practice|on-time|FILE.yaml) RATES.json
                   [PROFILE RATES.json ...]

The on-time counts (contact_on_time, close_on_time, sign_on_time) read each
order's clock status from `duty replay`'s verdicts (--verdicts): an order is
in a `clocked` base when its clock is on-time, late or overdue, and counts
when it is on-time.
"""
import datetime
import glob
import json
import math
import os
import sqlite3
import sys
from fractions import Fraction as F

import yaml

BJ_PRACTICE = {  # DOMAIN.md §2
    "rates": {"response": ("contacted", "valid_visits"), "resolution": ("resolved", "valid_visits"),
              "satisfaction": ("satisfied", "valid_visits")},
    "basic": F(9, 10), "partly": F(0), "scale": 100, "decimals": 1,
    "weights": [{"group": None, "from": None, "w": (F(1, 10), F(1, 2), F(2, 5))}],
    "exclusions": [("not_dispatched", None, []), ("not_assessed", None, []), ("unreasonable", None, []),
                   ("appeal_upheld", None, [])],
    "period": {"kind": "month", "by": "closed_at"},
    "groups": [("街乡镇", ["street", "township", "town"]),
               ("部门", ["department", "enforcement", "police", "district", "enterprise"])],
    "tie": "volume", "summary": ["average"],
}
ON_TIME = dict(BJ_PRACTICE, rates={  # duty-lists(5): the built-in on-time profile
    "response": ("contact_on_time", "clocked"), "resolution": ("close_on_time", "clocked"),
    "satisfaction": ("satisfied", "valid_visits")})
CLOCK_OF = {"sign_on_time": "sign", "contact_on_time": "contact", "close_on_time": "close"}
RULE_WORDS = {"直接答复": "not_dispatched", "未派单": "not_dispatched", "咨询": "consultation",
              "不纳入考核": "not_assessed", "不合理诉求": "unreasonable", "申诉核减": "appeal_upheld",
              "核减": "appeal_upheld", "无效回访": "invalid_visit", "重复诉求": "duplicate",
              "改派原单位": "redispatched_first_unit"}


def dec(s):
    s = str(s)
    if "." in s:
        a, b = s.split(".")
        return F(int(a + b), 10 ** len(b))
    return F(int(s))


def profile_from_yaml(path):
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    item = doc["items"][0]
    p = {"rates": {}, "basic": dec(item.get("basic_satisfied_factor", "0.9")),
         "partly": dec(item.get("partly_resolved_factor", "0")), "scale": int(item.get("scale", 100)),
         "decimals": int(item.get("decimals", 1))}
    for k in ("response", "resolution", "satisfaction"):
        r = item["rates"][k]
        p["rates"][k] = (r["count"], r["of"])
    ws = item["weights"] if isinstance(item["weights"], list) else [item["weights"]]
    p["weights"] = [{"group": w.get("group"), "from": str(w["from"]) if "from" in w else None,
                     "w": (dec(w["response"]), dec(w["resolution"]), dec(w["satisfaction"]))} for w in ws]
    p["exclusions"] = []
    for x in item.get("exclusions", []):
        rule = RULE_WORDS.get(x["rule"], x["rule"])
        within = None
        if "within" in x:
            w = str(x["within"])
            within = int(w[:-1]) * (86400 if w.endswith("d") else 3600)
        frm = x.get("from", [])
        p["exclusions"].append((rule, within, [frm] if isinstance(frm, str) else frm))
    per = item.get("period", {"kind": "month", "by": "closed_at"})
    p["period"] = {"kind": per.get("kind", "month"), "by": per.get("by", "closed_at")}
    if p["period"]["kind"] == "window":
        for k in ("from", "to"):
            d, hm = (str(per[k]).split(" ") + [None])[:2]
            if hm is None:
                hm = "00:00" if k == "from" else "24:00"
            h, m = hm.split(":")
            p["period"][k] = (int(d), int(h) * 60 + int(m))
    p["groups"] = [(g["name"], g["types"]) for g in item.get("groups", BJ_PRACTICE and [])] or BJ_PRACTICE["groups"]
    p["tie"] = item.get("ranking", {}).get("tie", "volume")
    s = item.get("summary", "average")
    p["summary"] = [s] if isinstance(s, str) else s
    return p


def stamp(s):
    return None if s is None else datetime.datetime.strptime(s, "%Y-%m-%d %H:%M:%S")


def month_index(d):
    return d.year * 12 + d.month - 1


def period_of(p, t):
    m = month_index(t)
    if p["period"]["kind"] == "month":
        return m
    pos = (t.day - 1) * 1440 + t.hour * 60 + t.minute
    fd, fm = p["period"]["from"]
    return m + 1 if pos >= (fd - 1) * 1440 + fm else m


def period_end(p, m):
    y, mo = divmod(m, 12)
    if p["period"]["kind"] == "month":
        nxt = datetime.date(y + (mo == 11), (mo + 1) % 12 + 1, 1)
        return nxt - datetime.timedelta(days=1)
    td, tm = p["period"]["to"]
    end = datetime.date(y, mo + 1, td)
    return end - datetime.timedelta(days=1) if tm == 0 else end


def mname(m):
    return "%04d-%02d" % divmod(m, 12) if False else "%04d-%02d" % (m // 12, m % 12 + 1)


def rnd(q, d):
    a = abs(q) * 10 ** d
    n = math.floor(a + F(1, 2))
    return n if q >= 0 else -n


def txt(n, d):
    s = str(abs(n)).rjust(d + 1, "0")
    s = s[:-d] + "." + s[-d:] if d else s
    return ("-" if n < 0 else "") + s


def weights_for(p, group, day):
    best = None
    for w in p["weights"]:
        if w["group"] not in (None, group):
            continue
        if w["from"] is not None and datetime.date.fromisoformat(w["from"]) > day:
            continue
        if best is None:
            best = w
            continue
        own, best_own = w["group"] is not None, best["group"] is not None
        if own != best_own:
            if own:
                best = w
            continue
        if (w["from"] or "0000") > (best["from"] or "0000"):
            best = w
    return best


def check(profile_spec, rates_json, types, returned, orders, clocks):
    p = {"bj-practice": BJ_PRACTICE, "on-time": ON_TIME}.get(profile_spec) or profile_from_yaml(profile_spec)
    def group_of(uid):
        if uid is None:
            return "其他"
        for name, ts in p["groups"]:
            if types[uid] in ts:
                return name
        return "其他"

    dups = set()
    rules = {r for r, _, _ in p["exclusions"]}
    if "duplicate" in rules:
        within = [w for r, w, _ in p["exclusions"] if r == "duplicate"][0]
        keyed = sorted((o[5], o[6], stamp(o[7]), o[0]) for o in orders
                       if o[5] is not None and o[6] is not None and o[7] is not None)
        for a, b in zip(keyed, keyed[1:]):
            if a[0] == b[0] and a[1] == b[1] and (b[2] - a[2]).total_seconds() <= within:
                dups.add(b[3])

    by_stamp = {"closed_at": 9, "received_at": 7, "dispatched_at": 8, "visited_at": 10}[p["period"]["by"]]
    cells = {}  # (subject, group, period) -> counts
    for o in orders:
        (oid, otype, status, unit, unit_id, caller, matter, _r, _d, _c, _v, valid, contacted, resolved,
         satisfaction, assessed, unreasonable, appeal) = o
        t = stamp(o[by_stamp])
        if t is None or unit is None:
            continue
        subject = unit_id if unit_id is not None else unit
        key = (subject, group_of(unit_id), period_of(p, t))
        c = cells.setdefault(key, {"orders": 0, "visits": 0, "rate": [[0, 0, 0] for _ in range(3)],
                                   "excluded": {}})
        is_returned = status in ("已退回", "退回", "退单", "已退单", "回退", "已回退", "已改派", "改派") \
            or (oid, unit) in returned
        applies = {"not_dispatched": not unit, "consultation": otype in ("咨询", "咨询类"),
                   "not_assessed": assessed == 0, "unreasonable": unreasonable == "yes",
                   "appeal_upheld": appeal == "yes", "invalid_visit": valid == 0,
                   "duplicate": oid in dups, "redispatched_first_unit": is_returned}
        out = set()
        for rule, _w, frm in p["exclusions"]:
            c["excluded"].setdefault(rule, 0)
            if len(out) == 4:
                continue
            if not applies[rule]:
                continue
            c["excluded"][rule] += 1
            out |= set(frm) if frm else {"volume", "response", "resolution", "satisfaction"}
        if "volume" not in out:
            c["orders"] += 1
            c["visits"] += valid == 1
        for i, name in enumerate(("response", "resolution", "satisfaction")):
            if name in out:
                continue
            count, base = p["rates"][name]
            status = clocks.get(oid, {}).get(CLOCK_OF[count]) if count in CLOCK_OF else None
            if base == "valid_visits" and valid != 1:
                continue
            if base == "clocked" and status not in ("on-time", "late", "overdue"):
                continue
            r = c["rate"][i]
            r[0] += 1
            if count in CLOCK_OF:
                r[1] += status == "on-time"
            elif count == "contacted":
                r[1] += contacted == 1
            elif count == "resolved":
                r[1] += resolved == "yes"
                r[2] += resolved == "partly"
            elif count == "satisfied":
                r[1] += satisfaction == "satisfied"
                r[2] += satisfaction == "basic"

    got = json.load(open(rates_json, encoding="utf-8"))
    by = got["by"]
    first, last = [int(x[:4]) * 12 + int(x[5:7]) - 1 for x in (got["period"].split("..") * 2)[:2]]
    factors = []
    for name in ("response", "resolution", "satisfaction"):
        count = p["rates"][name][0]
        factors.append(p["partly"] if count == "resolved" else p["basic"] if count == "satisfied" else F(0))

    def compute(group, last_period, counts, mean_rates=None):
        rates = mean_rates
        if rates is None:
            rates = [None if r[0] == 0 else (r[1] + factors[i] * r[2]) / F(r[0])
                     for i, r in enumerate(counts["rate"])]
        w = weights_for(p, group, period_end(p, last_period))
        score = None
        if w is not None and all(r is not None for r in rates):
            score = rnd(p["scale"] * sum(wi * ri for wi, ri in zip(w["w"], rates)), p["decimals"])
        return rates, score

    blocks = {}
    for (subject, group, period), c in cells.items():
        if not first <= period <= last:
            continue
        bkey = (period if by == "unit,month" else None, group)
        row = blocks.setdefault(bkey, {}).setdefault(subject, {
            "orders": 0, "visits": 0, "rate": [[0, 0, 0] for _ in range(3)], "excluded": {}})
        row["orders"] += c["orders"]
        row["visits"] += c["visits"]
        for i in range(3):
            for j in range(3):
                row["rate"][i][j] += c["rate"][i][j]
        for k, v in c["excluded"].items():
            row["excluded"][k] = row["excluded"].get(k, 0) + v

    expected = []
    for (period, group), subjects in blocks.items():
        lastp = period if period is not None else last
        pname = mname(period) if period is not None else got["period"]
        rows = []
        for subject, c in subjects.items():
            rates, score = compute(group, lastp, c)
            rows.append({"subject": subject, "c": c, "rates": rates, "score": score})
        for r in rows:
            if r["score"] is None:
                r["rank"] = None
                continue
            better = 0
            for o in rows:
                if o["score"] is None:
                    continue
                if o["score"] > r["score"] or (p["tie"] == "volume" and o["score"] == r["score"]
                                               and o["c"]["orders"] > r["c"]["orders"]):
                    better += 1
            r["rank"] = better + 1
        units = list(rows)
        for kind in p["summary"]:
            rows_ = units
            tot = {"orders": sum(r["c"]["orders"] for r in rows_), "visits": sum(r["c"]["visits"] for r in rows_),
                   "rate": [[sum(r["c"]["rate"][i][j] for r in rows_) for j in range(3)] for i in range(3)],
                   "excluded": {k: sum(r["c"]["excluded"].get(k, 0) for r in rows_)
                                for k in rows_[0]["c"]["excluded"]}}
            mean = None
            if kind == "average":
                mean = []
                for i in range(3):
                    vals = [r["rates"][i] for r in rows_ if r["rates"][i] is not None]
                    mean.append(sum(vals, F(0)) / len(vals) if vals else None)
            rates, score = compute(group, lastp, tot, mean)
            label = "合计" if len(p["summary"]) == 1 else ("合计（平均）" if kind == "average" else "合计（合并）")
            rows.append({"subject": label, "c": tot, "rates": rates, "score": score, "rank": None})
        for r in rows:
            c = r["c"]
            expected.append({
                "group": group, "unit": r["subject"], "period": pname, "orders": c["orders"], "visits": c["visits"],
                "contacted": c["rate"][0][1], "resolved": c["rate"][1][1], "satisfied": c["rate"][2][1],
                "basically_satisfied": c["rate"][2][2],
                "response_rate": None if r["rates"][0] is None else txt(rnd(r["rates"][0], 6), 6),
                "resolution_rate": None if r["rates"][1] is None else txt(rnd(r["rates"][1], 6), 6),
                "satisfaction_rate": None if r["rates"][2] is None else txt(rnd(r["rates"][2], 6), 6),
                "score": None if r["score"] is None else txt(r["score"], p["decimals"]),
                "rank": r["rank"],
                "excluded": {k: c["excluded"].get(k, 0) for k, _, _ in p["exclusions"]}})

    def norm(row):
        out = dict(row)
        for k in ("response_rate", "resolution_rate", "satisfaction_rate", "score"):
            if out[k] is not None and not isinstance(out[k], str):
                raise SystemExit("not an exact decimal: %r" % (out[k],))
        out.pop("change", None)
        return json.dumps(out, ensure_ascii=False, sort_keys=True)

    # Rates and scores are compared as written: re-read the JSON keeping numbers as text.
    raw = json.loads(open(rates_json, encoding="utf-8").read(), parse_float=str, parse_int=int)
    mine = sorted(norm(r) for r in expected)
    theirs = sorted(norm(r) for r in raw["rows"])
    if mine != theirs:
        only_mine = sorted(set(mine) - set(theirs))[:5]
        only_theirs = sorted(set(theirs) - set(mine))[:5]
        print("MISMATCH: %d rows expected, %d written" % (len(mine), len(theirs)), file=sys.stderr)
        for r in only_mine:
            print("  expected: " + r, file=sys.stderr)
        for r in only_theirs:
            print("  written:  " + r, file=sys.stderr)
        return False
    n_units = sum(1 for r in expected if r["rank"] is not None)
    print("%d rows agree (%d ranked), %d orders" % (len(mine), n_units, len(orders)))
    return True


def read_clocks(path):
    """Order id -> {clock: status} from duty replay's JSON Lines."""
    out = {}
    for line in open(path, encoding="utf-8"):
        v = json.loads(line)
        if v.get("kind") == "order":
            out[v["id"]] = {k: c["status"] for k, c in v["clocks"].items()}
    return out


def main():
    args = sys.argv[1:]
    clocks = {}
    if args[:1] == ["--verdicts"]:
        clocks = read_clocks(args[1])
        args = args[2:]
    store, lists_dir = args[:2]
    pairs = args[2:]
    types = {}
    for f in glob.glob(os.path.join(lists_dir, "**", "*.yaml"), recursive=True):
        doc = yaml.safe_load(open(f, encoding="utf-8"))
        if isinstance(doc, dict) and doc.get("kind") == "units":
            for u in doc["items"]:
                types[u["id"]] = u["type"]

    db = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    returned = set(db.execute(
        "select r.id, r.unit from events r join events d on d.id = r.id "
        "where r.event = '退单' and d.event in ('派单', '改派') and d.at >= r.at and ifnull(d.unit, '') <> r.unit"))
    orders = db.execute(
        "select id, type, status, unit, unit_id, coalesce(phone, caller), coalesce(matter_id, category), "
        "received_at, dispatched_at, closed_at, visited_at, visit_valid, contacted, resolved, satisfaction, "
        "assessed, unreasonable, appeal from orders").fetchall()

    ok = True
    for i in range(0, len(pairs), 2):
        ok = check(pairs[i], pairs[i + 1], types, returned, orders, clocks) and ok
    sys.exit(0 if ok else 1)


main()
