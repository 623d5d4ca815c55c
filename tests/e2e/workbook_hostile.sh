# Hostile and broken workbooks get a clear error (exit 1) within seconds:
# a zip bomb, entity expansion, a part that lies about its size, a shared
# string that does not exist, a sheet listed but missing, a truncated zip.
source "$DUTY_SRC/tests/e2e/lib.sh"

python3 - <<'PY'
import struct, zipfile
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
def book(name, sheet_xml, sst=None, sheets=("工单",), drop=()):
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {MAIN} xmlns:r="{REL}"><sheets>' + "".join(
            f'<sheet name="{s}" sheetId="{i+1}" r:id="rId{i+1}"/>' for i, s in enumerate(sheets)) + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(
            f'<Relationship Id="rId{i+1}" Type="{REL}/worksheet" Target="worksheets/sheet{i+1}.xml"/>' for i in range(len(sheets)))
            + f'<Relationship Id="rS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": sst or f'<sst {MAIN}><si><t>工单编号</t></si></sst>',
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in parts.items():
            if k not in drop:
                z.writestr(k, v)
def sheet(rows):
    return f'<worksheet {MAIN}><sheetData>{rows}</sheetData></worksheet>'
head = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
# 200 MB of blanks inside the sheet: about 200 KB zipped.
book("bomb.xlsx", sheet(head + " " * (200 << 20)))
book("laughs.xlsx", sheet(head), sst='<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' + f'<sst {MAIN}><si><t>&c;</t></si></sst>')
book("badsst.xlsx", sheet(head + '<row r="2"><c r="A2"><v>1</v></c><c r="H2" t="s"><v>7</v></c></row>'))
book("missing.xlsx", sheet(head), sheets=("工单", "汇总"))
book("nosheet.xlsx", sheet(head), drop=("xl/worksheets/sheet1.xml",))
book("good.xlsx", sheet(head + '<row r="2"><c r="A2" t="inlineStr"><is><t>' + "x" * 50000 + '</t></is></c></row>'))
data = open("good.xlsx", "rb").read()
open("truncated.xlsx", "wb").write(data[: len(data) // 2])
# The sheet says it inflates to 100 bytes; it inflates to 50 KB.
b = bytearray(data)
for sig, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
    at = b.find(sig)
    while at >= 0:
        n = struct.unpack_from("<H", b, at + name_len_at)[0]
        if bytes(b[at + name_at: at + name_at + n]) == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", b, at + size_at, 100)
        at = b.find(sig, at + 4)
open("lying.xlsx", "wb").write(bytes(b))
PY

check() { # check FILE MESSAGE
  local start=$SECONDS
  OUT=$(timeout 60 "$DUTY" ingest --db "s-$1.db" "$1" 2>"$SCRATCH/.stderr")
  RC=$?
  ERR=$(cat "$SCRATCH/.stderr")
  expect_rc 1 "$1"
  expect_err "$2" "$1"
  CHECKS=$((CHECKS + 1))
  ((SECONDS - start < 10)) || fail "$1 took $((SECONDS - start)) s"
  [[ ! -e "s-$1.db" ]] || fail "$1 left a store behind"
}
check bomb.xlsx "bomb.xlsx: part xl/worksheets/sheet1.xml inflates"
expect_err "refusing it as a zip bomb"
check laughs.xlsx "laughs.xlsx (xl/sharedStrings.xml): a document type declaration (<!DOCTYPE>), which workbooks never contain"
check badsst.xlsx 'badsst.xlsx[工单]!H2: shared string "7" does not exist (the table holds 1)'
run ingest --db m.db --sheet 汇总 missing.xlsx
expect_rc 1
expect_err "missing.xlsx[汇总]: the workbook lists this sheet, but its part xl/worksheets/sheet2.xml is missing"
check nosheet.xlsx "nosheet.xlsx[工单]: the workbook lists this sheet, but its part xl/worksheets/sheet1.xml is missing"
check truncated.xlsx "truncated.xlsx: a damaged workbook"
check lying.xlsx "lying.xlsx: part xl/worksheets/sheet1.xml"
run ingest --db g.db good.xlsx
expect_rc 0
expect_out "good.xlsx[工单]: 1 row stored"

finish
