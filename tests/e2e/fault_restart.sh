#!/bin/sh
# fault_restart.sh: a publisher killed (SIGKILL) mid-stream and restarted
# behind a relay: the relay redials by itself, a recorder behind the relay
# carries on without noticing the hop, and the gap is counted as lost both
# at the relay (upstream lost) and at the recorder (its seq gaps), the same
# number at both; and a relay killed and restarted between a publisher and
# a recorder: the recorder redials it and counts that gap too.
. "$(dirname "$0")/lib.sh"
here=$(dirname "$0")
python3 "$here/gen_events.py" 20000 --first 1 > "$T/part1.txt"
python3 "$here/gen_events.py" 5000 --first 30001 > "$T/part2.txt"

# ---- the publisher dies and comes back --------------------------------------
up="tcp://127.0.0.1:$(free_port)" down="ipc://$T/down.ipc"
bg "$TCOP" relay --feed "$up" --listen "$down" --wait-subscribers 1 2> "$T/relay.err"; relay=$BG_PID
bg "$TCOP" record --feed "$down" --out "$T/cap.txt" --idle 30 2> "$T/rec.err"; rec=$BG_PID
"$TCOP" feed jsonl --listen "$up" --wait-subscribers 1 --rate 10000 "$T/part1.txt" 2>/dev/null &
pub=$!
# lines: the capture has at least N lines
lines() { test "$(wc -l < "$2" 2>/dev/null || echo 0)" -ge "$1"; }
wait_for 20 lines 2000 "$T/cap.txt"
kill -9 $pub; wait $pub 2>/dev/null
sleep 0.5
"$TCOP" feed jsonl --listen "$up" --wait-subscribers 1 --rate 10000 --linger 1 "$T/part2.txt" 2>/dev/null
# two sanitizer hops on a loaded machine: wait for the last message, not a
# fixed time (its absence still fails the checks below)
wait_for 20 grep -q '"seq":35000[,}]' "$T/cap.txt"
sleep 0.5
kill -TERM $rec
wait $rec
kill -TERM $relay; wait $relay
grep -v '"resend":true' "$T/cap.txt" > "$T/live.txt"
n=$(wc -l < "$T/live.txt")
kept=$((n - 5000))
gap=$((30000 - kept))
check "the killed publisher got part of the way ($kept of 20000)" test "$kept" -gt 0 -a "$kept" -lt 20000
check "the recorder behind the relay got all of the restarted publisher" \
	sh -c "tail -n 5000 '$T/live.txt' > '$T/tail.txt' && python3 '$here/check_capture.py' seqs '$T/tail.txt' 30001 35000"
check "the recorder counts the gap as lost ($gap)" grep -q "lost $gap," "$T/rec.err"
check "the relay counts the same gap upstream" grep -q "upstream lost $gap," "$T/relay.err"
check "the relay redialled the publisher" grep -q "reconnects 1" "$T/relay.err"

# ---- the relay dies and comes back ---------------------------------------------
up="ipc://$T/up2.ipc" down="tcp://127.0.0.1:$(free_port)"
bg "$TCOP" record --feed "$down" --out "$T/cap2.txt" --idle 30 2> "$T/rec2.err"; rec=$BG_PID
"$TCOP" relay --feed "$up" --listen "$down" --wait-subscribers 1 2>/dev/null &
relay=$!
bg "$TCOP" feed jsonl --listen "$up" --rate 4000 "$T/part1.txt" 2>/dev/null; pub=$BG_PID
wait_for 20 lines 2000 "$T/cap2.txt"
kill -9 $relay; wait $relay 2>/dev/null
sleep 0.5
bg "$TCOP" relay --feed "$up" --listen "$down" 2>/dev/null; relay=$BG_PID
wait $pub
wait_for 20 grep -q '"seq":20000[,}]' "$T/cap2.txt"
sleep 0.5
kill -TERM $rec
wait $rec
kill $relay 2>/dev/null
# late-joiner re-sends (marked "resend") are recorded but not counted
grep -v '"resend":true' "$T/cap2.txt" > "$T/live2.txt"
last=$(python3 "$here/check_capture.py" lastseq "$T/live2.txt")
first=$(head -n 1 "$T/live2.txt" | sed 's/.*"seq":\([0-9]*\).*/\1/')
n=$(wc -l < "$T/live2.txt")
check "the recorder redialled the restarted relay and got to the end (seq $last)" test "$last" = 20000
check "the recorder counts what the dead relay missed as lost ($((20001 - first - n)))" \
	grep -q "lost $((20001 - first - n))," "$T/rec2.err"
check "the recorder counted a reconnect" grep -q "reconnects 1" "$T/rec2.err"
finish
