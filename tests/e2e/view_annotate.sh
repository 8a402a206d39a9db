#!/bin/sh
# view_annotate.sh: shared acknowledgements and marks. One relay hub
# (`tcop relay --ingest`) forwards a scenario capture (a dark-vessel
# incident, pic_scenarios.py) and the viewers' annotations; two viewers in
# one tmux server subscribe to it over mutual TLS. Viewer A acknowledges
# the incident and drops a mark; viewer B shows the incident acknowledged
# and the mark. Before that, a viewer without a client certificate tries
# to publish an ack into the TLS ingest: nothing gets through. The hub
# filters (--max-cls S), so the annotations pass only because the viewer
# marks them with its picture's marking (unmarked ones would be dropped).
. "$(dirname "$0")/lib.sh"
here=$(dirname "$0")
command -v tmux >/dev/null || { ok "tmux not installed: skipped"; finish; }
tmux_private vann
has() { pane_has "$@"; }     # has WINDOW RE
hasnt() { pane_hasnt "$@"; }

tls_certs
check "openssl made a CA and two certificates" test -s "$T/server.pem" -a -s "$T/client.pem"
python3 "$here/pic_scenarios.py" "$T" > /dev/null
CAP="$T/dark.cap"

viewer() { # NAME OPTIONS...: a 120x40 viewer in a window of its own
	n=$1; shift
	tm new-window -d -n "$n" \
		"env ASAN_OPTIONS='$ASAN_OPTIONS' LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen USER=$n '$TCOP' view --no-mouse --region japan $* 2>'$T/$n.err'; echo \$? > '$T/$n.rc'; sleep 60"
}
tm new-session -d -x 120 -y 40 -s va -n idle "sleep 300"

feed="tcp://127.0.0.1:$(free_port)"
hub="tls+tcp://127.0.0.1:$(free_port)"
ingest="tls+tcp://127.0.0.1:$(free_port)"
# shellcheck disable=SC2086
bg "$TCOP" relay --feed "$feed" --ingest "$ingest" --listen "$hub" --max-cls S $SRV \
	--require-client-cert --wait-subscribers 2 2> "$T/relay.err"
relay=$BG_PID
bg "$TCOP" replay --listen "$feed" --speed max --wait-subscribers 1 --linger 120 \
	"$CAP" 2> "$T/replay.err"
viewer alice --feed "$hub" --annotate "$ingest" $CLI
viewer bob --feed "$hub" $CLI
check "both viewers show the dark-vessel incident open" \
	wait_for 30 sh -c "tmux -u -L '$SOCK' capture-pane -p -t va:alice | grep -q 'dark-vessel *open' &&
	    tmux -u -L '$SOCK' capture-pane -p -t va:bob | grep -q 'dark-vessel *open'"
check "alice's annotation feed is up" wait_for 10 has va:alice "annotate up"

# ---- a publisher without a client certificate cannot inject ------------
viewer mallory --replay "$CAP" --annotate "$ingest" --ca "$T/ca.pem"
check "mallory (no client certificate) sees the incident from the capture" \
	wait_for 20 has va:mallory "dark-vessel *open"
sleep 2
check "mallory's annotation feed stays down" has va:mallory "annotate DOWN"
tm send-keys -t va:mallory I a
check "mallory's ack is applied only on mallory's screen, NOT published" \
	wait_for 5 has va:mallory "NOT published"
sleep 2
check "bob still shows the incident open" has va:bob "dark-vessel *open"

# ---- alice acknowledges and marks; bob sees both --------------------------
tm send-keys -t va:alice I a
check "alice: the ack is published" wait_for 5 has va:alice "published: acknowledged inc:"
check "bob shows the incident acknowledged" wait_for 10 has va:bob "dark-vessel *ack"
tm send-keys -t va:alice m
tm send-keys -t va:alice -l "tanker no AIS"
check "alice: m prompts for the mark's text on the status line" \
	wait_for 5 has va:alice "mark text: tanker no AIS_"
tm send-keys -t va:alice Enter
check "alice: the mark is published" wait_for 5 has va:alice 'published: marked "tanker no AIS"'
tm send-keys -t va:bob E
check "bob lists alice's mark among the events" wait_for 10 has va:bob "mark:alice-"
tm send-keys -t va:bob Enter
check "bob's detail of the mark: alice's text, on the incident, at its position" \
	wait_for 10 sh -c "tmux -u -L '$SOCK' capture-pane -p -t va:bob | grep -q 'text: \"tanker no AIS\"' &&
	    tmux -u -L '$SOCK' capture-pane -p -t va:bob | grep -q 'by: \"alice\"' &&
	    tmux -u -L '$SOCK' capture-pane -p -t va:bob | grep -q 'ref: \"inc:' &&
	    tmux -u -L '$SOCK' capture-pane -p -t va:bob | grep -q 'lat: 33.20000'"
check "bob's detail of the mark: marked U, as alice's picture was" has va:bob "cls U"

# ---- a note on the incident: no position, listed in its detail ----------
tm send-keys -t va:alice I '\;'
check "alice: ; prompts for the note's text" wait_for 5 has va:alice "note text: _"
tm send-keys -t va:alice -l "escort tasked"
tm send-keys -t va:alice Enter
check "alice: the note is published on the incident" \
	wait_for 5 has va:alice 'published: noted "escort tasked" on inc:'
tm send-keys -t va:bob I
check "bob's detail of the incident lists alice's note and mark" \
	wait_for 10 sh -c "tmux -u -L '$SOCK' capture-pane -p -t va:bob | grep -q 'note alice: escort tasked' &&
	    tmux -u -L '$SOCK' capture-pane -p -t va:bob | grep -q 'mark alice: tanker no AIS'"
tm send-keys -t va:bob '\;'
check "bob: ; prompts for a note" wait_for 5 has va:bob "note text: _"
tm send-keys -t va:bob -l "x"
tm send-keys -t va:bob Escape
check "bob: Esc cancels the note (nothing published)" wait_for 5 has va:bob "note: cancelled"
tm capture-pane -p -t va:bob > "$T/bob.txt"; tm capture-pane -p -t va:alice > "$T/alice.txt"
for n in alice bob mallory; do tm send-keys -t "va:$n" q; done
quit0() { for n in alice bob mallory; do [ "$(cat "$T/$n.rc" 2>/dev/null)" = 0 ] || return 1; done; }
check "the three viewers quit cleanly" wait_for 10 quit0
kill -TERM "$relay"; wait "$relay"
check "the relay took exactly alice's three annotations from the ingest" \
	grep -q "$ingest: .*received 3, lost 0, rejected 0" "$T/relay.err"
check "and forwarded them with the capture's events" grep -q "dropped 0" "$T/relay.err"

"$TCOP" relay --ingest "tls+tcp://127.0.0.1:$(free_port)" --listen "tcp://127.0.0.1:$(free_port)" \
	> /dev/null 2> "$T/noca.err"
check "a TLS ingest without --cert/--ca is a usage error (exit 2)" \
	sh -c "test $? -eq 2 && grep -q 'needs --cert, --key and --ca' '$T/noca.err'"
finish
