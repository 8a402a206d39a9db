#!/usr/bin/env python3
"""pic_scenarios.py: writes the correlation core's scenario captures.

One capture per rule, each with positives and near-misses that must not
fire, in the capture format (RX_TIME SP TOPIC SP JSON). Synthetic, made for
tcop's tests: positions near Japan, MMSIs in the 431999xxx range. Usage:
pic_scenarios.py OUTDIR. The expected incidents are in EXPECT below; the
e2e script checks the snapshot against them.
"""
import json, math, os, sys

T0 = 1795000000  # 2026-11-18T09:46:40Z, an arbitrary base time (s)
seq = {}

def ts(t):
    import datetime
    d = datetime.datetime.fromtimestamp(t, datetime.timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (int(round(t * 1000)) % 1000)

def ev(topic, t, **f):
    src = f.pop("src", "scen")
    seq[src] = seq.get(src, 0) + 1
    o = {"id": f.pop("id"), "t": ts(t), "src": src, "seq": seq[src], "cls": "U"}
    o.update(f)
    return (t, topic, o)

def track(t, mmsi, lat, lon, speed=12.0, course=90.0, typ=1, **kw):
    return ev("maritime/track", t, id="mmsi:%d" % mmsi, type=typ, mmsi=mmsi,
              lat=round(lat, 6), lon=round(lon, 6), speed=speed, course=course,
              status=kw.pop("status", 0), **kw)

def move(lat, lon, course, dist_m):
    r = 6371008.8
    dlat = dist_m * math.cos(math.radians(course)) / r
    dlon = dist_m * math.sin(math.radians(course)) / (r * math.cos(math.radians(lat)))
    return lat + math.degrees(dlat), lon + math.degrees(dlon)

def zone(t, name, ring, rules=None):
    f = {"id": "zone:" + name, "name": name, "area": ring}
    if rules:
        f["rules"] = rules
    return ev("picture/zone", t, **f)

def box(lat, lon, d):
    return [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d]]

def write(path, events):
    events.sort(key=lambda e: e[0])
    with open(path, "w") as f:
        for t, topic, o in events:
            f.write("%s %s %s\n" % (ts(t), topic, json.dumps(o, separators=(",", ":"))))

def dark():
    e = [zone(T0, "strait", box(33.0, 129.5, 0.5), ["dark-vessel"])]
    # a ship under way, and a detection of it just inside its gate
    lat, lon = 33.0, 129.3
    for i in range(7):
        la, lo = move(lat, lon, 90, 12 * 0.514444 * 60 * i)
        e.append(track(T0 + 60 * i, 431999001, la, lo))
    la, lo = move(*move(lat, lon, 90, 12 * 0.514444 * 420), 0, 3 * 150 * 0.97)
    # ce 100; sigma at +60 s: 100 + 0.1*12 kn*60 s = 137 m; gate 3*sqrt(100^2+137^2) = 509 m
    e.append(ev("maritime/detection", T0 + 420, id="det:sar1:1", src="sar1",
                sensor="sar1", ce=100, lat=round(la, 6), lon=round(lo, 6)))
    # a dark contact in the zone, and one outside every zone
    e.append(ev("maritime/detection", T0 + 420, id="det:sar1:2", src="sar1",
                sensor="sar1", ce=100, lat=33.2, lon=129.8))
    e.append(ev("maritime/detection", T0 + 420, id="det:sar1:3", src="sar1",
                sensor="sar1", ce=100, lat=35.0, lon=131.0))
    return e

def pnt():
    e = [ev("cyber/interference", T0, id="area:jam-0007", src="gnss-reports",
            what="gnss-jamming", lat=34.0, lon=136.0, radius_m=30000)]
    # three ships inside jump (position jumps > 50 kn), within 30 min
    for k, m in enumerate((431999101, 431999102, 431999103)):
        lat, lon = 34.0 + 0.05 * k, 136.0 - 0.05 * k
        e.append(track(T0 + 60 + 300 * k, m, lat, lon))
        e.append(track(T0 + 120 + 300 * k, m, lat + 0.2, lon))  # 12 NM in 1 min
    # near-miss: three ships near but outside another area jump too
    e.append(ev("cyber/interference", T0, id="area:jam-0008", src="gnss-reports",
                what="gnss-jamming", lat=30.0, lon=136.0, radius_m=20000))
    for k, m in enumerate((431999111, 431999112, 431999113)):
        lat, lon = 30.3, 136.0 + 0.05 * k  # 33 km north of its centre
        e.append(track(T0 + 60 + 300 * k, m, lat, lon))
        e.append(track(T0 + 120 + 300 * k, m, lat + 0.2, lon))
    return e

def gap():
    e = []
    # class A under way goes silent for 40 min: a gap (no zones: whole picture)
    e.append(track(T0, 431999201, 34.5, 138.0))
    e.append(track(T0 + 10, 431999201, 34.5, 138.001))
    # slow ship heard by satellite AIS every 4 h: long but normal, no gap
    for i in range(3):
        e.append(track(T0 + 4 * 3600 * i - 4 * 3600 * 2 + 2400, 431999202, 25.0, 150.0 + 0.5 * i,
                       speed=5.0, via="satellite"))
    # class A at anchor, silent: no gap
    e.append(track(T0, 431999203, 34.6, 138.0, speed=0.0, status=1))
    e.append(track(T0 + 2400, 431999204, 34.7, 138.0))  # the clock moves on
    return e

