#!/bin/sh
# view_deck.sh: the replay deck of `tcop view --replay` in a real terminal
# (a private tmux server, 120x40): a 30-minute demo capture opened paused,
# then the keys, each checked on the time bar of the status line
# ("replay [###---] HH:MM:SSZ POS/SPAN SPEED play|pause"): speed up and
# down, seek by a minute and an hour (clamped to the span, and back, which
# rebuilds the picture), play and pause, the next incident, a typed time,
# step; q exits 0.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { ok "tmux not installed: skipped"; finish; }
SOCK="tcop-deck-$$"
tm() { tmux -u -L "$SOCK" -f /dev/null "$@"; }
shot() { tm capture-pane -p -t v; }
has() { shot | grep -q -- "$1"; }
bar() { shot | grep -o 'replay \[.*'; }
trap 'tm kill-server 2>/dev/null; _cleanup' EXIT INT TERM

"$TCOP" demo --no-view --speed max --duration 30m --seed 7 \
	--record "$T/demo.cap" > "$T/demo.out" 2>&1
check "the demo capture is made" test -s "$T/demo.cap"

tm new-session -d -x 120 -y 40 -s v \
	"env TCOP='$TCOP' ASAN_OPTIONS='$ASAN_OPTIONS' LANG=C.UTF-8 LC_ALL=C.UTF-8 sh -c '\"\$TCOP\" view --no-mouse --paused --region wpac --replay $T/demo.cap 2>$T/view.err; echo \$? > $T/rc'; sleep 30"
check "opens paused at the start, 1x, the span on the bar" \
	wait_for 20 has "12:00:00Z 0:00:00/0:29:59 1x pause"
tm send-keys -t v ']' ']'
check "] ] : 5x" wait_for 5 has "0:00:00/0:29:59 5x pause"
tm send-keys -t v '['
check "[ : 2x" wait_for 5 has "0:00:00/0:29:59 2x pause"
tm send-keys -t v '>'
check "> : a minute on" wait_for 5 has "12:01:00Z 0:01:00/0:29:59 2x pause"
tm send-keys -t v '}'
check "} : an hour on, clamped at the end" wait_for 10 has "0:29:59/0:29:59 2x pause end"
tm send-keys -t v '{'
check "{ : an hour back, clamped at the start (a rebuild)" \
	wait_for 10 has "12:00:00Z 0:00:00/0:29:59 2x pause"
tm send-keys -t v ' '
check "space: plays, the position moves" \
	wait_for 10 sh -c "tmux -u -L '$SOCK' capture-pane -p -t v | grep -q '0:00:0[2-9]/0:29:59 2x play'"
tm send-keys -t v ' '
check "space: pauses" wait_for 5 has "2x pause"
tm send-keys -t v I n
check "n: to the next incident, on the incidents list" \
	wait_for 10 sh -c "tmux -u -L '$SOCK' capture-pane -p -t v | grep -q 'INCIDENTS [1-9]'"
check "n: the position moved past the start" \
	sh -c "tmux -u -L '$SOCK' capture-pane -p -t v | grep 'replay \\[' | grep -vq ' 0:00:0[0-9]/'"
tm send-keys -t v g 1 2 : 1 0 Enter
check "g 12:10: the typed time" wait_for 10 has "12:10:00Z 0:10:00/0:29:59 2x pause"
tm send-keys -t v N
check "N: back to an earlier incident" \
	wait_for 10 sh -c "tmux -u -L '$SOCK' capture-pane -p -t v | grep 'replay \\[' | grep -vq '12:10:00Z'"
tm send-keys -t v g 1 2 : 1 0 Enter .
check ". : one event on, still paused" \
	wait_for 10 sh -c "tmux -u -L '$SOCK' capture-pane -p -t v | grep -q '12:10:00Z 0:10:00/0:29:59 2x pause' && ! tmux -u -L '$SOCK' capture-pane -p -t v | grep -q 'go to'"
bar > "$T/bar.txt"
tm send-keys -t v q
check "q exits 0" wait_for 10 sh -c "test \"\$(cat '$T/rc' 2>/dev/null)\" = 0"
check "nothing on stderr" sh -c "! test -s '$T/view.err'"
finish
