#!/usr/bin/env python3
"""ais_picture.py: checks `tcop snapshot --format geojson` of an AIS capture
against gpsdecode's golden decode of the same NMEA log (never against tcop).

  ais_picture.py times GOLDEN SNAPSHOT
      print the snapshot's picture time T and the times at which the
      states should have moved on: T+7min, T+25min, T+35min, T+2h (RFC 3339)
  ais_picture.py check WHAT GOLDEN SNAPSHOT
      WHAT: tracks (count, names, positions) | t7 | t25 | t35 | t2h
      (the states of src/pic/track.h's default timeouts: class A stale after
      6 min and lost after 20; class B 10 and 30; dropped 1 h after lost)

Expected values come from GOLDEN (gpsdecode -j output): the tracks are the
distinct MMSIs with a valid position, their position the last one reported,
their name the last shipname of a type 5/19/24 message. A vessel's class is
that of its last message (A: types 1-3, 5; B: 18, 19, 24). Prints one line
per problem; exits 1 if any.
"""
import datetime
import json
import sys

CLASS_B = {18, 19, 24}


def golden(path):
    pos, names, last_type, mmsis = {}, {}, {}, set()
    for line in open(path):
        if not line.strip():
            continue
        o = json.loads(line)
        if o.get("class") != "AIS" or o["type"] not in (1, 2, 3, 5, 18, 19, 24):
            continue
        m = o["mmsi"]
        mmsis.add(m)
        last_type[m] = o["type"]
        if "lat" in o and o["lat"] != 91 and o["lon"] != 181:
            pos[m] = (o["lat"], o["lon"])
        if o.get("shipname"):
            names[m] = o["shipname"]
    return pos, names, last_type, mmsis


def snapshot(path):
    d = json.load(open(path))
    tracks = {}
    for f in d["features"]:
        p = f["properties"]
        if p["kind"] != "track":
            continue
        tracks[int(p["id"].split(":")[1])] = (f["geometry"], p)
    return d["tcop"]["t"], tracks


def ptime(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ")


def main():
    bad = []
    if sys.argv[1] == "times":
        t = ptime(snapshot(sys.argv[3])[0])
        for m in (7, 25, 35, 120):
            print((t + datetime.timedelta(minutes=m)).strftime(
                "%Y-%m-%dT%H:%M:%SZ"), end=" ")
        print()
        return 0
    what, gpath, spath = sys.argv[2:5]
    pos, names, last_type, mmsis = golden(gpath)
    _, tracks = snapshot(spath)
    if what == "tracks":
        placed = {m for m, (g, _) in tracks.items() if g is not None}
        if placed != set(pos):
            bad.append("tracks with a position: %d, want %d (extra %s, "
                       "missing %s)" % (len(placed), len(pos),
                       sorted(placed - set(pos)), sorted(set(pos) - placed)))
        if set(tracks) != mmsis:
            bad.append("tracks: %s, want %s" % (sorted(tracks), sorted(mmsis)))
        for m, n in names.items():
            got = tracks.get(m, (None, {}))[1].get("label")
            if got != n:
                bad.append("mmsi %d: name %r, want %r" % (m, got, n))
        for m, (lat, lon) in pos.items():
            g = tracks.get(m, (None, None))[0]
            if g is None:
                continue
            glon, glat = g["coordinates"]
            if abs(glat - lat) > 2e-5 or abs(glon - lon) > 2e-5:
                bad.append("mmsi %d at %.6f,%.6f, want %.6f,%.6f" %
                           (m, glat, glon, lat, lon))
    else:
        def want(m):
            b = last_type[m] in CLASS_B
            return {"t7": "active" if b else "stale",
                    "t25": "stale" if b else "lost",
                    "t35": "lost", "t2h": None}[what]
        for m in mmsis:
            w = want(m)
            got = tracks[m][1]["state"] if m in tracks else None
            if got != w:
                bad.append("mmsi %d (type %d) at %s: %s, want %s" %
                           (m, last_type[m], what, got, w))
        if what == "t2h" and tracks:
            bad.append("%d tracks left 1 h after lost" % len(tracks))
    for b in bad:
        print(b)
    return 1 if bad else 0


sys.exit(main())
