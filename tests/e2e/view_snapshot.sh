#!/bin/sh
# view_snapshot.sh: `tcop snapshot --replay` draws the picture with the
# viewer's layers. With --bbox the box fills the W x H cells linearly, so
# the cell of each entity is computed here independently of tcop (python)
# and the glyph there must be the entity's: ships pointing their course,
# the dark contact, the alert, the jamming area's centre; the banner
# carries the highest marking drawn.
. "$(dirname "$0")/lib.sh"
EV="$TCOP_DATA/view/events.txt"
awk '{print "2026-11-26T23:00:30.000Z " $0}' "$EV" > "$T/cap.txt"
W=128.98 S=33.53 E=130.48 N=34.83 CW=60 CH=26
"$TCOP" snapshot --replay "$T/cap.txt" --bbox $W,$S,$E,$N --size ${CW}x$CH \
	--map-only --ascii > "$T/map.txt" 2> "$T/err.txt"
check "snapshot --replay --map-only exits 0" test $? -eq 0
check "the map is exactly ${CW}x$CH" \
	sh -c "[ \$(wc -l < '$T/map.txt') -eq $CH ] && ! awk 'length != $CW' '$T/map.txt' | grep -q ."
at() { # LAT LON -> the glyph in that cell
	python3 - "$T/map.txt" "$1" "$2" <<PY
import sys, math
rows = open(sys.argv[1]).read().split("\n")
lat, lon = float(sys.argv[2]), float(sys.argv[3])
x = math.floor((lon - $W) / ($E - $W) * $CW)
y = math.floor(($N - lat) / ($N - $S) * $CH)
print(rows[y][x])
PY
}
check "KAIYO MARU (course 45) is a / at its cell" test "$(at 34.2 129.6)" = "/"
check "HANJIN PUSAN (course 200) is a v at its cell" test "$(at 34.6 129.1)" = "v"
check "the SAR detection no track explains is a dark contact x" test "$(at 34.45 129.75)" = "x"
check "the alert with a position is a !" test "$(at 34.3 129.3)" = "!"
check "the jamming area's centre is a J" test "$(at 34.0 129.9)" = "J"
check "the jamming area has its outline" grep -q "oooo" "$T/map.txt"
"$TCOP" snapshot --replay "$T/cap.txt" --region tsushima --size 100x30 --ascii \
	> "$T/page.txt" 2>> "$T/err.txt"
check "the page's banner is the highest marking drawn, REL TO in order" \
	sh -c "head -1 '$T/page.txt' | grep -q 'CONFIDENTIAL//REL TO USA, JPN' && tail -1 '$T/page.txt' | grep -q 'CONFIDENTIAL//REL TO USA, JPN'"
check "ship names are labelled" grep -q "KAIYO MARU" "$T/page.txt"
"$TCOP" snapshot --replay "$T/cap.txt" --region tsushima --at 2026-11-26T23:00:06Z \
	--size 100x30 --ascii > "$T/early.txt" 2>> "$T/err.txt"
check "--at before the alert: no alert drawn, banner UNCLASSIFIED" \
	sh -c "! grep -q '!' '$T/early.txt' && head -1 '$T/early.txt' | grep -q UNCLASSIFIED"
"$TCOP" snapshot --replay "$T/cap.txt" --region tsushima --size 100x30 \
	--format html --out "$T/page.html" 2>> "$T/err.txt"
check "the html page holds the banner and the ships" \
	sh -c "grep -q 'CONFIDENTIAL//REL TO USA, JPN' '$T/page.html' && grep -q 'KAIYO MARU' '$T/page.html'"
check "nothing on stderr" test ! -s "$T/err.txt"
finish
