#!/bin/sh
# fault_signals.sh: SIGTERM, SIGHUP and SIGINT in the middle of record,
# replay and relay while messages are flowing: each stops within 5 s (2 s
# at most per socket that nng fails to close),
# prints its counts, exits 0, and the capture a recorder leaves is whole
# (every line complete and valid, as many as it says it recorded).
. "$(dirname "$0")/lib.sh"
here=$(dirname "$0")
python3 "$here/gen_events.py" 200000 > "$T/events.txt"
# a capture of 20 s of receive time for a paced replay
python3 - "$T/span.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(2001):
        ms = i * 10
        f.write('2026-11-26T23:00:%02d.%03dZ space/event {"id":"norad:%d","t":"2026-11-26T23:00:00Z","src":"span","seq":%d,"cls":"U","what":"maneuver"}\n'
                % (ms // 1000, ms % 1000, i, i + 1))
PY

# stopped PID: true once PID has exited, within 5 s (each socket is closed
# within a bound of 2 s: nng 1.5.2 can hang closing a busy socket, see
# src/feed/net.h)
stopped() { wait_for 5 sh -c "! kill -0 $1 2>/dev/null"; }

for sig in TERM HUP INT; do
	# ---- record -----------------------------------------------------------
	url="ipc://$T/rec-$sig.ipc"
	"$TCOP" record --feed "$url" --out "$T/rec-$sig.txt" 2> "$T/rec-$sig.err" &
	rec=$!
	bg "$TCOP" feed jsonl --listen "$url" --wait-subscribers 1 --rate 20000 \
		"$T/events.txt" 2>/dev/null
	feed=$BG_PID
	sleep 1
	kill -$sig $rec
	check "record stops on SIG$sig within 5 s" stopped $rec
	wait $rec; rc=$?
	kill $feed 2>/dev/null
	check "record exits 0 on SIG$sig" test "$rc" -eq 0
	n=$(wc -l < "$T/rec-$sig.txt")
	check "record on SIG$sig: $n lines on disk, as many as it reports" \
		grep -q "recorded $n," "$T/rec-$sig.err"
	check "record on SIG$sig: the capture is whole and in order" \
		python3 "$here/check_capture.py" seqs "$T/rec-$sig.txt" 1 "$n"

	# ---- replay ------------------------------------------------------------
	"$TCOP" replay --listen "ipc://$T/replay-$sig.ipc" "$T/span.txt" 2> "$T/replay-$sig.err" &
	rp=$!
	sleep 0.7
	kill -$sig $rp
	check "replay stops on SIG$sig within 5 s" stopped $rp
	wait $rp; rc=$?
	check "replay exits 0 on SIG$sig and says how far it got" \
		sh -c "test $rc -eq 0 && grep -q 'sent, 0 bad lines' '$T/replay-$sig.err'"

	# ---- relay -------------------------------------------------------------
	up="ipc://$T/up-$sig.ipc"
	"$TCOP" relay --feed "$up" --listen "ipc://$T/down-$sig.ipc" --releasable-to JPN \
		2> "$T/relay-$sig.err" &
	relay=$!
	bg "$TCOP" feed jsonl --listen "$up" --wait-subscribers 1 --rate 20000 \
		"$T/events.txt" 2>/dev/null
	feed=$BG_PID
	sleep 1
	kill -$sig $relay
	check "relay stops on SIG$sig within 5 s" stopped $relay
	wait $relay; rc=$?
	kill $feed 2>/dev/null
	check "relay exits 0 on SIG$sig with its counts" \
		sh -c "test $rc -eq 0 && grep -q 'tcop relay: received [1-9]' '$T/relay-$sig.err'"
done
finish
