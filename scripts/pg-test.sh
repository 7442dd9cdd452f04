#!/bin/sh
# SPDX-License-Identifier: MIT
# A throwaway PostgreSQL cluster for the tests: initdb in a temporary
# folder, a server on a free loopback port (its unix socket in the same
# folder), one database, and its connection URL on stdout. Run as root it
# runs the server as the unprivileged 'postgres' user (created if missing).
#
#   scripts/pg-test.sh start DIR      start a cluster in DIR (created; must be
#                                     empty); prints postgresql://... of db 'tandem'
#   scripts/pg-test.sh url DIR [DB]   prints the URL of database DB (created
#                                     if it does not exist yet)
#   scripts/pg-test.sh pid DIR        prints the server's process id
#   scripts/pg-test.sh halt DIR       stops the server at once, as a crash
#                                     would (pg_ctl stop -m immediate); DIR stays
#   scripts/pg-test.sh resume DIR     starts the halted server again, same port
#   scripts/pg-test.sh sql DIR DB SQL runs SQL in database DB as the superuser
#                                     (psql -Atq), printing the rows
#   scripts/pg-test.sh stop DIR [PID] stops the cluster and removes DIR; safe
#                                     to call twice, or on a half-started DIR;
#                                     with the PID that 'pid' printed it also
#                                     stops a server whose DIR was deleted
#
# Callers stop it from an EXIT trap:
#   dir=$(mktemp -d /tmp/tandem-pg.XXXXXX)
#   trap 'scripts/pg-test.sh stop "$dir" "$pid"' EXIT
#   url=$(scripts/pg-test.sh start "$dir"); pid=$(scripts/pg-test.sh pid "$dir")
set -eu
umask 077

die() {
	echo "pg-test: $*" >&2
	exit 1
}

find_bindir() {
	if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then
		echo "$PG_BIN"
		return
	fi
	for d in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return
		fi
	done
	if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
		pg_config --bindir
		return
	fi
	if command -v initdb >/dev/null 2>&1; then
		dirname "$(command -v initdb)"
		return
	fi
	die "PostgreSQL server binaries not found (install postgresql: scripts/setup.sh)"
}

# The user the server runs as: ourselves, or 'postgres' when we are root
# (initdb refuses to run as root).
run_user() {
	if [ "$(id -u)" -ne 0 ]; then
		id -un
		return
	fi
	if ! id postgres >/dev/null 2>&1; then
		useradd --system --no-create-home --shell /usr/sbin/nologin postgres >/dev/null 2>&1 ||
			die "cannot create the 'postgres' user to run the server"
	fi
	echo postgres
}

# as CMD ARGS...: runs a command as the server's user.
as() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd / && runuser -u "$RUN_USER" -- "$@")
	else
		"$@"
	fi
}

free_port() {
	# A random port in 20000..59999 that nothing listens on; the server's
	# start is retried on another port if it loses a race for this one.
	i=0
	while [ $i -lt 50 ]; do
		p=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
		if ! (ss -Hltn "sport = :$p" 2>/dev/null | grep -q .); then
			echo "$p"
			return
		fi
		i=$((i + 1))
	done
	die "no free port found"
}

url_of() {
	# $1: DIR, $2: database
	echo "postgresql://tandem:$(cat "$1/password")@127.0.0.1:$(cat "$1/port")/$2"
}

cmd_start() {
	dir=$1
	mkdir -p "$dir"
	[ -z "$(ls -A "$dir")" ] || die "'$dir' is not empty"
	bindir=$(find_bindir)
	RUN_USER=$(run_user)
	chown "$RUN_USER" "$dir"
	chmod 700 "$dir"
	od -An -N16 -tx1 /dev/urandom | tr -d ' \n' > "$dir/password"
	chown "$RUN_USER" "$dir/password"
	# C collation: Tandem sorts by bytes, as SQLite does (docs/deploy.md).
	as "$bindir/initdb" -D "$dir/data" -U tandem --pwfile="$dir/password" \
		--auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C \
		--no-sync > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
	tries=0
	while :; do
		port=$(free_port)
		if pg_start "$dir" "$port"; then
			break
		fi
		tries=$((tries + 1))
		[ $tries -lt 5 ] || { tail -20 "$dir/server.log" >&2; die "the server did not start"; }
	done
	echo "$port" > "$dir/port"
	as "$bindir/createdb" -h "$dir" -p "$port" -U tandem -T template0 -E UTF8 --locale=C tandem ||
		die "createdb failed"
	url_of "$dir" tandem
}

