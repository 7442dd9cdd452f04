# Helpers for the HTTP tests: each script sources this, gets a fresh store
# with tests/data/small and one account per role, starts `tandem serve` on
# a free loopback port and stops it at exit whatever happens. Assertions
# print TAP lines that tests/run_all.sh counts.
set -u
: "${TANDEM:?TANDEM must name the tandem binary}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$TOP/tests/data
WORK=$(mktemp -d)
export TANDEM_FAST_HASH=1     # cheap password hashing, for tests only
SERVER_PID=
URL=
DB=$WORK/t.db
# One audit key for the store and the copies tests make of it.
export TANDEM_AUDIT_KEY_FILE="$WORK/audit.key"

stop_server() {
	if [ -n "$SERVER_PID" ]; then
		kill -TERM "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
		SERVER_PID=
	fi
}
trap 'stop_server; [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

# make_store: a store with the small company, some ASCII-keyed records and
# the accounts admin, executive, sales (P-S1), operations (P-O1), viewer,
# each with the password "password-ROLE".
make_store() {
	rm -f "$DB" "$DB-wal" "$DB-shm"
	"$TANDEM" init --db "$DB" >/dev/null || return 1
	"$TANDEM" import --db "$DB" "$DATA/small" >/dev/null || return 1
	mkdir -p "$WORK/extra"
	printf 'contract_id,item,category,required,done_on\nK1,ITEM-A,infra,1,2025-03-01\n' > "$WORK/extra/readiness.csv"
	printf 'contract_id,item,accepted_on\nK1,HO-A,\n' > "$WORK/extra/handover.csv"
	printf 'contract_id,date,kind,title,status,annual_savings,hours_saved\nK1,2026-06-01,automation,AUTO-A,deployed,,10\n' > "$WORK/extra/innovations.csv"
	"$TANDEM" import --db "$DB" "$WORK/extra" >/dev/null || return 1
	add_role_accounts
}

# add_role_accounts: in $DB, the accounts admin, executive (P-CEO), sales
# (P-S1), operations (P-O1) and viewer, each with the password
# "password-ROLE".
add_role_accounts() {
	for r in admin executive sales operations viewer; do
		person=
		case $r in
		sales) person="--person P-S1" ;;
		operations) person="--person P-O1" ;;
		executive) person="--person P-CEO" ;;
		esac
		echo "password-$r" | "$TANDEM" user add "$r" --role "$r" $person --password-stdin --db "$DB" >/dev/null || return 1
	done
}

# start_server [ARGS...]: serves $DB; sets URL.
start_server() {
	: > "$WORK/server.out"
	"$TANDEM" serve --db "$DB" --listen 127.0.0.1:0 "$@" > "$WORK/server.out" 2> "$WORK/server.err" &
	SERVER_PID=$!
	i=0
	while [ $i -lt 100 ]; do
		URL=$(sed -n 's/^listening on //p' "$WORK/server.out")
		[ -n "$URL" ] && return 0
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	echo "# the server did not start:" >&2
	sed 's/^/#   /' "$WORK/server.err" >&2
	return 1
}

# login ROLE: logs the account ROLE in; its cookie jar is $WORK/ROLE.jar and
# its CSRF token $WORK/ROLE.csrf.
login() {
	rm -f "$WORK/$1.jar"
	curl -s -c "$WORK/$1.jar" -H 'Content-Type: application/json' \
		-d "{\"name\":\"$1\",\"password\":\"password-$1\"}" "$URL/api/v1/login" \
		| sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' > "$WORK/$1.csrf"
	[ -s "$WORK/$1.csrf" ]
}

# status ROLE METHOD PATH [BODY [CONTENT-TYPE]]: prints the HTTP status.
# ROLE "anon" sends no cookie. The body of the answer is in $WORK/body.
status() {
	_role=$1 _method=$2 _path=$3
	shift 3
	set -- -s -o "$WORK/body" -w '%{http_code}' -X "$_method" "$@"
	if [ "$_role" != anon ]; then
		set -- "$@" -b "$WORK/$_role.jar" -H "X-CSRF-Token: $(cat "$WORK/$_role.csrf")"
	fi
	curl "$@" "$URL$_path"
}

