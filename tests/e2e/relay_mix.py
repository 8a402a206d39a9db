#!/usr/bin/env python3
"""relay_mix.py: a capture of tcop/1 events with every mix of markings, and
the ids a releasability filter must let through, computed here from the
rules in docs/security.md (independently of tcop's own filter).

usage: relay_mix.py CAPTURE EXPECTED REL MAXCLS
  REL: comma-separated countries (e.g. JPN), MAXCLS: U|CUI|C|S|TS
"""
import itertools
import json
import sys

LEVELS = ["U", "CUI", "C", "S", "TS"]
TETRA = {"FVEY": {"AUS", "CAN", "GBR", "NZL", "USA"},
         "ACGU": {"AUS", "CAN", "GBR", "USA"}}
CLS = [None, "U", "CUI", "C", "S", "TS"]
RELS = [None, [], ["USA"], ["JPN"], ["USA", "JPN"], ["JPN", "KOR", "USA"],
        ["FVEY"], ["FVEY", "JPN"], ["NATO"], ["ACGU", "NZL"],
        ["AUS", "CAN", "GBR", "NZL", "USA"]]
TOPICS = ["maritime/track", "cyber/alert", "picture/note", "picture/ack",
          "space/event", "ops/unknown-kind"]


def allows(rel, code):
    if code in rel:
        return True
    if code in TETRA:
        return all(allows(rel, m) for m in TETRA[code])
    return any(t in rel and code in TETRA[t] for t in TETRA)


def passes(cls, rel, want, maxcls):
    if cls is None:
        return False
    if LEVELS.index(cls) > LEVELS.index(maxcls):
        return False
    if not rel:
        return False
    return all(allows(rel, c) for c in want)


def main():
    cap, exp, want, maxcls = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4]
    seq = 0
    with open(cap, "w") as f, open(exp, "w") as e:
        for topic, cls, rel in itertools.product(TOPICS, CLS, RELS):
            seq += 1
            ev = {"id": "ev:%d" % seq, "t": "2026-11-26T23:00:00Z",
                  "src": "mix", "seq": seq}
            if cls is not None:
                ev["cls"] = cls
            if rel is not None:
                ev["rel"] = rel
            if topic.startswith("picture/"):
                ev.update({"by": "op1", "text": "note %d" % seq, "ref": "inc:1"})
            elif topic == "maritime/track":
                ev.update({"lat": 35.0, "lon": 139.5, "mmsi": 431000000 + seq})
            elif topic == "space/event":
                ev.update({"what": "maneuver", "norad": 25544})
            f.write("2026-11-26T23:00:00.%03dZ %s %s\n"
                    % (seq % 1000, topic, json.dumps(ev, separators=(",", ":"))))
            if passes(cls, rel, want, maxcls):
                e.write("ev:%d\n" % seq)


main()
