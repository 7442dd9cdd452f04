# What the CLI and HTTP scenario scripts share (sourced by tests/cli/lib.sh
# and tests/http/lib.sh, after they set WORK): check NAME COMMAND... runs
# the command and prints the TAP line tests/run_all.sh counts, with the
# first $TAP_DETAIL lines (default 40) of its output under a failure.
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
