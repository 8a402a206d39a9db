#!/bin/sh
# snapshot_every.sh: `tcop snapshot --every` (a time-lapse in one pass
# through a capture) on a 30-minute demo capture: the frames' count and
# names (a directory, a %n/%t pattern), frames identical byte for byte to
# single `snapshot --at T` outputs at the same times in text, html and
# geojson, --from/--to, the summary on stderr, and the usage errors. Also
# the HTML slide of a single snapshot: banner, legend, incidents.
. "$(dirname "$0")/lib.sh"
export TCOP_MAPS="$TCOP_ROOT/maps"
A="$TCOP_MAPS/assets.json"
cap="$T/demo.cap"

"$TCOP" demo --no-view --speed max --duration 30m --seed 7 \
	--record "$cap" > "$T/demo.out" 2>&1
check "the demo capture is made" test -s "$cap"

# ---- a directory of text frames over the capture's span ----
"$TCOP" snapshot --replay "$cap" --assets "$A" --every 5m --size 100x30 \
	--out "$T/txt" 2> "$T/txt.err"
check "--every 5m exits 0" [ $? -eq 0 ]
check "six frames for 12:00..12:25 (the span is 29:59)" \
	[ "$(ls "$T/txt" | wc -l)" -eq 6 ]
check "frames are named by their time" \
	test -s "$T/txt/tcop-20260319T122500Z.txt"
check "the summary is on stderr" grep -q "6 frames written to $T/txt" "$T/txt.err"

same() { # FORMAT FRAME-FILE AT
	"$TCOP" snapshot --replay "$cap" --assets "$A" --size 100x30 \
	    --format "$1" --at "$3" > "$T/single" 2>/dev/null &&
	    cmp -s "$T/single" "$2"
}
for at in 12:00:00 12:10:00 12:25:00; do
	f=$(echo "$at" | tr -d :)
	check "text frame at $at is snapshot --at's" \
		same text "$T/txt/tcop-20260319T${f}Z.txt" "2026-03-19T${at}Z"
done

# ---- a pattern, html and geojson, --from/--to ----
"$TCOP" snapshot --replay "$cap" --assets "$A" --every 90s --size 100x30 \
	--from 2026-03-19T12:03:00Z --to 2026-03-19T12:12:00Z --format html \
	--out "$T/f%n-%t.html" 2> /dev/null
check "--from/--to: seven frames 12:03..12:12 by 90 s" \
	[ "$(ls "$T"/f*.html | wc -l)" -eq 7 ]
check "the pattern's %n and %t" test -s "$T/f0007-20260319T121200Z.html"
check "html frame 3 (12:06) is snapshot --at's" \
	same html "$T/f0003-20260319T120600Z.html" 2026-03-19T12:06:00Z
mkdir "$T/gj"
"$TCOP" snapshot --replay "$cap" --assets "$A" --every 7m --format geojson \
	--out "$T/gj/%n.geojson" 2> /dev/null
check "geojson: five frames 12:00..12:28" [ "$(ls "$T/gj" | wc -l)" -eq 5 ]
for n in 1 3 5; do
	at=$(python3 -c "print('2026-03-19T12:%02d:00Z' % (($n - 1) * 7))")
	check "geojson frame $n ($at) is snapshot --at's" \
		same geojson "$T/gj/000$n.geojson" "$at"
done

# ---- the HTML slide of one snapshot ----
"$TCOP" snapshot --replay "$cap" --assets "$A" --format html \
	--out "$T/slide.html" 2> /dev/null
check "slide: banner, legend and incidents" sh -c "
	grep -Eq 'SECRET|CONFIDENTIAL|CUI|UNCLASSIFIED' '$T/slide.html' &&
	grep -q 'Legend</h2>' '$T/slide.html' &&
	grep -q 'Incidents ([1-9][0-9]*)' '$T/slide.html' &&
	grep -q '<td>dark-vessel</td>' '$T/slide.html'"
check "slide: nothing fetched" sh -c "! grep -Eiq '<script|<link|src=|https?://' '$T/slide.html'"

# ---- usage ----
usage() { "$TCOP" snapshot "$@" > /dev/null 2>&1; [ $? -eq 2 ]; }
check "--every without --replay: usage" usage --every 60s
check "--every with --at: usage" usage --replay "$cap" --every 60s --at 2026-03-19T12:00:00Z
check "--from without --every: usage" usage --replay "$cap" --from 2026-03-19T12:00:00Z
check "--every 0: usage" usage --replay "$cap" --every 0s
check "--to before --from: usage" usage --replay "$cap" --every 1m \
	--from 2026-03-19T12:10:00Z --to 2026-03-19T12:00:00Z
"$TCOP" snapshot --replay "$cap" --every 60s --out "$T/nodir/%n.txt" 2> "$T/e.err"
check "an unwritable frame path: exit 1, named" sh -c "[ $? -eq 1 ] && grep -q 'nodir/0001.txt' '$T/e.err'"
finish
