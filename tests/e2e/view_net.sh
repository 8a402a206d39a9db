#!/bin/sh
# view_net.sh: `tcop view` on the network, in a private tmux server: a
# viewer holding a client certificate sees a tls+tcp:// feed that requires
# one, a viewer without one sees nothing; --max-cls U withholds the
# CONFIDENTIAL alert (counted in the status line) and shows the rest,
# unmarked events included. Certificates come from a throwaway openssl CA.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { ok "tmux not installed: skipped"; finish; }
tmux_private vnet
has() { pane_has "$@"; }     # has WINDOW RE
hasnt() { pane_hasnt "$@"; }
EV="$TCOP_DATA/view/events.txt"

tls_certs
check "openssl made a CA and two certificates" test -s "$T/server.pem" -a -s "$T/client.pem"

# viewer NAME OPTIONS...: a viewer in a 120x40 window of its own
viewer() {
	n=$1; shift
	tm new-window -d -n "$n" \
		"env ASAN_OPTIONS='$ASAN_OPTIONS' LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen '$TCOP' view --no-mouse --region tsushima $* 2>'$T/$n.err'; echo \$? > '$T/$n.rc'; sleep 30"
}
tm new-session -d -x 120 -y 40 -s vn -n idle "sleep 120"

# ---- TLS: a certificate holder sees the feed, a viewer without one not ----
url="tls+tcp://127.0.0.1:$(free_port)"
# shellcheck disable=SC2086
bg "$TCOP" feed jsonl --listen "$url" $SRV --require-client-cert \
	--wait-subscribers 1 --linger 60 -q "$EV" 2> "$T/feed.err"
viewer nocert --feed "$url" --ca "$T/ca.pem"
viewer good --feed "$url" $CLI
check "TLS: the viewer with a client certificate shows the incident" \
	wait_for 20 has vn:good "high dark-vessel *open"
check "TLS: its feed is up with nothing lost or rejected" \
	wait_for 5 has vn:good "up .* lost 0 rej 0"
check "TLS: the banner is the alert's CONFIDENTIAL" has vn:good "CONFIDENTIAL//REL TO USA, JPN"
sleep 1
check "TLS: the viewer without a client certificate shows nothing" \
	sh -c "tmux -u -L '$SOCK' capture-pane -p -t vn:nocert | grep -q 'INCIDENTS 0'"
check "TLS: ... and its feed is not up" has vn:nocert "DOWN"
tm send-keys -t vn:good q
tm send-keys -t vn:nocert q
check "TLS: both viewers quit cleanly" \
	wait_for 10 sh -c "test \"\$(cat '$T/good.rc' 2>/dev/null)\" = 0 && test \"\$(cat '$T/nocert.rc' 2>/dev/null)\" = 0"

# ---- --max-cls U: the C alert withheld, the unmarked note shown ----------
url="ipc://$T/cls.ipc"
bg "$TCOP" feed jsonl --listen "$url" --wait-subscribers 1 --linger 60 -q "$EV" 2> "$T/feed2.err"
viewer cls --feed "$url" --max-cls U
check "--max-cls U: the status line counts the withheld alert" \
	wait_for 20 has vn:cls "withheld 1 above U"
tm send-keys -t vn:cls E
check "--max-cls U: seven events listed, the unmarked note among them" \
	wait_for 5 sh -c "tmux -u -L '$SOCK' capture-pane -p -t vn:cls | grep -q 'EVENTS 7' &&
	    tmux -u -L '$SOCK' capture-pane -p -t vn:cls | grep -q 'note:1'"
check "--max-cls U: no trace of the alert" hasnt vn:cls "asset:tsushima-gs"
check "--max-cls U: the banner says UNCLASSIFIED" has vn:cls "UNCLASSIFIED"
check "--max-cls U: no CONFIDENTIAL anywhere" hasnt vn:cls "CONFIDENTIAL"
tm send-keys -t vn:cls q
check "--max-cls U: q exits 0" wait_for 10 sh -c "test \"\$(cat '$T/cls.rc' 2>/dev/null)\" = 0"
"$TCOP" view --max-cls SECRET --feed "$url" > /dev/null 2> "$T/badcls.err"
check "--max-cls SECRET is a usage error (exit 2) naming the value" \
	sh -c "test $? -eq 2 && grep -q SECRET '$T/badcls.err'"
finish
