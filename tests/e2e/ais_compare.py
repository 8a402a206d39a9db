#!/usr/bin/env python3
"""ais_compare.py: compare `tcop decode ais` output with `gpsdecode -j`
output field by field, for the AIS types tcop decodes. A JSON boolean never
equals a number (gpsd writes type 19's "dte" as 0/1, not false/true).

usage: ais_compare.py GPSDECODE.json TCOP.json

Both files hold one JSON object a line, in input order. Objects of other
classes (TPV, SKY) and of types tcop does not decode are dropped from the
gpsdecode side first. Prints one line per difference and exits 1 if any.

Deliberate differences (each one is allowed here and only here):
  1. "turn": ITU-R M.1371 defines ROT = sign(ROT_AIS) * (ROT_AIS/4.733)^2;
     gpsd 3.22 prints the square and loses the sign, so where tcop prints a
     negative turn, gpsdecode prints its absolute value.
  2. type 27: gpsd 3.22 puts the status legend in "status" and rounds
     lon/lat to 0.1 degree; tcop prints "status" as a number with
     "status_text" (as for types 1-3) and lon/lat to 1e-6 degree. tcop's
     status_text must equal gpsd's status and its lon/lat must round to
     gpsd's values (within 0.05 degree).
  3. "device": the input's name (tcop prints the file name or "stdin").
  4. Sentences gpsdecode accepts but tcop rejects on purpose, as invalid
     NMEA 0183 / IEC 61162-1 (ais_invalid_part_a.nmea, see its README):
     a sentence without a checksum (CASE 2), a payload character outside
     the 6-bit armour (CASE 4), fragments of one message with different
     sequential message ids (CASE 9). Their (type, mmsi) are listed in
     REJECTED below, and the gpsdecode objects are skipped.
  5. Type 24 pairing: gpsd 3.22 remembers the last 8 part A names, tcop
     the last 64, so with more than 8 class B vessels interleaving their
     parts tcop pairs more (ais_random.py stays within 8; no sample here
     has more).
"""
import json
import sys

SUPPORTED = {1, 2, 3, 4, 5, 9, 18, 19, 21, 24, 27}
REJECTED = {
    "ais_invalid_part_a.nmea": [(3, 244820279), (1, 244823936), (5, 215441000)],
}


EXTRA = {}  # tcop objects gpsdecode does not print: (type, mmsi, radio)


def load(path):
    out = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                out.append(json.loads(line))
            except ValueError as e:
                sys.exit("%s:%d: not JSON: %s" % (path, n, e))
    return out


def close(a, b, tol):
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) <= tol


def field_diffs(g, t):
    """Differences between one gpsdecode object g and one tcop object t."""
    diffs = []
    keys_g = [k for k in g if k != "device"]
    keys_t = [k for k in t if k != "device"]
    if g.get("type") == 27:
        keys_t = [k for k in keys_t if k != "status_text"]
    if keys_g != keys_t:
        diffs.append("field names/order: gpsd %s tcop %s" % (keys_g, keys_t))
    for k in keys_g:
        if k not in t:
            continue
        gv, tv = g[k], t[k]
        if gv == tv and isinstance(gv, bool) == isinstance(tv, bool):
            continue  # equal, and not true against 1
        if k == "turn" and isinstance(tv, (int, float)) and tv < 0 and gv == -tv:
            continue  # difference 1
        if g.get("type") == 27:
            if k == "status" and t.get("status_text") == gv:
                continue  # difference 2
            if k in ("lon", "lat") and close(gv, tv, 0.05 + 1e-9):
                continue  # difference 2
        if isinstance(gv, float) and isinstance(tv, float) and gv == tv:
            continue
        diffs.append("%s: gpsd %r tcop %r" % (k, gv, tv))
    return diffs


def main():
    gpath, tpath = sys.argv[1], sys.argv[2]
    base = gpath.split("/")[-1].replace(".gpsdecode.json", "")
    bad = 0
    skip = list(REJECTED.get(base, []))
    gold = [o for o in load(gpath)
            if o.get("class") == "AIS" and o.get("type") in SUPPORTED]
    kept = []
    for o in gold:
        key = (o["type"], o["mmsi"])
        if key in skip:
            skip.remove(key)
            continue
        kept.append(o)
    ours = []
    extra = list(EXTRA.get(base, []))
    for o in load(tpath):
        key = (o.get("type"), o.get("mmsi"), o.get("radio"))
        if key in extra:
            extra.remove(key)
            continue
        ours.append(o)
    if extra:
        print("%s: expected tcop to print %s as well" % (base, extra))
        bad += 1
    if skip:
        print("%s: expected gpsdecode to accept %s" % (base, skip))
        bad += 1
    if len(kept) != len(ours):
        print("%s: gpsdecode %d objects, tcop %d" % (base, len(kept), len(ours)))
        bad += 1
    for i, (g, t) in enumerate(zip(kept, ours)):
        if (g["type"], g["mmsi"]) != (t.get("type"), t.get("mmsi")):
            print("%s: object %d: gpsd type %s mmsi %s, tcop type %s mmsi %s" %
                  (base, i + 1, g["type"], g["mmsi"], t.get("type"), t.get("mmsi")))
            bad += 1
            break
        for d in field_diffs(g, t):
            print("%s: object %d (type %d mmsi %d): %s" % (base, i + 1, g["type"], g["mmsi"], d))
            bad += 1
    print("%s: %d objects compared, %d differences" % (base, min(len(kept), len(ours)), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
