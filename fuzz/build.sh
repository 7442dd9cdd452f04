#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets into build-fuzz/ with clang, ASan and UBSan.
# The CSV target is built twice: fuzz_csv as shipped (64 KiB reads, so the
# SSE2 scanning runs over whole inputs) and fuzz_csv-chunk7 with 7-byte reads
# (CSV_CHUNK), so that small inputs reach every chunk-boundary path. A target
# named fuzz_NAME-VARIANT uses the corpus fuzz/corpus/NAME/.
#   sh fuzz/build.sh
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/build-fuzz"
CC=${CC:-clang}
FLAGS="-std=c11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Werror -Wshadow \
-Wno-missing-field-initializers -fno-omit-frame-pointer \
-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
-I$top/src"
mkdir -p "$out"
csv_src="$top/fuzz/fuzz_csv.c $top/src/io/csv.c $top/src/base/buf.c"
$CC $FLAGS -o "$out/fuzz_csv" $csv_src
$CC $FLAGS -DCSV_CHUNK=7 -o "$out/fuzz_csv-chunk7" $csv_src
echo "built $out/fuzz_csv $out/fuzz_csv-chunk7"

# The model parser and the cell parsers. The model parser needs the
# embedded default model, generated as the Makefile does.
mkdir -p "$out/gen"
sh "$top/scripts/embed.sh" "$out/gen" $(cd "$top" && find assets -type f | LC_ALL=C sort | sed "s|^|$top/|")
engine_src="$top/src/engine/model.c $top/src/engine/criteria.c $top/src/engine/numfmt.c \
$top/src/engine/jsonout.c $top/src/domain/date.c $top/src/base/buf.c $out/gen/embedded.c"
$CC $FLAGS -I"$out/gen" -o "$out/fuzz_model" "$top/fuzz/fuzz_model.c" $engine_src -ljansson -lm
$CC $FLAGS -o "$out/fuzz_parse" "$top/fuzz/fuzz_parse.c" "$top/src/domain/date.c" \
	"$top/src/domain/decimal.c"
echo "built $out/fuzz_model $out/fuzz_parse"
# The XLSX reader (issue 6): libzip and expat from pkg-config.
xlsx_src="$top/fuzz/fuzz_xlsx.c $top/src/io/xlsx_read.c $top/src/io/csv.c $top/src/base/buf.c \
$top/src/domain/schema.c $top/src/domain/date.c"
$CC $FLAGS $(pkg-config --cflags libzip expat) -o "$out/fuzz_xlsx" $xlsx_src $(pkg-config --libs libzip expat) -lm
echo "built $out/fuzz_xlsx"
