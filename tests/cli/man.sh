#!/bin/sh
# Every command answers --help (exit 0, a usage line), and the man page
# docs/tandem.1 is the one scripts/gen-man.sh makes from those texts.
. "$(dirname "$0")/lib.sh"
for cmd in $("$TANDEM" --help | sed -n '/^commands:/,/^$/p' | awk 'NR>1 && NF {print $1}'); do
	check "help-$cmd" sh -c '"$TANDEM" "$1" --help | grep -q "^usage: tandem $1"' sh "$cmd"
done
check "help-version" sh -c '"$TANDEM" --version | grep -q "^tandem [0-9]"'
check "help-unknown-command-exit-2" status_is 2 "$TANDEM" frobnicate
check "man-page-current" sh -c 'sh "$TOP/scripts/gen-man.sh" "$TANDEM" | diff "$TOP/docs/tandem.1" -'
