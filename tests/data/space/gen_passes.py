#!/usr/bin/env python3
"""Independent pass predictions for tcop's pass test (tests/data/space).

Usage: gen_passes.py CATALOGUE.tle OUT.csv LAT LON ALT_M START_ISO HOURS MIN_EL NORAD,...
Writes OUT.csv: norad,aos,tca,max_el,los (times as seconds since START).

Method (deliberately unlike tcop's search): the elevation is sampled every
second of the window with Debian's python3-sgp4 (Satrec.twoline2rv, WGS-72,
Vallado's SGP4); TEME -> earth-fixed uses the IAU-82 GMST formula written
out below; the observer is on the WGS-84 ellipsoid. AOS/LOS are the
instants where the elevation crosses MIN_EL, interpolated linearly between
the two seconds around the crossing; the maximum elevation is the highest
sample refined by a parabola through it and its neighbours. A pass already
under way at the start has aos = 0; one still up at the end has
los = the window length.
Run with the system interpreter: /usr/bin/python3 gen_passes.py ...
"""
import math, sys
from datetime import datetime, timezone
from sgp4.api import Satrec, WGS72, jday

A = 6378.137
F = 1 / 298.257223563
E2 = F * (2 - F)

def gmst(jd_ut1):
    t = (jd_ut1 - 2451545.0) / 36525.0
    s = (-6.2e-6 * t**3 + 0.093104 * t**2
         + (876600.0 * 3600 + 8640184.812866) * t + 67310.54841)
    return math.radians(s / 240.0) % (2 * math.pi)

def site_ecef(lat, lon, alt_km):
    p, l = math.radians(lat), math.radians(lon)
    n = A / math.sqrt(1 - E2 * math.sin(p)**2)
    return ((n + alt_km) * math.cos(p) * math.cos(l),
            (n + alt_km) * math.cos(p) * math.sin(l),
            (n * (1 - E2) + alt_km) * math.sin(p))

def elevation(sat, jd, fr, lat, lon, obs):
    e, r, v = sat.sgp4(jd, fr)
    if e != 0:
        return -90.0
    g = gmst(jd + fr)
    x = math.cos(g) * r[0] + math.sin(g) * r[1]
    y = -math.sin(g) * r[0] + math.cos(g) * r[1]
    z = r[2]
    dx, dy, dz = x - obs[0], y - obs[1], z - obs[2]
    p, l = math.radians(lat), math.radians(lon)
    u = (math.cos(p) * math.cos(l) * dx + math.cos(p) * math.sin(l) * dy
         + math.sin(p) * dz)
    return math.degrees(math.asin(u / math.sqrt(dx*dx + dy*dy + dz*dz)))

def read_tles(path, wanted):
    lines = [l.rstrip("\r\n") for l in open(path)]
    out = {}
    for i in range(len(lines) - 1):
        if lines[i].startswith("1 ") and lines[i+1].startswith("2 "):
            n = int(lines[i][2:7])
            if n in wanted:
                out[n] = (lines[i], lines[i+1])
    return out

def main():
    cat, dst, lat, lon, alt, start, hours, min_el, ids = sys.argv[1:10]
    lat, lon, alt, hours, min_el = (float(lat), float(lon), float(alt),
                                    float(hours), float(min_el))
    wanted = [int(x) for x in ids.split(",")]
    t0 = datetime.fromisoformat(start.replace("Z", "+00:00")).astimezone(timezone.utc)
    jd0, fr0 = jday(t0.year, t0.month, t0.day, t0.hour, t0.minute, t0.second)
    obs = site_ecef(lat, lon, alt / 1000.0)
    n = int(hours * 3600)
    rows = []
    tles = read_tles(cat, set(wanted))
    for norad in wanted:
        sat = Satrec.twoline2rv(*tles[norad], WGS72)
        el = [elevation(sat, jd0, fr0 + s / 86400.0, lat, lon, obs)
              for s in range(n + 1)]
        s = 0
        while s <= n:
            if el[s] < min_el:
                s += 1
                continue
            if s == 0:
                aos = 0.0
            else:
                aos = s - 1 + (min_el - el[s-1]) / (el[s] - el[s-1])
            k = s
            while k + 1 <= n and el[k + 1] >= min_el:
                k += 1
            if k == n:
                los = float(n)
            else:
                los = k + (el[k] - min_el) / (el[k] - el[k+1])
            m = max(range(s, k + 1), key=lambda i: el[i])
            tca, mx = float(m), el[m]
            if 0 < m < n:
                a, b, c = el[m-1], el[m], el[m+1]
                den = a - 2 * b + c
                if den != 0:
                    d = 0.5 * (a - c) / den
                    tca, mx = m + d, b - 0.25 * (a - c) * d
            rows.append("%d,%.3f,%.3f,%.4f,%.3f" % (norad, aos, tca, mx, los))
            s = k + 1
    with open(dst, "w") as fh:
        fh.write("norad,aos,tca,max_el,los\n")
        fh.write("\n".join(rows) + "\n")
    print("%s: %d passes" % (dst, len(rows)))

if __name__ == "__main__":
    main()
