#!/bin/sh
# SPDX-License-Identifier: MIT
# libpq and libmicrohttpd are loaded when first needed (src/base/dynlib.h),
# not linked: a library that cannot be loaded is a clear error with the exit
# status of any other store-open or serve failure (3), only the command that
# needs it fails, and TANDEM_LIBPQ / TANDEM_LIBMICROHTTPD choose the file
# (docs/deploy.md).
. "$(dirname "$0")/lib.sh"

# fails_with STATUS MESSAGE COMMAND...: the command exits with STATUS and
# writes exactly the line MESSAGE to stderr.
fails_with() {
	_want_rc=$1
	_want_err=$2
	shift 2
	"$@" > "$WORK/.fails.out" 2> "$WORK/.fails.err"
	_rc=$?
	printf '%s\n' "$_want_err" > "$WORK/.fails.want"
	if [ "$_rc" -ne "$_want_rc" ]; then
		echo "exit status $_rc, expected $_want_rc"
		cat "$WORK/.fails.err"
		return 1
	fi
	diff -u "$WORK/.fails.want" "$WORK/.fails.err"
}

# A PostgreSQL URL that is never reached: the library is loaded first.
PG_URL=postgresql://tandem@127.0.0.1:1/tandem

check "dynlib-not-linked" sh -c '! ldd "$TANDEM" | grep -E "libpq|libmicrohttpd|gnutls|krb5|ldap"'

check "dynlib-libpq-missing-score" fails_with 3 \
	"tandem: cannot use a PostgreSQL store: /nonexistent/libpq.so.5: cannot open shared object file: No such file or directory" \
	env TANDEM_LIBPQ=/nonexistent/libpq.so.5 "$TANDEM" score --db "$PG_URL" --year 2026
check "dynlib-libpq-missing-init" fails_with 3 \
	"tandem: cannot use a PostgreSQL store: /nonexistent/libpq.so.5: cannot open shared object file: No such file or directory" \
	env TANDEM_LIBPQ=/nonexistent/libpq.so.5 "$TANDEM" init --db "$PG_URL"
# A library that loads but is not libpq: the first function it lacks.
JANSSON=$(ldd "$TANDEM" | awk '$1 ~ /^libjansson/ { print $3 }')
check "dynlib-libpq-wrong-library" fails_with 3 \
	"tandem: cannot use a PostgreSQL store: $JANSSON: undefined symbol: PQclear" \
	env TANDEM_LIBPQ="$JANSSON" "$TANDEM" init --db "$PG_URL"

# SQLite never loads libpq: every command works with TANDEM_LIBPQ nowhere.
check "dynlib-sqlite-without-libpq" sh -c '
	export TANDEM_LIBPQ=/nonexistent/libpq.so.5
	"$TANDEM" init --db s.db > /dev/null &&
	"$TANDEM" import --db s.db "$DATA/small" > /dev/null &&
	"$TANDEM" score --db s.db --year 2026 --format csv > with.csv'
check "dynlib-sqlite-without-libpq-same-scores" sh -c '
	"$TANDEM" score --db s.db --year 2026 --format csv > without.csv &&
	test -s with.csv && cmp with.csv without.csv'

# (A server that starts all the same is stopped, and the check fails.)
check "dynlib-libmicrohttpd-missing-serve" fails_with 3 \
	"tandem: cannot start the web server: /nonexistent/libmicrohttpd.so.12: cannot open shared object file: No such file or directory" \
	timeout 20 env TANDEM_LIBMICROHTTPD=/nonexistent/libmicrohttpd.so.12 \
	"$TANDEM" serve --db s.db --listen 127.0.0.1:0
# An empty variable means the usual library: serve starts (and is stopped).
check "dynlib-libmicrohttpd-empty-variable-serves" sh -c '
	TANDEM_LIBMICROHTTPD= "$TANDEM" serve --db s.db --listen 127.0.0.1:0 --quiet > serve.out 2>&1 &
	pid=$!
	i=0
	while [ $i -lt 100 ] && ! grep -q "^listening on http://127.0.0.1:" serve.out; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -TERM $pid
	wait $pid && grep -q "^listening on http://127.0.0.1:" serve.out'
