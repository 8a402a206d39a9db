#!/bin/sh
# fault_flood.sh: hostile input on the wire, sent by a raw SP publisher
# (sp_pub.py) since tcop's own publishers refuse to send it: a flood of
# rejects (garbage, broken JSON, bad fields, random bytes) interleaved with
# good events (40,000 messages/s) reaches a relay and a recorder: every good event arrives,
# every bad one is counted by reason, nothing crashes; and messages at and
# over the 64 KiB cap: at the cap they pass, over it they are rejected as
# too big and the next message still arrives.
. "$(dirname "$0")/lib.sh"
here=$(dirname "$0")

# ---- a flood: 20,000 good events interleaved with 20,000 rejects ----------
python3 - "$T/flood.txt" <<'PY'
import random, sys
random.seed(7)
bad = [
    b'maritime/track{"id":"x"}',
    b'maritime/track not json',
    b'maritime/track {"t":"2026-11-26T23:00:00Z","src":"b"}',
    b'maritime/track {"id":"x","t":"noon","src":"b"}',
    b'maritime/track {"id":"x","t":"2026-11-26T23:00:00Z","src":"b","lat":91,"lon":0}',
    b'maritime/track {"id":"x","t":"2026-11-26T23:00:00Z","src":"b","cls":"SECRET"}',
    b'maritime/track {"id":"x","t":"2026-11-26T23:00:00Z","src":"b","rel":"JPN"}',
    b'Maritime/Track {"id":"x","t":"2026-11-26T23:00:00Z","src":"b"}',
    b'maritime/track {"id":"x","t":"2026-11-26T23:00:00Z","src":"b","lat":1e999,"lon":1}',
]
with open(sys.argv[1], "wb") as f:
    for seq in range(1, 20001):
        f.write(b'maritime/track {"id":"mmsi:%d","t":"2026-11-26T23:00:00Z",'
                b'"src":"flood","seq":%d,"cls":"U","rel":["JPN"],"lat":35,"lon":139}\n'
                % (431000000 + seq % 100, seq))
        if seq % 10 == 0:
            r = bytes(random.randrange(1, 256) for _ in range(random.randrange(1, 300)))
            f.write(r.replace(b"\n", b" ") + b"\n")
        else:
            f.write(bad[seq % len(bad)] + b"\n")
PY
port=$(free_port)
bg "$TCOP" relay --feed "tcp://127.0.0.1:$port" --listen "ipc://$T/flood.ipc" --wait-subscribers 1 -q 2> "$T/relay.err"
relay=$BG_PID
bg "$TCOP" record --feed "ipc://$T/flood.ipc" --out "$T/flood-rec.txt" --count 20000 --idle 60 -q 2> "$T/rec.err"
rec=$BG_PID
sleep 0.5
python3 "$here/sp_pub.py" "$port" "$T/flood.txt" --rate 40000 --linger 1 2> "$T/sp.err"
wait $rec
kill -TERM $relay; wait $relay
check "a relay under a flood of 20,000 rejects forwards all 20,000 good events" \
	grep -q "received 20000, recorded 20000, lost 0" "$T/rec.err"
check "the relay counts the 20,000 malformed messages" \
	grep -q "received 40000, forwarded 20000, dropped 20000 (malformed 20000" "$T/relay.err"
for why in ETOPIC EJSON EID ETIME ELAT ECLS EREL ENOTFINITE; do
	check "the relay counts $why" grep -q ", $why [1-9]" "$T/relay.err"
done
check "the relay logged nothing per message with -q" test "$(grep -vc '^tcop relay' "$T/relay.err")" -eq 0

# ---- the size cap: 65,536 bytes pass, 65,537 are rejected -----------------
printf '@SIZE 65536\n@SIZE 65537\n@SIZE 200\n@SIZE 1000000\n@SIZE 300\n' > "$T/sizes.txt"
port=$(free_port)
bg "$TCOP" record --feed "tcp://127.0.0.1:$port" --out "$T/sizes-rec.txt" --idle 30 2> "$T/sizes.err"
rec=$BG_PID
python3 "$here/sp_pub.py" "$port" "$T/sizes.txt" 2>/dev/null
sleep 0.5
kill -TERM $rec
wait $rec
check "a message of exactly 64 KiB is received and recorded whole" \
	sh -c "head -n 1 '$T/sizes-rec.txt' | cut -d' ' -f2- | tr -d '\n' | wc -c | grep -qx 65536"
check "a message one byte over the cap is rejected as too big" \
	grep -q "ETOOBIG 2" "$T/sizes.err"
check "the messages after the oversize ones still arrive (3 recorded)" \
	grep -q "recorded 3," "$T/sizes.err"

# tcop's own publishers refuse to send over the cap, naming the line
{ printf 'maritime/track {"id":"mmsi:1","t":"2026-11-26T23:00:00Z","src":"s","seq":1,"x":"'
  head -c 65536 /dev/zero | tr '\0' 'a'; printf '"}\n'
  printf 'maritime/track {"id":"mmsi:1","t":"2026-11-26T23:00:00Z","src":"s","seq":2}\n'; } > "$T/big.jsonl"
"$TCOP" feed jsonl --listen "ipc://$T/big.ipc" "$T/big.jsonl" 2> "$T/big.err"
check "feed jsonl names FILE:LINE of an oversize message" grep -q "big.jsonl:1:" "$T/big.err"
finish
