# Helpers for CLI scenario scripts: TAP lines that tests/run_all.sh counts.
# Each script sources this, runs in a fresh temporary folder, and calls
# check NAME COMMAND... for every assertion.
set -u
: "${TANDEM:?TANDEM must name the tandem binary}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$TOP/tests/data
export TANDEM DATA TOP
WORK=$(mktemp -d)
# One audit key for every store a script makes or copies (the key is a file
# beside the store otherwise, which a `cp x.db y.db` would not take along).
export TANDEM_AUDIT_KEY_FILE="$WORK/audit.key"
[ -n "${KEEP:-}" ] && echo "work: $WORK" >&2 || trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
. "$TOP/tests/tap.sh"
