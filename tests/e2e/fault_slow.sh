#!/bin/sh
# fault_slow.sh: a subscriber slower than its feed. A recorder is frozen
# (SIGSTOP) from early in a 60,000-event feed at 20,000/s over tcp until
# the publisher has finished, next to a recorder that keeps up: the
# publisher never blocks (it finishes while the frozen one is still
# frozen), the fast recorder gets everything, and the slow one, thawed,
# counts exactly what it missed from the seq gaps once the source goes on
# (a second publisher continuing the seq): received + lost = sent, with
# what it did record in order.
. "$(dirname "$0")/lib.sh"
here=$(dirname "$0")
N=60000
python3 "$here/gen_events.py" $N > "$T/events.txt"
python3 "$here/gen_events.py" 100 --first $((N + 1)) > "$T/more.txt"
url="tcp://127.0.0.1:$(free_port)"
bg "$TCOP" record --feed "$url" --out "$T/fast.txt" --idle 30 2> "$T/fast.err"; fast=$BG_PID
bg "$TCOP" record --feed "$url" --out "$T/slow.txt" --idle 30 2> "$T/slow.err"; slow=$BG_PID
"$TCOP" feed jsonl --listen "$url" --wait-subscribers 2 --rate 20000 --linger 1 \
	"$T/events.txt" 2> "$T/pub.err" &
pub=$!
sleep 0.8
kill -STOP $slow
wait_for 60 sh -c "! kill -0 $pub 2>/dev/null"
check "the publisher finished while a subscriber was frozen (it never blocks)" \
	sh -c "! kill -0 $pub 2>/dev/null"
wait $pub
kill -CONT $slow
sleep 0.5
"$TCOP" feed jsonl --listen "$url" --wait-subscribers 2 --linger 1 "$T/more.txt" 2>/dev/null
sleep 0.5
kill -TERM $fast $slow
wait $fast $slow
T2=$((N + 100))
check "the publisher sent all $N" grep -q "$N sent, 0 rejected" "$T/pub.err"
check "the subscriber that keeps up gets all $T2, lost 0" \
	grep -q "received $T2, recorded $T2, lost 0" "$T/fast.err"
got=$(sed -n 's/^tcop record: received \([0-9]*\),.*/\1/p' "$T/slow.err" | head -1)
lost=$(sed -n 's/^tcop record: received.* lost \([0-9]*\),.*/\1/p' "$T/slow.err" | head -1)
check "the frozen subscriber lost messages ($lost)" test "${lost:-0}" -gt 0
check "... and counted exactly what it missed: received $got + lost $lost = $T2" \
	test "$((got + lost))" -eq $T2
check "what the slow subscriber recorded is in order" \
	python3 - "$T/slow.txt" <<'PY'
import re, sys
last = 0
for line in open(sys.argv[1]):
    s = int(re.search(r'"seq":(\d+)', line).group(1))
    if s <= last:
        sys.exit(1)
    last = s
PY
finish
