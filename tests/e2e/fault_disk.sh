#!/bin/sh
# fault_disk.sh: a recorder whose disk fills, simulated with a file size
# limit (ulimit -f, RLIMIT_FSIZE): the recorder stops with a clear error
# naming the capture and exit 1, the capture holds whole lines only (no
# partial last line), every line of it is a valid capture line in order,
# and the count it reports matches the lines on disk.
. "$(dirname "$0")/lib.sh"
here=$(dirname "$0")
python3 "$here/gen_events.py" 20000 > "$T/events.txt"
url="ipc://$T/disk.ipc"
# 1000 blocks of 512 bytes: about 1,600 of the ~330-byte lines fit
bg sh -c "ulimit -f 1000; exec \"$TCOP\" record --feed '$url' --out '$T/cap.txt' --idle 15 2> '$T/rec.err'"
rec=$BG_PID
"$TCOP" feed jsonl --listen "$url" --wait-subscribers 1 --rate 20000 --linger 1 \
	"$T/events.txt" 2>/dev/null
wait $rec
rc=$?
check "the recorder exits 1 when the file cannot grow" test "$rc" -eq 1
check "the error names the capture and the reason" \
	grep -q "cap.txt: File too large (the capture ends at its last whole line)" "$T/rec.err"
size=$(wc -c < "$T/cap.txt")
check "the capture stays under the limit ($size bytes)" test "$size" -le 512000
check "the capture is not empty" test "$size" -gt 100000
check "the capture ends with a whole line" sh -c "tail -c 1 '$T/cap.txt' | od -An -c | grep -q '\\\\n'"
lines=$(wc -l < "$T/cap.txt")
check "every line on disk is counted as recorded ($lines)" grep -q "recorded $lines," "$T/rec.err"
check "every line is whole and in seq order from 1" \
	python3 "$here/check_capture.py" seqs "$T/cap.txt" 1 "$lines"
check "the lines not written are reported" grep -q "NOT WRITTEN [1-9]" "$T/rec.err"
"$TCOP" replay --listen "ipc://$T/replay.ipc" --speed max --linger 0 "$T/cap.txt" 2> "$T/replay.err"
check "the capture a full disk left replays without a bad line" test $? -eq 0
finish
