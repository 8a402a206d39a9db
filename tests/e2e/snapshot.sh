#!/bin/sh
# snapshot.sh: `tcop snapshot` end to end.
# - goldens: every case of tests/data/snapshot/cases.txt rendered and
#   compared byte for byte with tests/data/snapshot/NAME.txt (see the README
#   there: they are tcop's own output, checked by eye when made; set
#   TCOP_REGEN=1 to rewrite them after a legitimate change);
# - land and sea where the shapefile says: known points rasterised with
#   --bbox and --layers land, checked by cells.py from the bbox rule alone;
# - the frame, the formats, and every usage error.
. "$(dirname "$0")/lib.sh"
D=$TCOP_DATA/snapshot
export TCOP_MAPS="$TCOP_ROOT/maps"

# ---- goldens ----
grep -v '^#' "$D/cases.txt" | while IFS='|' read -r name args; do
	name=$(echo "$name" | tr -d ' ')
	[ -n "$name" ] || continue
	# shellcheck disable=SC2086
	if ! $TCOP snapshot $args > "$T/$name.txt" 2> "$T/$name.err"; then
		notok "golden $name: tcop failed: $(cat "$T/$name.err")"
		continue
	fi
	if [ "${TCOP_REGEN:-0}" = 1 ]; then
		cp "$T/$name.txt" "$D/$name.txt"
		ok "golden $name (regenerated)"
	elif cmp -s "$T/$name.txt" "$D/$name.txt"; then
		ok "golden $name"
	else
		notok "golden $name differs: diff $D/$name.txt $T/$name.txt"
	fi
done

# exact size of --map-only: H lines of W cells
size_is() { # FILE W H
	python3 - "$@" <<'PY'
import sys
rows = open(sys.argv[1], encoding="utf-8").read().split("\n")
w, h = int(sys.argv[2]), int(sys.argv[3])
sys.exit(0 if rows[-1] == "" and len(rows) == h + 1 and
         all(len(r) == w for r in rows[:-1]) else 1)
PY
}
check "map-only wpac_200x60 is exactly 200x60 cells" size_is "$T/wpac_200x60.txt" 200 60
check "map-only pacific_160x40 is exactly 160x40 cells" size_is "$T/pacific_160x40.txt" 160 40

# ---- land and sea at known points (ne_places_region.csv positions) ----
BOX="118,10,148,42"
POINTS="Tokyo:35.68696:139.74946:land Shanghai:31.2184:121.43456:land
Manila:14.6061:120.98027:land Guam:13.49265:144.80585:land
Taipei:25.03:121.52:land Seoul:37.5663:126.9997:land
SeaOfJapan:40.0:135.0:sea SeaOfJapan2:38.5:133.0:sea
PhilippineSea:20.0:130.0:sea PhilippineSea2:25.0:135.0:sea
EastChinaSea:29.0:125.0:sea"
for mode in braille ascii; do
	flag=""; [ $mode = ascii ] && flag=--ascii
	if $TCOP snapshot --bbox $BOX --size 1200x640 --map-only --layers land \
	    $flag > "$T/points_$mode.txt" 2> "$T/points_$mode.err"; then
		# shellcheck disable=SC2086
		python3 "$(dirname "$0")/cells.py" "$T/points_$mode.txt" $mode \
		    118 10 148 42 1200 640 $POINTS | sed "s/^\(not \)*ok - /&$mode: /"
	else
		notok "points $mode: $(cat "$T/points_$mode.err")"
	fi
done
# across the antimeridian: Fiji west of 180, Samoa east of it
if $TCOP snapshot --bbox 170,-22,-168,-10 --size 440x240 --map-only \
    --layers land > "$T/dateline.txt" 2> "$T/dateline.err"; then
	python3 "$(dirname "$0")/cells.py" "$T/dateline.txt" braille \
	    170 -22 -168 -10 440 240 VitiLevu:-17.8:178.0:land \
	    Savaii:-13.6:-172.4:land SouthPacific:-20.0:-175.0:sea \
	    SouthPacific2:-12.0:175.0:sea | sed 's/ - / - dateline: /'
else
	notok "dateline: $(cat "$T/dateline.err")"
fi

# ---- the page frame and the formats ----
$TCOP snapshot --region japan --size 80x24 --ascii > "$T/page.txt" 2>&1
check "page: banner on the first line" sh -c "head -1 '$T/page.txt' | grep -q UNCLASSIFIED"
check "page: banner on the last line" sh -c "tail -1 '$T/page.txt' | grep -q UNCLASSIFIED"
check "page: status names region and projection" sh -c "sed -n 23p '$T/page.txt' | grep -q 'japan.*equirect'"
check "page: 24 lines" sh -c "[ \$(wc -l < '$T/page.txt') -eq 24 ]"
$TCOP snapshot --region tsushima --size 80x24 --format html --out "$T/page.html"
check "html: a self-contained page with colour roles" sh -c \
    "grep -q '<!DOCTYPE html>' '$T/page.html' && grep -q '.COAST { color' '$T/page.html' && grep -q 'class=\"BANNER_U\"' '$T/page.html' && ! grep -q '<link\|<script' '$T/page.html'"
$TCOP snapshot --region tsushima --size 80x24 --format ansi > "$T/page.ansi"
check "ansi: SGR colours" grep -q "$(printf '\033')\[0;96m" "$T/page.ansi"
check "help exits 0" sh -c "$TCOP snapshot --help | grep -q -- --bbox"

# ---- usage errors: exit 2, a reason on stderr ----
usage_err() { # WHAT-TO-FIND-IN-STDERR ARGS...
	want=$1; shift
	$TCOP snapshot "$@" > /dev/null 2> "$T/err.txt"
	[ $? -eq 2 ] && grep -q -- "$want" "$T/err.txt"
}
check "unknown region exits 2 and lists the known ones" usage_err "tsushima" --region nowhere
check "bad bbox exits 2" usage_err "bbox" --bbox 1,2,3
check "south above north exits 2" usage_err "bbox" --bbox 120,40,130,30
check "bad size exits 2" usage_err "size" --size 0x10
check "bad layer exits 2 and names it" usage_err "bogus" --layers coast,bogus
check "center without span exits 2" usage_err "span" --center 30,130
check "region and bbox together exit 2" usage_err "exclude" --region wpac --bbox 1,2,3,4
check "--feed goes with --format geojson" usage_err "geojson" --feed tcp://127.0.0.1:1
check "--format geojson needs --replay" usage_err "needs --replay" --format geojson
check "bad projection exits 2" usage_err "projection" --projection lambert
nomaps() { (cd "$T" && TCOP_MAPS=/nonexistent $TCOP snapshot > /dev/null 2> "$T/nomaps.err"); [ $? -eq 1 ] && grep -q "maps" "$T/nomaps.err"; }
check "no maps directory exits 1 and says so" nomaps
finish
