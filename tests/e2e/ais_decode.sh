#!/bin/sh
# ais_decode.sh: `tcop decode ais` against gpsd's gpsdecode -j (gpsd 3.22)
# on every NMEA file of tests/data/maritime, field by field, with the
# deliberate differences listed in ais_compare.py; the invalid cases of
# ais_invalid_part_a.nmea rejected with the right reason while the control
# sentences between them decode; gpsdecode run live (when installed) to
# show the expected files are current, and on random messages of every
# type (ais_random.py); --wire output; usage errors.
. "$(dirname "$0")/lib.sh"
D=$TCOP_DATA/maritime
CMP="python3 $(dirname "$0")/ais_compare.py"

for f in ais_invalid_part_a.nmea gpsd_ais-18-27.log gpsd_ais-nmea_part_a.log \
    gpsd_sample_part_a.aivdm libais_typeexamples.nmea \
    pyais_nmea_data_sample_part_a.nmea; do
	if "$TCOP" decode ais --quiet < "$D/$f" > "$T/$f.json" 2> "$T/$f.err" &&
	    $CMP "$D/$f.gpsdecode.json" "$T/$f.json" > "$T/$f.cmp"; then
		ok "decode ais $f matches gpsdecode ($(tail -1 "$T/$f.cmp" | cut -d: -f2))"
	else
		cat "$T/$f.cmp" "$T/$f.err" | head -20
		notok "decode ais $f matches gpsdecode"
	fi
done

# The invalid cases: line of each sentence -> the reason tcop must give.
"$TCOP" decode ais "$D/ais_invalid_part_a.nmea" > "$T/inv.json" 2> "$T/inv.err"
awk '
/^# CASE/ { c = $3; sub(":", "", c); next }
/^#/ { c = ""; next }
c != "" { print NR, c }
' "$D/ais_invalid_part_a.nmea" > "$T/inv.lines"
want() {
	case $1 in
	1|2) echo "checksum mismatch" ;;
	3|12) echo "truncated" ;;
	4) echo "bad character" ;;
	5) echo "bad fill bits" ;;
	6) echo "empty message" ;;
	7|9) echo "orphan fragment" ;;
	8|10) echo "fragment out of order" ;;
	11|13|14) echo "bad format" ;;
	esac
}
bad=0
while read -r line c; do
	w=$(want "$c")
	if ! grep -q "ais_invalid_part_a.nmea:$line: $w\$" "$T/inv.err"; then
		echo "CASE $c line $line: want '$w', got: $(grep "nmea:$line:" "$T/inv.err")"
		bad=1
	fi
done < "$T/inv.lines"
check "every invalid case is rejected with its reason ($(wc -l < "$T/inv.lines") sentences)" [ "$bad" -eq 0 ]
check "the 7 control sentences decode" [ "$(wc -l < "$T/inv.json")" -eq 7 ]
check "rejections are counted per reason" \
    grep -q "rejected EFRAG_ORDER *4 " "$T/inv.err"

# The expected files are what gpsdecode prints today.
if command -v gpsdecode >/dev/null 2>&1; then
	bad=0
	for f in "$D"/*.gpsdecode.json; do
		in=${f%.gpsdecode.json}
		gpsdecode -j < "$in" > "$T/live.json" 2>/dev/null
		cmp -s "$T/live.json" "$f" || { echo "differs: $f"; bad=1; }
	done
	check "gpsdecode $(gpsdecode -V 2>&1 | awk '{print $3}') live gives the expected files" [ "$bad" -eq 0 ]
	# random well-formed messages of every type, both decoders, 4 seeds
	bad=0 total=0
	for seed in 1 2 3 4; do
		python3 "$(dirname "$0")/ais_random.py" "$seed" 5000 > "$T/rnd$seed.nmea"
		gpsdecode -j < "$T/rnd$seed.nmea" > "$T/rnd$seed.gpsd" 2>/dev/null
		"$TCOP" decode ais --quiet < "$T/rnd$seed.nmea" > "$T/rnd$seed.json" 2>/dev/null
		$CMP "$T/rnd$seed.gpsd" "$T/rnd$seed.json" > "$T/rnd$seed.cmp" ||
		    { head -5 "$T/rnd$seed.cmp"; bad=1; }
		total=$((total + $(tail -1 "$T/rnd$seed.cmp" | awk '{print $2}')))
	done
	check "random messages of every type match gpsdecode live ($total objects)" [ "$bad" -eq 0 ]
else
	ok "gpsdecode not installed: live checks skipped"
fi

# --wire: tcop/1 maritime/track, static data merged, time from the USCG field.
"$TCOP" decode ais --wire --src rx1 --via satellite "$D/libais_typeexamples.nmea" \
    > "$T/wire.txt" 2> "$T/wire.err"
check "--wire prints maritime/track messages" \
    sh -c "[ -s '$T/wire.txt' ] && ! grep -qv '^maritime/track {' '$T/wire.txt'"
check "--wire numbers seq from 1 per src" \
    grep -q '"src":"rx1","seq":1,' "$T/wire.txt"
check "--wire takes t from the receiver time (USCG field)" \
    grep -q '"id":"mmsi:[0-9]*","t":"2012-01-01T' "$T/wire.txt"
check "--wire marks satellite AIS" grep -q '"via":"satellite"}' "$T/wire.txt"
printf '%s\n' '\s:rx9,c:1795734000*05\!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26' \
    > "$T/tag.nmea"
"$TCOP" decode ais --wire "$T/tag.nmea" > "$T/tag.txt" 2>&1
check "--wire takes t from an NMEA 4.0 tag block" \
    grep -q '"t":"2026-11-26T23:00:00.000Z"' "$T/tag.txt"

check "--help exits 0" "$TCOP" decode ais --help > /dev/null
"$TCOP" decode ais --bogus > /dev/null 2>&1; rc=$?
check "a bad option exits 2" [ "$rc" -eq 2 ]
"$TCOP" decode ais "$T/nonexistent" > /dev/null 2>&1; rc=$?
check "a missing file exits 1" [ "$rc" -eq 1 ]
finish
