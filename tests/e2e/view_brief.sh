#!/bin/sh
# view_brief.sh: a briefing in real terminals (a private tmux server).
# One relay (`tcop relay --ingest`) and three viewers of one demo capture:
# alice briefs (120x40, --annotate to the ingest), bob follows her from
# the start (--follow alice, 120x40), carol (80x24, LANG=C TERM=vt100)
# follows with V and Enter (the last briefer seen). Alice shares her view
# (v), picks a region, zooms, seeks, plays and pauses, selects an
# incident: the followers' status lines show the same region, span and
# replay time, and their detail panes the same incident. A key stops
# bob's following: alice's next move leaves him where he is. Then alice
# drops a bookmark (K) in the replay: the time bar gets a tick, alice
# moves away in time and space, and Enter on the bookmarks list (B)
# brings back the time, the region and the zoom; bob lists her bookmark
# and jumps to it too; on his map it shows from its time on (not at 12:05
# after a seek back, again at 12:11). Every viewer quits 0, nothing on
# stderr.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { ok "tmux not installed: skipped"; finish; }
SOCK="tcop-brief-$$"
tm() { tmux -u -L "$SOCK" -f /dev/null "$@"; }
shot() { tm capture-pane -p -t "$1"; }
has() { shot "$1" | grep -q -- "$2"; }
hasnt() { ! shot "$1" | grep -q -- "$2"; }
# The replay time on the deck's bar: "12:10:00Z 0:10:00/0:19:59".
when() { shot "$1" | grep -o '[0-9:]*Z [0-9:]*/[0-9:]*' | head -1; }
# On the map (left of the side panel, above the status rows) of a 120x40.
onmap() { shot "$1" | head -n 36 | cut -c1-72 | grep -q -- "$2"; }
same_when() { [ -n "$(when "$1")" ] && [ "$(when "$1")" = "$(when "$2")" ]; }
trap 'tm kill-server 2>/dev/null; _cleanup' EXIT INT TERM

"$TCOP" demo --no-view --speed max --duration 20m --seed 7 \
	--record "$T/demo.cap" > "$T/demo.out" 2>&1
check "the demo capture is made" test -s "$T/demo.cap"

ingest="tcp://127.0.0.1:$(free_port)"
hub="tcp://127.0.0.1:$(free_port)"
bg "$TCOP" relay --ingest "$ingest" --listen "$hub" 2> "$T/relay.err"

viewer() { # SESSION NAME ENV OPTIONS...
	s=$1 n=$2 e=$3; shift 3
	tm new-window -d -t "$s" -n "$n" \
		"env ASAN_OPTIONS='$ASAN_OPTIONS' $e '$TCOP' view --no-mouse --name $n --paused --replay '$T/demo.cap' $* 2>'$T/$n.err'; echo \$? > '$T/$n.rc'; sleep 60"
}
tm new-session -d -x 120 -y 40 -s big -n idle "sleep 300"
tm new-session -d -x 80 -y 24 -s small -n idle "sleep 300"
U8="LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen"
viewer big alice "$U8" --region japan --annotate "$ingest"
viewer big bob "$U8" --region wpac --feed "$hub" --follow alice
viewer small carol "LANG=C LC_ALL=C TERM=vt100" --region wpac --feed "$hub"
A=big:alice B=big:bob C=small:carol
for w in $A $B $C; do
	check "$w opens paused at the start" wait_for 30 has "$w" "0:00:00/0:19:59 1x pause"
done
check "bob says whom he follows" has $B "following alice"

# ---- follow the briefer ---------------------------------------------------
tm send-keys -t $A v
check "alice: v shares her view" wait_for 5 has $A "sharing view as alice on"
sleep 3 # a keep-alive reaches carol: alice is the last briefer seen
tm send-keys -t $C V
check "carol: V asks whom to follow, alice by default" \
	wait_for 5 has $C "follow (Enter: alice): _"
tm send-keys -t $C Enter
check "carol: following alice" wait_for 5 has $C "following alice"
tm send-keys -t $A 6
for w in $B $C; do
	check "$w: alice's region (tsushima, span 3)" \
		wait_for 10 has "$w" "span 3.00 | tsushima |"
done
tm send-keys -t $A +
for w in $B $C; do
	check "$w: alice's zoom (span 1.50)" wait_for 10 has "$w" "span 1.50 | tsushima |"
done
tm send-keys -t $A g 1 2 : 0 5 Enter
for w in $B $C; do
	check "$w: alice's seek (12:05:00)" wait_for 10 has "$w" "12:05:00Z 0:05:00/0:19:59"
done
tm send-keys -t $A ']' ']' ' '
for w in $B $C; do
	check "$w: alice plays at 5x" wait_for 10 has "$w" "5x play"
done
sleep 2
tm send-keys -t $A ' '
check "alice pauses" wait_for 5 has $A "5x pause"
for w in $B $C; do
	check "$w: paused at alice's very time" wait_for 10 same_when $A "$w"
done
tm send-keys -t $A I j j
for w in $B $C; do
	check "$w: alice's list and selection" wait_for 10 has "$w" "INCIDENTS"
