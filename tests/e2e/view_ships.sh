#!/bin/sh
# view_ships.sh: ships on screen. `tcop view --region tsushima` in a
# private tmux server, fed by `tcop feed jsonl` with six named vessels in
# the Tsushima Strait (made-up positions, written below), one of them,
# GENKAI STAR, steaming north 0.02 deg a report. At the region's zoom
# every ship is labelled with its name on the map; `T` lists the tracks,
# `/` filters the list down to one, and `f` follows it: the map's centre
# moves with the ship while its reports arrive.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { ok "tmux not installed: skipped"; finish; }
SOCK="tcop-ships-$$"
tm() { tmux -u -L "$SOCK" -f /dev/null "$@"; }
shot() { tm capture-pane -p -t v; }
has() { shot | grep -q -- "$1"; }
trap 'tm kill-server 2>/dev/null; _cleanup' EXIT INT TERM

python3 - > "$T/ships.txt" <<'PY'
import json
ships = [(431100001, "TSUSHIMA MARU", 33.70, 128.60),
         (431100002, "GENKAI STAR", 33.80, 129.90),
         (440200003, "BUSAN TRADER", 34.95, 129.00),
         (431100004, "HAKATA EXPRESS", 33.95, 130.50),
         (431100005, "IKI PIONEER", 34.45, 128.40),
         (440200006, "KORYO SPIRIT", 34.70, 130.20)]
seq = 0
for r in range(16):  # a round of reports every 2 min of event time
    for mmsi, name, lat, lon in ships:
        seq += 1
        moving = name == "GENKAI STAR"
        print("maritime/track " + json.dumps({
            "id": "mmsi:%d" % mmsi,
            "t": "2026-11-26T%02d:%02d:00Z" % (22 + 2 * r // 60, 2 * r % 60),
            "src": "aisrx-tsushima", "seq": seq, "cls": "U",
            "lat": round(lat + (0.02 * r if moving else 0), 4), "lon": lon,
            "type": 1, "mmsi": mmsi, "speed": 36.0 if moving else 0.0,
            "course": 0 if moving else 90, "shipname": name},
            separators=(",", ":")))
PY
url="ipc://$T/feed.ipc"
bg "$TCOP" feed jsonl --listen "$url" --wait-subscribers 1 --linger 60 \
    --rate 6 -q "$T/ships.txt" 2> "$T/feed.err"
tm new-session -d -x 120 -y 40 -s v \
    "env TCOP='$TCOP' ASAN_OPTIONS='$ASAN_OPTIONS' LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen sh -c '\"\$TCOP\" view --feed $url --no-mouse --region tsushima 2>$T/view.err; echo \$? > $T/rc'; sleep 30"

tm send-keys -t v T
check "T lists the six tracks" wait_for 20 has "TRACKS 6"
tm send-keys -t v / G E N K A I Enter
check "/ filters the tracks list to one (GENKAI)" \
    wait_for 5 has "TRACKS 1.*/GENKAI"
check "the filtered row is GENKAI STAR, moving north" \
    has "GENKAI STAR *431100002 *36.0 *000"
tm send-keys -t v f
check "f follows it" wait_for 5 has "[0-9]E | span [0-9.]* follow"
first=$(shot | grep -o '[0-9.]*N 129.90E | span [0-9.]* follow' | cut -d' ' -f1)
check "the map is centred on the ship ($first, 129.90E)" \
    test -n "$first"
check "the centre moves with the ship to its last report (34.10N 129.90E)" \
    wait_for 20 has "34.10N 129.90E | span [0-9.]* follow"
check "... from where it was when followed ($first)" test "$first" != "34.10N"

# Unfollow, back to the whole region: every ship labelled by name on the map
tm send-keys -t v f 6 / BSpace BSpace BSpace BSpace BSpace BSpace Enter
wait_for 5 has "TRACKS 6" && wait_for 5 has "| span 3.00 | tsushima"
shot > "$T/region.txt"
for n in "TSUSHIMA MARU" "GENKAI STAR" "BUSAN TRADER" "HAKATA EXPRESS" \
    "IKI PIONEER" "KORYO SPIRIT"; do
	check "at the region's zoom $n is labelled on the map" python3 - \
	    "$T/region.txt" "$n" <<'PY'
import sys
rows = open(sys.argv[1], encoding="utf-8").read().split("\n")
# the map: the rows between the banners, left of the side panel's bar
m = [r.split("|")[0] for r in rows[1:-4]]
sys.exit(0 if any(sys.argv[2] in r for r in m) else 1)
PY
done
check "each label follows its ship's glyph" \
    sh -c "grep -q '→TSUSHIMA MARU' '$T/region.txt' && grep -q '↑GENKAI STAR' '$T/region.txt'"
tm send-keys -t v q
check "q quits (exit 0)" wait_for 10 sh -c "test \"\$(cat '$T/rc' 2>/dev/null)\" = 0"
check "the viewer wrote nothing on stderr" test ! -s "$T/view.err"
finish
