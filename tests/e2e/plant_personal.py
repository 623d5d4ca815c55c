# Plants a recognisable caller (泄露测试王大锤) and phone (13800138000, also
# written 138-0013-8000) in an order export and its event log, for the privacy
# tests: in their own columns, the title, the text and the event notes.
# Reads gen.csv and events.csv; writes planted.csv and planted-events.csv.
import csv

rows = list(csv.reader(open("gen.csv", encoding="utf-8", newline="")))
h = rows[0]
name, phone, title, content = (h.index(c) for c in ("来电人", "来电人电话", "标题", "主要内容"))
for i, r in enumerate(rows[1:], 1):
    if i % 10 == 0:
        r[name] = "泄露测试王大锤"
        r[phone] = "138-0013-8000" if i % 20 else "13800138000"
        r[title] = "王大锤来电13800138000"
        r[content] = "诉求人泄露测试王大锤（电话13800138000）反映：楼下噪音。"
csv.writer(open("planted.csv", "w", encoding="utf-8", newline="")).writerows(rows)
# And in the event log's notes.
ev = list(csv.reader(open("events.csv", encoding="utf-8", newline="")))
note = ev[0].index("备注")
for i, r in enumerate(ev[1:], 1):
    if i % 7 == 0:
        r[note] = "联系王大锤13800138000"
csv.writer(open("planted-events.csv", "w", encoding="utf-8", newline="")).writerows(ev)