done
sleep 2
tm send-keys -t $A Enter
check "alice: the detail of her incident" wait_for 5 has $A "| incident inc:"
inc=$(shot $A | grep -o 'incident inc:[0-9a-f]*' | head -1)
tm send-keys -t $B x
check "bob: a key stops following, and says so" wait_for 5 has $B "stopped following alice"
tm send-keys -t $B Enter
check "bob: the same incident selected ($inc)" wait_for 5 has $B "$inc"
check "carol: still following" has $C "following alice"
tm send-keys -t $C x Enter
check "carol (80x24): the same incident selected" wait_for 5 has $C "${inc%????????}"
tm send-keys -t $B 1
check "bob: on wpac of his own" wait_for 5 has $B "span 70.00 | wpac |"
tm send-keys -t $A 6
check "alice back on tsushima" wait_for 5 has $A "span 3.00 | tsushima |"
sleep 3
check "bob, no longer following, stays on wpac" has $B "span 70.00 | wpac |"

# ---- bookmarks --------------------------------------------------------------
tm send-keys -t $A g 1 2 : 1 0 Enter
check "alice at 12:10" wait_for 5 has $A "12:10:00Z 0:10:00/0:19:59"
tm send-keys -t $A K
check "alice: K asks for the bookmark's text" wait_for 5 has $A "bookmark text: _"
tm send-keys -t $A -l "tsushima at ten"
tm send-keys -t $A Enter
check "alice: the bookmark is published" \
	wait_for 5 has $A 'published: bookmark "tsushima'
check "alice: a tick on the time bar at 12:10" \
	wait_for 5 sh -c "tmux -u -L '$SOCK' capture-pane -p -t $A | grep -q 'replay \\[#*|-*\\] 12:10:00Z'"
tm send-keys -t $A 1 '}'
check "alice moves away: wpac, the end" wait_for 10 has $A "0:19:59/0:19:59 5x pause end"
check "alice: on wpac" has $A "span 70.00 | wpac |"
tm send-keys -t $A B
check "alice: the bookmarks list holds hers" \
	wait_for 5 has $A "12:10:00 book alice    tsushima tsushima at"
tm send-keys -t $A Enter
check "alice: Enter jumps back to 12:10" wait_for 10 has $A "12:10:00Z 0:10:00/0:19:59"
check "alice: on tsushima at span 3" has $A "span 3.00 | tsushima |"
check "alice: says where she is, and still shares" has $A ' sharing | .*at bookmark "tsushima'
tm send-keys -t $B B
check "bob lists alice's bookmark" wait_for 10 has $B "12:10:00 book alice    tsushima tsushima at"
tm send-keys -t $B Enter
check "bob jumps to it: 12:10, tsushima, span 3" \
	wait_for 10 sh -c "tmux -u -L '$SOCK' capture-pane -p -t $B | grep -q '12:10:00Z 0:10:00/0:19:59' &&
	    tmux -u -L '$SOCK' capture-pane -p -t $B | grep -q 'span 3.00 | tsushima |'"
check "bob: the bookmark on his map at 12:10" onmap $B "tsushima at ten"
tm send-keys -t $B g 1 2 : 0 5 Enter
check "bob at 12:05 (back: a rebuild): not on the map before its time" \
	wait_for 10 sh -c "tmux -u -L '$SOCK' capture-pane -p -t $B | grep -q '12:05:00Z 0:05:00/' &&
	    ! tmux -u -L '$SOCK' capture-pane -p -t $B | head -n 36 | cut -c1-72 | grep -q 'tsushima at ten'"
tm send-keys -t $B g 1 2 : 1 1 Enter
check "bob at 12:11: on the map again" \
	wait_for 10 sh -c "tmux -u -L '$SOCK' capture-pane -p -t $B | grep -q '12:11:00Z 0:11:00/' &&
	    tmux -u -L '$SOCK' capture-pane -p -t $B | head -n 36 | cut -c1-72 | grep -q 'tsushima at ten'"
tm send-keys -t $A '?'
check "alice: the help lists the briefing keys" \
	wait_for 5 sh -c "tmux -u -L '$SOCK' capture-pane -p -t $A | grep -q 'share this view' &&
	    tmux -u -L '$SOCK' capture-pane -p -t $A | grep -q 'bookmark time, view'"
tm send-keys -t $A '?'
for w in $A $B $C; do shot "$w" > "$T/${w#*:}.txt"; tm send-keys -t "$w" q; done
quit0() { for n in alice bob carol; do [ "$(cat "$T/$n.rc" 2>/dev/null)" = 0 ] || return 1; done; }
check "the three viewers quit cleanly" wait_for 10 quit0
"$TCOP" view --follow alice --replay "$T/demo.cap" > /dev/null 2> "$T/nofeed.err"
check "--follow without a --feed is a usage error (exit 2) that says why" \
	sh -c "test $? -eq 2 && grep -q 'follow alice: a briefer.s views arrive on a --feed' '$T/nofeed.err'"
check "nothing on their stderr" sh -c "! test -s '$T/alice.err' && ! test -s '$T/bob.err' && ! test -s '$T/carol.err'"
finish
