#!/bin/sh
# ais_picture.sh: real AIS into the picture. A real receiver log goes
# through `tcop feed ais`, once from the file and once as UDP datagrams on
# 127.0.0.1, is recorded by `tcop record`, and `tcop snapshot --format
# geojson` of the capture must hold the tracks gpsdecode's golden decode
# implies (ais_picture.py): one per MMSI with a position, the names of the
# type 5/24 messages merged in, the last positions; then, --at later in
# event time, the states of src/pic/track.h's timeouts (class A stale
# after 6 min, lost after 20; class B 10 and 30; dropped 1 h after lost).
. "$(dirname "$0")/lib.sh"
D=$TCOP_DATA/maritime
LOG=$D/gpsd_ais-nmea_part_a.log
G=$LOG.gpsdecode.json
PY="python3 $(dirname "$0")/ais_picture.py"
n=$("$TCOP" decode ais --wire --quiet "$LOG" 2>/dev/null | wc -l)

picture() { # NAME CAPTURE: the checks on one capture
	"$TCOP" snapshot --replay "$2" --format geojson > "$T/$1.json"
	check "$1: snapshot exits 0" [ $? -eq 0 ]
	check "$1: tracks, names and positions are gpsdecode's" \
	    $PY check tracks "$G" "$T/$1.json"
	set -- "$1" "$2" $($PY times "$G" "$T/$1.json")
	for w in t7:$3 t25:$4 t35:$5 t2h:$6; do
		"$TCOP" snapshot --replay "$2" --format geojson --at "${w#*:}" \
		    > "$T/$1.${w%%:*}.json"
		check "$1: states at ${w%%:*} (${w#*:})" \
		    $PY check "${w%%:*}" "$G" "$T/$1.${w%%:*}.json"
	done
}

# ---- from the file
port=$(free_port)
bg "$TCOP" record --feed "tcp://127.0.0.1:$port" --out "$T/file.cap" \
    --count "$n" --idle 20 -q
rec=$BG_PID
"$TCOP" feed ais --listen "tcp://127.0.0.1:$port" --wait-subscribers 1 \
    --linger 1 --src rx1 --quiet "$LOG" 2> "$T/feed.err"
check "feed ais from the file exits 0" [ $? -eq 0 ]
wait "$rec" 2>/dev/null
check "file: every message recorded ($n)" [ "$(wc -l < "$T/file.cap")" -eq "$n" ]
picture file "$T/file.cap"

# ---- from UDP datagrams, one sentence each, as a receiver sends them
port=$(free_port)
uport=$(free_port)
bg "$TCOP" record --feed "tcp://127.0.0.1:$port" --out "$T/udp.cap" \
    --count "$n" --idle 20 -q
rec=$BG_PID
bg "$TCOP" feed ais --listen "tcp://127.0.0.1:$port" --udp "127.0.0.1:$uport" \
    --wait-subscribers 1 --src udp1 --quiet 2> "$T/udp.err"
feed=$BG_PID
sleep 1.5 # the recorder connects; the feed then binds its UDP port
python3 - "$uport" "$LOG" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
dst = ("127.0.0.1", int(sys.argv[1]))
for i, line in enumerate(open(sys.argv[2], "rb")):
    if line.startswith(b"#"):
        continue
    s.sendto(line.rstrip(b"\r\n") + b"\r\n", dst)
    if i % 20 == 0:
        time.sleep(0.005)
PY
wait "$rec" 2>/dev/null
kill "$feed" 2>/dev/null
check "udp: every message recorded ($n)" [ "$(wc -l < "$T/udp.cap")" -eq "$n" ]
picture udp "$T/udp.cap"
finish
