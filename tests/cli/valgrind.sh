#!/bin/sh
# The import and export paths under valgrind: no invalid access, no leak.
# (Skipped in the sanitizer build: ASan and valgrind do not mix.)
. "$(dirname "$0")/lib.sh"
case "${BUILD:-build}" in *san*) exit 0 ;; esac
command -v valgrind >/dev/null || { echo "not ok 1 - valgrind is not installed"; exit 1; }
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
export VG

"$TANDEM" init >/dev/null
check "valgrind-import-small" sh -c '$VG "$TANDEM" import "$DATA/small" >/dev/null'
check "valgrind-import-bad" sh -c '$VG "$TANDEM" import "$DATA/bad" >/dev/null 2>&1; test $? -eq 1'
check "valgrind-export" sh -c '$VG "$TANDEM" export --out ex >/dev/null'
check "valgrind-demo-out" sh -c '$VG "$TANDEM" demo --out demo >/dev/null'
