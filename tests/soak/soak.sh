#!/bin/sh
# soak.sh: `make soak`, a bounded load test on loopback only. A publisher
# (`tcop feed jsonl`, fed by gen_events.py through a pipe) at a sustained
# RATE for SECONDS, through a site relay, to three subscribers: a recorder,
# a second recorder, and a filtering relay (--releasable-to JPN --max-cls U,
# every event passes) with a recorder behind it. Checks: every event
# recorded by every recorder, lost 0 everywhere, and memory flat: each
# long-running process's RSS, sampled every 5 s, grows by less than 10%
# (and 8 MiB) between the first sample after warm-up and the last.
#
# usage: sh tests/soak/soak.sh [SECONDS [RATE]]   (default 60 s, 10000/s)
# Runs the optimised ./tcop (TCOP=... to override); prints "ok - ..." /
# "not ok - ..." lines and the RSS samples; exit 1 on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 1
secs=${1:-60} rate=${2:-10000}
TCOP=${TCOP:-$(pwd)/tcop}
T=${TCOP_OUT:-$(pwd)/tests/out}/soak
rm -rf "$T" && mkdir -p "$T"
N=$((secs * rate))
pids=""
trap 'for p in $pids; do kill $p 2>/dev/null; done' EXIT INT TERM
fail=0
check() { n=$1; shift; if "$@"; then echo "ok - $n"; else echo "not ok - $n"; fail=$((fail + 1)); fi; }

A="ipc://$T/a.ipc" B="ipc://$T/b.ipc" C="ipc://$T/c.ipc"
"$TCOP" relay --feed "$A" --listen "$B" --wait-subscribers 3 2> "$T/relay.err" & relay=$!
"$TCOP" relay --feed "$B" --listen "$C" --wait-subscribers 1 --releasable-to JPN \
	--max-cls U 2> "$T/filter.err" & filter=$!
"$TCOP" record --feed "$B" --out "$T/rec1.txt" --idle 5 2> "$T/rec1.err" & r1=$!
"$TCOP" record --feed "$B" --out "$T/rec2.txt" --idle 5 2> "$T/rec2.err" & r2=$!
"$TCOP" record --feed "$C" --out "$T/rec3.txt" --idle 5 2> "$T/rec3.err" & r3=$!
pids="$relay $filter $r1 $r2 $r3"
python3 tests/e2e/gen_events.py $N | "$TCOP" feed jsonl --listen "$A" --wait-subscribers 1 \
	--rate "$rate" --linger 2 - 2> "$T/pub.err" & pub=$!

# RSS samples (KiB), every 5 s, of the relays and recorders
: > "$T/rss.txt"
while kill -0 $pub 2>/dev/null; do
	line=""
	for p in $relay $filter $r1 $r2 $r3; do
		line="$line $(ps -o rss= -p $p 2>/dev/null | tr -d ' ')"
	done
	echo "$(date +%s)$line" >> "$T/rss.txt"
	sleep 5
done
wait $pub
wait $r1 $r2 $r3
kill -TERM $relay $filter; wait $relay $filter

check "the publisher sent all $N at $rate/s" grep -q "$N sent, 0 rejected" "$T/pub.err"
for i in 1 2 3; do
	# late-joiner re-sends ("resend":true) come on top of the N
	grep -v '"resend":true' "$T/rec$i.txt" > "$T/live$i.txt"
	check "recorder $i recorded all $N in order, lost 0" sh -c \
		"python3 tests/e2e/check_capture.py seqs '$T/live$i.txt' 1 $N && grep -q 'lost 0,' '$T/rec$i.err'"
done
check "the site relay forwarded everything, upstream lost 0" \
	grep -q "dropped 0 .*upstream lost 0," "$T/relay.err"
check "the filtering relay passed everything, upstream lost 0" \
	grep -q "dropped 0 .*upstream lost 0," "$T/filter.err"
echo "# RSS KiB every 5 s: time relay filter rec1 rec2 rec3"
cat "$T/rss.txt" | sed 's/^/# /'
check "memory is flat (RSS growth < 10% and < 8 MiB after warm-up)" python3 - "$T/rss.txt" <<'PY'
import sys
rows = [list(map(int, l.split()[1:])) for l in open(sys.argv[1]) if len(l.split()) == 6]
if len(rows) < 4:
    sys.exit(1)
first, last = rows[2], rows[-1]   # after 10 s of warm-up
bad = [(f, l) for f, l in zip(first, last) if l > f * 1.10 and l - f > 8192]
print("# RSS first %s last %s" % (first, last))
sys.exit(1 if bad else 0)
PY
echo "soak: $secs s at $rate/s, $fail failed"
[ "$fail" -eq 0 ]
