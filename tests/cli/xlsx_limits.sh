#!/bin/sh
# The XLSX reading limits (issue 21 item 2): a workbook whose sheet is 2 GiB
# of whitespace (2 MB compressed, generated here, never committed) is
# refused at once by the part size its zip directory declares; the same
# bomb with a directory that lies about the size is refused while it is
# inflated (ratio, then part size, whitespace run and CPU time, each alone);
# a cell cap; every refusal names its limit, in English and Korean, writes
# nothing, and the limits are set by options and by the environment.
. "$(dirname "$0")/lib.sh"

BOMB=$TOP/tests/data/xlsx/bomb.py
check "limits-init" "$TANDEM" init
python3 "$BOMB" honest.xlsx --blank $((2 << 30))
cp honest.xlsx lying.xlsx && python3 "$BOMB" lying.xlsx --lie-only
python3 "$BOMB" cells.xlsx --cells 100
check "limits-bomb-is-small" test "$(wc -c < honest.xlsx)" -lt 3000000

# refused FILE LIMIT MAX_MS [OPTIONS...]: exit 1 within MAX_MS
# milliseconds, with the limit's message and the hint line. The bounds
# are wall time on a shared machine (and under sanitizers): generous,
# against the 18 s the CLI took before the limits.
refused() {
	_f=$1 _limit=$2 _ms=$3
	shift 3
	_t0=$(date +%s%N)
	"$TANDEM" import "$@" "$_f" > out.txt 2> err.txt
	_rc=$?
	_t1=$(date +%s%N)
	_took=$(( (_t1 - _t0) / 1000000 ))
	cat err.txt
	echo "exit $_rc after ${_took}ms"
	[ $_rc -eq 1 ] && [ $_took -le "$_ms" ] &&
		grep -q "^$_f: .*limit $_limit: " err.txt &&
		grep -q "^tandem: .*(limit $_limit[:)]" err.txt &&
		grep -q "nothing was written" err.txt
}
check "limits-part-declared-refused-at-once" refused honest.xlsx xlsx-max-part 2000
check "limits-part-message" sh -c '"$TANDEM" import honest.xlsx 2>&1 | grep -qx "honest.xlsx: xl/worksheets/sheet1.xml: limit xlsx-max-part: the part is larger than 256 MiB uncompressed"'
check "limits-lying-header-gap" refused lying.xlsx xlsx-max-gap 2000
check "limits-lying-header-ratio" refused lying.xlsx xlsx-max-ratio 10000 --xlsx-max-gap 4G
check "limits-lying-header-part" refused lying.xlsx xlsx-max-part 10000 --xlsx-max-gap 4G --xlsx-max-ratio 100000
check "limits-cpu-seconds" refused lying.xlsx xlsx-cpu-seconds 20000 --xlsx-max-gap 4G --xlsx-max-ratio 100000 --xlsx-max-part 4G --xlsx-cpu-seconds 1
check "limits-cells" refused cells.xlsx xlsx-max-cells 2000 --xlsx-max-cells 50
check "limits-cells-message" sh -c '"$TANDEM" import --xlsx-max-cells 50 cells.xlsx 2>&1 | grep -qx "cells.xlsx: limit xlsx-max-cells: the workbook has more than 50 cells"'
# Under the cap the same workbook reads (its header lacks columns).
check "limits-cells-under-cap" sh -c '"$TANDEM" import --xlsx-max-cells 102 cells.xlsx 2>&1 | grep -q "missing column .industry."'
check "limits-env" sh -c 'TANDEM_XLSX_MAX_CELLS=50 "$TANDEM" import cells.xlsx 2>&1 | grep -q "limit xlsx-max-cells: the workbook has more than 50 cells"'
check "limits-option-beats-env" sh -c 'TANDEM_XLSX_MAX_CELLS=50 "$TANDEM" import --xlsx-max-cells 102 cells.xlsx 2>&1 | grep -q "missing column .industry."'
check "limits-korean" sh -c '"$TANDEM" import --lang ko honest.xlsx 2>&1 | grep -qx "tandem: 통합 문서의 한 부분이 압축을 풀면 너무 큽니다 (한도 xlsx-max-part); 관리자가 한도를 올릴 수 있습니다: docs/reliability.md"'
check "limits-bad-option" status_is 2 "$TANDEM" import --xlsx-max-gap 12Q cells.xlsx
check "limits-bad-option-message" sh -c '"$TANDEM" import --xlsx-max-gap 12Q cells.xlsx 2>&1 | grep -qx "tandem import: --xlsx-max-gap takes a whole number above 0 (bytes; K, M or G may follow), not .12Q."'
check "limits-bad-env" status_is 2 env TANDEM_XLSX_MAX_RATIO=0 "$TANDEM" import cells.xlsx
# Nothing was written by any of it.
check "limits-nothing-written" sh -c '[ "$("$TANDEM" export clients --out none >/dev/null && wc -l < none/clients.csv)" -eq 1 ]'
