#!/bin/sh
# space_passes_ship.sh: `tcop passes --mmsi` over a ship of a picture.
# A ship at rest at the Yokosuka site must give the passes Debian's
# python3-sgp4 predicts there (passes_yokosuka_20260319.csv, 10 s, 0.1 deg);
# a ship steaming north at 12 kn must give, for each pass, the pass that
# `tcop passes --lat --lon` finds at its dead-reckoned position at TCA
# (computed here: 12 kn due north is 0.2 deg of latitude an hour). The
# same ship from a feed instead of a capture; errors: unknown MMSI, no
# position, --mmsi with --lat, nothing seen on a feed within --wait.
. "$(dirname "$0")/lib.sh"
D=$TCOP_DATA/space
CAT=$D/celestrak_active_20260319_part_a.tle
CAP=$D/ships_passes.capture
IDS=25544,43013,48274,14129,19751

"$TCOP" passes "$CAT" --mmsi 431000001 --replay "$CAP" \
    --from 2026-03-19T00:00:00Z --hours 24 --min-el 10 --norad $IDS \
    > "$T/rest.csv" 2> "$T/rest.err"
check "passes --mmsi --replay exits 0" test $? -eq 0
check "first line names the ship, its position and the report's age" \
    grep -q '^# mmsi:431000001 "KAIYO MARU" at 35.283300,139.666700 at 2026-03-19T00:00:00.000Z (dead-reckoned from the report of 2026-03-18T23:50:00.000Z, age 600 s' "$T/rest.csv"

cmp_golden() {
	python3 - "$1" "$D/passes_yokosuka_20260319.csv" <<'PY'
import csv, sys
from datetime import datetime, timezone
t0 = datetime(2026, 3, 19, tzinfo=timezone.utc)
def sec(s):
    return (datetime.fromisoformat(s.replace("Z", "+00:00")) - t0).total_seconds()
lines = [l for l in open(sys.argv[1]) if not l.startswith("#")]
got = sorted((int(r["norad"]), sec(r["aos"]), sec(r["tca"]), float(r["max_el"]), sec(r["los"]))
             for r in csv.DictReader(lines))
want = sorted((int(r["norad"]), float(r["aos"]), float(r["tca"]), float(r["max_el"]), float(r["los"]))
              for r in csv.DictReader(open(sys.argv[2])))
assert len(got) == len(want), (len(got), len(want))
for g, w in zip(got, want):
    assert g[0] == w[0], (g, w)
    for i, tol in ((1, 10), (2, 10), (3, 0.1), (4, 10)):
        assert abs(g[i] - w[i]) <= tol, (g, w, i)
PY
}
check "ship at rest: the passes python-sgp4 predicts at its position" \
    cmp_golden "$T/rest.csv"

"$TCOP" passes "$CAT" --mmsi 431000002 --replay "$CAP" --hours 24 \
    --min-el 10 --norad $IDS > "$T/moving.csv" 2> "$T/moving.err"
check "moving ship: exits 0" test $? -eq 0
check "without --from the window starts at the capture's end" \
    grep -q '^# mmsi:431000002 "NORTH RUNNER" at 34.000056,139.666700 at 2026-03-19T00:00:01.000Z' "$T/moving.csv"

cmp_moving() {
	python3 - "$T/moving.csv" "$TCOP" "$CAT" <<'PY'
import csv, subprocess, sys
from datetime import datetime, timedelta, timezone
t0 = datetime(2026, 3, 19, tzinfo=timezone.utc)
def parse(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))
rows = list(csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#")))
assert len(rows) >= 10, len(rows)
moved = 0
for r in rows:
    tca = parse(r["tca"])
    lat = 34.0 + 12.0 * (tca - t0).total_seconds() / 3600 / 60
    start = (tca - timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = subprocess.run([sys.argv[2], "passes", sys.argv[3], "--lat", "%.6f" % lat,
                          "--lon", "139.6667", "--from", start, "--hours", "8",
                          "--min-el", "10", "--norad", r["norad"]],
                         capture_output=True, text=True, check=True).stdout
    ref = [q for q in csv.DictReader(out.splitlines())
           if abs((parse(q["tca"]) - tca).total_seconds()) < 120]
    assert len(ref) == 1, (r, out)
    q = ref[0]
    for k in ("aos", "tca", "los"):
        assert abs((parse(q[k]) - parse(r[k])).total_seconds()) <= 2, (k, r, q)
    assert abs(float(q["max_el"]) - float(r["max_el"])) <= 0.05, (r, q)
    if abs(lat - 34.0) > 1:
        moved += 1
assert moved > 0
PY
}
check "moving ship: each pass is the one over its dead-reckoned position at TCA" \
    cmp_moving

# the same ship from a feed
URL="ipc://$T/ships.ipc"
cut -d' ' -f2- "$CAP" > "$T/ships.jsonl"
bg "$TCOP" feed jsonl --listen "$URL" --wait-subscribers 1 --linger 5 -q \
    "$T/ships.jsonl"
"$TCOP" passes "$CAT" --mmsi 431000001 --feed "$URL" --wait 20 \
    --from 2026-03-19T00:00:00Z --hours 24 --min-el 10 --norad $IDS \
    > "$T/feed.csv" 2> "$T/feed.err"
check "passes --mmsi --feed exits 0 once the ship is seen" test $? -eq 0
check "from a feed: the same passes as from the capture" cmp "$T/rest.csv" "$T/feed.csv"

"$TCOP" passes "$CAT" --mmsi 431000009 --feed "ipc://$T/nobody.ipc" --wait 1 \
    --hours 1 > /dev/null 2> "$T/unseen.err"
check "a ship not seen on the feed within --wait is a runtime failure" test $? -eq 1
check "... and says so" grep -q 'mmsi:431000009: not seen on the feed within --wait' "$T/unseen.err"
"$TCOP" passes "$CAT" --mmsi 431000009 --replay "$CAP" --hours 1 \
    > /dev/null 2> "$T/unknown.err"
check "an unknown MMSI is a runtime failure" test $? -eq 1
check "... naming it" grep -q 'mmsi:431000009: not in the picture' "$T/unknown.err"
"$TCOP" passes "$CAT" --mmsi 431000003 --replay "$CAP" --hours 1 \
    > /dev/null 2> "$T/nopos.err"
check "a ship without a position is a runtime failure" test $? -eq 1
check "... saying so" grep -q 'mmsi:431000003: no position' "$T/nopos.err"
"$TCOP" passes "$CAT" --mmsi 431000001 --lat 35 --lon 139 --replay "$CAP" \
    --hours 1 > /dev/null 2>&1
check "--mmsi with --lat is a usage error" test $? -eq 2
"$TCOP" passes "$CAT" --mmsi 431000001 --hours 1 > /dev/null 2>&1
check "--mmsi without --replay or --feed is a usage error" test $? -eq 2
"$TCOP" passes "$CAT" --lat 35 --lon 139 --replay "$CAP" \
    --from 2026-03-19T00:00:00Z --hours 1 > /dev/null 2>&1
check "--replay without --mmsi is a usage error" test $? -eq 2
"$TCOP" passes "$CAT" --mmsi 431000001 --replay /nonexistent.cap --hours 1 \
    > /dev/null 2> "$T/nocap.err"
check "a missing capture is a runtime failure naming it" \
    grep -q 'tcop passes: /nonexistent.cap: cannot open' "$T/nocap.err"
finish