# api ROLE METHOD PATH [JSON]: a JSON request; prints the status.
api() {
	if [ $# -ge 4 ]; then
		status "$1" "$2" "$3" -H 'Content-Type: application/json' --data-binary "$4"
	else
		status "$1" "$2" "$3"
	fi
}

# form ROLE PATH FIELD=VALUE...: a form POST (with the CSRF field); status.
form() {
	_role=$1 _path=$2
	shift 2
	_count=$#
	for kv in "$@"; do
		set -- "$@" --data-urlencode "$kv"
	done
	shift "$_count"
	if [ "$_role" = anon ]; then
		status anon POST "$_path" "$@"
	else
		status "$_role" POST "$_path" "$@" --data-urlencode "csrf=$(cat "$WORK/$_role.csrf")"
	fi
}

TAP_DETAIL=20
. "$TOP/tests/tap.sh"

# is WANT GOT: equal strings (shows both when not).
is() {
	if [ "$1" != "$2" ]; then
		echo "expected '$1', got '$2'"
		[ -f "$WORK/body" ] && head -c 400 "$WORK/body" && echo
		return 1
	fi
}

# has FILE TEXT / hasnt FILE TEXT: fixed-string search.
has() { grep -qF -- "$2" "$1" || { echo "'$2' not in $1:"; head -c 600 "$1"; echo; return 1; }; }
hasnt() { ! grep -qF -- "$2" "$1" || { echo "'$2' found in $1"; grep -F -- "$2" "$1" | head -3; return 1; }; }


# pg_cluster NAME: a throwaway PostgreSQL cluster (scripts/pg-test.sh) for
# the script NAME: sets PGT, PGDIR, PGPID and DB (its URL) and defines sql
# SQL (run as the tandem user). Without the server binaries it prints the
# SKIP line and exits 0; a cluster that does not start is NAME's failure.
# The caller's EXIT trap stops it ($PGT stop "$PGDIR" "$PGPID").
have_postgres() {
	{ [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; } && return 0
	ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1 && return 0
	{ command -v pg_config > /dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; } && return 0
	command -v initdb > /dev/null 2>&1
}
pg_cluster() {
	PGT="sh $TOP/scripts/pg-test.sh"
	if ! have_postgres; then
		echo "ok 1 - $1 # SKIP PostgreSQL server binaries are not installed"
		exit 0
	fi
	PGDIR=$(mktemp -d /tmp/tandem-pg.XXXXXX)
	if ! DB=$($PGT start "$PGDIR" 2> "$WORK/pg.err"); then
		echo "not ok 1 - $1-cluster-starts"
		sed 's/^/#   /' "$WORK/pg.err"
		exit 1
	fi
	PGPID=$($PGT pid "$PGDIR")
}
sql() { $PGT sql "$PGDIR" tandem "$1"; }

# The import jobs' API, as admin. jget ID: the job's JSON into $WORK/job.
# field NAME[.NAME|.INDEX...]: a field of $WORK/job (null, true/false as
# JSON says them). await ID [SECONDS]: polls (20 s by default) until the
# job is done or failed; prints its state, or timeout(STATE).
jget() { curl -s -b "$WORK/admin.jar" "$URL/api/v1/jobs/$1" > "$WORK/job"; }
field() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."): v = v[int(k)] if isinstance(v, list) else v[k] if v is not None else None
print("null" if v is None else str(v).lower() if isinstance(v, bool) else v)' "$WORK/job" "$1"; }
await() {
	_i=0
	while [ $_i -lt $(( ${2:-20} * 10 )) ]; do
		jget "$1"
		_s=$(field state)
		case $_s in done|failed) echo "$_s"; return 0 ;; esac
		sleep 0.1
		_i=$((_i + 1))
	done
	echo "timeout($_s)"
}
