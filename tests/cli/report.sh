#!/bin/sh
# CLI scenarios for issue 6: the fill-in template, XLSX export and import
# (round trip, a workbook made by LibreOffice, a bad date cell's exact
# error line), and 'tandem report' in every format.
. "$(dirname "$0")/lib.sh"

check "xlsx-demo" sh -c '"$TANDEM" demo --no-serve --db demo.db >/dev/null 2>&1'

# The template: every sheet, imports as nothing into an empty store.
check "xlsx-template-en" "$TANDEM" template --out tpl.xlsx
check "xlsx-template-ko" "$TANDEM" --lang ko template --out tpl-ko.xlsx
check "xlsx-template-imports-empty" sh -c '
	"$TANDEM" --db e.db init >/dev/null &&
	"$TANDEM" --db e.db import tpl.xlsx tpl-ko.xlsx | grep -q "^imported 0 rows from 38 files"'
check "xlsx-template-usage" status_is 2 "$TANDEM" template

# Round trip: export -> import into an empty store -> the same CSV export.
check "xlsx-export" sh -c '"$TANDEM" --db demo.db export --format xlsx --out all.xlsx >/dev/null'
check "xlsx-roundtrip-identical-store" sh -c '
	"$TANDEM" --db rt.db init >/dev/null &&
	"$TANDEM" --db rt.db import all.xlsx >/dev/null &&
	"$TANDEM" --db demo.db export --out before >/dev/null &&
	"$TANDEM" --db rt.db export --out after >/dev/null &&
	diff -r before after'
check "xlsx-export-needs-file" status_is 2 "$TANDEM" --db demo.db export contracts --format xlsx --out x.xlsx

# A bad date cell in a LibreOffice workbook: exactly this line, nothing written.
"$TANDEM" --db bad.db init >/dev/null
"$TANDEM" --db bad.db import "$DATA/xlsx/clients.xlsx" "$DATA/xlsx/bad_contracts.xlsx" > bad.out 2> bad.err
echo $? > bad.status
check "xlsx-bad-date-status-1" test "$(cat bad.status)" -eq 1
check "xlsx-bad-date-exact-line" sh -c '
	printf "%s\n" "$DATA/xlsx/bad_contracts.xlsx:contracts!D3: bad date '"'"'2025-02-30'"'"' for signed_on (expected YYYY-MM-DD, a day that exists)" \
		"tandem: import failed: 1 problem in 3 rows; nothing was written" > want.err &&
	diff want.err bad.err'
check "xlsx-bad-date-nothing-written" sh -c '"$TANDEM" --db bad.db export clients --out none >/dev/null && test "$(wc -l < none/clients.csv)" -eq 1'

# Workbook-level errors: an unknown sheet, a file that is not a workbook.
check "xlsx-report-is-not-records" sh -c '
	"$TANDEM" --db demo.db report --year 2025 --out r.xlsx >/dev/null &&
	"$TANDEM" --db e.db import r.xlsx 2>&1 | grep -q "^r.xlsx: unknown sheet .company. (expected one of org_units, "'
check "xlsx-not-a-zip" sh -c '
	printf "id,name\n" > fake.xlsx &&
	"$TANDEM" --db e.db import fake.xlsx 2>&1 | grep -q "^fake.xlsx: not an XLSX file: "'

