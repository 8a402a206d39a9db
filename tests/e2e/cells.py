#!/usr/bin/env python3
"""cells.py: check what a `tcop snapshot --bbox W,S,E,N --size WxH --map-only`
draws at known points, independently of tcop's projection code.

The bbox rule (DESIGN: the box fills exactly the W x H cells, longitude linear
across, latitude linear down):
    col = floor((lon - W) / (E - W) * width)      (E += 360 if E <= W)
    row = floor((N - lat) / (N - S) * height)
In braille each cell is 2 x 4 dots, so the dot of a point is
    dx = floor(((lon - W) / (E - W) * width  - col) * 2)
    dy = floor(((N - lat) / (N - S) * height - row) * 4)
and its bit in U+2800 + bits is the braille dot numbering (1,2,3,7 left column
top to bottom, 4,5,6,8 right column).

usage: cells.py FILE braille|ascii W S E N WIDTH HEIGHT NAME:LAT:LON:land|sea ...
Prints "ok - NAME ..." or "not ok - NAME ..." per point.
"""
import math
import sys

BITS = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]


def main():
    path, mode = sys.argv[1], sys.argv[2]
    w, s, e, n = (float(v) for v in sys.argv[3:7])
    width, height = int(sys.argv[7]), int(sys.argv[8])
    if e <= w:
        e += 360
    rows = open(path, encoding="utf-8").read().split("\n")[:height]
    for spec in sys.argv[9:]:
        name, lat, lon, want = spec.split(":")
        lat, lon = float(lat), float(lon)
        if lon < w:
            lon += 360
        fx = (lon - w) / (e - w) * width
        fy = (n - lat) / (n - s) * height
        col, row = math.floor(fx), math.floor(fy)
        ch = rows[row][col]
        if mode == "braille":
            dx, dy = math.floor((fx - col) * 2), math.floor((fy - row) * 4)
            cp = ord(ch)
            bits = cp - 0x2800 if 0x2800 <= cp <= 0x28FF else 0
            land = bool(bits & BITS[dy][dx])
            sea = ch == " "
        else:
            land = ch == ":"
            sea = ch == " "
        good = land if want == "land" else sea
        print("%s - %s is %s (%s cell %d,%d is %r)" % (
            "ok" if good else "not ok", name, want, mode, col, row, ch))


main()
