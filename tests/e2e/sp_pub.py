#!/usr/bin/env python3
"""sp_pub.py: a raw publisher for the fault tests, speaking nng's SP-over-TCP
framing itself (RFC-style: an 8-byte header "\\0SP\\0" + protocol 0x0020
(pub0) + 2 reserved bytes, then each message as a 64-bit big-endian
length and the bytes), so that it can send what tcop's own publishers
never would: garbage, oversize and malformed messages.

usage: sp_pub.py PORT FILE [--subs N] [--linger S] [--rate R]
  Listens on 127.0.0.1:PORT, waits for N subscribers (default 1), sends
  every line of FILE (without its LF) as one message to each, lingers.
  A line "@SIZE N" sends one message of N bytes: a valid tcop/1 track
  padded with spaces inside the JSON up to exactly N bytes. --rate: at
  most R messages a second, in bursts of R/100 (default: all at once).
"""
import socket
import struct
import sys
import time


def padded(n, seq):
    head = ('maritime/track {"id":"mmsi:431000001","t":"2026-11-26T23:00:00Z",'
            '"src":"big","seq":%d,"cls":"U","rel":["JPN"],"lat":35,"lon":139' % seq)
    return (head + " " * (n - len(head) - 1) + "}").encode()


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    args = sys.argv[3:]
    nsubs = int(args[args.index("--subs") + 1]) if "--subs" in args else 1
    linger = float(args[args.index("--linger") + 1]) if "--linger" in args else 1.0
    msgs = []
    with open(path, "rb") as f:
        for i, line in enumerate(f.read().split(b"\n")):
            if line.startswith(b"@SIZE "):
                msgs.append(padded(int(line.split()[1]), i + 1))
            elif line:
                msgs.append(line)
    rate = int(args[args.index("--rate") + 1]) if "--rate" in args else 0
    step = max(1, rate // 100) if rate else len(msgs) or 1
    bursts = [b"".join(struct.pack(">Q", len(m)) + m for m in msgs[i:i + step])
              for i in range(0, len(msgs), step)]
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", port))
    ls.listen(16)
    ls.settimeout(30)  # nobody came: fail rather than hang the test run
    subs = []
    while len(subs) < nsubs:
        try:
            c, _ = ls.accept()
        except socket.timeout:
            print("sp_pub: no subscriber in 30 s", file=sys.stderr)
            sys.exit(1)
        c.settimeout(None)
        c.sendall(b"\0SP\0\x00\x20\x00\x00")
        hdr = b""
        while len(hdr) < 8:
            hdr += c.recv(8 - len(hdr))
        if hdr[:4] != b"\0SP\0" or struct.unpack(">H", hdr[4:6])[0] != 0x21:
            c.close()
            continue
        subs.append(c)
    time.sleep(0.2)  # the subscription is local to SUB: nothing to wait for
    start = time.monotonic()
    for k, frames in enumerate(bursts):
        if rate:
            due = start + k * step / rate
            if due > time.monotonic():
                time.sleep(due - time.monotonic())
        for c in subs:
            try:
                c.sendall(frames)
            except OSError:
                pass
    time.sleep(linger)
    for c in subs:
        c.close()
    print("sp_pub: %d messages to %d subscribers" % (len(msgs), len(subs)),
          file=sys.stderr)


main()
