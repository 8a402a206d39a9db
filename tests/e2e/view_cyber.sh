#!/bin/sh
# view_cyber.sh: cyber on screen. The real Suricata EVE log of
# tests/data/cyber and its GNSS interference reports go through
# `tcop feed cyber --assets maps/assets.json` into `tcop view` (private tmux
# server, Tokyo Bay zoomed out once). On the map: the Katsuura ground
# station's glyph red (its worst open alert has severity 1), the cable
# landing station without alerts blue, the open jamming circle off the
# Uraga Channel drawn as an orange outline with a hatch and its centre
# labelled. In the alerts list (`A`, `/katsuura`): one row per signature
# at the ground station, with the count and severity computed here from
# the EVE file (alerts whose source or destination is in its 10.30.0.0/16).
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { ok "tmux not installed: skipped"; finish; }
SOCK="tcop-cyber-$$"
C=$TCOP_DATA/cyber
ASSETS=$TCOP_DATA/../../maps/assets.json
tm() { tmux -u -L "$SOCK" -f /dev/null "$@"; }
shot() { tm capture-pane -p -t v; }
has() { shot | grep -q -- "$1"; }
trap 'tm kill-server 2>/dev/null; _cleanup' EXIT INT TERM

# the reports still open at the end of the EVE log (the fourth clears the first)
head -3 "$C/interference.jsonl" > "$T/intf.jsonl"
url="ipc://$T/feed.ipc"
bg "$TCOP" feed cyber --listen "$url" --wait-subscribers 1 --linger 60 -q \
    --eve "$C/suricata_eve_sites.json" --interference "$T/intf.jsonl" \
    --assets "$ASSETS" 2> "$T/feed.err"
tm new-session -d -x 120 -y 40 -s v \
    "env TCOP='$TCOP' ASAN_OPTIONS='$ASAN_OPTIONS' LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen sh -c '\"\$TCOP\" view --feed $url --no-mouse --region tokyo-bay --assets $ASSETS 2>$T/view.err; echo \$? > $T/rc'; sleep 30"

check "the whole log arrives (picture time of the last alert)" \
    wait_for 20 has "2026-03-14T07:58:00Z"
# the alerts list first: the incidents list's selection would highlight
# its members (reverse video) on the map
tm send-keys -t v A
check "A lists the alerts" wait_for 5 has "ALERTS [0-9]"
tm send-keys -t v -
check "zoomed out once: Katsuura and the Uraga Channel in view" \
    wait_for 5 has "span 2.40 | tokyo-bay"
sleep 0.6
tm capture-pane -e -p -t v > "$T/map.ansi"
shot > "$T/map.txt"
python3 "$(dirname "$0")/sgr_cells.py" "$T/map.ansi" "▣Satellite ground" \
    "▣Submarine cable" "◎gnss-jamming" > "$T/colours"
check "the ground station is on the map, labelled" grep -q "▣Satellite ground" "$T/map.txt"
check "its glyph is red: worst open alert severity 1" \
    grep -q "^▣Satellite ground 31$" "$T/colours"
check "an asset without alerts is blue (the cable landing)" \
    grep -q "^▣Submarine cable 34$" "$T/colours"
check "the jamming area's centre is marked and labelled, in orange" \
    grep -q "^◎gnss-jamming 33$" "$T/colours"
check "the jamming area has an outline and a hatch around its centre" \
    python3 - "$T/map.txt" <<'PY'
import sys
rows = [r.split("|")[0] for r in open(sys.argv[1], encoding="utf-8").read().split("\n")]
c = [i for i, r in enumerate(rows) if "◎gnss-jamming" in r][0]
near = rows[c - 3:c + 4]
sys.exit(0 if sum(r.count("∘") for r in near) >= 8 and
         sum(r.count("╱") for r in near) >= 6 else 1)
PY

python3 - "$C/suricata_eve_sites.json" > "$T/want.txt" <<'PY'
import collections, ipaddress, json, sys
net = ipaddress.ip_network("10.30.0.0/16")
n, sev = collections.Counter(), {}
for line in open(sys.argv[1]):
    o = json.loads(line)
    if o["event_type"] != "alert":
        continue
    if any(ipaddress.ip_address(o[k]) in net for k in ("src_ip", "dest_ip") if k in o):
        s = o["alert"]["signature"]
        n[s] += 1
        sev[s] = min(sev.get(s, 9), o["alert"]["severity"])
for s in sorted(n):
    print("%s|%d|%d" % (s[:20], n[s], sev[s]))
PY
tm send-keys -t v / k a t s u u r a Enter
check "/katsuura filters them to the ground station" wait_for 5 has "ALERTS [0-9]*.*/katsuura"
shot > "$T/alerts.txt"
while IFS='|' read -r sig cnt sev; do
	check "alerts row: katsuura-gs, $sig, count $cnt, severity $sev" \
	    grep -qF "katsuura-gs    $sig $(printf '%-5s %s' "$cnt" "$sev")" "$T/alerts.txt"
done < "$T/want.txt"
check "no other asset's row is left" sh -c "! grep -q 'yokohama-port\|yokosuka-base' '$T/alerts.txt'"
tm send-keys -t v q
check "q quits (exit 0)" wait_for 10 sh -c "test \"\$(cat '$T/rc' 2>/dev/null)\" = 0"
check "the viewer wrote nothing on stderr" test ! -s "$T/view.err"
finish
