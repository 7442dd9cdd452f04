#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets into build-fuzz/ (or $FUZZ_OUT) with clang,
# ASan and UBSan.
# The CSV target is built twice: fuzz_csv as shipped (64 KiB reads, so the
# SSE2 scanning runs over whole inputs) and fuzz_csv-chunk7 with 7-byte reads
# (CSV_CHUNK), so that small inputs reach every chunk-boundary path. A target
# named fuzz_NAME-VARIANT uses the corpus fuzz/corpus/NAME/.
#   sh fuzz/build.sh
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${FUZZ_OUT:-$top/build-fuzz}
CC=${CC:-clang}
FLAGS="-std=c11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Werror -Wshadow \
-Wno-missing-field-initializers -fno-omit-frame-pointer \
-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
-I$top/src"
mkdir -p "$out"
csv_src="$top/fuzz/fuzz_csv.c $top/src/io/csv.c $top/src/base/buf.c $top/src/base/alloc.c"
$CC $FLAGS -o "$out/fuzz_csv" $csv_src
$CC $FLAGS -DCSV_CHUNK=7 -o "$out/fuzz_csv-chunk7" $csv_src
echo "built $out/fuzz_csv $out/fuzz_csv-chunk7"

# The model parser and the cell parsers. (The web harness below needs the
# embedded assets, generated as the Makefile does.)
mkdir -p "$out/gen"
sh "$top/scripts/embed.sh" "$out/gen" $(cd "$top" && find assets -type f | LC_ALL=C sort | sed "s|^|$top/|")
engine_src="$top/src/engine/model.c $top/src/engine/model_json.c $top/src/engine/model_check.c $top/src/engine/model_diff.c $top/src/engine/criteria.c $top/src/engine/numfmt.c $top/src/engine/exact.c \
$top/src/io/jsonw.c $top/src/domain/date.c $top/src/domain/decimal.c $top/src/base/buf.c $top/src/base/alloc.c $out/gen/embedded.c"
$CC $FLAGS -I"$out/gen" -o "$out/fuzz_model" "$top/fuzz/fuzz_model.c" $engine_src -ljansson -lm
$CC $FLAGS -o "$out/fuzz_parse" "$top/fuzz/fuzz_parse.c" "$top/src/domain/date.c" \
	"$top/src/domain/decimal.c" "$top/src/base/buf.c" "$top/src/base/alloc.c"
echo "built $out/fuzz_model $out/fuzz_parse"
# The XLSX reader (issue 6): libzip and expat from pkg-config.
xlsx_src="$top/fuzz/fuzz_xlsx.c $top/src/io/xlsx_read.c $top/src/io/csv.c $top/src/base/buf.c $top/src/base/alloc.c \
$top/src/domain/schema.c $top/src/domain/date.c"
$CC $FLAGS $(pkg-config --cflags libzip expat) -o "$out/fuzz_xlsx" $xlsx_src $(pkg-config --libs libzip expat) -lm
echo "built $out/fuzz_xlsx"

# The feed readers that take their bytes in place (issue 19): the Genesys
# scanner and the interval report's lean lines, each against the ordinary
# reader.
feed_src="$top/fuzz/fuzz_feed.c $top/src/io/feed_json.c $top/src/io/feed_csv.c $top/src/io/feed_map.c \
$top/src/io/xlsx_read.c $top/src/io/csv.c $top/src/base/buf.c $top/src/base/alloc.c \
$top/src/domain/schema.c $top/src/domain/date.c $top/src/domain/decimal.c"
$CC $FLAGS $(pkg-config --cflags libzip expat jansson) -o "$out/fuzz_feed" $feed_src \
	$(pkg-config --libs libzip expat jansson) -lm -lpthread
echo "built $out/fuzz_feed"

# The stored form of a queue's day of intervals (format 4's body,
# io/feed_blob.c), as the store reads it back.
$CC $FLAGS -o "$out/fuzz_blob" "$top/fuzz/fuzz_blob.c" "$top/src/io/feed_blob.c" "$top/src/base/buf.c" \
	"$top/src/base/alloc.c"
echo "built $out/fuzz_blob"

# HTTP request parsing (issue 9): the path splitter, the route table, query
# strings, forms, multipart and JSON bodies. router.c names every handler,
# so the target links the whole library but main.c and the commands (not
# libpq or libmicrohttpd: the code loads them when needed); those
# objects are built once into build-fuzz/obj/ and rebuilt when a source or
# any header is newer.
web_flags="$FLAGS -I$out/gen $(pkg-config --cflags libmicrohttpd jansson libsodium sqlite3 libpq xlsxwriter libzip expat)"
newest_h=$(ls -t "$top"/src/*/*.h | head -1)
web_objs=
pids=
for c in $(cd "$top" && ls src/base/*.c src/domain/*.c src/io/*.c src/store/*.c src/app/*.c src/engine/*.c \
	src/report/*.c src/web/*.c) gen/embedded.c; do
	case $c in gen/*) src="$out/$c" ;; *) src="$top/$c" ;; esac
	o="$out/obj/$(echo "$c" | tr / _).o"
	web_objs="$web_objs $o"
	if [ ! -f "$o" ] || [ "$src" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then
		mkdir -p "$out/obj"
		# Instrumented for coverage and the sanitizers, without libFuzzer's main.
		$CC $(echo "$web_flags" | sed 's/-fsanitize=fuzzer,/-fsanitize=fuzzer-no-link,/') \
			-c -o "$o" "$src" &
		pids="$pids $!"
	fi
	# Two compilers at a time.
	set -- $pids
	if [ $# -ge 2 ]; then
		wait $1
		shift
		pids="$*"
	fi
done
for p in $pids; do wait "$p"; done
$CC $web_flags -o "$out/fuzz_http" "$top/fuzz/fuzz_http.c" $web_objs \
	$(pkg-config --libs jansson libsodium sqlite3 xlsxwriter libzip expat) -lgmp -lm -lpthread
echo "built $out/fuzz_http"
