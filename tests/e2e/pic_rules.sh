#!/bin/sh
# pic_rules.sh: the correlation core end to end. For every rule, a scenario
# capture (pic_scenarios.py: positives and near-misses) goes through
# `tcop replay` -> `tcop record` -> `tcop snapshot --replay --format
# geojson`, and the incidents are checked; the same capture snapshotted
# twice gives the same bytes; replays at --speed max and --speed 50 give
# the same incidents; `snapshot --feed` builds the same from a live feed.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

python3 "$here/pic_scenarios.py" "$T" || notok "scenarios written"
snap() { "$TCOP" snapshot --replay "$1" --format geojson --assets "$here/../../maps/assets.json" ${2:+--at "$2"} --out "$3"; }

# Incidents of a snapshot, one line each: rule state member,member
incs() {
	python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["features"]:
    p = f["properties"]
    if p["kind"] == "incident":
        print(p["rule"], p["state"], ",".join(sorted(p["members"])))
' "$1" | sort
}
has() { incs "$1" | grep -q "^$2"; }
hasnt() { ! incs "$1" | grep -q "^$2"; }

# replay -> record, at max speed, for every scenario
for s in dark pnt gap jump c2s conj rdv camp; do
	url="ipc://$T/$s.ipc"
	n=$(wc -l < "$T/$s.cap")
	bg "$TCOP" record --feed "$url" --out "$T/$s.rec" --count "$n" --idle 20 2>/dev/null
	rec=$BG_PID
	"$TCOP" replay --listen "$url" --wait-subscribers 1 --speed max --linger 1 "$T/$s.cap" 2>/dev/null
	wait "$rec"
	snap "$T/$s.rec" "" "$T/$s.json" || notok "snapshot of $s"
done

j=$T
check "dark-vessel: the dark contact inside the zone" has "$j/dark.json" "dark-vessel open det:sar1:2"
check "dark-vessel: none for the contact outside every zone" hasnt "$j/dark.json" "dark-vessel open det:sar1:3"
check "association: the detection just inside the gate joins its track" \
	grep -q '"id":"det:sar1:1","label":"sar1","state":"associated","ref":"mmsi:431999001"' "$j/dark.json"
check "pnt-disruption: 3 tracks jumping inside the jamming area" \
	has "$j/pnt.json" "pnt-disruption open area:jam-0007,mmsi:431999101,mmsi:431999102,mmsi:431999103"
check "pnt-disruption: none for ships near but outside an area" hasnt "$j/pnt.json" "pnt-disruption open area:jam-0008"
check "ais-jump: each impossible move" has "$j/pnt.json" "ais-jump open mmsi:431999111"
check "ais-gap: class A under way silent 40 min" has "$j/gap.json" "ais-gap open mmsi:431999201"
check "ais-gap: none for a slow ship on satellite AIS every 4 h" hasnt "$j/gap.json" "ais-gap open mmsi:431999202"
check "ais-gap: none for a ship at anchor" hasnt "$j/gap.json" "ais-gap open mmsi:431999203"
check "ais-jump: one impossible move" has "$j/jump.json" "ais-jump open mmsi:431999301"
check "ais-jump: none for a high-speed craft at 60 kn" hasnt "$j/jump.json" "ais-jump open mmsi:431999302"
check "identity-conflict: A, B, A" has "$j/jump.json" "identity-conflict open mmsi:431999303"
check "maneuver: a new element set far from the old one" has "$j/c2s.json" "maneuver open norad:39766"
check "cyber-to-space: ground-station alert then maneuver" \
	has "$j/c2s.json" "cyber-to-space open asset:katsuura-gs,norad:39766"
check "cyber-to-space: only one" test "$(incs "$j/c2s.json" | grep -c cyber-to-space)" = 1
check "conjunction: 450 m miss, members cdm and both norad" \
	has "$j/conj.json" "conjunction open cdm:1001,norad:25544,norad:49863"
check "conjunction: none at 5 km and Pc 1e-6" hasnt "$j/conj.json" "conjunction open cdm:1002"
check "rendezvous: two ships 200 m apart at 1 kn for 40 min" \
	has "$j/rdv.json" "rendezvous open mmsi:431999501,mmsi:431999502"
check "rendezvous: none inside a port" hasnt "$j/rdv.json" "rendezvous open mmsi:431999503"
check "campaign: one signature on 3 assets in 20 min" \
	has "$j/camp.json" "campaign closed asset:chikura-cls,asset:yokohama-port-ot,asset:yokosuka-base"
check "campaign: not for 3 assets over 3 hours" test "$(incs "$j/camp.json" | grep -c campaign)" = 1

# zones from a shapefile named in a rules file
"$TCOP" snapshot --replay "$T/shp.cap" --format geojson --rules "$TCOP_DATA/pic/taiwan-strait.json" --out "$T/shp.json"
check "a shapefile zone: the dark contact in the Taiwan Strait" has "$T/shp.json" "dark-vessel open det:rf1:1"
check "a shapefile zone: none for the contact east of Taiwan" hasnt "$T/shp.json" "dark-vessel open det:rf1:2"

# --at: the picture before the campaign's third asset has no campaign
snap "$T/camp.cap" 2026-11-18T10:00:00Z "$T/camp-early.json"
check "--at: before the third asset, no campaign" hasnt "$T/camp-early.json" campaign

# the same capture twice: the same bytes
snap "$T/pnt.cap" "" "$T/a.json"; snap "$T/pnt.cap" "" "$T/b.json"
check "the same capture twice gives byte-identical GeoJSON" cmp -s "$T/a.json" "$T/b.json"
check "the recorded capture gives the same picture as the original" \
	sh -c "cmp -s '$T/a.json' '$T/pnt.json'"

# --speed 50 against --speed max
url="ipc://$T/slow.ipc"
n=$(wc -l < "$T/jump.cap")
bg "$TCOP" record --feed "$url" --out "$T/jump50.rec" --count "$n" --idle 20 2>/dev/null
rec=$BG_PID
"$TCOP" replay --listen "$url" --wait-subscribers 1 --speed 50 --linger 1 "$T/jump.cap" 2>/dev/null
wait "$rec"
snap "$T/jump50.rec" "" "$T/jump50.json"
check "--speed 50 and --speed max give the same incidents" \
	sh -c "[ \"\$(python3 -c 'import json,sys; print([f[\"properties\"] for f in json.load(open(sys.argv[1]))[\"features\"] if f[\"properties\"][\"kind\"]==\"incident\"])' '$T/jump50.json')\" = \"\$(python3 -c 'import json,sys; print([f[\"properties\"] for f in json.load(open(sys.argv[1]))[\"features\"] if f[\"properties\"][\"kind\"]==\"incident\"])' '$T/jump.json')\" ]"

# a live feed: snapshot --feed for a duration sees what replay sends
url="ipc://$T/live.ipc"
bg "$TCOP" replay --listen "$url" --wait-subscribers 1 --speed max --linger 3 "$T/c2s.cap"
"$TCOP" snapshot --feed "$url" --duration 3s --format geojson --assets "$here/../../maps/assets.json" --out "$T/live.json" 2>/dev/null
check "snapshot --feed: the live picture has the cyber-to-space incident" \
	has "$T/live.json" "cyber-to-space open asset:katsuura-gs,norad:39766"

# usage errors
"$TCOP" snapshot --format geojson 2>/dev/null
check "geojson without --replay is a usage error" test $? -eq 2
"$TCOP" snapshot --replay "$T/x" --format geojson --rules /nonexistent 2>"$T/err"
check "a missing rules file is named" grep -q nonexistent "$T/err"

exit $_nfail
