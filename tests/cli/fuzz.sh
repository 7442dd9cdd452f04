#!/bin/sh
# A short fuzzing run of every libFuzzer target (fuzz/), as CI's smoke test:
# each target runs FUZZ_SECONDS (default 8) on its seed corpus under
# ASan+UBSan. Long runs are recorded in docs/reliability.md. (Skipped in the
# sanitizer pass: the targets carry their own sanitizers.)
. "$(dirname "$0")/lib.sh"
case "${BUILD:-build}" in *san*) exit 0 ;; esac
command -v clang >/dev/null || { echo "not ok 1 - clang is not installed"; exit 1; }
# Beside the suite's own build folder: two suites running at once (two
# BUILD folders) must not build into one folder.
FUZZ_OUT=$TOP/${BUILD:-build}-fuzz
export FUZZ_OUT
check "fuzz-build" sh "$TOP/fuzz/build.sh"
for target in "$FUZZ_OUT"/fuzz_*; do
	[ -x "$target" ] || continue
	name=$(basename "$target")
	corpus=${name#fuzz_}
	corpus="$TOP/fuzz/corpus/${corpus%%-*}"
	mkdir -p "$WORK/$name"
	cp -R "$corpus/." "$WORK/$name/" 2>/dev/null
	check "$name-no-crash" "$target" -max_total_time="${FUZZ_SECONDS:-8}" -max_len=4096 \
		-timeout=10 -artifact_prefix="$WORK/$name-" "$WORK/$name"
done
