#!/usr/bin/env python3
"""Writes seed inputs for the fuzz targets from the repository's fixtures.

usage: make_seeds.py SOURCE_DIR OUT_DIR

OUT_DIR/<target>/ receives one file per seed. The fuzzers start from these
(and from the regression inputs in tests/corpus/fuzz/<target>); the replay
tests run every one of them through the targets' invariants.
"""
import hashlib
import os
import sys

src, out = sys.argv[1], sys.argv[2]


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def files_under(*parts, suffixes=(".yaml", ".yml")):
    root = os.path.join(src, *parts)
    found = []
    for folder, _, names in os.walk(root):
        found += [os.path.join(folder, n) for n in names if n.endswith(suffixes)]
    return sorted(found)


def read(path):
    with open(path, "rb") as f:
        return f.read()


# lists: every list and YAML fixture alone, and each list set as one input
# with its files separated by "#--- file" lines.
sets = [os.path.join(src, "lists", "yanqing"), os.path.join(src, "examples", "broken-lists")]
for base in ("tests/fixtures/audit", "tests/corpus/hostile"):
    root = os.path.join(src, base)
    sets += sorted(os.path.join(root, d) for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
for folder in ("lists", "examples", "tests/fixtures", "tests/corpus/hostile", "tests/corpus/yaml"):
    for path in files_under(*folder.split("/")):
        write("lists", read(path))
for folder in sets:
    parts = [read(p) for p in files_under(folder)]
    if parts:
        write("lists", b"\n#--- file\n".join(parts))

# yaml: every YAML file of the repository, and the list sets joined.
for folder in ("lists", "examples", "tests/fixtures", "tests/corpus/hostile", "tests/corpus/yaml"):
    for path in files_under(*folder.split("/")):
        write("yaml", read(path))

# map: the map files of the docs and tests, and YAML of every shape.
maps = [
    "fields:\n  id: 案件编号\n  received_at: 上报时间\n  territory: 所属街乡\n  unit: 处置部门\n"
    "  category1: 大类\n  category2: 小类\ndimensions:\n  土地性质: land\npersonal: [举报人地址]\n"
    "time:\n  format: \"%Y年%m月%d日 %H:%M\"\n  zone: Asia/Shanghai\nencoding: gbk\n",
    "fields:\n  id: Unique Key\n  received_at: Created Date\n  closed_at: Closed Date\n  territory: Borough\n"
    "time:\n  format: \"%m/%d/%Y %I:%M:%S %p\"\n  zone: -05:00\n",
    "fields: {id: case, at: timestamp, event: activity}\ntime: {zone: UTC}\n",
    "personal: 电话\nkind: orders\ntitle: x\n",
    "fields: {id: case, at: timestamp, event: activity}\nvalues:\n  event:\n"
    "    Confirmation of receipt: 受理\n    T02 Check confirmation of receipt: 签收\n    \"*\": 回复\n",
    "fields: {id: Unique Key, received_at: Created Date, closed_at: Closed Date, unit: Agency}\n"
    "values:\n  status: {Closed: 已办结}\n  satisfaction: {Very satisfied: 满意, \"*\": 未评价}\n"
    "  resolved: {Done: 解决}\n  contacted: {Y: 是}\n"
    "time:\n  format: \"%m/%d/%Y %I:%M:%S %p\"\n  zone: America/New_York\n",
    "personal:\n  - 反映人\n  - 联络方式\ntime: {zone: Australia/Lord_Howe}\n",
]
for m in maps:
    write("map", m)
for path in files_under("tests", "corpus", "yaml"):
    write("map", read(path))

# time: the first byte picks the format and zone (see fuzz_time.cpp).
times = ["2025-03-01 08:15:00", "2025/3/1 8:15", "2025/3/1 8:15:09", "2025-03-01T08:15:00+08:00",
         "2025-03-01T00:15:00Z", "2025-03-01T08:15:00.123+0800", "2025年3月1日 8:15", "2025-03-01",
         "20250301", "20250301081500", "202503010815", "45717.34375", "45931.250000", "45931.31179398",
         "1900-01-01 00:00:00", "2200-12-31 23:59:59", "03/01/2025 08:15:00 PM", "01/03/2025 08:15",
         "2025-02-29 00:00:00", "2024-02-29 23:59:60", "是", "否", "部分解决", "基本满意", "未评价",
         "Asia/Shanghai", "+08:00", "UTC-5", "GMT+14", "-0330", "America/New_York", "Australia/Lord_Howe",
         "2011-03-13 02:30:00", "2011-11-06 01:30:00", "查否", "申诉成功", "不予核减"]
for i, t in enumerate(times):
    for mode in (0, 1, 2, 4, 5, 8 * 3, 8 * 5 + 6):
        write("time", bytes([(mode + i) % 256]) + t.encode("utf-8"))

# reader: the example exports raw (first byte: options, see fuzz_reader.cpp),
# cut to their first rows, in each encoding; and rows for sentinel mode.
for name in ("yanqing-2025-03-orders.csv", "yanqing-2025-03-events.csv"):
    raw = read(os.path.join(src, "examples", name))
    head = b"\n".join(raw.split(b"\n")[:12]) + b"\n"
    events = 0x20 if "events" in name else 0
    for enc in range(8):
        write("reader", bytes([events | (enc << 2) | 0x80]) + head)
    text = head.decode("gb18030")
    write("reader", bytes([events | (1 << 2)]) + text.encode("utf-8"))
    write("reader", bytes([events | (3 << 2)]) + b"\xff\xfe" + text.encode("utf-16-le"))
    write("reader", bytes([events | 2 | (1 << 2)]) + text.replace(",", "\t").encode("utf-8"))
jsonl = '{"工单编号":"A1","来电时间":"2025-03-01 08:00","来电人电话":"13900001111","诉求内容":"噪音"}\n'
write("reader", bytes([3 | (1 << 2) | 0x80]) + jsonl.encode("utf-8"))
# Sentinel mode: a mode byte, an options byte (bit 0 detect the encoding,
# bit 1 write a byte-order mark, bit 2 translate event names), rows of cells.
rows = "A1|噪音扰民|2025-03-01 08:00:00|儒林街道\nA2|违建|2025/3/2 9:00|百泉街道|多余\nA3\n|||\n"
events = "A1|2025-03-01 08:00:00|派单|儒林街道\nA1|2025-03-01 09:00|dispatch|城管\nA2|2025/3/2 9:00|a|x|多余\nA3\n"
for mode in (0x40, 0x41, 0x42, 0x43, 0xC0, 0x44 | 0x80, 0x4C, 0x60, 0x63, 0xE1):
    write("reader", bytes([mode, 0]) + rows.encode("utf-8"))
for enc in range(8):
    for opt in (0, 1, 2, 3):
        write("reader", bytes([0x40 | 0x80 | (enc << 2), opt]) + rows.encode("utf-8"))
        write("reader", bytes([0x60 | 0x80 | (enc << 2) | (enc % 4), opt | 4]) + events.encode("utf-8"))

# scan: first byte bit 0 TSV, bit 1 raw bytes (no UTF-8 checks), bits 2-4 how
# many bytes at a time (see fuzz_scan.cpp); exports and the shapes of CSV.
for name in ("yanqing-2025-03-orders.csv", "yanqing-2025-03-events.csv"):
    raw = read(os.path.join(src, "examples", name))
    head = b"\n".join(raw.split(b"\n")[:12]) + b"\n"
    text = head.decode("gb18030")
    for step in range(8):
        write("scan", bytes([step << 2]) + text.encode("utf-8"))
    write("scan", bytes([2 | (1 << 2)]) + head)
    write("scan", bytes([1 | (3 << 2)]) + text.replace(",", "\t").encode("utf-8"))
shapes = [
    "编号,内容,结果\r\nA1,\"夜间施工\r\n\"\"第二行\"\"\",满意\r\nA2,\"x\ry\",\r\n\n\"\"\r\nA3,ab\"c,，\r\nA4,\"tail\"",
    "a,b\n1,2,\n3,4,,\n5,6,\"\"\n7\n8,9,10\n",
    "a,b\r1,2\r\r3,\"x\r\ny\"\r",
    "\ufeffid,v\n1,\ufeffx\n2,\"a\x00b\"\n3,\"ok\"z\n4,\"open\n",
    "\n\n  \n\"\"\nid,v\n1,2\n",
    "\"id\nx\",v\n1,2\n",
    "id\tv\n1\t\"q\"\n2\t3\t\n",
    "id,v\n\"1\",\"2\"\"\"\n\"3\" ,4\n",
    "工单编号,办结时间,是否满意,是否有效回访,考核申诉,主办单位\nA1,2025-02-30 10:00,满意,是,,甲\n,2025-03-01,满意,是,,乙\n"
    "A3,2025-03-01,很满意,是,,丙\nA4,45717.34375,基本满意,也许,,丁\nA5,2025/3/1 8:15,不满意,否,核减,\"戊,己\"\n",
]
for shape in shapes:
    for mode in (0, 1, 4, 8, 12, 2 | 16):
        write("scan", bytes([mode]) + shape.encode("utf-8"))

# report: a list file, a line "#--- orders", then rows of cells for the
# export's non-personal columns (see fuzz_report.cpp): 工单编号 工单类型 主办单位
# 被反映街乡镇 问题分类 主要内容 来电时间 办结时间 是否有效回访 是否联系 是否解决
# 是否满意 是否纳入考核 不合理诉求 考核申诉.
units = """kind: units
title: 测试单位
version: "2025.1"
published: 2025-03-01
items:
  - id: 延庆区
    name: 北京市延庆区人民政府
    type: district
  - id: 儒林街道
    name: 延庆区儒林街道办事处
    type: street
    parent: 延庆区
  - id: 区城市管理委
    name: 北京市延庆区城市管理委员会
    type: department
    parent: 延庆区
    aliases: [区城管委, "城管<委>"]
"""
orders = (
    "A1|诉求|区城市管理委|儒林街道|城市管理->噪音|夜间施工|2025-03-01 08:00:00|2025-03-03 10:00|是|是|解决|满意|是||\n"
    "A2|投诉|儒林街道|儒林街道|城市管理->违建|<b>&\"x\"|2025-03-02 08:00|45726.5|是|否|未解决|不满意|是||\n"
    "A3|诉求|区城管委||环境|内容|2025-02-10 09:00|2025-02-11|是|是|解决|基本满意|是||\n"
    "A4|诉求|<script>甲&amp;|x|a|b|2025-03-04|2025-03-05|是|是|部分解决|满意|是||\n"
    "A5|诉求|乙\x1b[31m单位 | 丙|||2025-03-05 12:00|2025-03-06|否|是|解决|满意|是|是|\n"
    "A6|诉求|'\"|\r|||2025-03-06|2025-03-07|是|是|解决|满意|否||\n"
    "A7|诉求|x<img src=a onerror=b>\"|儒林街道|||2025-01-06|2025-01-07|是|是|解决|满意|是||核减\n"
)
write("report", units + "#--- orders\n" + orders)
write("report", "#--- orders\n" + orders)
write("report", units + "#--- orders\n" + orders.split("\n")[2] + "\n")
write("report", read(os.path.join(src, "lists", "yanqing", "units", "区级.yaml")) + b"#--- orders\n" + orders.encode())

# xlsx: a sheet, "\n--\n", a shared-string table, "\n--\n", a style sheet
# (fuzz_xlsx.cpp zips them into a package); the header found below a title row,
# a date cell by its number format, a shared string, an inline string.
sheet = (b'<worksheet><sheetData>'
         b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
         b'<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c><c r="C3" t="s"><v>3</v></c></row>'
         b'<row r="4"><c r="A4" t="inlineStr"><is><t>2025030100001</t></is></c>'
         b'<c r="B4" t="s"><v>4</v></c><c r="C4" s="1"><v>45717.3756944444</v></c></row>'
         b'</sheetData></worksheet>')
sst = ('<sst><si><t>12345热线工单明细</t></si><si><t>工单编号</t></si><si><t>主办单位</t></si>'
       '<si><t>来电时间</t></si><si><r><t>区城市</t></r><r><t>管理委</t></r></si></sst>').encode()
styles = (b'<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
          b'<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>')
write("xlsx", sheet + b"\n--\n" + sst + b"\n--\n" + styles)
write("xlsx", sheet)
write("xlsx", b'<worksheet><sheetData><row r="1"><c r="XFD1"><v>1</v></c><c r="A1048576"><v>2</v></c></row></sheetData></worksheet>')
for name in sorted(os.listdir(os.path.join(src, "tests", "fuzz", "corpus", "xlsx"))):
    write("xlsx", read(os.path.join(src, "tests", "fuzz", "corpus", "xlsx", name)))