def jump_idc():
    e = []
    # one impossible move: ais-jump
    e.append(track(T0, 431999301, 35.0, 140.0))
    e.append(track(T0 + 60, 431999301, 35.3, 140.0))
    e.append(track(T0 + 120, 431999301, 35.302, 140.0))
    # high-speed craft at 60 kn: below its 70 kn limit, no jump
    e.append(track(T0, 431999302, 35.0, 141.0, speed=60, shiptype=40))
    la, lo = move(35.0, 141.0, 0, 60 * 0.514444 * 60)
    e.append(track(T0 + 60, 431999302, la, lo, speed=60, shiptype=40))
    # A, B, A: identity conflict (B 30 NM away)
    e.append(track(T0, 431999303, 33.0, 140.0))
    e.append(track(T0 + 60, 431999303, 33.5, 140.0))
    e.append(track(T0 + 120, 431999303, 33.001, 140.0))
    return e

def cyber_space():
    e = []
    tle = {"OBJECT_NAME": "TESTSAT", "OBJECT_ID": "2014-029A", "NORAD_CAT_ID": 39766,
           "EPOCH": "2026-11-18T00:00:00.000000", "MEAN_MOTION": 14.79,
           "ECCENTRICITY": 0.0001, "INCLINATION": 97.9, "RA_OF_ASC_NODE": 100.0,
           "ARG_OF_PERICENTER": 90.0, "MEAN_ANOMALY": 0.0, "BSTAR": 0.0001,
           "MEAN_MOTION_DOT": 0.0, "MEAN_MOTION_DDOT": 0.0, "EPHEMERIS_TYPE": 0,
           "ELEMENT_SET_NO": 999, "REV_AT_EPOCH": 1000}
    e.append(ev("space/elements", T0, id="norad:39766", src="celestrak", **tle))
    e.append(ev("cyber/alert", T0 + 600, id="asset:katsuura-gs", src="suricata-gs",
                signature="ET EXPLOIT test", signature_id=1, severity=1,
                asset="katsuura-gs", lat=35.207, lon=140.3, src_ip="203.0.113.9",
                dest_ip="10.30.1.5"))
    tle2 = dict(tle, EPOCH="2026-11-18T12:00:00.000000", MEAN_ANOMALY=20.0, ELEMENT_SET_NO=1000)
    e.append(ev("space/elements", T0 + 3600, id="norad:39766", src="celestrak", **tle2))
    # an alert on a port, then nothing in space: no cyber-to-space
    e.append(ev("cyber/alert", T0 + 700, id="asset:yokohama-port-ot", src="suricata-port",
                signature="ET SCAN probe", signature_id=2, severity=2,
                asset="yokohama-port-ot", lat=35.4365, lon=139.665))
    return e

def conj():
    e = []
    e.append(ev("space/conjunction", T0, id="cdm:1001", src="spacetrack", CDM_ID="1001",
                TCA=ts(T0 + 86400), MIN_RNG=450, PC="0.00002", SAT_1_ID="25544",
                SAT_1_NAME="ISS (ZARYA)", SAT_2_ID="49863", SAT_2_NAME="DEB"))
    # near-miss: far and unlikely
    e.append(ev("space/conjunction", T0, id="cdm:1002", src="spacetrack", CDM_ID="1002",
                TCA=ts(T0 + 86400), MIN_RNG=5000, PC="0.000001", SAT_1_ID="43672",
                SAT_1_NAME="A", SAT_2_ID="40000", SAT_2_NAME="B"))
    return e

def rdv():
    e = []
    # two ships 200 m apart at 1 kn for 40 min, far from port
    for i in range(0, 41, 2):
        e.append(track(T0 + 60 * i, 431999501, 30.0, 145.0, speed=1.0, typ=1))
        e.append(track(T0 + 60 * i + 5, 431999502, 30.0018, 145.0, speed=1.0, typ=1))
    # near-miss: the same inside Yokohama port
    for i in range(0, 41, 2):
        e.append(track(T0 + 60 * i, 431999503, 35.45, 139.66, speed=0.5, typ=1))
        e.append(track(T0 + 60 * i + 5, 431999504, 35.4518, 139.66, speed=0.5, typ=1))
    return e

def camp():
    e = []
    for k, a in enumerate(("yokohama-port-ot", "yokosuka-base", "chikura-cls")):
        e.append(ev("cyber/alert", T0 + 600 * k, id="asset:" + a, src="suricata",
                    signature="ET TROJAN beacon", signature_id=7, severity=1, asset=a))
    # near-miss: the same signature on 3 assets over 3 hours
    for k, a in enumerate(("yokohama-port-ot", "yokosuka-base", "chikura-cls")):
        e.append(ev("cyber/alert", T0 + 5400 * k, id="asset:" + a, src="suricata",
                    signature="ET POLICY slow", signature_id=8, severity=3, asset=a))
    return e

def shp():
    # dark contacts in and out of the Taiwan Strait of the marine-areas
    # shapefile (the zone comes from tests/data/pic/taiwan-strait.json)
    return [ev("maritime/detection", T0, id="det:rf1:1", src="rf1", sensor="rf1",
               ce=2000, lat=24.3, lon=119.5),
            ev("maritime/detection", T0, id="det:rf1:2", src="rf1", sensor="rf1",
               ce=2000, lat=22.0, lon=121.5)]

SCEN = {"dark": dark, "pnt": pnt, "gap": gap, "jump": jump_idc,
        "c2s": cyber_space, "conj": conj, "rdv": rdv, "camp": camp, "shp": shp}

if __name__ == "__main__":
    out = sys.argv[1]
    for name, fn in SCEN.items():
        seq.clear()
        write(os.path.join(out, name + ".cap"), fn())