# pg_start DIR PORT: starts the server of DIR's cluster on PORT.
pg_start() {
	as "$bindir/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 30 \
		-o "-c listen_addresses=127.0.0.1 -p $2 -k $1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
		start > /dev/null 2>&1
}

cmd_halt() {
	[ -f "$1/data/postmaster.pid" ] || die "no cluster running in '$1'"
	bindir=$(find_bindir)
	RUN_USER=$(run_user)
	as "$bindir/pg_ctl" -D "$1/data" -m immediate stop > /dev/null 2>&1 || die "pg_ctl stop failed"
}

cmd_resume() {
	[ -f "$1/port" ] || die "no cluster in '$1'"
	bindir=$(find_bindir)
	RUN_USER=$(run_user)
	pg_start "$1" "$(cat "$1/port")" || { tail -20 "$1/server.log" >&2; die "the server did not start again"; }
}

cmd_sql() {
	[ -f "$1/port" ] || die "no cluster in '$1'"
	bindir=$(find_bindir)
	RUN_USER=$(run_user)
	as "$bindir/psql" -h "$1" -p "$(cat "$1/port")" -U tandem -d "$2" -X -Atq -v ON_ERROR_STOP=1 -c "$3"
}

cmd_url() {
	dir=$1
	db=${2:-tandem}
	[ -f "$dir/port" ] || die "no cluster running in '$dir'"
	case $db in *[!a-z0-9_]*) die "database names are [a-z0-9_]: '$db'" ;; esac
	bindir=$(find_bindir)
	RUN_USER=$(run_user)
	if ! as "$bindir/psql" -h "$dir" -p "$(cat "$dir/port")" -U tandem -d postgres -Atqc \
		"SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
		as "$bindir/createdb" -h "$dir" -p "$(cat "$dir/port")" -U tandem -T template0 \
			-E UTF8 --locale=C "$db" || die "createdb $db failed"
	fi
	url_of "$dir" "$db"
}

# Is process $1 the postmaster of cluster $2? (Its command line names the
# data folder; a recycled process id does not.)
is_our_server() {
	[ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "-D $2/data "
}

cmd_pid() {
	[ -f "$1/data/postmaster.pid" ] || die "no cluster running in '$1'"
	head -1 "$1/data/postmaster.pid"
}

cmd_stop() {
	dir=$1
	pid=${2:-}
	if [ ! -d "$dir/data" ]; then
		# The folder is gone (something cleaned the temporary folder):
		# pg_ctl cannot help, the process id can.
		if [ -n "$pid" ] && is_our_server "$pid" "$dir"; then
			kill -INT "$pid" 2> /dev/null || true
			i=0
			while [ $i -lt 50 ] && kill -0 "$pid" 2> /dev/null; do
				sleep 0.2
				i=$((i + 1))
			done
			kill -KILL "$pid" 2> /dev/null || true
		fi
		rm -rf "$dir"
		return 0
	fi
	if [ -f "$dir/data/postmaster.pid" ]; then
		bindir=$(find_bindir)
		RUN_USER=$(run_user)
		as "$bindir/pg_ctl" -D "$dir/data" -w -t 30 -m fast stop > /dev/null 2>&1 ||
			as "$bindir/pg_ctl" -D "$dir/data" -m immediate stop > /dev/null 2>&1 || true
	fi
	rm -rf "$dir"
}

usage="usage: pg-test.sh start|url|pid|stop|halt|resume|sql DIR [DB|PID] [SQL]"
[ $# -ge 2 ] || die "$usage"
mode=$1
shift
case $mode in
start)
	# A start that fails half way leaves nothing running.
	trap 'rc=$?; [ $rc -eq 0 ] || cmd_stop "$1"; exit $rc' EXIT
	cmd_start "$1"
	;;
url) cmd_url "$@" ;;
pid) cmd_pid "$1" ;;
stop) cmd_stop "$@" ;;
halt) cmd_halt "$1" ;;
resume) cmd_resume "$1" ;;
sql) [ $# -eq 3 ] || die "$usage"; cmd_sql "$@" ;;
*) die "$usage" ;;
esac
