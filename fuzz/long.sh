#!/bin/sh
# SPDX-License-Identifier: MIT
# The long run of docs/reliability.md: each named target (default: all built)
# for RUNS executions (default 10 million) on a temporary copy of its corpus.
# Crashes go to build-fuzz/crashes/; each target's log to build-fuzz/long-NAME.log.
#   sh fuzz/long.sh [RUNS] [fuzz_NAME ...]
set -eu
runs=${1:-10000000}
[ $# -gt 0 ] && shift
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/build-fuzz"
mkdir -p "$out/crashes"
if [ $# -eq 0 ]; then
	set -- $(cd "$out" && ls -d fuzz_* | grep -v '\.log$')
fi
status=0
for name in "$@"; do
	target="$out/$name"
	[ -x "$target" ] || { echo "$name: not built (sh fuzz/build.sh)" >&2; status=1; continue; }
	corpus=${name#fuzz_}
	corpus="$top/fuzz/corpus/${corpus%%-*}"
	work=$(mktemp -d)
	[ -d "$corpus" ] && cp -R "$corpus/." "$work/"
	start=$(date +%s)
	echo "$name: $runs runs on $(ls "$work" | wc -l) seed(s), started $(date -u +%FT%TZ)"
	if "$target" -runs="$runs" -max_len=4096 -timeout=10 \
		-artifact_prefix="$out/crashes/$name-" -print_final_stats=1 \
		"$work" >"$out/long-$name.log" 2>&1; then
		result=ok
	else
		result=FAILED
		status=1
	fi
	end=$(date +%s)
	echo "$name: $result after $((end - start)) s; $(grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$out/long-$name.log" | tr '\n' ' ')"
	echo "$name: corpus $(ls "$work" | wc -l) entries; $(grep -E '^#[0-9]+.*(DONE|cov:)' "$out/long-$name.log" | tail -1)"
	rm -rf "$work"
done
exit $status
