#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes a hostile XLSX workbook for the reading limits (docs/reliability.md):
# a "clients" sheet whose XML is mostly whitespace, streamed through
# zipfile so that gigabytes never sit in memory or on disk.
#   bomb.py OUT.xlsx --blank BYTES   BYTES of whitespace inside sheetData
#   bomb.py OUT.xlsx --cells N       N small cells instead
#   --lie   the zip directory claims the sheet inflates to 1000 bytes, so
#           only the bytes really inflated can tell (never trust the header)
import argparse
import struct
import zipfile

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--blank", type=int, default=0)
ap.add_argument("--cells", type=int, default=0)
ap.add_argument("--lie", action="store_true")
ap.add_argument("--lie-only", action="store_true",
                help="only make OUT.xlsx, written before, lie (no rewriting)")
a = ap.parse_args()
a.lie = a.lie or a.lie_only

CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
      '<sheet name="clients" sheetId="1" r:id="rId1"/></sheets></workbook>')
WBRELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
          '</Relationships>')
HEAD = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c></row>')
TAIL = '</sheetData></worksheet>'
SHEET = "xl/worksheets/sheet1.xml"

def write():
  with zipfile.ZipFile(a.out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", CT)
    z.writestr("_rels/.rels", RELS)
    z.writestr("xl/workbook.xml", WB)
    z.writestr("xl/_rels/workbook.xml.rels", WBRELS)
    with z.open(SHEET, "w", force_zip64=True) as f:
        f.write(HEAD.encode())
        chunk = b" " * (1 << 20)
        left = a.blank
        while left > 0:
            f.write(chunk[:min(left, len(chunk))])
            left -= len(chunk)
        row = 2
        left = a.cells
        while left > 0:
            n = min(left, 4096)
            f.write("".join('<c><v>1</v></c>' for _ in range(n)).join(
                ('<row r="%d">' % row, '</row>')).encode())
            row += 1
            left -= n
        f.write(TAIL.encode())


if not a.lie_only:
    write()

if a.lie:
    # Rewrite the sheet's uncompressed size in the central directory (and
    # in its zip64 extra field) to 1000 bytes.
    data = bytearray(open(a.out, "rb").read())
    name = SHEET.encode()
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        nlen, xlen = struct.unpack_from("<HH", data, at + 28)
        if data[at + 46:at + 46 + nlen] == name:
            if struct.unpack_from("<I", data, at + 24)[0] == 0xFFFFFFFF:
                x = at + 46 + nlen
                end = x + xlen
                while x < end:
                    tag, size = struct.unpack_from("<HH", data, x)
                    if tag == 1:
                        struct.pack_into("<Q", data, x + 4, 1000)
                        break
                    x += 4 + size
            else:
                struct.pack_into("<I", data, at + 24, 1000)
        at = data.find(b"PK\x01\x02", at + 4)
    open(a.out, "wb").write(data)
