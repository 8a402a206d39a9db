#!/bin/sh
# deps.sh: make sure the Debian packages tcop builds, tests and benchmarks
# with are installed. As root it installs what is missing (apt-get update
# once, then apt-get install -y); as anyone else it prints the exact
# apt-get line and fails, so nothing happens behind the user's back.
#
# usage: scripts/deps.sh [build|check|bench]   (default: check)
set -eu
what=${1:-check}

build="build-essential pkg-config libncurses-dev libnng-dev libmbedtls-dev
       libcjson-dev libshp-dev zlib1g-dev"
check="$build libcmocka-dev tmux clang libclang-rt-dev gpsd-clients
       python3 python3-sgp4 openssl procps man-db jq valgrind"
bench="$check hyperfine"
# node and npm may come from elsewhere than Debian: ask for them only when absent
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || bench="$bench nodejs npm"

case $what in
build) want=$build ;;
check) want=$check ;;
bench) want=$bench ;;
*) echo "usage: scripts/deps.sh [build|check|bench]" >&2; exit 2 ;;
esac

# TCOP_DEPS_EXTRA: more packages to ask for (the tests use it to check the
# non-root message with a package that cannot be installed).
want="$want ${TCOP_DEPS_EXTRA:-}"
missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "tcop needs these Debian packages:$missing" >&2
	echo "install them with:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2
