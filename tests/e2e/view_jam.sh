#!/bin/sh
# view_jam.sh: GNSS jamming reported by an operator's mark. A relay hub
# (`tcop relay --ingest`) forwards ships and the viewers' annotations;
# two viewers in one tmux server subscribe to it. Alice selects a ship and
# marks `jam 40nm ...`: her mark goes out with a cyber/interference area
# at the ship; Bob shows the area on his map. Then three ships inside it
# jump (a second feed, 12 NM in a minute) and both viewers raise the
# pnt-disruption incident. A bad jam mark publishes nothing and says why;
# `clear` on the selected area closes it (and the incident) on both.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { ok "tmux not installed: skipped"; finish; }
SOCK="tcop-vjam-$$"
tm() { tmux -u -L "$SOCK" -f /dev/null "$@"; }
shot() { tm capture-pane -p -t "$1"; }
has() { shot "$1" | grep -q -- "$2"; }
hasnt() { ! shot "$1" | grep -q -- "$2"; }
trap 'tm kill-server 2>/dev/null; _cleanup' EXIT INT TERM

# ships south of the Kii peninsula; then the same three jump 0.2 deg north
python3 - "$T" <<'PY'
import json, sys
def line(t, mmsi, name, lat, lon):
    return "maritime/track " + json.dumps({"id": "mmsi:%d" % mmsi,
        "t": "2026-11-18T10:%02d:%02dZ" % (t // 60, t % 60), "src": "aisrx-kii",
        "type": 1, "mmsi": mmsi, "shipname": name, "lat": lat, "lon": lon,
        "speed": 10.0, "course": 90.0, "status": 0}, separators=(",", ":")) + "\n"
ships = [(431999501, "ALPHA STAR", 33.50, 136.50), (431999502, "BRAVO WAVE", 33.53, 136.47),
         (431999503, "CHARLIE SUN", 33.56, 136.44)]
with open(sys.argv[1] + "/ships.jsonl", "w") as f:
    for k, (m, n, la, lo) in enumerate(ships):
        f.write(line(k, m, n, la, lo))
with open(sys.argv[1] + "/jumps.jsonl", "w") as f:
    for k, (m, n, la, lo) in enumerate(ships):
        f.write(line(60 + 60 * k, m, n, la + 0.2, lo))
PY

viewer() { # NAME OPTIONS...: a 160x40 viewer in a window of its own
	n=$1; shift
	tm new-window -d -n "$n" \
		"env ASAN_OPTIONS='$ASAN_OPTIONS' LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen USER=$n '$TCOP' view --no-mouse --region japan $* 2>'$T/$n.err'; echo \$? > '$T/$n.rc'; sleep 60"
}
tm new-session -d -x 160 -y 40 -s vj -n idle "sleep 300"

ships="tcp://127.0.0.1:$(free_port)"
jumps="tcp://127.0.0.1:$(free_port)"
hub="tcp://127.0.0.1:$(free_port)"
ingest="tcp://127.0.0.1:$(free_port)"
bg "$TCOP" relay --feed "$ships" --feed "$jumps" --ingest "$ingest" \
	--listen "$hub" --wait-subscribers 2 2> "$T/relay.err"
relay=$BG_PID
bg "$TCOP" feed jsonl --listen "$ships" --wait-subscribers 1 --linger 120 \
	"$T/ships.jsonl" 2> "$T/ships.err"
viewer alice --feed "$hub" --annotate "$ingest"
viewer bob --feed "$hub"
tm send-keys -t vj:alice T
tm send-keys -t vj:bob T
check "both viewers list the three ships" \
	wait_for 30 sh -c "tmux -u -L '$SOCK' capture-pane -p -t vj:alice | grep -q 'CHARLIE SUN' &&
	    tmux -u -L '$SOCK' capture-pane -p -t vj:bob | grep -q 'CHARLIE SUN'"
check "alice's annotation feed is up" wait_for 10 has vj:alice "annotate up"

# ---- a bad jam mark: a clear message, nothing published ------------------
tm send-keys -t vj:alice m
tm send-keys -t vj:alice -l "jam 40 GPS L1"
tm send-keys -t vj:alice Enter
check "alice: a jam mark without a unit is refused, saying why" \
	wait_for 5 has vj:alice "NOT published: jam/spoof needs a radius"
tm send-keys -t vj:alice m
tm send-keys -t vj:alice -l "clear"
tm send-keys -t vj:alice Enter
check "alice: clear without an area selected is refused" \
	wait_for 5 has vj:alice "NOT published: clear: select an area"

check "no area on bob's map yet" hasnt vj:bob "∘"

# ---- alice marks jamming at the selected ship ------------------------------
tm send-keys -t vj:alice m
tm send-keys -t vj:alice -l "jam 40nm GPS L1 reported by MV ALPHA STAR"
tm send-keys -t vj:alice Enter
check "alice: the jamming area is published" \
	wait_for 5 has vj:alice 'published: gnss-jamming area 74.1 km'
check "bob draws the jamming area's outline on his map" wait_for 10 has vj:bob "∘"
tm send-keys -t vj:bob E
check "bob lists alice's area among the events" \
	wait_for 10 has vj:bob "area:mark-alice-"
tm send-keys -t vj:bob Enter
check "bob's detail of the area: what, radius, by, text, at the ship" \
	wait_for 10 sh -c "tmux -u -L '$SOCK' capture-pane -p -t vj:bob > '$T/bob_area.txt' &&
	    grep -q 'radius_m: 74080' '$T/bob_area.txt' &&
	    grep -q 'by: \"alice\"' '$T/bob_area.txt' &&
	    grep -q 'lat: 33.5' '$T/bob_area.txt' &&
	    grep -q 'text: \"jam 40nm GPS L1 reported by MV ALPHA S' '$T/bob_area.txt'"
tm send-keys -t vj:bob Enter

# ---- ships inside it jump: the pnt-disruption incident on both screens ----
bg "$TCOP" feed jsonl --listen "$jumps" --wait-subscribers 1 --linger 120 \
	"$T/jumps.jsonl" 2> "$T/jumps.err"
tm send-keys -t vj:alice I
tm send-keys -t vj:bob I
check "both viewers raise the pnt-disruption incident" \
	wait_for 30 sh -c "tmux -u -L '$SOCK' capture-pane -p -t vj:alice | grep -q 'pnt-disruption *open' &&
	    tmux -u -L '$SOCK' capture-pane -p -t vj:bob | grep -q 'pnt-disruption *open'"

# ---- alice clears the area from its incident: closed on both --------------
# (each ship's jump is an ais-jump incident too: pick the pnt-disruption one)
tm send-keys -t vj:alice -l "/pnt-disruption"
tm send-keys -t vj:alice Enter
check "alice selects the pnt-disruption incident" wait_for 10 has vj:alice "INCIDENTS 1\\*"
tm send-keys -t vj:alice m
tm send-keys -t vj:alice -l "clear reports stopped"
tm send-keys -t vj:alice Enter
check "alice: the clear is published" wait_for 5 has vj:alice "published: cleared area:m"
shot vj:alice > "$T/alice_clear.txt"
check "both viewers close the incident" \
	wait_for 20 sh -c "tmux -u -L '$SOCK' capture-pane -p -t vj:alice | grep -q 'pnt-disruption *closed' &&
	    tmux -u -L '$SOCK' capture-pane -p -t vj:bob | grep -q 'pnt-disruption *closed'"
tm capture-pane -p -t vj:bob > "$T/bob.txt"; tm capture-pane -p -t vj:alice > "$T/alice.txt"
for n in alice bob; do tm send-keys -t "vj:$n" q; done
quit0() { for n in alice bob; do [ "$(cat "$T/$n.rc" 2>/dev/null)" = 0 ] || return 1; done; }
check "both viewers quit cleanly" wait_for 10 quit0
kill -TERM "$relay"; wait "$relay"
check "the relay took alice's mark, area, mark and clear from the ingest" \
	grep -q "$ingest: .*received 4, lost 0, rejected 0" "$T/relay.err"
check "and dropped nothing" grep -q "dropped 0" "$T/relay.err"
finish
