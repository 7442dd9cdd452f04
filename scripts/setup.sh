#!/bin/sh
# Installs everything Tandem's build and tests need on Debian 12, from
# Debian's packages (and npm for the browser-test driver only). Idempotent:
# it installs only what is missing. Works as root or through sudo.
#   scripts/setup.sh           the build and every test
#   scripts/setup.sh --bench   also the benchmark peers (pandas, wrk, DuckDB)
set -eu
cd "$(dirname "$0")/.."

# libpq-dev and libmicrohttpd-dev bring libpq5 and libmicrohttpd12, which
# tandem loads at run time (docs/deploy.md, "Libraries"). tzdata: the
# feeds' time zones and the pages' (serve --time-zone, Asia/Seoul).
PACKAGES="build-essential pkg-config clang llvm valgrind
libsqlite3-dev sqlite3 libpq-dev postgresql
libmicrohttpd-dev libjansson-dev libsodium-dev libxlsxwriter-dev libzip-dev libexpat1-dev
libcmocka-dev libgmp-dev curl chromium python3 fonts-noto-cjk libreoffice-calc tzdata"

if [ "${1:-}" = --bench ]; then
	PACKAGES="$PACKAGES python3-pandas wrk"
fi

SUDO=
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
fi

missing=
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
# Node.js may come from another packaging that bundles npm; only ask Debian
# for it when there is none.
if ! command -v npm >/dev/null 2>&1; then
	missing="$missing nodejs npm"
fi
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

# The browser tests drive Debian's chromium with playwright-core (no browser
# download: executablePath is /usr/bin/chromium).
if [ -f tests/browser/package.json ] && [ ! -d tests/browser/node_modules/playwright-core ]; then
	echo "setup: installing playwright-core for the browser tests"
	(cd tests/browser && npm ci --no-audit --no-fund --silent)
fi
if [ "${1:-}" = --bench ] && [ ! -d bench/peers/node_modules/@duckdb ]; then
	echo "setup: installing DuckDB for the benchmarks"
	(cd bench/peers && npm ci --no-audit --no-fund --silent)
fi
echo "setup: ok"
