#!/bin/sh
# demo_view.sh: `tcop demo --speed 60` with its viewer, in a private tmux
# server at 120x40: the banner changes from the first marking it shows to
# SECRET as the scenario's markings arrive; ships and satellites are on the
# map; the incidents pane lists at least five different rules within a
# bounded time; q quits the viewer and the scenario with exit status 0.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { ok "tmux not installed: skipped"; finish; }
cd "$TCOP_ROOT" || exit 1
SOCK="tcop-demo-$$"
tm() { tmux -u -L "$SOCK" -f /dev/null "$@"; }
shot() { tm capture-pane -p -t v; }
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; _cleanup' EXIT INT TERM

tm new-session -d -x 120 -y 40 -s v \
    "LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$TCOP' demo --speed 60 --seed 7 2>'$T/demo.err'; echo DEMO-RC=\$? > '$T/rc'; sleep 60"
first=""
wait_for 30 sh -c "tmux -u -L '$SOCK' capture-pane -p -t v | grep -q 'INCIDENTS'"
first=$(shot | head -1)
rules="pnt-disruption campaign identity-conflict cyber-to-space maneuver conjunction dark-vessel ais-jump ais-gap rendezvous"
count_rules() {
	s=$(shot); n=0
	for r in $rules; do
		printf '%s\n' "$s" | grep -q -- " $r " && n=$((n + 1))
	done
	echo $n
}
n=0
for i in $(seq 1 90); do
	n=$(count_rules)
	[ "$n" -ge 5 ] && break
	sleep 0.5
done
shot > "$T/screen.txt"
check "the incidents pane lists >= 5 rules ($n)" test "$n" -ge 5
check "the banner says SECRET" grep -q "SECRET" "$T/screen.txt"
check "the banner changed since the first frame ($first)" \
	sh -c "! printf '%s' '$first' | grep -q SECRET"
check "the status line shows the three demo feeds" \
	grep -q "inproc://tcop-demo/maritime" "$T/screen.txt"
check "ships are on the map (course arrows)" grep -q '[↗↘↙↖→←↑↓]' "$T/screen.txt"
tm send-keys -t v S
sleep 1
check "the satellites list is not empty" sh -c \
	"tmux -u -L '$SOCK' capture-pane -p -t v | grep -Eq 'ALOS|ISS|QPS|HAWK|STARLINK|COSMO'"
tm send-keys -t v q
wait_for 10 test -s "$T/rc"
check "q stops the viewer and the scenario, exit 0" grep -q "DEMO-RC=0" "$T/rc"
finish
