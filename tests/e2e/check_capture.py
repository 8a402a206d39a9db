#!/usr/bin/env python3
"""check_capture.py: checks on a capture file for the feed-bus tests.

  check_capture.py seqs CAPTURE FIRST LAST   the capture holds exactly seq
                                             FIRST..LAST, in order, each once
  check_capture.py same CAPTURE_A CAPTURE_B  same messages, same order
                                             (RX_TIME ignored)
  check_capture.py span CAPTURE              prints last RX - first RX in ms
  check_capture.py lastseq CAPTURE           prints the last seq
Exit status 0 if the check holds; the reason on stderr otherwise.
"""
import json, sys
from datetime import datetime

def lines(path):
    with open(path) as f:
        for ln in f:
            rx, topic, js = ln.rstrip("\n").split(" ", 2)
            yield rx, topic, js

def rx_ms(rx):
    return datetime.strptime(rx, "%Y-%m-%dT%H:%M:%S.%fZ").timestamp() * 1000

def main():
    what = sys.argv[1]
    if what == "seqs":
        first, last = int(sys.argv[3]), int(sys.argv[4])
        want = first
        for i, (rx, topic, js) in enumerate(lines(sys.argv[2])):
            seq = json.loads(js)["seq"]
            if seq != want:
                sys.exit("line %d: seq %d, want %d" % (i + 1, seq, want))
            want += 1
        if want != last + 1:
            sys.exit("capture ends at seq %d, want %d" % (want - 1, last))
    elif what == "same":
        a = [(t, j) for _, t, j in lines(sys.argv[2])]
        b = [(t, j) for _, t, j in lines(sys.argv[3])]
        if a != b:
            n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            sys.exit("captures differ at message %d (%d vs %d messages)" % (n + 1, len(a), len(b)))
    elif what == "span":
        rx = [rx_ms(r) for r, _, _ in lines(sys.argv[2])]
        print(int(rx[-1] - rx[0]))
    elif what == "lastseq":
        last = None
        for _, _, js in lines(sys.argv[2]):
            last = json.loads(js)["seq"]
        print(last)

main()
