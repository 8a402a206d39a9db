#!/bin/sh
# ais_feed.sh: `tcop feed ais` publishing a real AIS log over nng, from a
# file and from UDP datagrams on 127.0.0.1, received by `tcop record`:
# the events are exactly what `tcop decode ais --wire` prints (static
# data merged, seq 1.. per src), every vessel arrives, and bad input is
# counted without stopping the feed.
. "$(dirname "$0")/lib.sh"
D=$TCOP_DATA/maritime
LOG=$D/gpsd_ais-nmea_part_a.log

"$TCOP" decode ais --wire --src rx1 --quiet "$LOG" > "$T/want.txt" 2>/dev/null
n=$(wc -l < "$T/want.txt")

# ---- from a file
port=$(free_port)
bg "$TCOP" record --feed "tcp://127.0.0.1:$port" --out "$T/file.cap" \
    --count "$n" --idle 20 -q
rec=$BG_PID
"$TCOP" feed ais --listen "tcp://127.0.0.1:$port" --wait-subscribers 1 \
    --linger 1 --src rx1 --quiet "$LOG" 2> "$T/feed.err"; rc=$?
check "feed ais from a file exits 0" [ "$rc" -eq 0 ]
wait "$rec" 2>/dev/null
check "every event arrives ($n)" [ "$(wc -l < "$T/file.cap")" -eq "$n" ]
# the capture is RX_TIME TOPIC JSON; drop RX_TIME and the receive time t
cut -d' ' -f2- "$T/file.cap" | sed 's/"t":"[^"]*",//' > "$T/got.norm"
sed 's/"t":"[^"]*",//' "$T/want.txt" > "$T/want.norm"
check "the events are decode --wire's, in order" cmp -s "$T/got.norm" "$T/want.norm"
check "names from type 5 are merged into position reports" \
    grep -q '"type":3,"mmsi":244700667,.*"shipname":"AVANTI","callsign":"PB8066"' "$T/file.cap"
check "the feed counts what it could not use" \
    grep -q 'tcop feed ais: .*unsupported' "$T/feed.err"

# ---- from UDP datagrams
port=$(free_port)
uport=$(free_port)
bg "$TCOP" feed ais --listen "tcp://127.0.0.1:$port" --udp "127.0.0.1:$uport" \
    --wait-subscribers 1 --src udp1 --via satellite --quiet 2> "$T/udp.err"
feed=$BG_PID
bg "$TCOP" record --feed "tcp://127.0.0.1:$port" --out "$T/udp.cap" \
    --count 3 --idle 20 -q
rec=$BG_PID
sleep 1
python3 - "$uport" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
dst = ("127.0.0.1", int(sys.argv[1]))
lines = [
    b"!AIVDM,1,1,,B,13aGrVHP000J8V6N?5Ch0?vr0D0g,0*58\r\n",
    b"this is not an NMEA sentence\r\n",
    # a two-part type 5 in one datagram, then a position in another
    b"!AIVDM,2,1,9,B,55R3Vn82=ILTQ3KKS>1<D60Dq@E918U<F222221J1`?164vc03S1CCAD,0*2A\r\n"
    b"!AIVDM,2,2,9,B,`88888888888880,2*76\r\n",
    b"!AIVDM,1,1,,B,339FEj5P00PIwujN?fQv4?wPRD5:,0*64\r\n",
]
for _ in range(15):  # until the recorder is connected and has its 3
    for l in lines:
        s.sendto(l, dst)
    time.sleep(0.2)
PY
wait "$rec" 2>/dev/null
kill "$feed" 2>/dev/null
check "UDP datagrams are published" [ "$(wc -l < "$T/udp.cap")" -eq 3 ]
check "UDP events carry --src and --via" \
    grep -q '"src":"udp1".*"via":"satellite"' "$T/udp.cap"

# ---- from a receiver's TCP server (lines split across writes)
port=$(free_port)
tport=$(free_port)
python3 - "$tport" "$LOG" > /dev/null 2>&1 <<'PY' &
import socket, sys, time
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", int(sys.argv[1])))
srv.listen(1)
srv.settimeout(20)
c, _ = srv.accept()
data = open(sys.argv[2], "rb").read()
time.sleep(1.5)  # the recorder connects meanwhile
for i in range(0, len(data), 777):
    c.sendall(data[i:i + 777])
    time.sleep(0.002)
time.sleep(1)
c.close()
PY
srvpid=$!
bg "$TCOP" feed ais --listen "tcp://127.0.0.1:$port" --tcp "127.0.0.1:$tport" \
    --wait-subscribers 1 --src rx1 --quiet 2> "$T/tcp.err"
feed=$BG_PID
bg "$TCOP" record --feed "tcp://127.0.0.1:$port" --out "$T/tcp.cap" \
    --count "$n" --idle 20 -q
rec=$BG_PID
wait "$rec" 2>/dev/null
kill "$feed" "$srvpid" 2>/dev/null
cut -d' ' -f2- "$T/tcp.cap" | sed 's/"t":"[^"]*",//' > "$T/tcp.norm"
check "a receiver's TCP stream is published as from the file" \
    cmp -s "$T/tcp.norm" "$T/want.norm"

"$TCOP" feed ais --help > /dev/null
check "--help exits 0" [ $? -eq 0 ]
"$TCOP" feed ais --listen "tcp://127.0.0.1:$port" > /dev/null 2>&1; rc=$?
check "no input is a usage error" [ "$rc" -eq 2 ]
"$TCOP" feed ais --listen "tcp://127.0.0.1:$port" "$T/none" > /dev/null 2>&1; rc=$?
check "a missing file exits 1" [ "$rc" -eq 1 ]
finish
