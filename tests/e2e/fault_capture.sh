#!/bin/sh
# fault_capture.sh: damaged captures through `tcop replay`: binary garbage,
# NUL bytes, a line far over the size cap, a line cut in the middle, and a
# gzip capture whose end is missing. Each bad line is reported as
# CAPTURE:LINE with the reason and skipped; every good line is still
# published (a recorder gets exactly those); replay exits 1 and prints the
# count of bad lines. (feedbus.sh covers the plain damaged capture.)
. "$(dirname "$0")/lib.sh"
here=$(dirname "$0")
python3 "$here/gen_events.py" 300 > "$T/ev.txt"
# a clean capture of 300 lines to damage
awk '{ printf "2026-11-26T23:00:00.%03dZ %s\n", NR % 1000, $0 }' "$T/ev.txt" > "$T/clean.txt"

# replay_to NAME CAPTURE: replay CAPTURE into a recorder; sets rc
replay_to() {
	url="ipc://$T/$1.ipc"
	bg "$TCOP" record --feed "$url" --out "$T/$1-rec.txt" --idle 30 2>/dev/null; rec=$BG_PID
	"$TCOP" replay --listen "$url" --wait-subscribers 1 --speed max --linger 1 "$2" 2> "$T/$1.err"
	rc=$?
	sleep 0.3; kill -TERM $rec; wait $rec
}

python3 - "$T/clean.txt" "$T/garbage.txt" <<'PY'
import random, sys
random.seed(3)
lines = open(sys.argv[1], "rb").read().split(b"\n")[:-1]
out = []
for i, l in enumerate(lines):
    out.append(l)
    if i == 10:
        out.append(bytes(random.randrange(0, 256) for _ in range(500)).replace(b"\n", b"."))
    if i == 20:
        out.append(l[:40] + b"\0" + l[41:])          # a NUL inside
    if i == 30:
        out.append(l[:60] + b"x" * 70000 + b"}")     # far over the cap
    if i == 40:
        out.append(l[: len(l) // 2])                  # cut mid-line
    if i == 50:
        out.append(b"\xff\xfe" + l)                   # bytes before RX_TIME
open(sys.argv[2], "wb").write(b"\n".join(out) + b"\n")
PY
replay_to garbage "$T/garbage.txt"
check "replay of a capture with garbage exits 1" test "$rc" -eq 1
check "it reports 5 bad lines and publishes the 300 good ones" \
	grep -q "300 sent, 5 bad lines skipped" "$T/garbage.err"
check "the recorder behind it gets the 300 good lines in order" \
	python3 "$here/check_capture.py" seqs "$T/garbage-rec.txt" 1 300
for n in 12 23 34 45 56; do
	check "bad line $n is reported as FILE:LINE" grep -q "garbage.txt:$n: " "$T/garbage.err"
done

# a gzip capture cut short: what is whole is replayed, the end reported
gzip -c "$T/clean.txt" > "$T/full.gz"
size=$(wc -c < "$T/full.gz")
head -c $((size * 2 / 3)) "$T/full.gz" > "$T/cut.gz"
replay_to gz "$T/cut.gz"
n=$(wc -l < "$T/gz-rec.txt")
check "a gzip capture cut short exits 1" test "$rc" -eq 1
check "the whole lines before the cut are replayed ($n)" \
	sh -c "test $n -gt 0 && python3 '$here/check_capture.py' seqs '$T/gz-rec.txt' 1 $n"
check "the cut is reported" grep -q "cut.gz:[0-9]*: " "$T/gz.err"
replay_to gzfull "$T/full.gz"
check "the whole gzip capture replays all 300 and exits 0" \
	sh -c "test $rc -eq 0 && test \$(wc -l < '$T/gzfull-rec.txt') -eq 300"
finish
