#!/bin/sh
# demo.sh: `tcop demo` without a viewer. The same --seed gives the same
# capture byte for byte (another seed another one); the capture replays
# through `tcop replay` into `tcop record` with nothing rejected or lost;
# and every incident the manifest says was staged is found again in the
# capture by demo_check.py, computed from the messages themselves with the
# correlation core's default thresholds.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
cd "$TCOP_ROOT" || exit 1
PY=python3
/usr/bin/python3 -c 'import sgp4.omm' 2>/dev/null && PY=/usr/bin/python3

check "demo --help exits 0" "$TCOP" demo --help
"$TCOP" demo --speed 0 --no-view 2>/dev/null
check "demo --speed 0 is a usage error" test $? -eq 2
"$TCOP" demo --region nowhere --no-view 2>/dev/null
check "demo --region nowhere is a usage error" test $? -eq 2

run() {
	"$TCOP" demo --seed "$1" --no-view --duration 45m --speed max -q \
	    --record "$2" 2> "$2.err"
}
run 7 "$T/a.cap"; rc=$?
check "demo --seed 7 --duration 45m --speed max exits 0" test $rc -eq 0
run 7 "$T/b.cap"
check "the same seed gives a byte-identical capture" cmp -s "$T/a.cap" "$T/b.cap"
run 8 "$T/c.cap"
check "another seed gives another capture" sh -c "! cmp -s '$T/a.cap' '$T/c.cap'"
check "the capture covers 45 minutes of traffic" \
	test "$(wc -l < "$T/a.cap")" -gt 40000

"$TCOP" demo --seed 7 --duration 45m --print-manifest > "$T/manifest.txt"
check "demo --print-manifest exits 0" test $? -eq 0

# ---- the capture replays: nothing rejected ------------------------------
n=$(wc -l < "$T/a.cap")
url="ipc://$T/demo.ipc"
bg "$TCOP" record --feed "$url" --out "$T/replayed.cap" --count "$n" --idle 20 \
    2> "$T/rec.err"
rec=$BG_PID
# 25k msg/s: what a sanitizer recorder holds on a busy machine (PUB/SUB has
# no flow control; the optimised bus holds 50k, docs/performance.md)
timeout 120 "$TCOP" replay --listen "$url" --wait-subscribers 1 --speed max --max-rate 25000 --linger 2 \
    "$T/a.cap" 2> "$T/replay.err"
check "replay of the demo capture exits 0" test $? -eq 0
wait "$rec"
check "replay: no bad lines" grep -q ", 0 bad lines skipped" "$T/replay.err"
check "record: all $n received, nothing lost or rejected" \
	grep -q "recorded $n, lost 0, rejected 0," "$T/rec.err"

# ---- what the manifest says is in the capture ---------------------------
"$PY" "$here/demo_check.py" "$T/a.cap" "$T/manifest.txt" maps/assets.json \
    maps/ne_places_region.csv > "$T/check.out"
rc=$?
cat "$T/check.out"
check "demo_check.py finds every staged incident" test $rc -eq 0

# ---- through the correlation core: every rule fires ---------------------
at=2026-03-19T12:45:00Z
for c in a b; do
	"$TCOP" snapshot --replay "$T/$c.cap" --at $at --format geojson \
	    --assets maps/assets.json --out "$T/$c.geojson" 2> "$T/$c.snap.err"
done
check "the picture of the capture at $at exports" test -s "$T/a.geojson"
check "the same seed gives byte-identical GeoJSON at the same --at" \
	cmp -s "$T/a.geojson" "$T/b.geojson"
"$PY" - "$T/a.geojson" > "$T/rules.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join(sorted({f["properties"]["rule"] for f in d["features"]
                       if f["properties"]["kind"] == "incident"})))
PY
for r in dark-vessel pnt-disruption cyber-to-space conjunction rendezvous \
    campaign ais-gap identity-conflict maneuver ais-jump; do
	check "the correlation core opens a $r incident on the demo" \
		grep -qw -- "$r" "$T/rules.txt"
done
finish
