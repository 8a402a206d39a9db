#!/bin/sh
# space_feed.sh: `tcop feed space` end to end: element sets and a CCSDS
# conjunction published over nng and recorded by `tcop record`; then a
# feed that watches its file republishes it when it changes and reports
# the jump between the old and the new element set as a maneuver.
. "$(dirname "$0")/lib.sh"
D=$TCOP_DATA/space
URL="ipc://$T/space.ipc"

grep --no-group-separator -A2 -E '^(ISS \(ZARYA\)|CSS \(TIANHE\)|NOAA 20 \(JPSS-1\))$' \
    "$D/celestrak_active_20260319_part_a.tle" > "$T/three.tle"

bg "$TCOP" record --feed "$URL" --out "$T/once.cap" --count 4 --idle 20 -q
REC=$BG_PID
"$TCOP" feed space --listen "$URL" --elements "$T/three.tle" \
    --cdm "$D/cdm_ccsds_yam2_cosmos1602_406111525.kvn" --src celestrak \
    --wait-subscribers 1 --once --linger 1 2> "$T/once.err"
check "feed space --once exits 0" test $? -eq 0
wait "$REC" 2>/dev/null
check "three element sets recorded" \
    test "$(grep -c ' space/elements {"id":"norad:' "$T/once.cap")" -eq 3
check "ISS published with its TLE" \
    grep -q 'space/elements {"id":"norad:25544","t":"2026-03-19T03:06:36.144000Z","src":"celestrak","seq":[0-9]*,"OBJECT_NAME":"ISS (ZARYA)".*"tle1"' "$T/once.cap"
check "conjunction recorded" \
    grep -q ' space/conjunction {"id":"cdm:406111525",.*"MIN_RNG":912' "$T/once.cap"

# a watched file that changes: the ISS half a day later, 30 deg further on
cp "$T/three.tle" "$T/watch.tle"
python3 - "$T/three.tle" "$T/moved.tle" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")
def fix(l):
    s = sum(int(c) if c.isdigit() else (c == "-") for c in l[:68]) % 10
    return l[:68] + str(s)
out = []
for i, l in enumerate(lines):
    if l.startswith("1 25544"):
        day = float(l[20:32]) + 0.5
        l = fix(l[:20] + ("%012.8f" % day) + l[32:])
    if l.startswith("2 25544"):
        ma = (float(l[43:51]) + 30.0) % 360.0
        l = fix(l[:43] + ("%8.4f" % ma) + l[51:])
    out.append(l)
open(sys.argv[2], "w").write("\n".join(out))
PY
bg "$TCOP" record --feed "$URL" --out "$T/watch.cap" --count 5 --idle 20 -q
REC=$BG_PID
bg "$TCOP" feed space --listen "$URL" --elements "$T/watch.tle" --poll 0.2 \
    --wait-subscribers 1 --linger 0
FEED=$BG_PID
wait_for 10 sh -c "test \$(grep -c space/elements '$T/watch.cap' 2>/dev/null) -ge 3"
sleep 0.3
cp "$T/moved.tle" "$T/watch.tle.new" && mv "$T/watch.tle.new" "$T/watch.tle"
wait "$REC" 2>/dev/null
kill "$FEED" 2>/dev/null
check "changed file republished" \
    test "$(grep -c ' space/elements {"id":"norad:25544"' "$T/watch.cap")" -eq 2
check "jump reported as a maneuver" \
    grep -q ' space/event {"id":"norad:25544",.*"what":"maneuver","norad":25544' "$T/watch.cap"

"$TCOP" feed space --listen "$URL" > /dev/null 2>&1
check "feed space without files is a usage error" test $? -eq 2
"$TCOP" feed space --help > /dev/null
check "feed space --help" test $? -eq 0
finish