# A workbook written by another program: the demo's CSVs through LibreOffice.
if command -v soffice >/dev/null 2>&1; then
	"$TANDEM" demo --out democsv >/dev/null 2>&1
	mkdir lo
	soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir lo democsv/*.csv >/dev/null 2>&1
	check "xlsx-libreoffice-19-workbooks" test "$(ls lo/*.xlsx | wc -l)" -eq 19
	check "xlsx-libreoffice-import-identical" sh -c '
		"$TANDEM" --db lo.db init >/dev/null &&
		"$TANDEM" --db lo.db import lo/*.xlsx >/dev/null &&
		"$TANDEM" --db csv.db init >/dev/null &&
		"$TANDEM" --db csv.db import democsv >/dev/null &&
		"$TANDEM" --db lo.db export --out lo-export >/dev/null &&
		"$TANDEM" --db csv.db export --out csv-export >/dev/null &&
		diff -r csv-export lo-export'
else
	echo "ok - xlsx-libreoffice # skip: soffice (Debian libreoffice-calc) is not installed"
fi

# Reports.
check "report-html" sh -c '"$TANDEM" --db demo.db report --year 2025 --out r.html | grep -q "^wrote r.html (html, 2025)"'
check "report-html-korean" sh -c '"$TANDEM" --db demo.db --lang ko report --year 2025 --out ko.html >/dev/null && grep -q "<html lang=\"ko\">" ko.html && grep -q "평가 보고서" ko.html'
if command -v python3 >/dev/null 2>&1; then
	cat > html_check.py <<'PY'
# Checks that an HTML file is well formed: every element closed in order
# (void elements excepted), and that each given id or class is present.
import sys
from html.parser import HTMLParser
VOID = {"meta", "link", "br", "img", "input", "hr", "col", "source", "wbr", "area", "base", "embed", "param", "track"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []; self.errors = []; self.ids = set(); self.classes = set(); self.svgs = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a: self.ids.add(a["id"])
        for c in (a.get("class") or "").split(): self.classes.add(c)
        if tag == "svg": self.svgs += 1
        if tag not in VOID: self.stack.append((tag, self.getpos()))
    def handle_startendtag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a: self.ids.add(a["id"])
    def handle_endtag(self, tag):
        if tag in VOID: return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append("line %d: </%s> but open is %s" % (self.getpos()[0], tag, self.stack[-1] if self.stack else None)); return
        self.stack.pop()
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read()); p.close()
if p.stack: p.errors.append("unclosed: %s" % p.stack[-3:])
for want in sys.argv[2:]:
    kind, _, name = want.partition(":")
    if (kind == "id" and name not in p.ids) or (kind == "class" and name not in p.classes):
        p.errors.append("missing " + want)
for e in p.errors: print(e)
print("svg=%d" % p.svgs)
sys.exit(1 if p.errors else 0)
PY
	check "report-html-well-formed" python3 html_check.py r.html \
		id:summary id:trend id:units id:people id:categories id:grades id:contracts \
		id:stabilization id:sla class:bars class:line class:grid class:timeline
	check "report-html-ko-well-formed" python3 html_check.py ko.html id:summary id:sla
fi
check "report-html-every-chart" sh -c '
	test "$(grep -c "class=\"chart line\"" r.html)" -eq 2 &&
	test "$(grep -c "class=\"chart timeline\"" r.html)" -eq 1 &&
	test "$(grep -c "class=\"chart grid\"" r.html)" -ge 10 &&
	test "$(grep -c "class=\"chart bars\"" r.html)" -eq 10'
check "report-html-subject" sh -c '
	"$TANDEM" --db demo.db report --year 2025 --subject contract:CT25 --org sales --out one.html >/dev/null &&
	grep -q "<tr><td>CT25</td>" one.html && ! grep -q "<tr><td>CT24</td>" one.html &&
	test "$(grep -c "class=\"chart grid\"" one.html)" -eq 1'
check "report-csv-is-score-csv" sh -c '
	"$TANDEM" --db demo.db report --year 2025 --format csv --out r.csv >/dev/null &&
	"$TANDEM" --db demo.db score --year 2025 --format csv > s.csv && diff s.csv r.csv'
check "report-json-is-score-json" sh -c '
	"$TANDEM" --db demo.db report --year 2025 --out r.json >/dev/null &&
	"$TANDEM" --db demo.db score --year 2025 --format json > s.json && diff s.json r.json'
check "report-xlsx-is-a-workbook" sh -c 'test "$(head -c 2 r.xlsx)" = PK'
check "report-bad-format" status_is 2 "$TANDEM" --db demo.db report --year 2025 --format pdf --out r.pdf
check "report-bad-org" status_is 2 "$TANDEM" --db demo.db report --year 2025 --org finance --out r.html
check "report-needs-out" status_is 2 "$TANDEM" --db demo.db report --year 2025
