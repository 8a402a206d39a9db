#!/usr/bin/env python3
"""gen_events.py: write N synthetic tcop/1 events (maritime/track), one a
line as 'TOPIC JSON', with src and seq given, for the feed-bus tests.

usage: gen_events.py N [--first SEQ] [--src NAME] > FILE
Each event is about 290 bytes, like a real AIS position report.
"""
import sys

def main():
    args = sys.argv[1:]
    n = int(args[0])
    first = int(args[args.index("--first") + 1]) if "--first" in args else 1
    src = args[args.index("--src") + 1] if "--src" in args else "gen-aisrx"
    out = sys.stdout
    for seq in range(first, first + n):
        mmsi = 431000000 + seq % 5000
        t = seq // 10
        out.write(
            'maritime/track {"id":"mmsi:%d","t":"2026-11-26T%02d:%02d:%02d.%03dZ",'
            '"src":"%s","seq":%d,"cls":"U","rel":["USA","JPN"],'
            '"lat":%.5f,"lon":%.5f,"type":1,"mmsi":%d,"status":0,'
            '"speed":%.1f,"course":%.1f,"heading":%d,"turn":0,"accuracy":1,'
            '"shipname":"GEN %d","via":"terrestrial"}\n'
            % (mmsi, (t // 3600) % 24, (t // 60) % 60, t % 60, (seq % 10) * 100,
               src, seq, 30 + (seq % 1000) / 100.0, 125 + (seq % 1500) / 100.0,
               mmsi, (seq % 200) / 10.0, (seq * 7) % 360, (seq * 7) % 360,
               seq % 5000))

main()
