#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every fuzz target built by fuzz/build.sh for SECONDS (default 10) on
# a temporary copy of its corpus, so fuzz/corpus/ is not changed. Crashes
# are written to build-fuzz/crashes/; the exit status is non-zero on any.
#   sh fuzz/run.sh [SECONDS]
set -eu
seconds=${1:-10}
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/build-fuzz"
status=0
mkdir -p "$out/crashes"
for target in "$out"/fuzz_*; do
	[ -x "$target" ] || continue
	name=$(basename "$target")
	corpus=${name#fuzz_}
	corpus="$top/fuzz/corpus/${corpus%%-*}"
	work=$(mktemp -d)
	if [ -d "$corpus" ]; then
		cp -R "$corpus/." "$work/"
	fi
	echo "$name: ${seconds}s on $(ls "$work" | wc -l) seed(s)"
	"$target" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
		-artifact_prefix="$out/crashes/$name-" -print_final_stats=1 \
		"$work" || status=1
	rm -rf "$work"
done
exit $status
