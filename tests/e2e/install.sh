#!/bin/sh
# install.sh: `make install PREFIX=...` puts the binary, the maps and the man
# page where a Unix user expects them, and the installed binary works from
# anywhere (it finds its maps beside itself), and `make uninstall` removes it.
. "$(dirname "$0")/lib.sh"
prefix="$T/prefix"
make -s -C "$TCOP_ROOT" install PREFIX="$prefix" > "$T/install.log" 2>&1
check "make install PREFIX=... succeeds" test $? -eq 0
check "the binary is in PREFIX/bin" test -x "$prefix/bin/tcop"
check "the man page is in PREFIX/share/man/man1" test -f "$prefix/share/man/man1/tcop.1"
check "the maps are in PREFIX/share/tcop/maps" test -f "$prefix/share/tcop/maps/ne_110m_land.shp"
check "the region presets are installed" test -f "$prefix/share/tcop/maps/regions.json"
check "the man page renders" sh -c "man -l '$prefix/share/man/man1/tcop.1' 2>/dev/null | tr -s ' ' | grep -q 'terminal common operating picture'"
cd "$T" || exit 1
check "the installed binary runs" sh -c "'$prefix/bin/tcop' --version | grep -q '^tcop '"
env -u TCOP_MAPS "$prefix/bin/tcop" snapshot --region japan --size 60x20 --map-only --ascii > "$T/snap.txt" 2> "$T/snap.err"
check "the installed binary finds its maps from another directory" \
	sh -c "test -s '$T/snap.txt' && test \$(wc -l < '$T/snap.txt') -eq 20"
make -s -C "$TCOP_ROOT" uninstall PREFIX="$prefix" > /dev/null 2>&1
check "make uninstall removes the binary, maps and man page" \
	sh -c "! test -e '$prefix/bin/tcop' && ! test -e '$prefix/share/tcop' && ! test -e '$prefix/share/man/man1/tcop.1'"
finish
