#!/bin/sh
# cyber_follow.sh: `tcop feed cyber --eve FILE --follow` publishes every
# alert exactly once while the file is appended to, rotated (renamed, with
# lines still written to the old file, then a new file), truncated, and
# while the feed is stopped and restarted (the state file). The published
# alerts are recorded with `tcop record` and compared with what `tcop
# decode eve` makes of the same lines.
. "$(dirname "$0")/lib.sh"
D=$TCOP_DATA/cyber
EVE=$D/suricata_eve_sites.json
URL="ipc://$T/feed.ipc"
F=$T/eve.json

chunk() { sed -n "$1,$2p" "$EVE"; }
alerts_in() { wc -l < "$T/cap" 2>/dev/null || echo 0; }
have() { test "$(grep -c ' cyber/alert ' "$T/cap" 2>/dev/null)" -ge "$1"; }
expect_n() { "$TCOP" decode eve -q "$@" 2>/dev/null | wc -l; }

chunk 1 100 > "$F"
bg "$TCOP" record --feed "$URL" --out "$T/cap" -q 2> "$T/record.err"
feed() {
	bg "$TCOP" feed cyber --listen "$URL" --wait-subscribers 1 --linger 0 \
	    --eve "$F" --follow --state "$T/state" --assets "$D/assets.json" 2>> "$T/feed.err"
	FEED=$BG_PID
}
feed
n1=$(expect_n "$F")
check "first lines published ($n1 alerts)" wait_for 10 have "$n1"

chunk 101 330 >> "$F"
n2=$((n1 + $(chunk 101 330 | expect_n -)))
check "appended lines published ($n2)" wait_for 10 have "$n2"

mv "$F" "$F.1"
chunk 331 380 >> "$F.1"    # the writer still has the old file open
sleep 0.3
chunk 381 560 > "$F"        # then reopens: a new file
n3=$((n2 + $(chunk 331 560 | expect_n -)))
check "lines across rotation published ($n3)" wait_for 10 have "$n3"

sleep 0.3
: > "$F"                    # copytruncate
sleep 0.5
chunk 561 600 > "$F"
n4=$((n3 + $(chunk 561 600 | expect_n -)))
check "lines after truncation published ($n4)" wait_for 10 have "$n4"

kill "$FEED"; wait "$FEED" 2>/dev/null
check "the state file is written on exit" grep -q '^tcop-follow 1 ' "$T/state"
chunk 601 855 >> "$F"       # written while the feed is down
feed
n5=$((n4 + $(chunk 601 855 | expect_n -)))
check "restart: 11 alerts written while stopped" test "$((n5 - n4))" -eq 11
check "lines written while stopped published after restart ($n5)" wait_for 15 have "$n5"
sleep 1
kill "$FEED"; wait "$FEED" 2>/dev/null

# Exactly once: the recorded alerts are the decoded ones, no more, no less.
"$TCOP" decode eve -q --assets "$D/assets.json" "$EVE" |
    jq -r '"\(.t) \(.signature_id) \(.signature) \(.flow_id) \(.src_ip) \(.asset)"' | sort > "$T/want"
grep ' cyber/alert ' "$T/cap" | cut -d' ' -f3- |
    jq -r '"\(.t) \(.signature_id) \(.signature) \(.flow_id) \(.src_ip) \(.asset)"' | sort > "$T/got"
check "all 86 alerts recorded" test "$(wc -l < "$T/got")" -eq 86
check "every alert published exactly once" cmp -s "$T/want" "$T/got"
check "the feed saw the rotation and the truncation" grep -q "1 rotations, 1 truncations" "$T/feed.err"
finish
