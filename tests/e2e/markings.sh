#!/bin/sh
# markings.sh: markings through `tcop snapshot`. A capture (written below)
# of three vessels that jump inside a GNSS jamming circle in the Tsushima
# Strait, their reports marked U, CUI, C and S with different REL TO
# lists. The GeoJSON carries cls and rel on every item: a track the
# highest marking of its reports, the pnt-disruption incident the highest
# of its members with rel the intersection (as the banner computes it).
# The text and html maps carry the banner of what they show: the whole
# scene is SECRET//REL TO USA, JPN; a view of the U vessel alone is
# UNCLASSIFIED.
. "$(dirname "$0")/lib.sh"
python3 - > "$T/cap.txt" <<'PY'
import json
seq = 0
def put(topic, mm, mark, **f):
    global seq
    seq += 1
    t = "2026-11-26T23:%02d:00Z" % mm
    o = {"id": f.pop("id"), "t": t, "src": "rx", "seq": seq}
    o.update(mark)
    o.update(f)
    print(t.replace(":00Z", ":00.500Z"), topic, json.dumps(o, separators=(",", ":")))
def ship(mmsi, mm, lat, lon, mark):
    put("maritime/track", mm, mark, id="mmsi:%d" % mmsi, lat=lat, lon=lon,
        type=1, mmsi=mmsi, speed=10, course=0, shipname="SHIP %d" % (mmsi % 10))
put("cyber/interference", 0, {"cls": "U"}, id="area:jam-9", lat=34.0,
    lon=129.5, what="gnss-jamming", radius_m=50000)
ship(431000001, 1, 34.0, 129.5, {"cls": "C", "rel": ["USA", "JPN", "AUS"]})
ship(431000002, 1, 34.0, 129.6, {"cls": "U"})
ship(431000003, 1, 34.0, 129.4, {"cls": "CUI", "rel": ["GBR", "USA", "JPN"]})
ship(431000001, 2, 34.1, 129.5, {"cls": "S", "rel": ["JPN", "USA"]})
ship(431000002, 2, 34.1, 129.6, {"cls": "U"})
ship(431000003, 2, 34.1, 129.4, {"cls": "U", "rel": ["USA"]})
PY
"$TCOP" snapshot --replay "$T/cap.txt" --format geojson > "$T/pic.json"
check "snapshot --format geojson exits 0" [ $? -eq 0 ]
check "tracks carry the highest marking of their reports" python3 - "$T/pic.json" <<'PY'
import json, sys
f = {x["properties"]["id"]: x["properties"] for x in json.load(open(sys.argv[1]))["features"]
     if x["properties"]["kind"] == "track"}
want = {"mmsi:431000001": ("S", {"USA", "JPN"}), "mmsi:431000002": ("U", None),
        "mmsi:431000003": ("CUI", {"GBR", "USA", "JPN"})}
bad = [(i, f[i]["cls"], f[i]["rel"]) for i, (c, r) in want.items()
       if f[i]["cls"] != c or (None if f[i]["rel"] is None else set(f[i]["rel"])) != r]
print(bad) if bad else None
sys.exit(1 if bad else 0)
PY
check "the pnt-disruption incident is S, REL TO its members' intersection" python3 - "$T/pic.json" <<'PY'
import json, sys
inc = [x["properties"] for x in json.load(open(sys.argv[1]))["features"]
       if x["properties"]["kind"] == "incident" and x["properties"]["rule"] == "pnt-disruption"]
ok = len(inc) == 1 and len(inc[0]["members"]) == 4 and inc[0]["cls"] == "S" \
    and sorted(inc[0]["rel"]) == ["JPN", "USA"]
print(inc) if not ok else None
sys.exit(0 if ok else 1)
PY
check "every feature has cls and rel" python3 - "$T/pic.json" <<'PY'
import json, sys
fs = json.load(open(sys.argv[1]))["features"]
sys.exit(0 if fs and all("cls" in x["properties"] and "rel" in x["properties"] for x in fs) else 1)
PY

"$TCOP" snapshot --replay "$T/cap.txt" --region tsushima --size 100x40 > "$T/all.txt"
check "text: the banner of the whole scene, top and bottom" \
    sh -c "head -1 '$T/all.txt' | grep -q 'SECRET//REL TO USA, JPN' &&
           tail -1 '$T/all.txt' | grep -q 'SECRET//REL TO USA, JPN'"
"$TCOP" snapshot --replay "$T/cap.txt" --region tsushima --size 100x40 \
    --format html > "$T/all.html"
check "html: the same banner" grep -q 'SECRET//REL TO USA, JPN' "$T/all.html"
# the U vessel alone (and part of the U circle): 0.04 deg across
"$TCOP" snapshot --replay "$T/cap.txt" --center 34.1,129.6 --span 0.04 \
    --size 60x20 > "$T/one.txt"
check "text: the U vessel is in that view" grep -q '↑' "$T/one.txt"
check "text: a view of the U vessel alone is UNCLASSIFIED" \
    sh -c "head -1 '$T/one.txt' | grep -q UNCLASSIFIED && ! grep -q 'SECRET\|CONFIDENTIAL\|CUI' '$T/one.txt'"
finish
