# What the CLI and HTTP scenario scripts share (sourced by tests/cli/lib.sh
# and tests/http/lib.sh, after they set WORK): check NAME COMMAND... runs
# the command and prints the TAP line tests/run_all.sh counts, with the
# first $TAP_DETAIL lines (default 40) of its output under a failure; and
# the assertions both kinds of script use.
_n=0
check() {
	_name=$1
	shift
	_n=$((_n + 1))
	if "$@" > "$WORK/.check.out" 2>&1; then
		echo "ok $_n - $_name"
	else
		echo "not ok $_n - $_name"
		sed 's/^/#   /' "$WORK/.check.out" | head -"${TAP_DETAIL:-40}"
	fi
}

# status_is N COMMAND...: the command exits with status N.
status_is() {
	_want=$1
	shift
	"$@" > "$WORK/.status.out" 2>&1
	_got=$?
	if [ "$_got" -ne "$_want" ]; then
		echo "exit status $_got, expected $_want"
		cat "$WORK/.status.out"
		return 1
	fi
}

# same FILE1 FILE2: the files are identical (shows a diff when not).
same() {
	diff -u "$1" "$2"
}
