#!/bin/sh
# view_passes.sh: the viewer's passes list (P) over the selection. A
# capture holds three satellites' element sets, a ship at rest and a zone
# of interest; the viewer replays it in tmux. With the ship selected, P
# lists each satellite's next pass over it, in AOS order, and the AOS, TCA
# and LOS (to the second) and maximum elevation are the ones `tcop passes
# --mmsi` gives for the same picture (that path is held to python3-sgp4
# in space_passes*.sh). With the zone selected, the passes are over its
# centroid: the same as `tcop passes --lat --lon` there.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { ok "tmux not installed: skipped"; finish; }
D=$TCOP_DATA/space
SOCK="tcop-vpass-$$"
tm() { tmux -u -L "$SOCK" -f /dev/null "$@"; }
shot() { tm capture-pane -p -t "$1"; }
has() { shot "$1" | grep -q -- "$2"; }
trap 'tm kill-server 2>/dev/null; _cleanup' EXIT INT TERM

grep --no-group-separator -A2 -E '^(ISS \(ZARYA\)|NOAA 20 \(JPSS-1\)|CSS \(TIANHE\))$' \
    "$D/celestrak_active_20260319_part_a.tle" > "$T/three.tle"
CAP="$T/passes.cap"
"$TCOP" decode tle --wire "$T/three.tle" 2>/dev/null |
    sed 's/^/2026-03-19T07:00:00.000Z /' > "$CAP"
cat >> "$CAP" <<'CAP'
2026-03-19T07:30:00.000Z picture/zone {"id":"zone:sagami","t":"2026-03-19T07:30:00Z","src":"ops","name":"SAGAMI BOX","area":[[139.0,34.5],[140.0,34.5],[140.0,35.5],[139.0,35.5]]}
2026-03-19T08:00:00.000Z maritime/track {"id":"mmsi:431000001","t":"2026-03-19T08:00:00Z","src":"aisrx-test","type":1,"mmsi":431000001,"lat":35.2833,"lon":139.6667,"speed":0.0,"course":0.0,"shipname":"KAIYO MARU"}
CAP
check "the capture holds 3 element sets, a zone and a ship" test "$(wc -l < "$CAP")" -eq 5

"$TCOP" passes "$T/three.tle" --mmsi 431000001 --replay "$CAP" --hours 24 \
    --min-el 10 > "$T/ship.csv" 2> "$T/ship.err"
check "tcop passes --mmsi over the same picture" test $? -eq 0
"$TCOP" passes "$T/three.tle" --lat 35 --lon 139.5 --from 2026-03-19T08:00:00Z \
    --hours 24 --min-el 10 > "$T/zone.csv" 2> "$T/zone.err"
check "tcop passes over the zone's centroid" test $? -eq 0

tm new-session -d -x 160 -y 40 -s vp -n v \
	"env ASAN_OPTIONS='$ASAN_OPTIONS' LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen '$TCOP' view --no-mouse --region japan --replay '$CAP' --speed max 2>'$T/view.err'; echo \$? > '$T/view.rc'; sleep 60"
check "the replay reaches the ship" wait_for 30 has vp:v "2026-03-19T08:00:00Z"

# the ship
tm send-keys -t vp:v T
check "the tracks list shows the ship" wait_for 10 has vp:v "KAIYO MARU"
tm send-keys -t vp:v P
check "P: the passes list over the selected ship" \
	wait_for 10 has vp:v "PASSES over KAIYO MARU 3"
shot vp:v > "$T/ship.txt"

# compare: each satellite's first pass from the CLI, against the list's row
cmp_list() { # SCREEN CSV
	python3 - "$1" "$2" <<'PY'
import csv, re, sys
screen = open(sys.argv[1]).read().split("\n")
rows = list(csv.DictReader(l for l in open(sys.argv[2]) if not l.startswith("#")))
first = {}
for r in rows:
    first.setdefault(r["norad"], r)
assert len(first) == 3, first
order = []
for norad, r in first.items():
    hms = [r[k][11:19] for k in ("aos", "tca", "los")]
    aos = "up" if r["aos"] == "2026-03-19T08:00:00.000Z" else hms[0]  # under way
    name = r["name"][:12]
    line = [l for l in screen if name in l and " %s " % aos in l]
    assert len(line) == 1, (name, aos, screen)
    l = line[0]
    for h in hms[1:]:
        assert h in l, (norad, h, l)
    assert (" %.1f" % float(r["max_el"])) in l, (r["max_el"], l)
    order.append((screen.index(l), r["aos"]))
order.sort()
assert [a for _, a in order] == sorted(a for _, a in order), order
PY
}
check "ship: AOS, TCA, LOS and max elevation as tcop passes --mmsi, in AOS order" \
	cmp_list "$T/ship.txt" "$T/ship.csv"

# the zone, chosen from the events list
tm send-keys -t vp:v E
check "the events list shows the zone" wait_for 10 has vp:v "zone:sagami"
tm send-keys -t vp:v -l "/zone:"
tm send-keys -t vp:v Enter
check "filtered to the zone" wait_for 10 has vp:v "EVENTS 1\\*"
tm send-keys -t vp:v P
check "P: the passes list over the selected zone" \
	wait_for 10 has vp:v "PASSES over SAGAMI BOX 3"
shot vp:v > "$T/zone.txt"
check "zone: the passes over its centroid, as tcop passes --lat --lon" \
	cmp_list "$T/zone.txt" "$T/zone.csv"

tm send-keys -t vp:v q
check "the viewer quits cleanly" wait_for 10 sh -c "[ \"\$(cat '$T/view.rc' 2>/dev/null)\" = 0 ]"
finish
