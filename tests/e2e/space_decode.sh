#!/bin/sh
# space_decode.sh: `tcop decode tle|omm|cdm` on the real files in
# tests/data/space: counts, ids, --wire topics, stdin, and rejections
# reported as FILE:LINE: reason without stopping the rest.
. "$(dirname "$0")/lib.sh"
D=$TCOP_DATA/space

"$TCOP" decode tle "$D/celestrak_active_20260319_part_a.tle" > "$T/tle.jsonl" 2> "$T/tle.err"
check "decode tle exits 0" test $? -eq 0
check "decode tle: 9777 element sets" test "$(wc -l < "$T/tle.jsonl")" -eq 9777
check "decode tle: ids are norad:N" grep -q '^{"id":"norad:25544","t":"2026-03-19T03:06:36.144000Z","src":"tle",' "$T/tle.jsonl"
check "decode tle: OMM keys and TLE lines" grep -q '"OBJECT_NAME":"ISS (ZARYA)","OBJECT_ID":"1998-067A".*"tle1":"1 25544U' "$T/tle.jsonl"

"$TCOP" decode tle --wire --src celestrak - < "$D/sgp4_expected_part_a.tle" > "$T/wire.txt" 2>/dev/null
check "decode tle --wire from stdin: topic and src" \
    sh -c "test \$(grep -c '^space/elements {\"id\":\"norad:[0-9]*\",\"t\":\"[^\"]*\",\"src\":\"celestrak\"' '$T/wire.txt') -eq 200"

"$TCOP" decode tle "$D/SGP4-VER.TLE" > "$T/ver.jsonl" 2> "$T/ver.err"
check "decode tle: bad checksums named by file and line" \
    grep -q 'SGP4-VER.TLE:103: line 1 checksum is 9, the line sums to 6 (ECHECKSUM)' "$T/ver.err"
check "decode tle: the rest still loads" test "$(wc -l < "$T/ver.jsonl")" -eq 30

"$TCOP" decode omm "$D/celestrak_omm_20250524_part_a.json" > "$T/omm.jsonl" 2>/dev/null
check "decode omm: 251 element sets" test "$(wc -l < "$T/omm.jsonl")" -eq 251
check "decode omm: epoch to the microsecond" \
    grep -q '"id":"norad:7530","t":"2025-05-24T20:17:04.048800Z".*"EPOCH":"2025-05-24T20:17:04.048800"' "$T/omm.jsonl"

# one object a line, with a broken one in the middle
head -3 "$T/omm.jsonl" > "$T/mixed.jsonl"
echo '{"NORAD_CAT_ID": 5, "EPOCH": "2025-13-40T00:00:00"}' >> "$T/mixed.jsonl"
sed -n 4,5p "$T/omm.jsonl" >> "$T/mixed.jsonl"
"$TCOP" decode omm "$T/mixed.jsonl" > "$T/mixed.out" 2> "$T/mixed.err"
check "decode omm of its own output, one a line" test "$(wc -l < "$T/mixed.out")" -eq 5
check "decode omm: bad object named by line" grep -q 'mixed.jsonl:4: EPOCH' "$T/mixed.err"

"$TCOP" decode cdm --wire "$D/cdm_ccsds_yam2_cosmos1602_406111525.kvn" > "$T/kvn.txt" 2>/dev/null
check "decode cdm (CCSDS KVN)" grep -q '^space/conjunction {"id":"cdm:406111525",.*"MIN_RNG":912,"PC":7.480082e-19' "$T/kvn.txt"
"$TCOP" decode cdm "$D/cdm_spacetrack_yam2_cosmos1602_406320986.json" > "$T/cdm.jsonl" 2>/dev/null
check "decode cdm (Space-Track JSON)" grep -q '"TCA":"2022-12-27T13:28:59.516Z","MIN_RNG":974,.*"SAT_1_ID":"48911","SAT_1_NAME":"YAM-2","SAT_2_ID":"15331"' "$T/cdm.jsonl"

"$TCOP" decode tle /nonexistent > /dev/null 2>&1
check "decode tle: missing file is a runtime failure" test $? -eq 1
"$TCOP" decode tle --bogus > /dev/null 2>&1
check "decode tle: unknown option is a usage error" test $? -eq 2
for k in tle omm cdm; do
	"$TCOP" decode $k --help > /dev/null
	check "decode $k --help" test $? -eq 0
done
finish
